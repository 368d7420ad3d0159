using System;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Text;
using Pipeline.Analyzers;
using Pipeline.Generators.Validation;

namespace Pipeline.CodeFixes;

/// <summary>
/// Out-of-range <c>[GlueJob]</c> values replaced by the nearest valid one, with the limits the analyzers check
/// (<see cref="JobSettings"/>, linked from the generator): PIPE002 timeout → 10079, PIPE004 workers → clamped into
/// 2..max for the job's worker type, PIPE008 Glue version → each supported version offered.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(JobSettingsFixer)), Shared]
public sealed class JobSettingsFixer : CodeFixProvider
{
    private static readonly string[] WorkerTypes = { "G.1X", "G.2X", "G.4X", "G.8X" };

    public override ImmutableArray<string> FixableDiagnosticIds { get; } =
        ImmutableArray.Create(DiagnosticIds.TimeoutTooLong, DiagnosticIds.WorkersOutOfRange, DiagnosticIds.UnsupportedGlueVersion);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Argument(model, diagnostic.Location.SourceSpan, context.CancellationToken) is not { } argument)
            {
                continue;
            }

            foreach (var (title, replacement) in Replacements(diagnostic.Id, argument, model, context.CancellationToken))
            {
                // Clamping is one kind of fix whatever the value, so fix-all clamps every job; each Glue version is its own.
                var equivalenceKey = diagnostic.Id == DiagnosticIds.UnsupportedGlueVersion ? title : nameof(JobSettingsFixer) + "." + diagnostic.Id;
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => ReplaceAsync(context.Document, diagnostic.Location.SourceSpan, replacement, ct), equivalenceKey),
                    diagnostic);
            }
        }
    }

    /// <summary>The value of <c>Name = value</c> the diagnostic is reported on.</summary>
    private static ExpressionSyntax? Argument(SemanticModel model, TextSpan span, CancellationToken cancellationToken) =>
        model.SyntaxTree.GetRoot(cancellationToken).FindNode(span, getInnermostNodeForTie: true) is ExpressionSyntax { Parent: AttributeArgumentSyntax { NameEquals: not null } } expression
            ? expression
            : null;

    private static (string Title, ExpressionSyntax Replacement)[] Replacements(string id, ExpressionSyntax value, SemanticModel model, CancellationToken cancellationToken)
    {
        switch (id)
        {
            case DiagnosticIds.TimeoutTooLong:
                return new[] { ($"Set TimeoutMinutes = {JobSettings.MaximumTimeoutMinutes} (the maximum)", Number(JobSettings.MaximumTimeoutMinutes)) };

            case DiagnosticIds.WorkersOutOfRange when model.GetConstantValue(value, cancellationToken) is { HasValue: true, Value: int workers }:
                var attribute = value.FirstAncestorOrSelf<AttributeSyntax>();
                var workerTypeArgument = attribute?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == "WorkerType");
                var workerTypeIndex = workerTypeArgument is null ? 0 : model.GetConstantValue(workerTypeArgument.Expression, cancellationToken).Value as int? ?? -1;
                if (workerTypeIndex < 0 || workerTypeIndex >= WorkerTypes.Length)
                {
                    return Array.Empty<(string, ExpressionSyntax)>();
                }

                var clamped = Math.Max(JobSettings.MinimumWorkers, Math.Min(workers, JobSettings.MaximumWorkers(WorkerTypes[workerTypeIndex])));
                return clamped == workers
                    ? Array.Empty<(string, ExpressionSyntax)>()
                    : new[] { ($"Set Workers = {clamped.ToString(CultureInfo.InvariantCulture)}", Number(clamped)) };

            case DiagnosticIds.UnsupportedGlueVersion:
                return JobSettings.SupportedGlueVersions
                    .Select(v => ($"Use Glue {v}", (ExpressionSyntax)SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(v))))
                    .ToArray();

            default:
                return Array.Empty<(string, ExpressionSyntax)>();
        }
    }

    private static ExpressionSyntax Number(int value) => SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value));

    private static async Task<Document> ReplaceAsync(Document document, TextSpan span, ExpressionSyntax replacement, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (editor.OriginalRoot.FindNode(span, getInnermostNodeForTie: true) is ExpressionSyntax original)
        {
            editor.ReplaceNode(original, replacement.WithTriviaFrom(original));
        }

        return editor.GetChangedDocument();
    }
}

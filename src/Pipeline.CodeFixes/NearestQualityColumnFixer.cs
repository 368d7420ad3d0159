using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Pipeline.Analyzers;
using Pipeline.CodeFixes.Support;

namespace Pipeline.CodeFixes;

/// <summary>
/// PIPE022 ("did you mean"): a <c>[Quality("…")]</c> rule names a column the stage's record does not have. Replaces the
/// name inside the string with the nearest column name of the record (snake_case or <c>[Column]</c>; a property name
/// written instead of its column name counts as distance 0). Only when the analyzer could point inside a plain literal.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NearestQualityColumnFixer)), Shared]
public sealed class NearestQualityColumnFixer : CodeFixProvider
{
    private const string EquivalenceKey = nameof(NearestQualityColumnFixer);

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnknownQualityColumn);

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
            var span = diagnostic.Location.SourceSpan;
            if (Nearest(model, span, context.CancellationToken) is { } column)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Use column '{column}'", ct => ReplaceAsync(context.Document, span, column, ct), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, TextSpan span, string column, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return document.WithText(text.WithChanges(new TextChange(span, column)));
    }

    private static string? Nearest(SemanticModel model, TextSpan span, CancellationToken cancellationToken)
    {
        var token = model.SyntaxTree.GetRoot(cancellationToken).FindToken(span.Start);
        if (!token.IsKind(SyntaxKind.StringLiteralToken) || token.Text.StartsWith("@", StringComparison.Ordinal)
            || span.Start <= token.SpanStart || span.End >= token.Span.End
            || token.Parent?.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
            || model.GetDeclaredSymbol(method, cancellationToken) is not { ReturnType: INamedTypeSymbol { TypeArguments.Length: 1 } dataset }
            || dataset.TypeArguments[0] is not INamedTypeSymbol record)
        {
            return null; // the analyzer reported the whole argument: no exact name to replace
        }

        var name = model.SyntaxTree.GetText(cancellationToken).ToString(span);
        if (name.Contains('\\') || name.Contains('"'))
        {
            return null;
        }

        var columns = record.GetMembers().OfType<IPropertySymbol>()
            .Where(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic && !p.IsIndexer)
            .Select(p => (Property: p.Name, Column: Names.ColumnName(p)))
            .ToList();
        if (columns.Count == 0 || columns.Any(c => c.Column == name))
        {
            return null;
        }

        var normalized = Names.Normalize(name);
        var best = columns
            .Select(c => (c.Column, Distance: Math.Min(Names.Distance(normalized, Names.Normalize(c.Column)), Names.Distance(normalized, Names.Normalize(c.Property)))))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Column, StringComparer.Ordinal)
            .First();
        return Names.IsClose(best.Distance, normalized, best.Column) ? best.Column : null;
    }
}

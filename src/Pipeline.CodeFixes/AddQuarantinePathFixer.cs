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
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Text;
using Pipeline.Analyzers;
using Pipeline.Generators.Validation;

namespace Pipeline.CodeFixes;

/// <summary>
/// PIPE104: a Quarantine action without a path gets <c>QuarantinePath = "s3://&lt;sink bucket&gt;/quarantine/&lt;sink key&gt;"</c>,
/// beside the sink it guards: the same bucket (so the same zone, key and access rules) under a <c>quarantine/</c>
/// prefix that no sink of the bucket is likely to read. Offered only when the stage's <c>[S3Sink]</c> path is a constant
/// <c>s3://bucket/key</c>; otherwise the user has to choose.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddQuarantinePathFixer)), Shared]
public sealed class AddQuarantinePathFixer : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.QuarantineWithoutPath);

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
            if (Target(model, diagnostic.Location.SourceSpan, context.CancellationToken) is not { Path: var path })
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Set QuarantinePath = \"{path}\"",
                    ct => FixAsync(context.Document, diagnostic.Location.SourceSpan, ct),
                    equivalenceKey: nameof(AddQuarantinePathFixer)),
                diagnostic);
        }
    }

    /// <summary>The <c>[OnQualityFailure]</c> attribute at the span and the quarantine path derived from its stage's sink.</summary>
    private static (AttributeSyntax Attribute, string Path)? Target(SemanticModel model, TextSpan span, CancellationToken cancellationToken)
    {
        var node = model.SyntaxTree.GetRoot(cancellationToken).FindNode(span, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute
            || attribute.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member)
        {
            return null;
        }

        foreach (var other in member.AttributeLists.SelectMany(l => l.Attributes))
        {
            if (model.GetSymbolInfo(other, cancellationToken).Symbol?.ContainingType.ToDisplayString() == "Pipeline.Dsl.S3SinkAttribute"
                && other.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null) is { } pathArgument
                && model.GetConstantValue(pathArgument.Expression, cancellationToken) is { HasValue: true, Value: string sink }
                && QuarantinePath(sink) is { } quarantine)
            {
                return (attribute, quarantine);
            }
        }

        return null;
    }

    /// <summary>s3://bucket/key/ → s3://bucket/quarantine/key/; null for a sink path that is not a valid S3 URI (PIPE038's).</summary>
    public static string? QuarantinePath(string sink)
    {
        if (!S3Uri.TryParse(sink, out var bucket, out var key))
        {
            return null;
        }

        key = key.Trim('/');
        return $"s3://{bucket}/quarantine/{(key.Length == 0 ? "" : key + "/")}";
    }

    private static async Task<Document> FixAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (Target(editor.SemanticModel, span, cancellationToken) is { } target)
        {
            var argument = SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("QuarantinePath")),
                nameColon: null,
                SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(target.Path)));
            var list = target.Attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
            editor.ReplaceNode(target.Attribute, target.Attribute.WithArgumentList(list.AddArguments(argument)));
        }

        return editor.GetChangedDocument();
    }
}

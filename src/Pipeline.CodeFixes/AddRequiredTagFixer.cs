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
using Pipeline.Analyzers;

namespace Pipeline.CodeFixes;

/// <summary>
/// PIPE041: adds the missing <c>[Tag("owner", …)]</c> / <c>[Tag("cost-center", …)]</c> with the value the project's
/// <c>[assembly: PipelineStack(Owner = …, CostCenter = …)]</c> declares. No fix without a stack value (a placeholder
/// would only move the problem). Fix-all adds every missing tag once per class.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddRequiredTagFixer)), Shared]
public sealed class AddRequiredTagFixer : CodeFixProvider
{
    /// <summary>The analyzer's diagnostic property naming the missing key (RequiredTagsAnalyzer.TagKeyProperty).</summary>
    private const string TagKeyProperty = "TagKey";
    private const string EquivalenceKey = nameof(AddRequiredTagFixer);
    private static readonly string[] Keys = { "owner", "cost-center" };

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingRequiredTag);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(async (context, document, diagnostics) =>
    {
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null || root is null)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, context.CancellationToken).ConfigureAwait(false);
        foreach (var group in diagnostics.GroupBy(d => root.FindNode(d.Location.SourceSpan).FirstAncestorOrSelf<ClassDeclarationSyntax>()))
        {
            if (group.Key is null)
            {
                continue;
            }

            var missing = group.Select(d => d.Properties.TryGetValue(TagKeyProperty, out var key) ? key : null).Distinct().ToList();
            foreach (var key in Keys.Where(missing.Contains))
            {
                if (StackValue(model.Compilation, key!) is { } value)
                {
                    editor.AddAttribute(group.Key, Tag(key!, value));
                }
            }
        }

        return editor.GetChangedDocument();
    });

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(TagKeyProperty, out var key) && key is not null && StackValue(model.Compilation, key) is { } value)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Add [Tag(\"{key}\", \"{value}\")] from the PipelineStack", ct => AddAsync(context.Document, diagnostic, key, value, ct), EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> AddAsync(Document document, Diagnostic diagnostic, string key, string value, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        if (editor.OriginalRoot.FindNode(diagnostic.Location.SourceSpan).FirstAncestorOrSelf<ClassDeclarationSyntax>() is { } type)
        {
            // owner before cost-center, whichever is fixed first, so one-by-one and fix-all give the same order.
            var costCenter = key == "owner"
                ? type.AttributeLists.FirstOrDefault(l => l.Attributes.Any(a => a.Name.ToString() is "Tag" or "TagAttribute" or "Pipeline.Dsl.Tag"
                    && a.ArgumentList?.Arguments.FirstOrDefault()?.Expression is LiteralExpressionSyntax { Token.ValueText: "cost-center" }))
                : null;
            if (costCenter is not null)
            {
                editor.InsertBefore(costCenter, Tag(key, value).WithTriviaFrom(costCenter));
            }
            else
            {
                editor.AddAttribute(type, Tag(key, value));
            }
        }

        return editor.GetChangedDocument();
    }

    /// <summary><c>Owner</c> or <c>CostCenter</c> of <c>[assembly: PipelineStack]</c>, if set.</summary>
    private static string? StackValue(Compilation compilation, string key)
    {
        var property = key == "owner" ? "Owner" : "CostCenter";
        var stack = compilation.Assembly.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Pipeline.Dsl.PipelineStackAttribute");
        var value = stack?.NamedArguments.FirstOrDefault(n => n.Key == property).Value.Value as string;
        return string.IsNullOrWhiteSpace(value) ? null : value;
    }

    private static AttributeListSyntax Tag(string key, string value) => SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
        SyntaxFactory.Attribute(
            SyntaxFactory.IdentifierName("Tag"),
            SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(new[]
            {
                SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(key))),
                SyntaxFactory.AttributeArgument(SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value))),
            })))));
}

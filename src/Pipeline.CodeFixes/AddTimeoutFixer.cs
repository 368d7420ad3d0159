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
/// PIPE001: adds <c>TimeoutMinutes = 60</c> to a <c>[GlueJob]</c> without a timeout, or replaces <c>TimeoutMinutes = 0</c>.
/// 60 minutes is the value the rule page recommends starting from; the user tunes it to the longest expected run.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddTimeoutFixer)), Shared]
public sealed class AddTimeoutFixer : CodeFixProvider
{
    internal const int DefaultTimeoutMinutes = 60;
    private const string Title = "Set TimeoutMinutes = 60";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NoTimeout);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not { } node)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Target(node) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixAsync(context.Document, diagnostic.Location.SourceSpan, ct), equivalenceKey: Title),
                    diagnostic);
            }
        }
    }

    /// <summary>The attribute without the argument, or the <c>0</c> of <c>TimeoutMinutes = 0</c>.</summary>
    private static SyntaxNode? Target(SyntaxNode node) => node switch
    {
        AttributeSyntax attribute => attribute,
        ExpressionSyntax { Parent: AttributeArgumentSyntax { NameEquals.Name.Identifier.ValueText: "TimeoutMinutes" } } expression => expression,
        _ => node.FirstAncestorOrSelf<AttributeSyntax>() is { } outer && outer.Span == node.Span ? outer : null,
    };

    private static async Task<Document> FixAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var node = editor.OriginalRoot.FindNode(span, getInnermostNodeForTie: true);
        var value = SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(DefaultTimeoutMinutes));
        switch (Target(node))
        {
            case AttributeSyntax attribute:
                var argument = SyntaxFactory.AttributeArgument(
                    SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName("TimeoutMinutes")), nameColon: null, value);
                var list = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
                editor.ReplaceNode(attribute, attribute.WithArgumentList(list.AddArguments(argument)));
                break;
            case ExpressionSyntax expression:
                editor.ReplaceNode(expression, value.WithTriviaFrom(expression));
                break;
        }

        return editor.GetChangedDocument();
    }
}

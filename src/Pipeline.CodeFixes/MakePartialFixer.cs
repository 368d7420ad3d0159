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

namespace Pipeline.CodeFixes;

/// <summary>
/// PIPE103: adds <c>partial</c> to a pipeline class, or turns a source property into <c>partial</c> with only a getter
/// (the generator implements it): the initializer, a setter and accessor bodies go. Top-level and non-generic are not
/// fixed mechanically (the same id, reported on the class name; no fix is offered when the class already is partial).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialFixer)), Shared]
public sealed class MakePartialFixer : CodeFixProvider
{
    private const string Title = "Make it partial";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NotPartial);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Target(root, diagnostic.Location.SourceSpan) is not null)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => FixAsync(context.Document, diagnostic.Location.SourceSpan, ct), equivalenceKey: Title),
                    diagnostic);
            }
        }
    }

    /// <summary>The declaration the diagnostic names (by its identifier), when it lacks <c>partial</c>.</summary>
    private static MemberDeclarationSyntax? Target(SyntaxNode root, TextSpan span)
    {
        var token = root.FindToken(span.Start);
        MemberDeclarationSyntax? declaration = token.Parent switch
        {
            ClassDeclarationSyntax c when c.Identifier.Span == span => c,
            PropertyDeclarationSyntax p when p.Identifier.Span == span => p,
            _ => null,
        };

        return declaration is not null && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword) ? declaration : null;
    }

    private static async Task<Document> FixAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        switch (Target(editor.OriginalRoot, span))
        {
            case ClassDeclarationSyntax type when type.Modifiers.Count == 0:
                // No modifiers: `partial` takes over the keyword's leading trivia (indentation), so the line stays aligned.
                editor.ReplaceNode(type, type
                    .WithKeyword(type.Keyword.WithLeadingTrivia())
                    .WithModifiers(SyntaxFactory.TokenList(Partial().WithLeadingTrivia(type.Keyword.LeadingTrivia))));
                break;
            case ClassDeclarationSyntax type:
                editor.ReplaceNode(type, type.WithModifiers(type.Modifiers.Add(Partial())));
                break;
            case PropertyDeclarationSyntax property:
                var getter = SyntaxFactory.AccessorDeclaration(SyntaxKind.GetAccessorDeclaration)
                    .WithSemicolonToken(SyntaxFactory.Token(SyntaxKind.SemicolonToken));
                var modifiers = property.Modifiers.Count == 0
                    ? SyntaxFactory.TokenList(Partial().WithLeadingTrivia(property.Type.GetLeadingTrivia()))
                    : property.Modifiers.Add(Partial());
                var fixedProperty = property
                    .WithType(property.Modifiers.Count == 0 ? property.Type.WithLeadingTrivia() : property.Type)
                    .WithModifiers(modifiers)
                    .WithInitializer(null)
                    .WithExpressionBody(null)
                    .WithSemicolonToken(default)
                    .WithAccessorList(SyntaxFactory.AccessorList(SyntaxFactory.SingletonList(getter))
                        .WithTrailingTrivia((property.SemicolonToken.IsKind(SyntaxKind.None) ? property.AccessorList?.GetTrailingTrivia() : property.SemicolonToken.TrailingTrivia) ?? default));
                editor.ReplaceNode(property, fixedProperty);
                break;
        }

        return editor.GetChangedDocument();
    }

    /// <summary><c>partial</c> goes last among the modifiers, right before <c>class</c> or the property type.</summary>
    private static SyntaxToken Partial() => SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
}

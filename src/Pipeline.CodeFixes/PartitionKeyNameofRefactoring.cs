using System.Collections.Generic;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeRefactorings;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Pipeline.CodeFixes.Support;
using Pipeline.Generators.Model;

namespace Pipeline.CodeFixes;

/// <summary>
/// <c>[PartitionBy("Year")]</c> → <c>[PartitionBy(nameof(Order.Year))]</c>: a string key that names a column of the
/// sink's record is correct today (no rule is broken, so there is no diagnostic), but a rename of the property would
/// silently break it; as <c>nameof</c> the compiler checks it. Offered on one key, and on all keys of the attribute.
/// A key that names no column is PIPE018, whose fix (<see cref="NearestPartitionColumnFixer"/>) also writes <c>nameof</c>.
/// </summary>
[ExportCodeRefactoringProvider(LanguageNames.CSharp, Name = nameof(PartitionKeyNameofRefactoring)), Shared]
public sealed class PartitionKeyNameofRefactoring : CodeRefactoringProvider
{
    public override async Task ComputeRefactoringsAsync(CodeRefactoringContext context)
    {
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (model is null)
        {
            return;
        }

        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true)?.FirstAncestorOrSelf<AttributeSyntax>() is not { } attribute
            || model.GetSymbolInfo(attribute, context.CancellationToken).Symbol?.ContainingType.ToDisplayString() != "Pipeline.Dsl.PartitionByAttribute")
        {
            return;
        }

        var keys = Replacements(model, attribute, context.CancellationToken);
        var at = keys.FirstOrDefault(k => k.Literal.Span.IntersectsWith(context.Span));
        if (at.Literal is not null)
        {
            context.RegisterRefactoring(CodeAction.Create(
                $"Use {at.Replacement}",
                ct => ReplaceAsync(context.Document, new[] { at }, ct),
                nameof(PartitionKeyNameofRefactoring) + ".One"));
        }

        if (keys.Count > 1 || (keys.Count == 1 && at.Literal is null))
        {
            context.RegisterRefactoring(CodeAction.Create(
                "Use nameof for every partition key",
                ct => ReplaceAsync(context.Document, keys, ct),
                nameof(PartitionKeyNameofRefactoring) + ".All"));
        }
    }

    /// <summary>Each string key of the attribute that names a property of the stage's record, with its <c>nameof</c>.</summary>
    private static List<(LiteralExpressionSyntax Literal, string Replacement)> Replacements(SemanticModel model, AttributeSyntax attribute, CancellationToken cancellationToken)
    {
        var replacements = new List<(LiteralExpressionSyntax, string)>();
        if (attribute.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
            || model.GetDeclaredSymbol(method, cancellationToken) is not { ReturnType: INamedTypeSymbol { TypeArguments.Length: 1 } dataset }
            || dataset.TypeArguments[0] is not INamedTypeSymbol record
            || attribute.ArgumentList is null)
        {
            return replacements;
        }

        var properties = record.GetMembers().OfType<IPropertySymbol>()
            .Where(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic && !p.IsIndexer)
            .ToList();
        var type = record.ToMinimalDisplayString(model, attribute.SpanStart);
        foreach (var argument in attribute.ArgumentList.Arguments.Where(a => a.NameEquals is null))
        {
            if (argument.Expression is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal
                && properties.FirstOrDefault(p => p.Name == literal.Token.ValueText || Names.ColumnName(p) == literal.Token.ValueText) is { } property)
            {
                replacements.Add((literal, $"nameof({type}.{property.Name})"));
            }
        }

        return replacements;
    }

    private static async Task<Document> ReplaceAsync(Document document, IEnumerable<(LiteralExpressionSyntax Literal, string Replacement)> keys, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var (literal, replacement) in keys)
        {
            editor.ReplaceNode(literal, SyntaxFactory.ParseExpression(replacement).WithTriviaFrom(literal));
        }

        return editor.GetChangedDocument();
    }
}

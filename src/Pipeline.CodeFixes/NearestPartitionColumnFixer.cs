using System;
using System.Collections.Generic;
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
using Pipeline.CodeFixes.Support;
using Pipeline.Generators.Model;

namespace Pipeline.CodeFixes;

/// <summary>
/// PIPE018 on a <c>[PartitionBy("…")]</c> key that names no column: replaces the string with <c>nameof(Record.Column)</c>
/// for the nearest property of the sink's record (edit distance on the property name, ignoring case and the
/// underscores of snake_case column names), so the key is checked by the compiler from then on. No fix when nothing
/// is close (distance above a third of the longer name, at least 2).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NearestPartitionColumnFixer)), Shared]
public sealed class NearestPartitionColumnFixer : CodeFixProvider
{
    private const string EquivalenceKey = nameof(NearestPartitionColumnFixer);

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InvalidPartitionKey);

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
            if (Suggest(model, diagnostic.Location.SourceSpan, context.CancellationToken) is { } suggestion)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Use {suggestion.Replacement}", ct => FixAsync(context.Document, diagnostic.Location.SourceSpan, ct), equivalenceKey: EquivalenceKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> FixAsync(Document document, TextSpan span, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (model is null || Suggest(model, span, cancellationToken) is not { } suggestion)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.ReplaceNode(suggestion.Literal, SyntaxFactory.ParseExpression(suggestion.Replacement).WithTriviaFrom(suggestion.Literal));
        return editor.GetChangedDocument();
    }

    private sealed record Suggestion(LiteralExpressionSyntax Literal, string Replacement);

    private static Suggestion? Suggest(SemanticModel model, TextSpan span, CancellationToken cancellationToken)
    {
        var root = model.SyntaxTree.GetRoot(cancellationToken);
        if (root.FindNode(span, getInnermostNodeForTie: true) is not LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } literal
            || literal.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } method
            || model.GetDeclaredSymbol(method, cancellationToken) is not { ReturnType: INamedTypeSymbol { TypeArguments.Length: 1 } dataset }
            || dataset.TypeArguments[0] is not INamedTypeSymbol record)
        {
            return null;
        }

        var key = literal.Token.ValueText;
        var properties = record.GetMembers().OfType<IPropertySymbol>()
            .Where(p => p.DeclaredAccessibility == Accessibility.Public && !p.IsStatic && !p.IsIndexer)
            .ToList();
        if (properties.Any(p => p.Name == key || Naming.ToSnakeCase(p.Name) == key || Names.ColumnAttributeName(p) == key))
        {
            return null; // a column with a wrong type, or listed twice: not a typo to correct
        }

        var columns = properties.Where(p => IsPrimitive(p.Type)).Select(p => p.Name).ToList();
        if (columns.Count == 0)
        {
            return null;
        }

        var normalizedKey = Names.Normalize(key);
        var best = columns
            .Select(c => (Name: c, Distance: Names.Distance(normalizedKey, Names.Normalize(c))))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .First();
        if (!Names.IsClose(best.Distance, normalizedKey, best.Name))
        {
            return null;
        }

        var type = record.ToMinimalDisplayString(model, literal.SpanStart);
        return new Suggestion(literal, $"nameof({type}.{best.Name})");
    }

    /// <summary>Types Glue can partition by: numbers, strings, booleans, dates (and their nullable forms), enums.</summary>
    private static bool IsPrimitive(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return type.TypeKind == TypeKind.Enum
            || type.SpecialType is SpecialType.System_String or SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte
                or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
                or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
                or SpecialType.System_Decimal or SpecialType.System_DateTime
            || type.ToDisplayString() is "System.DateOnly" or "System.DateTimeOffset";
    }
}

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
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Rename;
using Microsoft.CodeAnalysis.Text;
using Pipeline.Analyzers;
using Pipeline.CodeFixes.Support;

namespace Pipeline.CodeFixes;

/// <summary>
/// PIPE101: a stage parameter binds by name to a source or stage of the pipeline. Offers to rename the parameter (and
/// its uses) to each source/stage of the same <c>Dataset&lt;T&gt;</c> type, nearest name first; fix-all takes the
/// nearest for every parameter.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BindParameterFixer)), Shared]
public sealed class BindParameterFixer : CodeFixProvider
{
    private const string NearestKey = nameof(BindParameterFixer) + ".nearest";

    private static readonly string[] SourceAttributes = { "Pipeline.Dsl.S3SourceAttribute", "Pipeline.Dsl.CatalogSourceAttribute" };
    private static readonly string[] StageAttributes = { "Pipeline.Dsl.TransformAttribute", "Pipeline.Dsl.S3SinkAttribute" };

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnboundInput);

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
            var candidates = Candidates(model, diagnostic.Location.SourceSpan, context.CancellationToken);
            for (var i = 0; i < candidates.Count; i++)
            {
                var name = candidates[i];
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Bind to '{name}' (rename the parameter)",
                        ct => RenameAsync(context.Document, diagnostic.Location.SourceSpan, name, ct),
                        equivalenceKey: i == 0 ? NearestKey : nameof(BindParameterFixer) + "." + name),
                    diagnostic);
            }
        }
    }

    /// <summary>Parameter names that bind to a member of the parameter's type, nearest to the current name first.</summary>
    private static List<string> Candidates(SemanticModel model, TextSpan span, CancellationToken cancellationToken)
    {
        var node = model.SyntaxTree.GetRoot(cancellationToken).FindNode(span, getInnermostNodeForTie: true);
        if (node.FirstAncestorOrSelf<ParameterSyntax>() is not { } syntax
            || model.GetDeclaredSymbol(syntax, cancellationToken) is not IParameterSymbol { ContainingSymbol: IMethodSymbol method } parameter)
        {
            return new List<string>();
        }

        var taken = new HashSet<string>(method.Parameters.Select(p => p.Name), StringComparer.OrdinalIgnoreCase);
        return method.ContainingType.GetMembers()
            .Where(m => !SymbolEqualityComparer.Default.Equals(m, method) && IsInput(m) && SymbolEqualityComparer.Default.Equals(TypeOf(m), parameter.Type))
            .Select(m => char.ToLowerInvariant(m.Name[0]) + m.Name.Substring(1))
            .Where(name => !taken.Contains(name) && !string.Equals(name, method.Name, StringComparison.OrdinalIgnoreCase))
            .OrderBy(name => Names.Distance(name.ToLowerInvariant(), parameter.Name.ToLowerInvariant()))
            .ThenBy(name => name, StringComparer.Ordinal)
            .ToList();
    }

    private static bool IsInput(ISymbol member) => member switch
    {
        IPropertySymbol property => HasAttribute(property, SourceAttributes),
        IMethodSymbol method => HasAttribute(method, StageAttributes),
        _ => false,
    };

    private static bool HasAttribute(ISymbol symbol, string[] names) =>
        symbol.GetAttributes().Any(a => a.AttributeClass is { } type && names.Contains(type.ToDisplayString()));

    private static ITypeSymbol? TypeOf(ISymbol member) => member switch
    {
        IPropertySymbol property => property.Type,
        IMethodSymbol method => method.ReturnType,
        _ => null,
    };

    private static async Task<Solution> RenameAsync(Document document, TextSpan span, string newName, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var node = model?.SyntaxTree.GetRoot(cancellationToken).FindNode(span, getInnermostNodeForTie: true);
        if (model is null || node?.FirstAncestorOrSelf<ParameterSyntax>() is not { } syntax || model.GetDeclaredSymbol(syntax, cancellationToken) is not { } parameter)
        {
            return document.Project.Solution;
        }

        return await Renamer.RenameSymbolAsync(document.Project.Solution, parameter, new SymbolRenameOptions(), newName, cancellationToken).ConfigureAwait(false);
    }
}

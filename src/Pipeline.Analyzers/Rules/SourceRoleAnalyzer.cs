using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Support;
using Pipeline.Generators.Model;
using Pipeline.Generators.Parsing;

namespace Pipeline.Analyzers.Rules;

/// <summary>
/// PIPE056: a source declared an increment (<c>Role = SourceRole.Increment</c> or <c>Bookmarked = true</c>) that is only
/// ever the lookup side of joins. Left to the default, such a source is a reference (read whole every run); declared
/// bookmarked, it is empty after the first run and so is every join with it. Uses the generator's own parser and the
/// same <see cref="SourceRoles"/> analysis the generator applies, so the warning and the generated script agree.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SourceRoleAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.BookmarkedLookupSource);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = DslSymbols.Create(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            start.RegisterSyntaxNodeAction(c => Analyze(c, symbols), SyntaxKind.ClassDeclaration);
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, DslSymbols symbols)
    {
        var declaration = (ClassDeclarationSyntax)context.Node;
        if (declaration.AttributeLists.Count == 0
            || context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } type
            || symbols.GetGlueJob(type) is not { } glueJob)
        {
            return;
        }

        var attributeSyntax = glueJob.ApplicationSyntaxReference;
        if (attributeSyntax is null || attributeSyntax.SyntaxTree != declaration.SyntaxTree || !declaration.Span.Contains(attributeSyntax.Span))
        {
            return;
        }

        if (PipelineParser.Parse(type, context.SemanticModel, context.CancellationToken).Spec is not { } spec)
        {
            return;
        }

        var lookupOnly = SourceRoles.LookupOnly(spec.Sources, spec.Stages);
        foreach (var source in spec.Sources)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            if (!source.Bookmarked || !lookupOnly.Contains(source.Name))
            {
                continue;
            }

            var location = declaration.Identifier.GetLocation();
            foreach (var member in type.GetMembers(source.Name))
            {
                if (member.Locations.Length > 0 && member.Locations[0].IsInSource && member.Locations[0].SourceTree == declaration.SyntaxTree)
                {
                    location = member.Locations[0];
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BookmarkedLookupSource, location, source.Name));
        }
    }
}

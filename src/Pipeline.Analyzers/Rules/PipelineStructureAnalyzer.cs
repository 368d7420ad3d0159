using System.Collections.Generic;
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
/// PIPE000 and PIPE100–PIPE109: runs the generator's own <see cref="PipelineParser"/> on each <c>[GlueJob]</c> class and
/// reports the structural and translation problems it finds (untranslatable expressions, unbound inputs, cycles,
/// missing <c>partial</c>, ...), so the IDE explains exactly why the generator produced nothing.
/// Problems under ids that a dedicated analyzer reports with a finer location (PIPE001–PIPE041) are left to it.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PipelineStructureAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Ids owned by the dedicated rule analyzers; the parser finds them too, but they are reported once, there.</summary>
    private static readonly HashSet<string> ReportedElsewhere = new()
    {
        DiagnosticIds.NoTimeout, DiagnosticIds.TimeoutTooLong, DiagnosticIds.WorkersOutOfRange, DiagnosticIds.InvalidWorkerType,
        DiagnosticIds.UnsupportedGlueVersion, DiagnosticIds.InvalidPartitionKey, DiagnosticIds.UnknownQualityColumn,
        DiagnosticIds.InvalidDqdl, DiagnosticIds.InvalidCron, DiagnosticIds.InvalidName, DiagnosticIds.InvalidS3Uri,
        DiagnosticIds.MissingRequiredTag,
    };

    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> ById = ImmutableDictionary.CreateRange(new[]
    {
        Pair(DiagnosticDescriptors.InvalidSetting),
        Pair(DiagnosticDescriptors.UntranslatableExpression),
        Pair(DiagnosticDescriptors.UnboundInput),
        Pair(DiagnosticDescriptors.StageCycle),
        Pair(DiagnosticDescriptors.NotPartial),
        Pair(DiagnosticDescriptors.QuarantineWithoutPath),
        Pair(DiagnosticDescriptors.NotAQuery),
        Pair(DiagnosticDescriptors.UnsupportedColumnType),
        Pair(DiagnosticDescriptors.InvalidMergeKey),
        Pair(DiagnosticDescriptors.AppendedIncrementalAggregate),
        Pair(DiagnosticDescriptors.InvalidRunParameter),
    });

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InvalidSetting,
        DiagnosticDescriptors.UntranslatableExpression,
        DiagnosticDescriptors.UnboundInput,
        DiagnosticDescriptors.StageCycle,
        DiagnosticDescriptors.NotPartial,
        DiagnosticDescriptors.QuarantineWithoutPath,
        DiagnosticDescriptors.NotAQuery,
        DiagnosticDescriptors.UnsupportedColumnType,
        DiagnosticDescriptors.InvalidMergeKey,
        DiagnosticDescriptors.AppendedIncrementalAggregate,
        DiagnosticDescriptors.InvalidRunParameter,
        DiagnosticDescriptors.BookmarkedLookupSource);

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

            // A syntax-node action hands us the SemanticModel the parser needs (as the generator's
            // ForAttributeWithMetadataName does) without calling Compilation.GetSemanticModel (RS1030).
            start.RegisterSyntaxNodeAction(c => Analyze(c, symbols), SyntaxKind.ClassDeclaration);
        });
    }

    private static void Analyze(SyntaxNodeAnalysisContext context, DslSymbols symbols)
    {
        var declaration = (ClassDeclarationSyntax)context.Node;
        if (declaration.AttributeLists.Count == 0
            || context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } type
            || symbols.GetGlueJob(type) is not { } glueJob
            || EditState.BeingTyped(type, context.CancellationToken))
        {
            return;
        }

        // Parse once per class: in the declaration that carries [GlueJob].
        var attributeSyntax = glueJob.ApplicationSyntaxReference;
        if (attributeSyntax is null || attributeSyntax.SyntaxTree != declaration.SyntaxTree || !declaration.Span.Contains(attributeSyntax.Span))
        {
            return;
        }

        // ParseSafely: a parser exception or a silent rejection is PIPE000 at the class, never an analyzer crash.
        var result = PipelineParser.ParseSafely(type, context.SemanticModel, context.CancellationToken);
        foreach (var problem in result.Problems)
        {
            if (ReportedElsewhere.Contains(problem.RuleId))
            {
                continue;
            }

            var location = problem.Location;
            if (location.IsInSource && !context.Compilation.ContainsSyntaxTree(location.SourceTree!))
            {
                location = declaration.Identifier.GetLocation();
            }

            if (ById.TryGetValue(problem.RuleId, out var descriptor))
            {
                context.ReportDiagnostic(Diagnostic.Create(descriptor, location, problem.Message));
            }
            else
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidSetting, location, problem.RuleId + ": " + problem.Message));
            }
        }

        if (result.Spec is { } spec)
        {
            ReportBookmarkedLookupSources(context, declaration, type, spec);
        }
    }

    /// <summary>
    /// PIPE056: a source used only as a join's lookup side but declared bookmarked is empty after the first run, and so is
    /// every join with it. The same <see cref="SourceRoles"/> analysis the generator applies, on the spec parsed above
    /// (one parse per class for all of these rules), so the warning and the generated script agree.
    /// </summary>
    private static void ReportBookmarkedLookupSources(SyntaxNodeAnalysisContext context, ClassDeclarationSyntax declaration, INamedTypeSymbol type, PipelineSpec spec)
    {
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

    private static KeyValuePair<string, DiagnosticDescriptor> Pair(DiagnosticDescriptor descriptor) => new(descriptor.Id, descriptor);
}

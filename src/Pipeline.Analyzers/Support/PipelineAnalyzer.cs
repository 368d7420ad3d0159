using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Pipeline.Analyzers.Support;

/// <summary>
/// The skeleton every rule shares: no generated code, concurrent, DSL symbols resolved once per compilation
/// (nothing registered when Pipeline.Dsl is not referenced), then one call per <c>[GlueJob]</c> class.
/// </summary>
public abstract class PipelineAnalyzer : DiagnosticAnalyzer
{
    public sealed override void Initialize(AnalysisContext context)
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

            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var type = (INamedTypeSymbol)symbolContext.Symbol;
                    var glueJob = symbols.GetGlueJob(type);
                    if (glueJob is not null && !EditState.BeingTyped(type, symbolContext.CancellationToken))
                    {
                        AnalyzeJob(new JobContext(symbolContext, symbols, type, glueJob));
                    }
                },
                SymbolKind.NamedType);
        });
    }

    internal abstract void AnalyzeJob(JobContext job);
}

/// <summary>One <c>[GlueJob]</c> class being analyzed.</summary>
internal readonly struct JobContext
{
    public JobContext(SymbolAnalysisContext context, DslSymbols symbols, INamedTypeSymbol type, AttributeData glueJob)
    {
        Context = context;
        Symbols = symbols;
        Type = type;
        GlueJob = glueJob;
    }

    public SymbolAnalysisContext Context { get; }

    public DslSymbols Symbols { get; }

    public INamedTypeSymbol Type { get; }

    public AttributeData GlueJob { get; }

    public System.Threading.CancellationToken CancellationToken => Context.CancellationToken;

    public string JobName => AttributeArguments.GetConstructorString(GlueJob, 0) ?? Type.Name;

    public void Report(DiagnosticDescriptor descriptor, Location location, params object?[] args) =>
        Context.ReportDiagnostic(Diagnostic.Create(descriptor, location, args));

    /// <summary>With properties a code fix reads (e.g. which tag is missing), so it never parses the message.</summary>
    public void Report(DiagnosticDescriptor descriptor, Location location, System.Collections.Immutable.ImmutableDictionary<string, string?> properties, params object?[] args) =>
        Context.ReportDiagnostic(Diagnostic.Create(descriptor, location, properties, args));
}

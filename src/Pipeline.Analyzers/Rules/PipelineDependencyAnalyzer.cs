using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Support;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Analyzers.Rules;

/// <summary>
/// PIPE034: the pipelines of a project form no dependency cycle. Dependencies are found exactly as the generator finds
/// them for workflows (<see cref="StackGraph.Dependencies"/>): a catalog source that is another pipeline's sink table, or
/// an S3 path under another pipeline's sink path. PIPE036: no two pipelines share a job name (see <see cref="DuplicateJobNames"/>).
/// Both need every pipeline, so they report at compilation end.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PipelineDependencyAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.PipelineDependencyCycle, DiagnosticDescriptors.DuplicateJobName);

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

            var pipelines = new ConcurrentBag<(PipelineIo Io, Location Location)>();
            var jobNames = new DuplicateJobNames();
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var type = (INamedTypeSymbol)symbolContext.Symbol;
                    if (symbols.GetGlueJob(type) is { } glueJob && !EditState.BeingTyped(type, symbolContext.CancellationToken))
                    {
                        var name = AttributeArguments.GetConstructorString(glueJob, 0) ?? type.Name;
                        pipelines.Add((ReadIo(type, symbols, name), AttributeArguments.AttributeLocation(glueJob, symbolContext.CancellationToken)));
                        jobNames.Add(type, glueJob, symbolContext.CancellationToken);
                    }
                },
                SymbolKind.NamedType);

            start.RegisterCompilationEndAction(end =>
            {
                jobNames.Report(end);
                var all = new List<(PipelineIo Io, Location Location)>(pipelines);
                all.Sort((a, b) => string.CompareOrdinal(a.Io.Name, b.Io.Name));
                var io = new List<PipelineIo>();
                foreach (var pipeline in all)
                {
                    io.Add(pipeline.Io);
                }

                var cycle = StackGraph.FindCycle(StackGraph.Dependencies(io));
                if (cycle is null)
                {
                    return;
                }

                var text = string.Join(" -> ", cycle) + " -> " + cycle[0];
                foreach (var pipeline in all)
                {
                    if (cycle.Contains(pipeline.Io.Name))
                    {
                        end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.PipelineDependencyCycle, pipeline.Location, pipeline.Io.Name, text));
                    }
                }
            });
        });
    }

    /// <summary>The sources and sinks of a [GlueJob] class, read from its attributes with the parser's defaults.</summary>
    private static PipelineIo ReadIo(INamedTypeSymbol type, DslSymbols symbols, string jobName)
    {
        var sourcePaths = new SortedSet<string>(System.StringComparer.Ordinal);
        var sourceTables = new SortedSet<string>(System.StringComparer.Ordinal);
        var sinkPaths = new SortedSet<string>(System.StringComparer.Ordinal);
        var sinkTables = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var member in type.GetMembers())
        {
            if (DslSymbols.Find(member, symbols.S3Source) is { } s3 && AttributeArguments.GetConstructorString(s3, 0) is { } path)
            {
                sourcePaths.Add(StackGraph.NormalizePath(path));
            }

            if (DslSymbols.Find(member, symbols.CatalogSource) is { } catalog)
            {
                var database = AttributeArguments.GetConstructorString(catalog, 0);
                var table = AttributeArguments.GetConstructorString(catalog, 1);
                if (database is not null && table is not null)
                {
                    sourceTables.Add(database + "." + table);
                }

                if (Named(catalog, "Location") is { } location)
                {
                    sourcePaths.Add(StackGraph.NormalizePath(location));
                }
            }

            if (DslSymbols.Find(member, symbols.S3Sink) is { } sink && AttributeArguments.GetConstructorString(sink, 0) is { } sinkPath)
            {
                sinkPaths.Add(StackGraph.NormalizePath(sinkPath));
                var database = Named(sink, "Database") ?? Naming.ToIdentifier(jobName);
                var table = Named(sink, "Table") ?? Naming.ToSnakeCase(member.Name);
                sinkTables.Add(database + "." + table);
            }
        }

        return new PipelineIo(jobName, sourcePaths.ToEquatableArray(), sourceTables.ToEquatableArray(), sinkPaths.ToEquatableArray(), sinkTables.ToEquatableArray());
    }

    private static string? Named(AttributeData attribute, string name)
    {
        foreach (var argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is string value)
            {
                return value;
            }
        }

        return null;
    }
}

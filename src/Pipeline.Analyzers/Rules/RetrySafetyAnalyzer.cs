using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Support;

namespace Pipeline.Analyzers.Rules;

/// <summary>
/// PIPE010: a job that retries failed runs (<c>MaxRetries &gt; 0</c>) with a sink that appends. A retry re-runs the
/// whole job from the last committed bookmark; files the failed attempt wrote stay, so its rows are written twice.
/// <c>Mode = WriteMode.OverwritePartitions</c> (or <c>Overwrite</c>, or <c>Merge</c> by key) makes the retry replace them instead.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RetrySafetyAnalyzer : PipelineAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.AppendWithRetries);

    internal override void AnalyzeJob(JobContext job)
    {
        var retries = AttributeArguments.TryGetNamed(job.GlueJob, "MaxRetries", out var value) && value.Value is int r ? r : 0;
        if (retries <= 0)
        {
            return;
        }

        foreach (var member in job.Type.GetMembers())
        {
            job.CancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol method || DslSymbols.Find(method, job.Symbols.S3Sink) is not { } sink)
            {
                continue;
            }

            var mode = AttributeArguments.TryGetNamed(sink, "Mode", out var declared) && declared.Value is int m ? m : 0; // WriteMode.Append
            if (mode != 0)
            {
                continue;
            }

            var location = AttributeArguments.TryGetNamed(sink, "Mode", out _)
                ? AttributeArguments.NamedLocation(sink, "Mode", job.CancellationToken)
                : method.Locations[0];
            job.Report(DiagnosticDescriptors.AppendWithRetries, location, job.JobName, retries, method.Name);
        }
    }
}

using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Support;
using Pipeline.Generators.Model;

namespace Pipeline.Analyzers.Rules;

/// <summary>
/// PIPE036 for job names, collected by <see cref="PipelineDependencyAnalyzer"/> (the analyzer that already gathers every
/// pipeline). Two jobs clash when their names give the same <see cref="Naming.ToIdentifier"/> — equal names, names that
/// differ only in case (their files overwrite each other on Windows and macOS) or only in '-' versus '_' (one Terraform
/// resource name). The build's WritePipelineArtifacts still rejects a path produced twice, as a last line of defence,
/// but only on the .dll and after compiling; this puts the error on both name arguments, in the editor.
/// </summary>
internal sealed class DuplicateJobNames
{
    private readonly ConcurrentBag<(string Name, string Type, Location Location)> _jobs = new();

    public void Add(INamedTypeSymbol type, AttributeData glueJob, CancellationToken ct)
    {
        // A missing or invalid name is PIPE037's business; it produces no artifacts to clash.
        if (AttributeArguments.GetConstructorString(glueJob, 0) is { Length: > 0 } name)
        {
            _jobs.Add((name, type.ToDisplayString(), AttributeArguments.PositionalLocation(glueJob, 0, ct)));
        }
    }

    public void Report(CompilationAnalysisContext context)
    {
        var groups = _jobs
            .GroupBy(job => Naming.ToIdentifier(job.Name), StringComparer.Ordinal)
            .Where(group => group.Count() > 1);
        foreach (var group in groups)
        {
            var jobs = group.OrderBy(job => job.Type, StringComparer.Ordinal).ToList();
            foreach (var job in jobs)
            {
                var others = string.Join(", ", jobs.Where(other => !other.Equals(job))
                    .Select(other => $"{other.Type} ('{other.Name}')"));
                var message = $"Job name '{job.Name}' is also used by {others}; a job name becomes the Glue job, script and "
                    + $"Terraform names (here '{group.Key}'), so each pipeline needs its own";
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateJobName, job.Location, message));
            }
        }
    }
}

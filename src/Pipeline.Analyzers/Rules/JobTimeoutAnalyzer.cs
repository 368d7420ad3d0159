using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Support;
using Pipeline.Generators.Validation;

namespace Pipeline.Analyzers.Rules;

/// <summary>PIPE001 (no timeout) and PIPE002 (timeout of 7 days or more) on <c>[GlueJob]</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JobTimeoutAnalyzer : PipelineAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.NoTimeout, DiagnosticDescriptors.TimeoutTooLong);

    internal override void AnalyzeJob(JobContext job)
    {
        var minutes = AttributeArguments.TryGetNamed(job.GlueJob, "TimeoutMinutes", out var value) && value.Value is int m ? m : 0;
        if (JobSettings.TryValidateTimeout(minutes, out var error))
        {
            return;
        }

        var location = AttributeArguments.NamedLocation(job.GlueJob, "TimeoutMinutes", job.CancellationToken);
        if (minutes == 0)
        {
            job.Report(DiagnosticDescriptors.NoTimeout, location, job.JobName);
        }
        else
        {
            job.Report(DiagnosticDescriptors.TimeoutTooLong, location, error);
        }
    }
}

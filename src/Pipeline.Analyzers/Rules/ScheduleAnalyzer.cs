using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Support;
using Pipeline.Generators.Validation;

namespace Pipeline.Analyzers.Rules;

/// <summary>PIPE032: <c>GlueJob.Schedule</c> is a valid AWS cron expression with at least 5 minutes between runs.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ScheduleAnalyzer : PipelineAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidCron);

    internal override void AnalyzeJob(JobContext job)
    {
        if (!AttributeArguments.TryGetNamed(job.GlueJob, "Schedule", out var value) || value.Value is not string schedule)
        {
            return;
        }

        if (!CronExpression.TryValidate(schedule, out var error))
        {
            job.Report(DiagnosticDescriptors.InvalidCron, AttributeArguments.NamedLocation(job.GlueJob, "Schedule", job.CancellationToken), error);
        }
    }
}

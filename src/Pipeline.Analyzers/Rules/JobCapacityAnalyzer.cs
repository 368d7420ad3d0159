using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Support;
using Pipeline.Generators.Validation;

namespace Pipeline.Analyzers.Rules;

/// <summary>PIPE008 (Glue version), PIPE005 (worker type vs version and execution class) and PIPE004 (number of workers).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class JobCapacityAnalyzer : PipelineAnalyzer
{
    private static readonly string[] WorkerTypes = { "G.1X", "G.2X", "G.4X", "G.8X" };

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnsupportedGlueVersion, DiagnosticDescriptors.InvalidWorkerType, DiagnosticDescriptors.WorkersOutOfRange);

    internal override void AnalyzeJob(JobContext job)
    {
        var attribute = job.GlueJob;
        var ct = job.CancellationToken;
        var glueVersion = AttributeArguments.TryGetNamed(attribute, "GlueVersion", out var v) ? v.Value as string ?? string.Empty : "4.0";
        if (!JobSettings.TryValidateGlueVersion(glueVersion, out var versionError))
        {
            job.Report(DiagnosticDescriptors.UnsupportedGlueVersion, AttributeArguments.NamedLocation(attribute, "GlueVersion", ct), versionError);
        }

        var workerTypeValue = AttributeArguments.TryGetNamed(attribute, "WorkerType", out var wt) && wt.Value is int w ? w : 0;
        var workerType = workerTypeValue >= 0 && workerTypeValue < WorkerTypes.Length
            ? WorkerTypes[workerTypeValue]
            : "(WorkerType)" + workerTypeValue.ToString(CultureInfo.InvariantCulture);
        var flex = AttributeArguments.TryGetNamed(attribute, "ExecutionClass", out var ec) && ec.Value is int e && e == 1;
        var executionClass = flex ? "FLEX" : "STANDARD";
        if (!JobSettings.TryValidateWorkerType(glueVersion, workerType, executionClass, out var typeError))
        {
            var flexProblem = flex && System.Array.IndexOf(WorkerTypes, workerType) >= 0 && workerType != "G.1X" && workerType != "G.2X";
            var location = flexProblem
                ? AttributeArguments.NamedLocation(attribute, "ExecutionClass", ct)
                : AttributeArguments.NamedLocation(attribute, "WorkerType", ct);
            job.Report(DiagnosticDescriptors.InvalidWorkerType, location, typeError);
            return;
        }

        var workers = AttributeArguments.TryGetNamed(attribute, "Workers", out var n) && n.Value is int count ? count : 2;
        var autoScaling = AttributeArguments.TryGetNamed(attribute, "AutoScaling", out var a) && a.Value is true;
        if (!JobSettings.TryValidateWorkerCount(workerType, workers, autoScaling, out var countError))
        {
            job.Report(DiagnosticDescriptors.WorkersOutOfRange, AttributeArguments.NamedLocation(attribute, "Workers", ct), countError);
        }
    }
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Support;
using Pipeline.Generators.Validation;

namespace Pipeline.Analyzers.Rules;

/// <summary>PIPE037: the job name and the Data Catalog database/table names respect AWS limits (guardrails B.1).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NamingAnalyzer : PipelineAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidName);

    internal override void AnalyzeJob(JobContext job)
    {
        var ct = job.CancellationToken;
        var name = AttributeArguments.GetConstructorString(job.GlueJob, 0);
        if (!JobSettings.TryValidateJobName(name ?? string.Empty, out var error))
        {
            job.Report(DiagnosticDescriptors.InvalidName, AttributeArguments.PositionalLocation(job.GlueJob, 0, ct), error);
        }

        foreach (var member in job.Type.GetMembers())
        {
            ct.ThrowIfCancellationRequested();
            if (DslSymbols.Find(member, job.Symbols.CatalogSource) is { } catalog)
            {
                CheckPositional(job, catalog, 0, "database");
                CheckPositional(job, catalog, 1, "table");
            }

            if (DslSymbols.Find(member, job.Symbols.S3Sink) is { } sink)
            {
                CheckNamed(job, sink, "Database", "database");
                CheckNamed(job, sink, "Table", "table");
            }
        }
    }

    private static void CheckPositional(JobContext job, AttributeData attribute, int index, string what)
    {
        var value = AttributeArguments.GetConstructorString(attribute, index);
        if (!JobSettings.TryValidateCatalogName(value ?? string.Empty, out var error))
        {
            job.Report(DiagnosticDescriptors.InvalidName, AttributeArguments.PositionalLocation(attribute, index, job.CancellationToken), Describe(what, error));
        }
    }

    private static void CheckNamed(JobContext job, AttributeData attribute, string argument, string what)
    {
        if (AttributeArguments.TryGetNamed(attribute, argument, out var constant) && constant.Value is string value
            && !JobSettings.TryValidateCatalogName(value, out var error))
        {
            job.Report(DiagnosticDescriptors.InvalidName, AttributeArguments.NamedLocation(attribute, argument, job.CancellationToken), Describe(what, error));
        }
    }

    private static string Describe(string what, string? error) => "Invalid catalog " + what + " name: " + error;
}

using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Support;
using Pipeline.Generators.Validation;

namespace Pipeline.Analyzers.Rules;

/// <summary>PIPE038: S3 URIs on <c>[S3Source]</c>, <c>[S3Sink]</c>, <c>OnQualityFailure.QuarantinePath</c> and <c>CatalogSource.Location</c>.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class S3UriAnalyzer : PipelineAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidS3Uri);

    internal override void AnalyzeJob(JobContext job)
    {
        var symbols = job.Symbols;
        foreach (var member in job.Type.GetMembers())
        {
            job.CancellationToken.ThrowIfCancellationRequested();
            CheckPositional(job, DslSymbols.Find(member, symbols.S3Source));
            CheckPositional(job, DslSymbols.Find(member, symbols.S3Sink));
            CheckNamed(job, DslSymbols.Find(member, symbols.OnQualityFailure), "QuarantinePath");
            CheckNamed(job, DslSymbols.Find(member, symbols.CatalogSource), "Location");
        }
    }

    private static void CheckPositional(JobContext job, AttributeData? attribute)
    {
        if (attribute is null)
        {
            return;
        }

        var path = AttributeArguments.GetConstructorString(attribute, 0);
        if (!S3Uri.TryValidate(path ?? string.Empty, out var error))
        {
            job.Report(DiagnosticDescriptors.InvalidS3Uri, AttributeArguments.PositionalLocation(attribute, 0, job.CancellationToken), error);
        }
    }

    private static void CheckNamed(JobContext job, AttributeData? attribute, string name)
    {
        if (attribute is not null && AttributeArguments.TryGetNamed(attribute, name, out var value) && value.Value is string path
            && !S3Uri.TryValidate(path, out var error))
        {
            job.Report(DiagnosticDescriptors.InvalidS3Uri, AttributeArguments.NamedLocation(attribute, name, job.CancellationToken), error);
        }
    }
}

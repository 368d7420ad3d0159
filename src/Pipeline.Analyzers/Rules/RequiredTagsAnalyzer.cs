using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Support;

namespace Pipeline.Analyzers.Rules;

/// <summary>PIPE041: a job carries the organisation's required <c>owner</c> and <c>cost-center</c> tags.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RequiredTagsAnalyzer : PipelineAnalyzer
{
    internal static readonly string[] RequiredKeys = { "owner", "cost-center" };

    /// <summary>Diagnostic property with the missing key (read by Pipeline.CodeFixes' AddRequiredTagFixer).</summary>
    public const string TagKeyProperty = "TagKey";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.MissingRequiredTag);

    internal override void AnalyzeJob(JobContext job)
    {
        foreach (var key in RequiredKeys)
        {
            var found = false;
            foreach (var tag in DslSymbols.FindAll(job.Type, job.Symbols.Tag))
            {
                if (string.Equals(AttributeArguments.GetConstructorString(tag, 0), key, StringComparison.OrdinalIgnoreCase)
                    && !string.IsNullOrWhiteSpace(AttributeArguments.GetConstructorString(tag, 1)))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                job.Report(DiagnosticDescriptors.MissingRequiredTag, AttributeArguments.AttributeLocation(job.GlueJob, job.CancellationToken),
                    ImmutableDictionary<string, string?>.Empty.Add(TagKeyProperty, key), job.JobName, key);
            }
        }
    }
}

using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Support;
using Pipeline.Generators.Validation;

namespace Pipeline.Analyzers.Rules;

/// <summary>
/// PIPE025: each <c>[Quality]</c> text parses as DQDL. PIPE022: every column it references is a column of the
/// stage's record type. Both are reported at the exact span inside the string literal when it is a plain literal.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class QualityRulesAnalyzer : PipelineAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
        ImmutableArray.Create(DiagnosticDescriptors.InvalidDqdl, DiagnosticDescriptors.UnknownQualityColumn);

    internal override void AnalyzeJob(JobContext job)
    {
        foreach (var member in job.Type.GetMembers())
        {
            job.CancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol method)
            {
                continue;
            }

            List<SchemaColumn>? columns = null;
            INamedTypeSymbol? record = null;
            foreach (var quality in DslSymbols.FindAll(method, job.Symbols.Quality))
            {
                if (AttributeArguments.GetConstructorString(quality, 0) is not { } text)
                {
                    continue;
                }

                var expression = AttributeArguments.PositionalExpression(quality, 0, job.CancellationToken);
                var fallback = AttributeArguments.AttributeLocation(quality, job.CancellationToken);
                var result = Dqdl.Parse(text);
                foreach (var error in result.Errors)
                {
                    job.Report(DiagnosticDescriptors.InvalidDqdl, AttributeArguments.SpanInString(expression, error.Offset, error.Length, fallback), error.Message);
                }

                record ??= SinkSchema.RecordType(method, job.Symbols);
                if (record is null)
                {
                    continue;
                }

                columns ??= SinkSchema.Columns(record, job.Symbols);
                foreach (var reference in result.Columns)
                {
                    if (columns.Any(c => c.ColumnName == reference.Name))
                    {
                        continue;
                    }

                    var byProperty = columns.FirstOrDefault(c => c.PropertyName == reference.Name);
                    var known = byProperty is not null
                        ? "did you mean '" + byProperty.ColumnName + "'? DQDL uses column names, not property names"
                        : string.Join(", ", columns.Select(c => c.ColumnName));
                    job.Report(
                        DiagnosticDescriptors.UnknownQualityColumn,
                        AttributeArguments.SpanInString(expression, reference.Offset, reference.Length, fallback),
                        reference.Name,
                        record.Name,
                        known);
                }
            }
        }
    }
}

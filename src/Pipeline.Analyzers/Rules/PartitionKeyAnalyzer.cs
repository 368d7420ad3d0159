using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Support;

namespace Pipeline.Analyzers.Rules;

/// <summary>
/// PIPE018: every <c>[PartitionBy]</c> key names a column of the sink's record type — by property name or by column
/// name — and that column has a primitive type.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PartitionKeyAnalyzer : PipelineAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidPartitionKey);

    internal override void AnalyzeJob(JobContext job)
    {
        foreach (var member in job.Type.GetMembers())
        {
            job.CancellationToken.ThrowIfCancellationRequested();
            if (member is not IMethodSymbol method || DslSymbols.Find(method, job.Symbols.PartitionBy) is not { } partitionBy)
            {
                continue;
            }

            var record = SinkSchema.RecordType(method, job.Symbols);
            if (record is null || partitionBy.ConstructorArguments.Length != 1 || partitionBy.ConstructorArguments[0].Kind != TypedConstantKind.Array
                || partitionBy.ConstructorArguments[0].IsNull)
            {
                // A null params array has no Values; PipelineStructureAnalyzer reports it (PIPE000).
                continue;
            }

            var columns = SinkSchema.Columns(record, job.Symbols);
            var keys = partitionBy.ConstructorArguments[0].Values;
            var argumentSyntax = ArgumentExpressions(partitionBy, keys.Length, job);
            var used = new HashSet<string>();
            for (var i = 0; i < keys.Length; i++)
            {
                var key = keys[i].Value as string;
                var location = argumentSyntax[i];
                var column = columns.FirstOrDefault(c => c.PropertyName == key) ?? columns.FirstOrDefault(c => c.ColumnName == key);
                if (column is null)
                {
                    job.Report(DiagnosticDescriptors.InvalidPartitionKey, location,
                        "Partition key '" + key + "' is not a column of " + record.Name + " (columns: " + string.Join(", ", columns.Select(c => c.ColumnName)) + ")");
                }
                else if (!column.IsPrimitive)
                {
                    job.Report(DiagnosticDescriptors.InvalidPartitionKey, location,
                        "Partition key '" + key + "' has type " + column.TypeName + "; Glue only supports primitive types as partition keys");
                }
                else if (!used.Add(column.ColumnName))
                {
                    job.Report(DiagnosticDescriptors.InvalidPartitionKey, location, "Partition key '" + key + "' is listed twice");
                }
            }

            if (used.Count == columns.Count && columns.Count > 0)
            {
                job.Report(DiagnosticDescriptors.InvalidPartitionKey, AttributeArguments.AttributeLocation(partitionBy, job.CancellationToken),
                    "Every column of " + record.Name + " is a partition key; at least one column must remain in the data files");
            }
        }
    }

    /// <summary>One location per key: the key's own argument when written as <c>params</c>, else the whole argument.</summary>
    private static Location[] ArgumentExpressions(AttributeData attribute, int count, JobContext job)
    {
        var result = new Location[count];
        var syntax = AttributeArguments.GetSyntax(attribute, job.CancellationToken);
        var arguments = new List<ExpressionSyntax>();
        if (syntax?.ArgumentList is not null)
        {
            foreach (var argument in syntax.ArgumentList.Arguments)
            {
                if (argument.NameEquals is null)
                {
                    arguments.Add(argument.Expression);
                }
            }
        }

        var expanded = arguments.Count == count && !(count == 1 && arguments[0] is ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax);
        var fallback = arguments.Count > 0 ? arguments[0].GetLocation() : AttributeArguments.AttributeLocation(attribute, job.CancellationToken);
        for (var i = 0; i < count; i++)
        {
            result[i] = expanded ? arguments[i].GetLocation() : ElementLocation(arguments, i) ?? fallback;
        }

        return result;
    }

    private static Location? ElementLocation(List<ExpressionSyntax> arguments, int index)
    {
        if (arguments.Count != 1)
        {
            return null;
        }

        var initializer = arguments[0] switch
        {
            ArrayCreationExpressionSyntax a => a.Initializer?.Expressions,
            ImplicitArrayCreationExpressionSyntax i => i.Initializer.Expressions,
            _ => null,
        };

        if (initializer is { } elements && elements.Count > index)
        {
            return elements[index].GetLocation();
        }

        if (arguments[0] is CollectionExpressionSyntax collection && collection.Elements.Count > index)
        {
            return collection.Elements[index].GetLocation();
        }

        return null;
    }
}

using System.Collections.Generic;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

/// <summary>
/// The pipeline as the local DuckDB runner needs it: sources with their typed columns, each stage as one DuckDB
/// <c>SELECT</c> (from <see cref="DuckDbSqlPrinter"/>) with its output columns, and sinks with partitioning,
/// compression and the DQDL ruleset. Carried as JSON in the generated descriptor, so the runner needs neither
/// Roslyn nor the generator at run time.
/// </summary>
internal static class LocalPlanEmitter
{
    /// <summary>Bumped when the JSON shape changes; the runner refuses plans it does not know.</summary>
    public const int FormatVersion = 1;

    public static string Emit(PipelineSpec spec)
    {
        var rulesets = new Dictionary<string, QualityRuleset>();
        foreach (var ruleset in DqdlEmitter.Emit(spec))
        {
            rulesets[ruleset.SinkName] = ruleset;
        }

        var sources = new JsonArray();
        foreach (var source in spec.Sources)
        {
            var json = new JsonObject
            {
                ["name"] = source.Name,
                ["relation"] = DuckDbSqlPrinter.SourceRelation(source),
                ["kind"] = source.Kind == SourceKind.S3 ? "s3" : "catalog",
                ["path"] = source.Path,
                ["format"] = Format(source.Format),
                ["csvHeader"] = source.Csv.Header,
                ["csvDelimiter"] = source.Csv.Delimiter,
                ["csvQuote"] = source.Csv.Quote,
                ["database"] = source.Database,
                ["table"] = source.Table,
                ["location"] = source.Location,
                ["pushDownPredicate"] = source.PushDownPredicate,
                ["bookmarked"] = source.Bookmarked,
                ["columns"] = Columns(spec, source.SchemaType),
            };
            if (source.LookupOnly)
            {
                // Absent means false, so plans without a lookup side read the same as before source roles existed.
                json["lookupOnly"] = true;
            }

            sources.Add(json);
        }

        var recomputed = new Dictionary<string, RecomputedAggregate>();
        foreach (var aggregate in IncrementalAggregates.Find(spec.Sources, spec.Stages))
        {
            recomputed[aggregate.Stage] = aggregate;
        }

        var stages = new JsonArray();
        foreach (var stage in spec.Stages)
        {
            var inputs = new JsonArray();
            foreach (var input in stage.Inputs)
            {
                inputs.Add(DuckDbSqlPrinter.RelationName(spec, input));
            }

            var json = new JsonObject
            {
                ["name"] = stage.Name,
                ["relation"] = DuckDbSqlPrinter.StageRelation(stage),
                ["inputs"] = inputs,
                ["sql"] = DuckDbSqlPrinter.Select(spec, stage),
                ["columns"] = Columns(spec, stage.SchemaType),
            };

            if (recomputed.TryGetValue(stage.Name, out var aggregate))
            {
                // An aggregate over an increment: the runner recomputes the groups with these key values from the full input.
                json["recomputeKeys"] = JsonArray.OfStrings(aggregate.Keys);
            }

            if (stage.Sink is { } sink)
            {
                rulesets.TryGetValue(stage.Name, out var ruleset);
                json["sink"] = new JsonObject
                {
                    ["path"] = sink.Path,
                    ["format"] = Format(sink.Format),
                    ["compression"] = sink.Compression.ToString().ToLowerInvariant(),
                    ["database"] = sink.Database,
                    ["table"] = sink.Table,
                    ["partitionKeys"] = JsonArray.OfStrings(sink.PartitionKeys),
                    ["rulesetName"] = ruleset?.Name,
                    ["ruleset"] = ruleset?.Text,
                    ["onFailure"] = sink.OnFailure.ToString().ToLowerInvariant(),
                    ["quarantinePath"] = sink.QuarantinePath,
                };
                if (sink.Mode != WriteModeKind.Append)
                {
                    // Absent means append, so plans of append sinks read the same as before write modes existed.
                    ((JsonObject)json["sink"]!)["writeMode"] = sink.Mode switch
                    {
                        WriteModeKind.Overwrite => "overwrite",
                        WriteModeKind.Merge => "merge",
                        _ => "overwritePartitions",
                    };
                }

                if (sink.MergeKeys.Count > 0)
                {
                    ((JsonObject)json["sink"]!)["mergeKeys"] = JsonArray.OfStrings(sink.MergeKeys);
                    if (UniqueRows.ByColumns(spec.Stages, stage, sink.MergeKeys))
                    {
                        // The plan already gives one row per key (DistinctBy, GroupBy): the runner skips its own pass.
                        ((JsonObject)json["sink"]!)["mergeKeysUnique"] = true;
                    }
                }
            }

            stages.Add(json);
        }

        return JsonWriter.Serialize(new JsonObject
        {
            ["formatVersion"] = FormatVersion,
            ["job"] = spec.Job.Name,
            ["class"] = (spec.Namespace.Length == 0 ? "" : spec.Namespace + ".") + spec.ClassName,
            ["bookmarks"] = spec.Job.Bookmarks,
            ["sources"] = sources,
            ["stages"] = stages,
        });
    }

    private static JsonArray Columns(PipelineSpec spec, string schemaType)
    {
        var columns = new JsonArray();
        var schema = spec.FindSchema(schemaType);
        if (schema is null)
        {
            return columns;
        }

        foreach (var column in schema.Columns)
        {
            columns.Add(new JsonObject
            {
                ["name"] = column.Name,
                ["property"] = column.PropertyName,
                ["type"] = DuckDbTypes.Name(column.Type),
                ["nullable"] = column.Type.Nullable,
            });
        }

        return columns;
    }

    private static string Format(FileFormat format) => format.ToString().ToLowerInvariant();
}

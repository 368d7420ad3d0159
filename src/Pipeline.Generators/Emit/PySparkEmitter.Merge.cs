using System.Collections.Generic;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

/// <summary>
/// <see cref="WriteModeKind.Merge"/> in the Glue script: replace by key. The sink's current rows are read from its
/// catalog table (the job registers what it writes with <c>MSCK REPAIR TABLE</c>), the run's rows — one per key —
/// replace those with the same key, and the partitions holding a replaced or a new row are written with dynamic
/// partition overwrite, the other rows of those partitions carried over (the whole path, static, without partition
/// keys). Only left and inner joins are used: an anti-join is a left join on the keys whose marker is null, a semi-join
/// an inner join with distinct keys.
/// </summary>
internal static partial class PySparkEmitter
{
    /// <summary>Writes the merge of <paramref name="df"/> (the run's rows, conformed to the sink schema) into <paramref name="df"/>.</summary>
    private static void WriteMerge(SourceWriter writer, PipelineSpec spec, StageSpec stage, SchemaSpec schema, string df)
    {
        var sink = stage.Sink!;
        var name = StageName(stage);
        var batch = name + "_batch_df";
        var existing = name + "_existing_df";
        var marked = name + "_marked_df";
        var keys = PySparkSyntax.PyList(sink.MergeKeys);
        writer.WriteLine($"# Write mode Merge on {PySparkSyntax.CommentText(string.Join(", ", sink.MergeKeys))}: the run's rows (one per key) replace the sink's rows with the same key,");
        writer.WriteLine("# new keys are added. Retries and reprocessing give the same output; the key stays unique across runs.");
        writer.WriteLine(UniqueRows.ByColumns(spec.Stages, stage, sink.MergeKeys)
            ? $"{batch} = {df}  # already one row per key (the plan ends in a DistinctBy or GroupBy on it)"
            : $"{batch} = {df}.dropDuplicates({keys})");
        var existingFrame = name + "_existing_frame";
        writer.WriteLine($"{existingFrame} = glueContext.create_dynamic_frame.from_catalog(");
        writer.Indentation++;
        writer.WriteLine($"database={PySparkSyntax.PyLiteral(sink.Database)},");
        writer.WriteLine($"table_name={PySparkSyntax.PyLiteral(sink.Table)},");
        writer.WriteLine("# No transformation_ctx: the sink's current content is read whole, never bookmarked.");
        writer.Indentation--;
        writer.WriteLine(")");
        // The sink's own output, typed as declared; an empty table (the first run) gets the declared columns.
        WriteConformedRead(writer, stage.Id, "sink_" + stage.Id, schema, existingFrame, existing, "unreadable record", setAside: false);

        // Each existing row, marked when the run replaces its key.
        writer.WriteLine($"{marked} = {existing}.alias(\"l\").join(");
        writer.Indentation++;
        writer.WriteLine($"{batch}.select({string.Join(", ", Names(sink.MergeKeys))}, F.lit(True).alias(\"__replaced\")).alias(\"r\"),");
        writer.WriteLine($"{Matching(sink.MergeKeys)},");
        writer.WriteLine("\"left\",");
        writer.Indentation--;
        writer.WriteLine(").select(");
        WriteLines(writer, QualifiedColumns(schema, "l"), "F.col(\"r.__replaced\")");
        writer.WriteLine(")");
        var kept = $"{marked}.filter(F.col(\"__replaced\").isNull())";
        if (sink.PartitionKeys.Count == 0)
        {
            writer.WriteLine("# No partition keys: the whole sink is rewritten, the rows not replaced carried over.");
            writer.WriteLine($"{df} = {batch}.unionByName({kept}.select({string.Join(", ", Names(ColumnNames(schema)))}))");
            return;
        }

        var affected = name + "_affected_df";
        writer.WriteLine("# The partitions rewritten: those the run writes into and those a replaced row leaves (its key moved).");
        writer.WriteLine($"{affected} = {batch}.select({string.Join(", ", Names(sink.PartitionKeys))}).unionByName(");
        writer.Indentation++;
        writer.WriteLine($"{marked}.filter(F.col(\"__replaced\").isNotNull()).select({string.Join(", ", Names(sink.PartitionKeys))})");
        writer.Indentation--;
        writer.WriteLine(").distinct()");
        writer.WriteLine("# Spark's dynamic overwrite cannot empty a partition: a partition whose every row moved away keeps them.");
        var carried = name + "_carried_df";
        writer.WriteLine($"{carried} = {kept}.alias(\"l\").join(");
        writer.Indentation++;
        writer.WriteLine($"{affected}.alias(\"r\"),");
        writer.WriteLine(Matching(sink.PartitionKeys) + ",");
        writer.WriteLine("\"inner\",");
        writer.Indentation--;
        writer.WriteLine(").select(");
        WriteLines(writer, QualifiedColumns(schema, "l"));
        writer.WriteLine(")");
        writer.WriteLine($"{df} = {batch}.unionByName({carried})");
    }

    /// <summary>One indented line per item, each ending with a comma.</summary>
    private static void WriteLines(SourceWriter writer, IEnumerable<string> items, string? last = null)
    {
        writer.Indentation++;
        foreach (var item in items)
        {
            writer.WriteLine(item + ",");
        }

        if (last is not null)
        {
            writer.WriteLine(last + ",");
        }

        writer.Indentation--;
    }

    /// <summary>Null-safe equality of each column between the frames aliased <c>l</c> and <c>r</c>.</summary>
    private static string Matching(IEnumerable<string> columns)
    {
        var parts = new List<string>();
        foreach (var column in columns)
        {
            parts.Add($"{PySparkSyntax.Col("l", column)}.eqNullSafe({PySparkSyntax.Col("r", column)})");
        }

        return parts.Count == 1 ? parts[0] : "(" + string.Join(") & (", parts) + ")";
    }

    private static IEnumerable<string> Names(IEnumerable<string> columns)
    {
        foreach (var column in columns)
        {
            yield return PySparkSyntax.PyLiteral(column);
        }
    }

    private static IEnumerable<string> ColumnNames(SchemaSpec schema)
    {
        foreach (var column in schema.Columns)
        {
            yield return column.Name;
        }
    }

    private static IEnumerable<string> QualifiedColumns(SchemaSpec schema, string qualifier)
    {
        foreach (var column in schema.Columns)
        {
            yield return $"{PySparkSyntax.Col(qualifier, column.Name)}.alias({PySparkSyntax.PyLiteral(column.Name)})";
        }
    }
}

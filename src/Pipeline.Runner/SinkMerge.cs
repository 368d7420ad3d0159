using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;

namespace Pipeline.Runner;

/// <summary>
/// The <c>merge</c> write mode locally: replace by key. The run's rows (one per key) replace the sink's rows with the
/// same key, wherever they are; the partitions holding a replaced or a new row are rewritten whole — their other rows
/// are carried over — and swapped through the publish journal like <c>overwritePartitions</c> (the whole sink when it
/// has no partition keys). Quality rules see exactly the rows written: the merged content of those partitions.
/// </summary>
internal static class SinkMerge
{
    /// <summary>
    /// Creates the temp table of the rows to write (<c>merged_&lt;relation&gt;</c>, or <c>batch_&lt;relation&gt;</c> when the sink
    /// is still empty) and returns its name with the existing folders
    /// the publish must replace besides the ones the staged output lands in. <paramref name="target"/> is the sink's
    /// local folder; with <paramref name="readExisting"/> false (a reset) the earlier output does not count.
    /// </summary>
    public static (string Relation, List<string> Replace) Prepare(DuckDBConnection connection, LocalStage stage, string target, bool readExisting)
    {
        var sink = stage.Sink!;
        var keys = sink.MergeKeys ?? Array.Empty<string>();
        var batch = "batch_" + stage.Relation;
        var existing = "existing_" + stage.Relation;
        var merged = "merged_" + stage.Relation;
        var columns = string.Join(", ", stage.Columns.Select(c => Duck.Identifier(c.Name)));

        // One row per key within the run (an arbitrary one, as DistinctBy): the key is unique in what is written. A plan
        // that already ends in a DistinctBy or GroupBy on the key needs no second pass over the batch.
        if (sink.MergeKeysUnique)
        {
            batch = stage.Relation;
        }
        else
        {
            connection.Execute($"CREATE OR REPLACE TEMP TABLE {Duck.Identifier(batch)} AS SELECT DISTINCT ON ({string.Join(", ", keys.Select(Duck.Identifier))}) {columns} FROM {Duck.Identifier(stage.Relation)}");
        }

        var files = readExisting && Directory.Exists(target) ? SourceReader.ListFiles(target, sink.Format == "orc" ? "parquet" : sink.Format) : new List<string>();
        if (files.Count == 0)
        {
            // Nothing written yet (or a reset): the run's rows are the merge; no second copy of them.
            return (batch, new List<string>());
        }

        connection.Execute($"CREATE OR REPLACE TEMP TABLE {Duck.Identifier(existing)} AS SELECT {Casts(stage.Columns)}, filename AS __file FROM {Reader(stage, files)}");
        var sameKey = $"EXISTS (SELECT 1 FROM {Duck.Identifier(batch)} b WHERE {Match(keys)})";
        if (sink.PartitionKeys.Count == 0)
        {
            connection.Execute($"CREATE OR REPLACE TEMP TABLE {Duck.Identifier(merged)} AS SELECT * FROM {Duck.Identifier(batch)} UNION ALL SELECT {columns} FROM {Duck.Identifier(existing)} e WHERE NOT {sameKey}");
            return (merged, new List<string> { target });
        }

        // A partition is affected when the run writes into it or one of its rows is replaced (its key moved partition).
        var samePartition = $"EXISTS (SELECT 1 FROM {Duck.Identifier(batch)} b WHERE {Match(sink.PartitionKeys)})";
        var affectedFiles = connection.Rows($"SELECT DISTINCT __file FROM {Duck.Identifier(existing)} e WHERE {sameKey} OR {samePartition}")
            .Select(row => (string)row[0]!)
            .ToList();
        var folders = affectedFiles.Select(f => Path.GetDirectoryName(f)!).Distinct(StringComparer.Ordinal).OrderBy(f => f, StringComparer.Ordinal).ToList();
        var carried = files.Where(f => folders.Contains(Path.GetDirectoryName(f)!, StringComparer.Ordinal)).ToList();
        var carriedRows = carried.Count == 0
            ? ""
            : $" UNION ALL SELECT {columns} FROM {Duck.Identifier(existing)} e WHERE __file IN ({string.Join(", ", carried.Select(Duck.Literal))}) AND NOT {sameKey}";
        connection.Execute($"CREATE OR REPLACE TEMP TABLE {Duck.Identifier(merged)} AS SELECT * FROM {Duck.Identifier(batch)}{carriedRows}");
        return (merged, folders);
    }

    /// <summary>Null keys match null keys: a row whose key is null replaces the earlier row with a null key.</summary>
    private static string Match(IEnumerable<string> columns) =>
        string.Join(" AND ", columns.Select(c => $"b.{Duck.Identifier(c)} IS NOT DISTINCT FROM e.{Duck.Identifier(c)}"));

    private static string Casts(IReadOnlyList<LocalColumn> columns) =>
        string.Join(", ", columns.Select(c => $"CAST({Duck.Identifier(c.Name)} AS {c.Type}) AS {Duck.Identifier(c.Name)}"));

    /// <summary>The sink's files as the runner wrote them: partition columns only in the folder names, read as text.</summary>
    private static string Reader(LocalStage stage, IReadOnlyList<string> files)
    {
        var sink = stage.Sink!;
        var hive = sink.PartitionKeys.Count > 0 ? "true" : "false";
        var common = $"hive_partitioning={hive}, hive_types_autocast=false, filename=true";
        return sink.Format switch
        {
            "json" => $"read_json({Duck.PathList(files)}, format='newline_delimited', columns={{{string.Join(", ", stage.Columns.Where(c => !sink.PartitionKeys.Contains(c.Name)).Select(c => Duck.Literal(c.Name) + ": " + Duck.Literal(c.Type)))}}}, {common})",
            "csv" => $"read_csv({Duck.PathList(files)}, header=true, all_varchar=true, union_by_name=true, {common})",
            _ => $"read_parquet({Duck.PathList(files)}, union_by_name=true, {common})",
        };
    }
}

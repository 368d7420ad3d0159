using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;

namespace Pipeline.Runner;

/// <summary>
/// Aggregates over an increment (<see cref="LocalStage.RecomputeKeys"/>): a run's new files hold only part of the
/// groups they touch, so the groups whose keys appear in the batch are recomputed from the full input (every file of
/// every increment, processed before or not) and replace the batch's partial groups; the sink's write mode
/// (OverwritePartitions on group keys, or Merge) then replaces them in the output. The full pass runs in a second
/// in-memory database, so the batch's relations (which the other stages and sinks keep using) are left alone.
/// </summary>
internal static class AggregateRecompute
{
    /// <summary>Whether the plan has an aggregate to recompute.</summary>
    public static bool Needed(LocalPlan plan) => plan.Stages.Any(s => s.RecomputeKeys is { Count: > 0 });

    /// <summary>
    /// Reads every source in full into a fresh database, runs the stages up to the last recomputed aggregate there
    /// (<paramref name="runStages"/>) and writes each recomputed aggregate to a Parquet file under
    /// <paramref name="staging"/>. Returns the stage relation → file. Rows set aside by this pass go to a folder that is
    /// never published: the batch read already reported the new files' bad rows, and older files' were reported before.
    /// </summary>
    public static Dictionary<string, string> OverFullInput(
        LocalPlan plan,
        LocationResolver locations,
        string staging,
        string memoryLimit,
        Action<DuckDBConnection, int> runStages)
    {
        var folder = Path.Combine(staging, "recompute");
        using var connection = Duck.OpenInMemory();
        Duck.ConfigureForRun(connection, memoryLimit, Path.Combine(folder, "tmp"));
        var reader = new SourceReader(connection, streamAboveBytes: long.MaxValue);
        foreach (var source in plan.Sources)
        {
            // No bookmarks: every file counts. The throwaway state is never saved.
            reader.Read(source, locations.Source(source), new BookmarkState(), new BookmarkState(), Path.Combine(folder, "malformed"));
        }

        var last = plan.Stages.Select((s, i) => (s, i)).Last(p => p.s.RecomputeKeys is { Count: > 0 }).i;
        runStages(connection, last);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stage in plan.Stages.Take(last + 1).Where(s => s.RecomputeKeys is { Count: > 0 }))
        {
            var file = Path.Combine(folder, stage.Relation + ".parquet");
            connection.Execute($"COPY {Duck.Identifier(stage.Relation)} TO {Duck.Literal(file)} (FORMAT PARQUET)");
            files[stage.Relation] = file;
        }

        return files;
    }

    /// <summary>
    /// Just after the batch computed <paramref name="stage"/>: replaces its rows with the full groups of the keys the
    /// batch holds (null keys match null keys).
    /// </summary>
    public static void Restrict(DuckDBConnection connection, LocalStage stage, string fullFile)
    {
        var keys = stage.RecomputeKeys!;
        var affected = "affected_" + stage.Relation;
        var match = string.Join(" AND ", keys.Select(k => $"a.{Duck.Identifier(k)} IS NOT DISTINCT FROM f.{Duck.Identifier(k)}"));
        connection.Execute($"CREATE OR REPLACE TEMP TABLE {Duck.Identifier(affected)} AS SELECT DISTINCT {string.Join(", ", keys.Select(Duck.Identifier))} FROM {Duck.Identifier(stage.Relation)}");
        connection.Execute($"CREATE OR REPLACE TEMP TABLE {Duck.Identifier(stage.Relation)} AS SELECT f.* FROM read_parquet({Duck.Literal(fullFile)}) f WHERE EXISTS (SELECT 1 FROM {Duck.Identifier(affected)} a WHERE {match})");
        connection.Execute($"DROP TABLE {Duck.Identifier(affected)}");
    }
}

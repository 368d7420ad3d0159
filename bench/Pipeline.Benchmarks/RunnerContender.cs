using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using DuckDB.NET.Data;
using Pipeline.Runner;
using Pipeline.Runner.Quality;

namespace Pipeline.Benchmarks;

/// <summary>Contender a: the local runner, as a user runs it (PipelineExecutor, reset, partitioned Parquet, quality, publish).</summary>
internal static class RunnerContender
{
    public static ChildResult Run(BenchOptions o)
    {
        var plan = Workload.OrdersDailyPlan(out var plans);
        var outputRoot = o.OutputDirectory(Contender.Runner);
        Workload.Clean(outputRoot); // not timed: every contender starts from an empty output folder

        var resolver = new LocationResolver(Workload.Config(o), plans, o.DataDirectory, outputRoot);
        var steps = new StepClock();
        string current = "start: recover, reset";
        var executor = new PipelineExecutor(resolver, progress =>
        {
            steps.Mark(current);
            current = progress;
        });

        var clock = Stopwatch.StartNew();
        var report = executor.Run(plan, new RunOptions(Reset: true));
        clock.Stop();
        steps.Mark(current);

        if (report.Outcome != RunOutcome.Succeeded)
        {
            var rules = report.Sinks.SelectMany(s => s.Quality?.Rules ?? Array.Empty<RuleOutcome>())
                .Where(r => r.Outcome != RuleOutcome.Passed).Select(r => $"  {r.Outcome}: {r.Rule} ({r.Observed}) {r.Reason}");
            throw new InvalidOperationException($"runner: {report.Outcome}: {report.Error}\n{string.Join("\n", rules)}");
        }

        var input = report.Sources.Sum(s => s.Rows ?? 0);
        var written = report.Sinks.Sum(s => s.RowsWritten);
        var note = $"stages: {string.Join(", ", report.Stages.Select(s => $"{s.Name}={s.Rows:N0}"))}; quality: {report.Sinks[0].Quality?.Count(RuleOutcome.Passed)} rules passed";
        return new ChildResult(Contender.Runner, input, written, clock.Elapsed.TotalSeconds, ProcessStats.PeakRss(), null,
            GC.GetGCMemoryInfo().HeapSizeBytes, steps.Steps, note);
    }
}

/// <summary>
/// The per-step profile of the runner: the statements PipelineExecutor issues (same SQL, same order, one connection),
/// each timed on its own, plus a few what-ifs that price the proposed fixes. Not a contender: it explains the
/// runner's time. Kept in sync by hand with src/Pipeline.Runner/PipelineExecutor.cs (it reuses SourceReader and
/// QualityEvaluator themselves; the stage/COPY SQL is rebuilt here the way the executor builds it).
/// </summary>
internal static class RunnerProfile
{
    public static ChildResult Run(BenchOptions o)
    {
        var plan = Workload.OrdersDailyPlan(out var plans);
        var outputRoot = o.OutputDirectory(Contender.RunnerProfile);
        Workload.Clean(outputRoot);
        var resolver = new LocationResolver(Workload.Config(o), plans, o.DataDirectory, outputRoot);
        var steps = new StepClock();
        var total = Stopwatch.StartNew();

        // The executor's session settings; --memory-limit replaces its memory_limit to price that knob.
        var memoryLimit = o.MemoryLimit ?? PipelineExecutor.DefaultMemoryLimit;
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var source = plan.Sources.Single();
        var location = resolver.Source(source);
        var staging = Path.Combine(outputRoot, ".staging");
        Directory.CreateDirectory(Path.Combine(staging, "tmp"));
        Execute(connection, $"SET memory_limit = '{memoryLimit}'; SET temp_directory = '{Path.Combine(staging, "tmp")}'; SET preserve_insertion_order = false");

        steps.Time("read: SourceReader.Read (CREATE TEMP TABLE src_orders AS SELECT CAST(..) FROM read_json(..)) + count(*)", () =>
            new SourceReader(connection).Read(source, location, new BookmarkState(), new BookmarkState(), Path.Combine(staging, "malformed")));
        steps.Time("  of which: count(*) src_orders (re-run alone)", () => Scalar(connection, $"SELECT count(*) FROM {Q(source.Relation)}"));

        var mem = new Dictionary<string, double>();
        foreach (var stage in plan.Stages)
        {
            var projection = string.Join(", ", stage.Columns.Select(c => $"CAST(q.{Q(c.Name)} AS {c.Type}) AS {Q(c.Name)}"));
            if (stage.Sink is null)
            {
                // As the executor does: intermediate stages are views, computed when the sink stage reads them.
                steps.Time($"stage {stage.Name}: CREATE TEMP VIEW {stage.Relation}", () =>
                    Execute(connection, $"CREATE OR REPLACE TEMP VIEW {Q(stage.Relation)} AS SELECT {projection} FROM ({stage.Sql}) AS q"));
                continue;
            }

            steps.Time($"stage {stage.Name} (sink): CREATE TEMP TABLE {stage.Relation} AS SELECT CAST(..) FROM (stage SQL over the views)", () =>
                Execute(connection, $"CREATE OR REPLACE TEMP TABLE {Q(stage.Relation)} AS SELECT {projection} FROM ({stage.Sql}) AS q"));
            steps.Time($"stage {stage.Name}: count(*)", () => Scalar(connection, $"SELECT count(*) FROM {Q(stage.Relation)}"));
        }

        var duckAfterStages = DuckDbMemory(connection);
        var sinkStage = plan.Sinks.Single();
        var sink = sinkStage.Sink!;
        var relation = sinkStage.Relation;
        var now = DateTimeOffset.UtcNow;

        var report = steps.Time("quality: QualityEvaluator.Evaluate(whole ruleset) — what the runner does", () =>
            QualityEvaluator.Evaluate(connection, relation, sink.Ruleset!, now));
        if (!report.Passed)
        {
            throw new InvalidOperationException("runner-profile: quality failed: " + string.Join("; ", report.Rules.Where(r => r.Outcome != RuleOutcome.Passed).Select(r => r.Rule + " " + r.Reason)));
        }

        // Each rule alone (every Evaluate call also runs one count(*) for the report's row total; priced separately).
        steps.Time("  quality, each rule alone: count(*) (the report's TotalRows, run once per Evaluate)", () => Scalar(connection, $"SELECT count(*) FROM {Q(relation)}"));
        foreach (var rule in Rules(sink.Ruleset!))
        {
            steps.Time($"  quality, each rule alone: {rule}", () => QualityEvaluator.Evaluate(connection, relation, "Rules = [ " + rule + " ]", now));
        }

        steps.Time("  what-if: the whole ruleset as ONE aggregate query (hand-written script's check)", () =>
            Execute(connection, HandwrittenContender.QualitySql(Q(relation))));

        var stagedSink = Path.Combine(staging, "sinks", relation);
        var query = $"SELECT * FROM {Q(relation)}";
        var rows = steps.Time("write: count(*) of the COPY query (before COPY)", () => Scalar(connection, $"SELECT count(*) FROM ({query})"));
        Directory.CreateDirectory(stagedSink);
        var keys = string.Join(", ", sink.PartitionKeys.Select(Q));
        steps.Time("write: COPY .. TO staging (PARQUET, snappy, PARTITION_BY year, month, day)", () =>
            Execute(connection, $"COPY ({query}) TO '{stagedSink}' (FORMAT PARQUET, COMPRESSION 'snappy', PARTITION_BY ({keys}), FILENAME_PATTERN 'part-profile-{{i}}', FILE_EXTENSION 'parquet', OVERWRITE_OR_IGNORE true)"));
        var target = Path.Combine(outputRoot, "acme-curated", "orders");
        var files = 0;
        steps.Time("publish: move staged files to the sink folder", () =>
        {
            foreach (var file in Directory.EnumerateFiles(stagedSink, "*", SearchOption.AllDirectories).ToList())
            {
                var to = Path.Combine(target, Path.GetRelativePath(stagedSink, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Move(file, to, overwrite: true);
                files++;
            }
        });

        var duckEnd = DuckDbMemory(connection);
        var tables = string.Join(", ", TableSizes(connection));
        total.Stop();
        var note = $"memory_limit={memoryLimit}, preserve_insertion_order=false; {rows:N0} rows, {files} files; DuckDB memory after the stages {duckAfterStages / 1048576.0:N0} MiB, at the end {duckEnd / 1048576.0:N0} MiB; temp tables alive at the end: {tables}";
        return new ChildResult(Contender.RunnerProfile, 0, rows, total.Elapsed.TotalSeconds, ProcessStats.PeakRss(), duckEnd,
            GC.GetGCMemoryInfo().HeapSizeBytes, steps.Steps, note);
    }

    private static IEnumerable<string> TableSizes(DuckDBConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT table_name, estimated_size FROM duckdb_tables() ORDER BY 1";
            using var reader = command.ExecuteReader();
            var list = new List<string>();
            while (reader.Read())
            {
                list.Add($"{reader.GetString(0)} (~{Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture):N0} rows)");
            }

            return list;
        }
    }

    /// <summary>The rules of a <c>Rules = [ ... ]</c> document, one per line as the generator writes them.</summary>
    internal static IEnumerable<string> Rules(string ruleset) =>
        ruleset.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("Rules", StringComparison.Ordinal) && l != "]")
            .Select(l => l.TrimEnd(','));

    internal static long DuckDbMemory(DuckDBConnection connection)
    {
        try
        {
            return Scalar(connection, "SELECT CAST(coalesce(sum(memory_usage_bytes), 0) AS BIGINT) FROM duckdb_memory()");
        }
        catch (DuckDBException)
        {
            return -1;
        }
    }

    internal static string Q(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    internal static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    internal static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

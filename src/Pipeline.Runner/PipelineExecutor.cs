using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using DuckDB.NET.Data;
using Pipeline.Runner.Quality;

namespace Pipeline.Runner;

/// <summary>Options of one local run.</summary>
/// <param name="Reset">Start from no bookmarks and replace the job's output when the run publishes.</param>
/// <param name="Wait">When another run holds the output's lock: wait for it (true) or refuse at once (false).</param>
/// <param name="RunDate">The date run parameters in push-down predicates are formatted from (default: today in UTC).</param>
public sealed record RunOptions(bool Reset = false, DateTimeOffset? Now = null, bool Wait = false, DateOnly? RunDate = null);

/// <summary>
/// Runs one pipeline on embedded DuckDB: sources → stages (the generated SQL) → quality → sinks, staged and then
/// published atomically with the new bookmark state (see <see cref="Publisher"/>).
/// </summary>
public sealed class PipelineExecutor
{
    /// <summary>
    /// DuckDB's memory limit for one run; past it DuckDB spills to disk. The budget is 2 GB for the whole process, and
    /// the process needs 200-300 MB beyond DuckDB's limit (runtime, DuckDB's code, its allocator's retained pages and
    /// allocations outside its buffer manager). On the 10M-row benchmark, peak RSS was 1,799-1,836 MiB at 1536-1600MB
    /// and up to 1,902 MiB at 1664MB, with the same run time (12.1-12.2 s).
    /// </summary>
    public const string DefaultMemoryLimit = "1600MB";

    private readonly LocationResolver _locations;
    private readonly Action<string>? _progress;
    private readonly string _memoryLimit;
    private readonly long _streamAboveBytes;

    public PipelineExecutor(LocationResolver locations, Action<string>? progress = null, string? memoryLimit = null, long streamAboveBytes = SourceReader.DefaultStreamAboveBytes)
    {
        _locations = locations;
        _progress = progress;
        _memoryLimit = memoryLimit ?? DefaultMemoryLimit;
        _streamAboveBytes = streamAboveBytes;
    }

    /// <summary>Sees every DuckDB statement of a run with its duration (the benchmark's per-statement profile).</summary>
    internal Action<string, TimeSpan>? StatementObserver { get; init; }

    public RunReport Run(LocalPlan plan, RunOptions? options = null)
    {
        options ??= new RunOptions();
        var clock = Stopwatch.StartNew();
        var now = options.Now ?? DateTimeOffset.UtcNow;
        plan = WithRunDate(plan, options.RunDate ?? DateOnly.FromDateTime(now.UtcDateTime));
        var runId = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(3)).ToLowerInvariant();
        var report = new RunReport(plan.Job, runId);

        OutputLock held;
        try
        {
            if (File.Exists(_locations.OutputRoot))
            {
                throw new RunnerException($"the output {_locations.OutputRoot} is a file, not a folder; pass --output with a folder (it is created if missing)");
            }

            held = OutputLock.Acquire(_locations.StateRoot, options.Wait, _progress);
        }
        catch (OutputBusyException e)
        {
            report.Outcome = RunOutcome.Busy;
            report.Error = e.Message;
            return Finish(report, clock);
        }
        catch (Exception e) when (e is RunnerException or IOException or UnauthorizedAccessException)
        {
            report.Outcome = RunOutcome.Failed;
            report.Error = Describe(e);
            return Finish(report, clock);
        }

        using (held)
        {
            var publisher = new Publisher(_locations.StateRoot, plan.Job);
            try
            {
                report.Recovery = publisher.Recover();
                RunLocked(plan, options, runId, now, publisher, report);
            }
            catch (Exception e) when (e is RunnerException or DuckDBException or IOException or UnauthorizedAccessException)
            {
                report.Outcome = RunOutcome.Failed;
                report.Error = Describe(e);
                if (publisher.HasCommittedJournal)
                {
                    report.PublishPending = true;
                    report.Error += "; the publish was committed and is completed by the next run";
                }
            }

            if (report.Outcome != RunOutcome.Succeeded || report.Note is not null)
            {
                try
                {
                    publisher.Discard(runId);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Discarded by the next start instead.
                }
            }
        }

        return Finish(report, clock);
    }

    /// <summary>
    /// The plan with run parameters in push-down predicates (<c>{RunDate:yyyy-MM-dd}</c>) formatted from the run date,
    /// as the Glue script formats them from <c>--RUN_DATE</c>.
    /// </summary>
    internal static LocalPlan WithRunDate(LocalPlan plan, DateOnly runDate)
    {
        if (!plan.Sources.Any(s => s.PushDownPredicate?.Contains('{', StringComparison.Ordinal) == true))
        {
            return plan;
        }

        var date = runDate.ToDateTime(TimeOnly.MinValue);
        return plan with
        {
            Sources = plan.Sources
                .Select(s => s.PushDownPredicate is { } p && p.Contains('{', StringComparison.Ordinal) ? s with { PushDownPredicate = Pipeline.Generators.Model.RunParameters.Format(p, date) } : s)
                .ToList(),
        };
    }

    /// <summary>One line for an error the user can act on; a permission problem says so first.</summary>
    private static string Describe(Exception e) =>
        e is UnauthorizedAccessException ? "permission denied: " + e.Message : e.Message;

    private void RunLocked(LocalPlan plan, RunOptions options, string runId, DateTimeOffset now, Publisher publisher, RunReport report)
    {
        var bookmarks = new BookmarkStore(_locations.StateRoot, plan.Job);
        var staging = publisher.Staging(runId);
        using var connection = Duck.OpenInMemory();
        if (StatementObserver is { } observer)
        {
            Duck.Observe(connection, observer);
        }

        Duck.ConfigureForRun(connection, _memoryLimit, Path.Combine(staging, "tmp"));

        // A reset starts from no bookmarks and replaces the job's output at the commit point; until then the
        // previous output and bookmarks stay as they are (a reset run that fails changes nothing).
        var seen = plan.Bookmarks && !options.Reset ? bookmarks.Load() : new BookmarkState();
        var next = Clone(seen);
        var reader = new SourceReader(connection, _streamAboveBytes);
        var outputs = new List<(string Staged, string Target)>();

        foreach (var source in plan.Sources)
        {
            _progress?.Invoke($"reading {source.Name}");
            var location = _locations.Source(source);
            var result = reader.Read(source, location, seen, next, Path.Combine(staging, "malformed"));
            report.Sources.Add(result);
        }

        // Files set aside whole (undecodable) are read but hold no rows: they do not make a run worth doing either.
        var increments = report.Sources.Where((_, i) => plan.Sources[i].Bookmarked).ToList();
        if (!options.Reset && increments.Count > 0 && increments.All(s => s.FilesRead - s.SetAside.Count == 0) && plan.Sources.All(s => s.Bookmarked || s.LookupOnly))
        {
            // No increment (bookmarked source) has anything new: an incremental run with no input is a no-op, not a
            // dataset of zero rows to check against "RowCount > 0" and publish. A reference that is only a join's
            // lookup side does not make a run worth doing on its own (any other reference is data: the run goes on).
            var skipped = report.Sources.Sum(s => s.EmptyFiles.Count + s.Copies.Count + s.SetAside.Count);
            report.Note = skipped == 0
                ? "no new input since the last run (bookmarks); nothing to do"
                : $"no new data since the last run: {skipped} new file(s) empty, copies of processed files or set aside, recorded in the bookmarks";
            if (skipped > 0 && plan.Bookmarks)
            {
                // Nothing to publish but the bookmarks (and the files set aside), so those files are not reported again.
                if (report.Sources.Any(s => s.SetAside.Count > 0))
                {
                    outputs.Add((Path.Combine(staging, "malformed"), Path.Combine(_locations.OutputRoot, "_malformed", plan.Job, runId)));
                }

                publisher.Commit(runId, outputs, bookmarks.WritePending(next, Path.Combine(staging, "state")), bookmarks.FilePath);
            }

            return;
        }

        // Aggregates over an increment: their groups touched by the batch are recomputed from the full input (a reset
        // reads every file already, so its batch is the full input).
        var full = AggregateRecompute.Needed(plan) && !options.Reset
            ? AggregateRecompute.OverFullInput(plan, _locations, staging, _memoryLimit, (fullConnection, last) => RunStages(fullConnection, plan, new RunReport(plan.Job, runId), last))
            : new Dictionary<string, string>(StringComparer.Ordinal);
        Action<LocalStage> recompute = stage =>
        {
            if (full.TryGetValue(stage.Relation, out var file))
            {
                AggregateRecompute.Restrict(connection, stage, file);
            }
        };

        try
        {
            RunStages(connection, plan, report, computed: recompute);
        }
        catch (DuckDBException) when (reader.HasStreamedSources)
        {
            // A streamed source held a malformed line or a value of the wrong type: read it again row by row
            // (the bad rows are set aside) and run the stages over what is left.
            foreach (var result in reader.MaterializeStreamedTolerantly())
            {
                report.Sources[report.Sources.FindIndex(s => s.Name == result.Name)] = result;
            }

            report.Stages.Clear();
            RunStages(connection, plan, report, computed: recompute);
        }

        if (report.Sources.Any(s => s.Malformed > 0 || s.SetAside.Count > 0))
        {
            outputs.Add((Path.Combine(staging, "malformed"), Path.Combine(_locations.OutputRoot, "_malformed", plan.Job, runId)));
        }

        var replace = options.Reset ? ResetTargets(plan) : new List<string>();
        foreach (var stage in plan.Sinks)
        {
            _progress?.Invoke($"checking and writing {stage.Name}");
            var sink = WriteSink(connection, stage, staging, runId, now, outputs, replace, options.Reset);
            report.Sinks.Add(sink);
            if (sink.Quality is { Passed: false } && stage.Sink!.OnFailure == "fail")
            {
                report.Outcome = RunOutcome.QualityFailed;
                report.Error = $"data-quality rules failed on {stage.Name}; nothing was published (action: fail)";
            }
        }

        if (report.Outcome == RunOutcome.QualityFailed)
        {
            return;
        }

        _progress?.Invoke("publishing");
        var pending = plan.Bookmarks ? bookmarks.WritePending(next, Path.Combine(staging, "state")) : null;
        publisher.Commit(runId, outputs, pending, bookmarks.FilePath, replace);
    }

    /// <summary>
    /// The folders a sink's write mode replaces at the commit point: none (append), the partition folders this run
    /// writes (overwritePartitions and merge; the whole sink when it has no partition keys), or the whole sink
    /// (overwrite). A merge also replaces the folders of rows it moved (<see cref="SinkMerge"/>).
    /// </summary>
    private static IEnumerable<string> Replaced(LocalSink sink, string staged, string target)
    {
        var replacesPartitions = sink.Mode is "overwritePartitions" or "merge";
        if (sink.Mode == "overwrite" || (replacesPartitions && sink.PartitionKeys.Count == 0))
        {
            yield return target;
        }
        else if (replacesPartitions && Directory.Exists(staged))
        {
            foreach (var folder in Directory.EnumerateFiles(staged, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(staged, Path.GetDirectoryName(f)!))
                .Distinct(StringComparer.Ordinal)
                .OrderBy(f => f, StringComparer.Ordinal))
            {
                yield return Path.Combine(target, folder);
            }
        }
    }

    private SinkResult WriteSink(DuckDBConnection connection, LocalStage stage, string staging, string runId, DateTimeOffset now, List<(string, string)> outputs, List<string> replace, bool reset)
    {
        var sink = stage.Sink!;
        var rows = stage.Relation;
        if (sink.Mode == "merge")
        {
            // Replace by key: quality and the write see the merged rows of the partitions the run rewrites.
            var (merged, existingFolders) = SinkMerge.Prepare(connection, stage, _locations.Sink(sink), readExisting: !reset);
            rows = merged;
            replace.AddRange(existingFolders);
        }

        var relation = Duck.Identifier(rows);
        QualityReport? quality = null;
        var filter = "";
        long quarantined = 0;
        string? quarantineDirectory = null;
        if (sink.Ruleset is { } ruleset)
        {
            // The stage's table has exactly the plan's column types (RunStages casts to them); the quality SQL compares
            // numeric and text columns without casts when it knows them.
            var types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var column in stage.Columns)
            {
                types[column.Name] = column.Type;
            }

            quality = QualityEvaluator.Evaluate(connection, rows, ruleset, now, types);
            if (!quality.Passed && sink.OnFailure == "quarantine" && sink.QuarantinePath is { } quarantinePath)
            {
                var pass = QualityEvaluator.RowLevelPassPredicate(ruleset, now, types);
                filter = $" WHERE ({pass})";
                quarantineDirectory = _locations.Quarantine(quarantinePath);
                var stagedQuarantine = Path.Combine(staging, "quarantine", stage.Relation);
                quarantined = Copy(connection, $"SELECT * FROM {relation} WHERE NOT ({pass})", stagedQuarantine, "json", "gzip", sink.PartitionKeys, runId);
                outputs.Add((stagedQuarantine, quarantineDirectory));
                replace.AddRange(Replaced(sink, stagedQuarantine, quarantineDirectory));
            }

            if (!quality.Passed && sink.OnFailure == "fail")
            {
                return new SinkResult(stage.Name, _locations.Sink(sink), sink.OnFailure, 0, 0, null, quality);
            }
        }

        var stagedSink = Path.Combine(staging, "sinks", stage.Relation);
        var written = Copy(connection, $"SELECT * FROM {relation}{filter}", stagedSink, sink.Format, sink.Compression, sink.PartitionKeys, runId);
        var target = _locations.Sink(sink);
        outputs.Add((stagedSink, target));
        replace.AddRange(Replaced(sink, stagedSink, target));
        return new SinkResult(stage.Name, target, sink.OnFailure, written, quarantined, quarantineDirectory, quality);
    }

    /// <summary>Writes a query's rows as partitioned files with run-unique names; returns the row count (no files for 0 rows).</summary>
    private static long Copy(DuckDBConnection connection, string query, string directory, string format, string compression, IReadOnlyList<string> partitionKeys, string runId)
    {
        var rows = connection.Scalar<long>($"SELECT count(*) FROM ({query})");
        if (rows == 0)
        {
            return 0;
        }

        Directory.CreateDirectory(directory);
        var (duckFormat, extension, codec) = format switch
        {
            "json" => ("JSON", ".json", compression == "gzip" ? "gzip" : compression == "zstd" ? "zstd" : "none"),
            "csv" => ("CSV", ".csv", compression == "gzip" ? "gzip" : compression == "zstd" ? "zstd" : "none"),
            // ORC cannot be written by DuckDB; the local lake keeps Parquet for ORC sinks (docs/local-runs.md).
            _ => ("PARQUET", ".parquet", compression == "none" ? "uncompressed" : compression),
        };

        var options = $"FORMAT {duckFormat}, COMPRESSION {Duck.Literal(codec)}";
        if (duckFormat == "CSV")
        {
            options += ", HEADER true";
        }

        if (partitionKeys.Count > 0 && duckFormat == "JSON")
        {
            // DuckDB cannot partition JSON output itself: one COPY per partition, into the same key=value folders.
            var keyList = string.Join(", ", partitionKeys.Select(k => $"CAST({Duck.Identifier(k)} AS VARCHAR)"));
            var index = 0;
            foreach (var values in connection.Rows($"SELECT DISTINCT {keyList} FROM ({query}) ORDER BY ALL"))
            {
                var folder = directory;
                var where = new List<string>();
                for (var i = 0; i < partitionKeys.Count; i++)
                {
                    var value = values[i] as string;
                    folder = Path.Combine(folder, partitionKeys[i] + "=" + (value is null ? "__HIVE_DEFAULT_PARTITION__" : Uri.EscapeDataString(value)));
                    where.Add(value is null ? $"{Duck.Identifier(partitionKeys[i])} IS NULL" : $"CAST({Duck.Identifier(partitionKeys[i])} AS VARCHAR) = {Duck.Literal(value)}");
                }

                Directory.CreateDirectory(folder);
                var columns = string.Join(", ", partitionKeys.Select(Duck.Identifier));
                var file = Path.Combine(folder, $"part-{runId}-{index++}{extension}{(codec == "gzip" ? ".gz" : "")}");
                connection.Execute($"COPY (SELECT * EXCLUDE ({columns}) FROM ({query}) WHERE {string.Join(" AND ", where)}) TO {Duck.Literal(file)} ({options})");
            }
        }
        else if (partitionKeys.Count > 0)
        {
            var keys = string.Join(", ", partitionKeys.Select(Duck.Identifier));
            if (duckFormat == "PARQUET")
            {
                // A partitioned write flushes a partition's row group only once it is full; what is left is flushed
                // when the input ends, on one thread. With DuckDB's default of 122,880 rows, a daily partition of
                // fewer rows is written entirely in that tail: at 10M rows (90 days of ~103k) half-size row groups
                // made the write 0.8 s faster (3.1 s against 3.9 s), with the same file sizes.
                options += ", ROW_GROUP_SIZE 61440";
            }

            connection.Execute($"COPY ({query}) TO {Duck.Literal(directory)} ({options}, PARTITION_BY ({keys}), FILENAME_PATTERN {Duck.Literal("part-" + runId + "-{i}")}, FILE_EXTENSION {Duck.Literal(extension.TrimStart('.'))}, OVERWRITE_OR_IGNORE true)");
        }
        else
        {
            connection.Execute($"COPY ({query}) TO {Duck.Literal(Path.Combine(directory, "part-" + runId + extension))} ({options})");
        }

        return rows;
    }

    /// <summary>The folders a reset replaces: the job's sinks, quarantine and malformed-row folders.</summary>
    private List<string> ResetTargets(LocalPlan plan)
    {
        var targets = new List<string>();
        foreach (var stage in plan.Sinks)
        {
            targets.Add(_locations.Sink(stage.Sink!));
            if (stage.Sink!.QuarantinePath is { } quarantine)
            {
                targets.Add(_locations.Quarantine(quarantine));
            }
        }

        targets.Add(Path.Combine(_locations.OutputRoot, "_malformed", plan.Job));
        return targets.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Runs the stages in order, up to the one at <paramref name="lastIndex"/>; <paramref name="computed"/> sees each stage just after it is computed.</summary>
    private void RunStages(DuckDBConnection connection, LocalPlan plan, RunReport report, int lastIndex = int.MaxValue, Action<LocalStage>? computed = null)
    {
        var lastUse = LastUse(plan);
        var views = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < plan.Stages.Count && index <= lastIndex; index++)
        {
            var stage = plan.Stages[index];
            _progress?.Invoke($"running {stage.Name}");
            var passThrough = IsPassThrough(plan, stage);
            if (passThrough)
            {
                views.Add(stage.Relation);
                // A sink that only passes its input on (`=> clean`) is a view over it, not a second copy.
                connection.Execute($"CREATE OR REPLACE TEMP VIEW {Duck.Identifier(stage.Relation)} AS SELECT * FROM {Duck.Identifier(stage.Inputs[0])}");
            }
            else
            {
                // Each stage is computed once into a table: DuckDB plans a materialised input far better than a
                // stack of views (DISTINCT ON under a projection was 6x slower as a view at 10M rows).
                connection.Execute($"CREATE OR REPLACE TEMP TABLE {Duck.Identifier(stage.Relation)} AS SELECT {Projection(stage.Columns)} FROM ({stage.Sql}) AS q");
            }

            computed?.Invoke(stage);

            if (stage.Sink is not null)
            {
                report.Stages.Add(new StageResult(stage.Name, connection.Count(stage.Relation)));
            }

            // Free intermediate stages no later stage reads (sources are views or small tables; sinks, and what a
            // pass-through view reads, are kept; a retry after a malformed streamed source needs the sources again).
            foreach (var input in passThrough ? Array.Empty<string>() : stage.Inputs)
            {
                if (lastUse.TryGetValue(input, out var last) && last == index && !IsSink(plan, input) && plan.Stages.Any(s => s.Relation == input))
                {
                    connection.Execute($"DROP {(views.Contains(input) ? "VIEW" : "TABLE")} IF EXISTS {Duck.Identifier(input)}");
                }
            }
        }
    }

    /// <summary>Relation → index of the last stage that reads it.</summary>
    private static Dictionary<string, int> LastUse(LocalPlan plan)
    {
        var last = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            foreach (var input in plan.Stages[i].Inputs)
            {
                last[input] = i;
            }
        }

        return last;
    }

    private static bool IsSink(LocalPlan plan, string relation) =>
        plan.Stages.Any(s => s.Relation == relation && s.Sink is not null);

    /// <summary>A stage whose query is its single input as is, with the same columns and types (the usual sink).</summary>
    private static bool IsPassThrough(LocalPlan plan, LocalStage stage)
    {
        if (stage.Inputs.Count != 1 || stage.Sql != "SELECT * FROM " + Duck.Identifier(stage.Inputs[0]))
        {
            return false;
        }

        var input = plan.Stages.FirstOrDefault(s => s.Relation == stage.Inputs[0]);
        var columns = input?.Columns ?? plan.Sources.FirstOrDefault(s => s.Relation == stage.Inputs[0])?.Columns;
        return columns is not null
            && columns.Count == stage.Columns.Count
            && columns.Zip(stage.Columns).All(pair => pair.First.Name == pair.Second.Name && pair.First.Type == pair.Second.Type);
    }

    private static string Projection(IReadOnlyList<LocalColumn> columns) =>
        string.Join(", ", columns.Select(c => $"CAST(q.{Duck.Identifier(c.Name)} AS {c.Type}) AS {Duck.Identifier(c.Name)}"));

    private static BookmarkState Clone(BookmarkState state) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(state, RunnerJson.Default.BookmarkState), RunnerJson.Default.BookmarkState)!;

    private static RunReport Finish(RunReport report, Stopwatch clock)
    {
        report.Duration = clock.Elapsed;
        return report;
    }
}

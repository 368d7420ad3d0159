using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
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
        }, memoryLimit: o.MemoryLimit);

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
/// The per-statement profile of the runner: one more executor run, exactly as the contender runs it, with a statement
/// observer on its DuckDB connection, so every statement the executor issues is listed in order with its duration.
/// Not a contender (it is not in the medians): it explains where the runner's time goes.
/// </summary>
internal static class RunnerProfile
{
    public static ChildResult Run(BenchOptions o)
    {
        var plan = Workload.OrdersDailyPlan(out var plans);
        var outputRoot = o.OutputDirectory(Contender.RunnerProfile);
        Workload.Clean(outputRoot);
        var resolver = new LocationResolver(Workload.Config(o), plans, o.DataDirectory, outputRoot);
        var statements = new List<(string Sql, double Seconds)>();
        var executor = new PipelineExecutor(resolver, memoryLimit: o.MemoryLimit)
        {
            StatementObserver = (sql, elapsed) => statements.Add((sql, elapsed.TotalSeconds)),
        };

        var clock = Stopwatch.StartNew();
        var report = executor.Run(plan, new RunOptions(Reset: true));
        clock.Stop();
        if (report.Outcome != RunOutcome.Succeeded)
        {
            throw new InvalidOperationException($"runner-profile: {report.Outcome}: {report.Error}");
        }

        var steps = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < statements.Count; i++)
        {
            steps[$"{i + 1:D2}. `{Label(statements[i].Sql)}`"] = statements[i].Seconds;
        }

        var inStatements = statements.Sum(s => s.Seconds);
        steps[$"outside DuckDB (listing files, bookmarks, moving staged files, journal)"] = clock.Elapsed.TotalSeconds - inStatements;
        var note = $"memory_limit={o.MemoryLimit ?? PipelineExecutor.DefaultMemoryLimit}; {statements.Count} statements, {inStatements:N2} s of {clock.Elapsed.TotalSeconds:N2} s in DuckDB; "
            + $"{report.Sinks.Sum(s => s.RowsWritten):N0} rows written";
        return new ChildResult(Contender.RunnerProfile, 0, report.Sinks.Sum(s => s.RowsWritten), clock.Elapsed.TotalSeconds, ProcessStats.PeakRss(), null,
            GC.GetGCMemoryInfo().HeapSizeBytes, steps, note);
    }

    /// <summary>A statement shortened for a table cell: whitespace collapsed, long lists elided, at most ~140 characters.</summary>
    internal static string Label(string sql)
    {
        var text = string.Join(' ', sql.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Replace("`", "'", StringComparison.Ordinal);
        return text.Length <= 140 ? text : text[..100] + " … " + text[^36..];
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Pipeline.Runner;

namespace Pipeline.Benchmarks;

/// <summary>The orders-daily plan as the benchmark runs it, and what every contender shares.</summary>
internal static class Workload
{
    /// <summary>The example's rule: six digits, so at most 999,999 distinct valid ids.</summary>
    public const string ExamplePattern = "^ORD-[0-9]{6}$";

    /// <summary>
    /// The only change to the generated plan: 10M distinct orders need 7-digit ids, which the example's
    /// <c>matches "^ORD-[0-9]{6}$"</c> rule rejects (the run would fail quality and publish nothing). The benchmark
    /// widens the rule to 6–8 digits; it is the same regexp_full_match per row, so the cost is unchanged. Every
    /// contender checks this same pattern.
    /// </summary>
    public const string BenchPattern = "^ORD-[0-9]{6,8}$";

    public static LocalPlan OrdersDailyPlan(out IReadOnlyList<LocalPlan> plans)
    {
        plans = PipelineDiscovery.FromAssembly(typeof(RetailLake.OrdersDaily).Assembly);
        var plan = plans.Single(p => p.Job == "orders-daily");
        var stages = plan.Stages.Select(stage =>
        {
            if (stage.Sink?.Ruleset is not { } ruleset)
            {
                return stage;
            }

            if (!ruleset.Contains(ExamplePattern, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"The orders-daily ruleset no longer contains {ExamplePattern}; update Workload.BenchPattern.\n{ruleset}");
            }

            return stage with { Sink = stage.Sink with { Ruleset = ruleset.Replace(ExamplePattern, BenchPattern, StringComparison.Ordinal) } };
        }).ToList();
        return plan with { Stages = stages };
    }

    public static LocalConfig Config(BenchOptions o) => new()
    {
        BaseDirectory = o.DataDirectory,
        Input = ".",
        Output = o.OutputDirectory(Contender.Runner),
        Locations = { ["s3://acme-raw/orders/"] = "raw/orders/" },
    };

    /// <summary>The folder holding the curated Parquet (or JSON) files of a contender.</summary>
    public static string SinkDirectory(BenchOptions o, string contender) => contender switch
    {
        Contender.Runner => Path.Combine(o.OutputDirectory(Contender.Runner), "acme-curated", "orders"),
        _ => Path.Combine(o.OutputDirectory(contender), "orders"),
    };

    public static void Clean(string directory)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

/// <summary>What one child run reports to the parent (one JSON line on stdout, prefixed with <c>RESULT </c>).</summary>
internal sealed record ChildResult(
    string Contender,
    long InputRows,
    long OutputRows,
    double Seconds,
    long PeakRssBytes,
    long? DuckDbBytes,
    long ManagedPeakBytes,
    Dictionary<string, double> Steps,
    string? Note);

internal static class ProcessStats
{
    /// <summary>Peak resident set size of this process (VmHWM), in bytes; includes DuckDB's native memory.</summary>
    public static long PeakRss() => Status("VmHWM:");

    public static long Rss() => Status("VmRSS:");

    private static long Status(string key)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(key, StringComparison.Ordinal))
                {
                    var parts = line.Substring(key.Length).Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(parts[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }

        return -1;
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }
}

/// <summary>Times named steps; a step's time is the time since the previous mark.</summary>
internal sealed class StepClock
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private double _last;

    public Dictionary<string, double> Steps { get; } = new(StringComparer.Ordinal);

    public double Elapsed => _clock.Elapsed.TotalSeconds;

    public void Mark(string step)
    {
        var now = _clock.Elapsed.TotalSeconds;
        Steps[step] = Steps.GetValueOrDefault(step) + (now - _last);
        _last = now;
    }

    public T Time<T>(string step, Func<T> action)
    {
        var start = _clock.Elapsed.TotalSeconds;
        var result = action();
        var end = _clock.Elapsed.TotalSeconds;
        Steps[step] = Steps.GetValueOrDefault(step) + (end - start);
        _last = end;
        return result;
    }

    public void Time(string step, Action action) => Time(step, () => { action(); return 0; });
}

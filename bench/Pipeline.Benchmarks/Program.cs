using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Pipeline.Benchmarks;

/// <summary>
/// orders-daily on a generated orders feed: the local runner vs hand-written DuckDB SQL vs LINQ-to-objects.
/// The parent process generates (or reuses) the dataset, then runs every contender in its own child process
/// (<c>dotnet Pipeline.Benchmarks.dll --contender X</c>) so that wall time and peak memory are per contender:
/// warm-up runs first (the first one's output is read back and fingerprinted; all contenders must agree),
/// then the measured runs, round-robin so that noise from a shared machine spreads over all contenders.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        BenchOptions o;
        try
        {
            o = BenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        if (o.Child is { } child)
        {
            return RunChild(o, child);
        }

        try
        {
            return RunParent(o, args);
        }
        catch (BenchmarkFailure e)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine("BENCHMARK FAILED: " + e.Message);
            return 1;
        }
    }

    private static int RunChild(BenchOptions o, string contender)
    {
        try
        {
            var result = contender switch
            {
                Contender.Runner => RunnerContender.Run(o),
                Contender.Handwritten or Contender.HandwrittenTuned => HandwrittenContender.Run(o, contender),
                Contender.Linq => LinqContender.Run(o),
                Contender.RunnerProfile => RunnerProfile.Run(o),
                _ => throw new ArgumentException("unknown contender " + contender),
            };
            Console.WriteLine("RESULT " + JsonSerializer.Serialize(result));
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"{contender} failed: {e}");
            return 1;
        }
    }

    private static int RunParent(BenchOptions o, string[] args)
    {
        var command = "dotnet run -c Release --project bench/Pipeline.Benchmarks" + (args.Length > 0 ? " -- " + string.Join(" ", args) : "");
        Console.WriteLine($"Pipeline.Benchmarks — {command}");
        var machine = Machine();
        Console.WriteLine(machine);
        DataGenerator.EnsureDataset(o);

        var runs = o.Contenders.ToDictionary(c => c, _ => new List<ChildResult>());
        var loads = new List<string>();
        var fingerprints = new Dictionary<string, string>();

        for (var w = 0; w < o.Warmup; w++)
        {
            foreach (var contender in o.Contenders)
            {
                var r = Spawn(o, contender, $"warm-up {w + 1}/{o.Warmup}", loads);
                if (w == 0)
                {
                    fingerprints[contender] = Verifier.Fingerprint(o, contender);
                    Console.WriteLine($"  verify {contender,-12} reported rows={r.OutputRows:N0}; read back: {fingerprints[contender]}");
                    if (!fingerprints[contender].StartsWith($"rows={r.OutputRows} ", StringComparison.Ordinal))
                    {
                        throw new BenchmarkFailure($"{contender} reported {r.OutputRows} rows but its output holds {fingerprints[contender]}");
                    }
                }
            }

            if (w == 0)
            {
                Verify(fingerprints);
            }
        }

        if (o.Warmup == 0)
        {
            Console.WriteLine("  (no warm-up: results are not verified before timing)");
        }

        for (var i = 0; i < o.Iterations; i++)
        {
            foreach (var contender in o.Contenders)
            {
                runs[contender].Add(Spawn(o, contender, $"run {i + 1}/{o.Iterations}", loads));
            }
        }

        if (o.Warmup == 0)
        {
            foreach (var contender in o.Contenders)
            {
                fingerprints[contender] = Verifier.Fingerprint(o, contender);
            }

            Verify(fingerprints);
        }

        ChildResult? profile = null;
        if (o.Profile && o.Contenders.Contains(Contender.Runner))
        {
            profile = Spawn(o, Contender.RunnerProfile, "per-step profile", loads);
        }

        var markdown = Report.Markdown(o, command, machine, runs, fingerprints, profile, loads);
        Console.WriteLine();
        Console.WriteLine(markdown);
        Directory.CreateDirectory(Path.GetDirectoryName(o.ResultsFile)!);
        File.WriteAllText(o.ResultsFile, markdown);
        Console.WriteLine($"written: {o.ResultsFile}");
        return 0;
    }

    private static void Verify(Dictionary<string, string> fingerprints)
    {
        var distinct = fingerprints.Values.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count != 1)
        {
            throw new BenchmarkFailure("the contenders do not produce the same result set:\n" +
                string.Join("\n", fingerprints.Select(kv => $"  {kv.Key,-12} {kv.Value}")));
        }

        Console.WriteLine($"  verified: all contenders produce the same result set ({distinct[0]})");
    }

    /// <summary>Runs one contender once in a child process and returns what it reported.</summary>
    private static ChildResult Spawn(BenchOptions o, string contender, string label, List<string> loads)
    {
        var dll = typeof(Program).Assembly.Location;
        var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var a in o.ChildArguments(contender))
        {
            start.ArgumentList.Add(a);
        }

        var loadBefore = ProcessStats.LoadAverage();
        Console.Write($"  {label,-16} {contender,-15} load {loadBefore} ... ");
        var wall = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new BenchmarkFailure("could not start " + host);
        ChildResult? result = null;
        var other = new StringBuilder();
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is not null)
        {
            if (line.StartsWith("RESULT ", StringComparison.Ordinal))
            {
                result = JsonSerializer.Deserialize<ChildResult>(line.Substring("RESULT ".Length));
            }
            else
            {
                other.AppendLine(line);
            }
        }

        process.WaitForExit();
        wall.Stop();
        if (process.ExitCode != 0 || result is null)
        {
            throw new BenchmarkFailure($"{contender} exited with {process.ExitCode}{(other.Length > 0 ? ":\n" + other : "")}");
        }

        var loadAfter = ProcessStats.LoadAverage();
        loads.Add(loadAfter);
        Console.WriteLine($"{result.Seconds,7:N2} s  peak RSS {result.PeakRssBytes / 1048576.0,7:N0} MiB  rows out {result.OutputRows:N0}  (process {wall.Elapsed.TotalSeconds:N1} s, load after {loadAfter})");
        return result;
    }

    private static string Machine()
    {
        string cpu = "?";
        long memory = 0;
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
            var total = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
            memory = long.Parse(total.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
        }

        return $"machine: {Environment.ProcessorCount} cores ({cpu}), {memory / 1073741824.0:N1} GiB RAM, {RuntimeInformation.OSDescription}, " +
               $".NET {Environment.Version}, DuckDB {Verifier.DuckDbVersion()} (DuckDB.NET.Data.Full 1.5.6.1), load average {ProcessStats.LoadAverage()}";
    }
}

internal sealed class BenchmarkFailure : Exception
{
    public BenchmarkFailure(string message)
        : base(message)
    {
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Pipeline.Benchmarks;

/// <summary>Command-line options of the benchmark (parent and child processes share them).</summary>
internal sealed class BenchOptions
{
    public long Rows { get; set; } = 10_000_000;

    public int Files { get; set; } = 40;

    public int Seed { get; set; } = 20241101;

    public int Warmup { get; set; } = 1;

    public int Iterations { get; set; } = 3;

    /// <summary>Contenders to run, in this order within each round.</summary>
    public List<string> Contenders { get; set; } = new() { Contender.Handwritten, Contender.HandwrittenTuned, Contender.Runner, Contender.Linq };

    public string DataDirectory { get; set; } = Path.Combine(RepositoryRoot(), "bench", "data");

    public string ResultsFile { get; set; } = Path.Combine(RepositoryRoot(), "bench", "results", "latest.md");

    /// <summary>Also run the per-step profile of the runner (a replica of its statements, each timed).</summary>
    public bool Profile { get; set; } = true;

    /// <summary>DuckDB memory_limit for the hand-written script (the runner does not expose one); null = DuckDB's default.</summary>
    public string? MemoryLimit { get; set; }

    /// <summary>Set in a child process: which contender to run once.</summary>
    public string? Child { get; set; }

    public string RawDirectory => Path.Combine(DataDirectory, "raw", "orders");

    public string OutputDirectory(string contender) => Path.Combine(DataDirectory, "out", contender);

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--rows": o.Rows = ParseCount(Next()); break;
                case "--files": o.Files = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--seed": o.Seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": o.Warmup = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--iterations": o.Iterations = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--contenders": o.Contenders = new List<string>(Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)); break;
                case "--data": o.DataDirectory = Path.GetFullPath(Next()); break;
                case "--results": o.ResultsFile = Path.GetFullPath(Next()); break;
                case "--no-profile": o.Profile = false; break;
                case "--memory-limit": o.MemoryLimit = Next(); break;
                case "--contender": o.Child = Next(); break;
                case "-h":
                case "--help":
                    Console.WriteLine(Help);
                    Environment.Exit(0);
                    break;
                default: throw new ArgumentException($"unknown option {args[i]}\n{Help}");
            }
        }

        // Medians, ratios and throughput need at least one measured run; zero would divide by nothing later.
        if (o.Iterations < 1)
        {
            throw new ArgumentException($"--iterations must be at least 1 (got {o.Iterations})");
        }

        if (o.Warmup < 0 || o.Rows < 1 || o.Files < 1)
        {
            throw new ArgumentException("--warmup must be 0 or more, --rows and --files at least 1");
        }

        if (o.Contenders.Count == 0)
        {
            throw new ArgumentException($"--contenders needs at least one of: {string.Join(", ", Contender.All)}");
        }

        foreach (var c in o.Contenders)
        {
            if (Array.IndexOf(Contender.All, c) < 0)
            {
                throw new ArgumentException($"unknown contender '{c}' (known: {string.Join(", ", Contender.All)})");
            }
        }

        return o;
    }

    /// <summary>The arguments a child process gets to run <paramref name="contender"/> once on the same dataset.</summary>
    public List<string> ChildArguments(string contender)
    {
        var list = new List<string>
        {
            "--contender", contender,
            "--rows", Rows.ToString(CultureInfo.InvariantCulture),
            "--files", Files.ToString(CultureInfo.InvariantCulture),
            "--seed", Seed.ToString(CultureInfo.InvariantCulture),
            "--data", DataDirectory,
        };
        if (MemoryLimit is not null)
        {
            list.Add("--memory-limit");
            list.Add(MemoryLimit);
        }

        return list;
    }

    private static long ParseCount(string text)
    {
        text = text.Replace("_", "", StringComparison.Ordinal).Trim();
        var multiplier = 1L;
        if (text.EndsWith("M", StringComparison.OrdinalIgnoreCase)) { multiplier = 1_000_000; text = text[..^1]; }
        else if (text.EndsWith("k", StringComparison.OrdinalIgnoreCase)) { multiplier = 1_000; text = text[..^1]; }
        return (long)(double.Parse(text, CultureInfo.InvariantCulture) * multiplier);
    }

    /// <summary>The folder holding Pipeline.sln (from the working directory, else from the binary's folder).</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        return Directory.GetCurrentDirectory();
    }

    public const string Help = """
        Pipeline.Benchmarks: orders-daily through the local runner vs hand-written DuckDB SQL vs LINQ-to-objects.

          dotnet run -c Release --project bench/Pipeline.Benchmarks -- --rows 10000000

        Options:
          --rows N            raw order rows to generate (default 10000000; 1M and 500k spellings accepted)
          --files N           number of JSON-lines files (default 40)
          --seed N            generator seed (default 20241101)
          --warmup N          warm-up runs per contender, not measured (default 1; the first also verifies the result)
          --iterations N      measured runs per contender (default 3)
          --contenders LIST   comma-separated subset of: handwritten,runner,linq (default all three)
          --data DIR          dataset and output folder (default bench/data)
          --results FILE      markdown report (default bench/results/latest.md)
          --memory-limit X    DuckDB memory_limit for the hand-written script, e.g. 2GB (default: DuckDB's default)
          --no-profile        skip the per-step profile of the runner
        """;
}

internal static class Contender
{
    public const string Runner = "runner";
    public const string Handwritten = "handwritten";
    public const string HandwrittenTuned = "handwritten-tuned";
    public const string Linq = "linq";
    public const string RunnerProfile = "runner-profile";

    public static readonly string[] All = { Handwritten, HandwrittenTuned, Runner, Linq };

    public static string Describe(string name) => name switch
    {
        Runner => "local runner (PipelineExecutor)",
        Handwritten => "hand-written DuckDB SQL",
        HandwrittenTuned => "hand-written DuckDB SQL, exact + tuned",
        Linq => "LINQ-to-objects",
        _ => name,
    };
}

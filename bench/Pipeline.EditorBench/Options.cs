using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Pipeline.EditorBench;

/// <summary>Command-line options of the editor benchmark.</summary>
internal sealed record Options(IReadOnlyList<int> Projects, int Warmup, int Iterations)
{
    public const string Usage = """
        usage: dotnet run -c Release --project bench/Pipeline.EditorBench -- [--projects 0,200] [--warmup 3] [--iterations 20]

          --projects     comma-separated project sizes: 0 is the example (examples/RetailLake, 2 pipelines),
                         N > 0 a generated project with N copies of orders-daily (default 0,200)
          --warmup       edits applied before measuring, per project (default 3)
          --iterations   measured edits per project (default 20, at least 1)
        """;

    /// <summary>Parses the arguments; null with a one-line message when they are wrong.</summary>
    public static Options? Parse(string[] args, out string? error)
    {
        var options = new Options(new[] { 0, 200 }, 3, 20);
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--projects" when value is not null && TryList(value, out var sizes):
                    options = options with { Projects = sizes };
                    i++;
                    break;
                case "--warmup" when value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var warmup):
                    options = options with { Warmup = warmup };
                    i++;
                    break;
                case "--iterations" when value is not null && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) && iterations > 0:
                    options = options with { Iterations = iterations };
                    i++;
                    break;
                default:
                    error = $"unknown or invalid option '{args[i]}{(value is null ? "" : " " + value)}'";
                    return null;
            }
        }

        return options;
    }

    private static bool TryList(string text, out IReadOnlyList<int> sizes)
    {
        var parsed = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
            .ToArray();
        sizes = parsed;
        return parsed.Length > 0 && parsed.All(n => n >= 0);
    }
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;

namespace Pipeline.EditorBench;

internal static class Program
{
    private const double TargetMs = 150;

    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help"))
        {
            Console.WriteLine(Options.Usage);
            return 0;
        }

        if (Options.Parse(args, out var error) is not { } options)
        {
            Console.Error.WriteLine("error: " + error);
            Console.Error.WriteLine(Options.Usage);
            return 2;
        }

        var repository = Projects.RepositoryRoot();
        var work = Path.Combine(repository, "bench", "data", "editor");
        var results = new List<(string Name, int Pipelines, int Documents, IReadOnlyList<EditSample> Samples)>();
        try
        {
            foreach (var size in options.Projects)
            {
                var (project, edited) = size == 0
                    ? Projects.Example(repository)
                    : Projects.Generated(repository, Path.Combine(work, $"lake{size}"), size);
                // Restore and build once (outside any clock): the workspace needs the assets file and the analyzer dlls.
                Run("dotnet", $"build \"{project}\" -c Debug -nodeReuse:false -v:q");
                Console.WriteLine($"opening {Path.GetFileName(project)} …");
                using var session = await EditorSession.OpenAsync(project, edited);
                for (var i = 0; i < options.Warmup; i++)
                {
                    await session.EditAsync();
                }

                var samples = new List<EditSample>();
                for (var i = 0; i < options.Iterations; i++)
                {
                    var sample = await session.EditAsync();
                    samples.Add(sample);
                    Console.WriteLine(FormattableString.Invariant($"  edit {i + 1,2}: regenerated {sample.GeneratedMs,7:F1} ms, diagnostics {sample.DiagnosticsMs,7:F1} ms, {sample.GeneratedDocumentsChanged} generated file(s) changed"));
                }

                results.Add((size == 0 ? "examples/RetailLake" : $"generated, {size} pipelines", size == 0 ? 2 : size, session.Documents, samples));
            }
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }

        var report = Report(results, options);
        Console.WriteLine();
        Console.WriteLine(report);
        var output = Path.Combine(repository, "bench", "results", "editor-latest.md");
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        File.WriteAllText(output, report, new UTF8Encoding(false));
        Console.WriteLine($"written to {Path.GetRelativePath(Environment.CurrentDirectory, output)}");
        return 0;
    }

    private static string Report(IEnumerable<(string Name, int Pipelines, int Documents, IReadOnlyList<EditSample> Samples)> results, Options options)
    {
        var text = new StringBuilder();
        text.AppendLine("# Editor latency");
        text.AppendLine();
        text.AppendLine(FormattableString.Invariant($"{DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {Environment.ProcessorCount} cores · {RuntimeInformation.OSDescription} · .NET {Environment.Version} · {options.Warmup} warm-up + {options.Iterations} measured one-number edits per project (MSBuildWorkspace)"));
        text.AppendLine();
        text.AppendLine("| project | documents | edit → regenerated source, median (p90) | edit → analyzer diagnostics, median (p90) | of which Pipeline analyzers run (median) | target ≤ 150 ms | generated files changed per edit (median) | edited pipeline re-emitted |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (name, _, documents, samples) in results)
        {
            var generated = samples.Select(s => s.GeneratedMs).ToArray();
            var diagnostics = samples.Select(s => s.DiagnosticsMs).ToArray();
            var met = Median(diagnostics) <= TargetMs && Median(generated) <= TargetMs ? "met" : "**missed**";
            text.AppendLine(FormattableString.Invariant(
                $"| {name} | {documents} | {Median(generated):F0} ms ({Percentile(generated, 0.9):F0}) | {Median(diagnostics):F0} ms ({Percentile(diagnostics, 0.9):F0}) | {Median(samples.Select(s => s.AnalyzerMs.Values.Sum()).ToArray()):F0} ms | {met} | {Median(samples.Select(s => (double)s.GeneratedDocumentsChanged).ToArray()):F0} | {samples.Count(s => s.EditedPipelineRegenerated)}/{samples.Count} |"));
        }

        text.AppendLine();
        text.AppendLine("Per analyzer (median ms per edit):");
        text.AppendLine();
        foreach (var (name, _, _, samples) in results)
        {
            var perAnalyzer = samples[0].AnalyzerMs.Keys
                .Select(analyzer => (analyzer, Median(samples.Select(s => s.AnalyzerMs[analyzer]).ToArray())))
                .OrderByDescending(a => a.Item2)
                .Select(a => FormattableString.Invariant($"{a.analyzer} {a.Item2:F1}"));
            text.AppendLine($"- {name}: {string.Join(", ", perAnalyzer)}");
        }

        text.AppendLine();
        text.AppendLine("Diagnostics time includes the generator run (the analyzers see the compilation with generated code, as in an IDE); only the Pipeline analyzers run, on the edited document. Reproduce: `dotnet run -c Release --project bench/Pipeline.EditorBench`.");
        return text.ToString();
    }

    private static double Median(double[] values) => Percentile(values, 0.5);

    private static double Percentile(double[] values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed (exit {process.ExitCode}):{Environment.NewLine}{output.Result}{errors.Result}");
        }
    }
}

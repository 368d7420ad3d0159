using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Reflection;

namespace Pipeline.Runner;

/// <summary>
/// The local entry point of a pipeline project: <c>return PipelineRunner.Run(args);</c> in Program.cs.
/// Without arguments it runs every pipeline of the project in dependency order; <c>run &lt;job&gt;</c> runs one;
/// <c>list</c> lists them. <c>--help</c> says the rest.
/// </summary>
public static class PipelineRunner
{
    /// <summary>Exit code of a run refused because another run was writing to the same output (retry later or pass --wait).</summary>
    public const int ExitBusy = 3;

    public static int Run(string[] args, Assembly? assembly = null, TextWriter? output = null, TextWriter? error = null)
    {
        assembly ??= Assembly.GetEntryAssembly() ?? throw new InvalidOperationException("No entry assembly: pass the pipeline assembly.");
        var console = new RunConsole(output, error);

        var config = new Option<FileInfo?>("--config") { Description = $"The local config file (default: {LocalConfig.FileName} in the project folder)." };
        var input = new Option<DirectoryInfo?>("--input") { Description = "Root folder of the inputs (overrides the config's \"input\")." };
        var outputRoot = new Option<DirectoryInfo?>("--output") { Description = "Root folder of the local lake: sinks, quarantine and run state (overrides the config's \"output\")." };
        var reset = new Option<bool>("--reset") { Description = "Start over: ignore the bookmarks and replace the local output of the pipeline(s) when the run publishes (until then both stay as they are)." };
        var runDate = new Option<DateOnly?>("--run-date")
        {
            Description = "The date run parameters in push-down predicates ({RunDate:yyyy-MM-dd}) are formatted from, yyyy-MM-dd (default: today in UTC).",
            // Exactly yyyy-MM-dd, whatever the machine's culture (as the Glue script reads --RUN_DATE).
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
                {
                    return date;
                }

                result.AddError($"--run-date '{text}' is not a date in the form yyyy-MM-dd");
                return null;
            },
        };
        var wait = new Option<bool>("--wait") { Description = $"When another run is writing to the same output, wait for it to finish (default: refuse at once with exit code {ExitBusy})." };
        var job = new Argument<string>("job") { Description = "The Glue job name, e.g. orders-daily." };

        var root = new RootCommand($"Runs the pipelines of {assembly.GetName().Name} locally on embedded DuckDB.");
        root.Options.Add(config);
        root.Options.Add(input);
        root.Options.Add(outputRoot);
        root.Options.Add(reset);
        root.Options.Add(runDate);
        root.Options.Add(wait);
        root.SetAction(parse => Execute(console, assembly, parse.GetValue(config), parse.GetValue(input), parse.GetValue(outputRoot), new RunOptions(parse.GetValue(reset), Wait: parse.GetValue(wait), RunDate: parse.GetValue(runDate)), only: null));

        var run = new Command("run", "Runs one pipeline.");
        run.Arguments.Add(job);
        run.Options.Add(config);
        run.Options.Add(input);
        run.Options.Add(outputRoot);
        run.Options.Add(reset);
        run.Options.Add(runDate);
        run.Options.Add(wait);
        run.SetAction(parse => Execute(console, assembly, parse.GetValue(config), parse.GetValue(input), parse.GetValue(outputRoot), new RunOptions(parse.GetValue(reset), Wait: parse.GetValue(wait), RunDate: parse.GetValue(runDate)), only: parse.GetValue(job)));
        root.Subcommands.Add(run);

        var list = new Command("list", "Lists the pipelines of the project, in dependency order.");
        list.SetAction(_ => List(console, assembly));
        root.Subcommands.Add(list);

        return root.Parse(args).Invoke();
    }

    private static int List(RunConsole console, Assembly assembly)
    {
        var plans = PipelineDiscovery.FromAssembly(assembly);
        var resolver = new LocationResolver(new LocalConfig(), plans);
        foreach (var plan in DependencyOrder(plans, resolver))
        {
            console.Line($"{plan.Job}  ({plan.Class})");
        }

        return 0;
    }

    private static int Execute(RunConsole console, Assembly assembly, FileInfo? configFile, DirectoryInfo? input, DirectoryInfo? output, RunOptions options, string? only)
    {
        LocationResolver? locations = null;
        try
        {
            var plans = PipelineDiscovery.FromAssembly(assembly);
            if (plans.Count == 0)
            {
                console.Error($"{assembly.GetName().Name} has no pipelines: no class with [GlueJob] compiled without errors.");
                return 2;
            }

            var config = LoadConfig(assembly, configFile);
            var resolver = new LocationResolver(config, plans, input?.FullName, output?.FullName);
            locations = resolver;
            var ordered = DependencyOrder(plans, resolver);
            if (only is not null)
            {
                ordered = ordered.Where(p => p.Job == only).ToList();
                if (ordered.Count == 0)
                {
                    console.Error($"No pipeline named '{only}'. Pipelines: {string.Join(", ", plans.Select(p => p.Job))}.");
                    return 2;
                }
            }

            console.Header(assembly, config, resolver);
            var reports = new List<RunReport>();
            foreach (var plan in ordered)
            {
                var blocked = reports.FirstOrDefault(r => r.Outcome != RunOutcome.Succeeded && DependsOn(plan, plans.First(p => p.Job == r.Job), resolver));
                if (blocked is not null)
                {
                    var skipped = new RunReport(plan.Job, "-") { Outcome = RunOutcome.Skipped, Error = $"not run: it reads the output of {blocked.Job}, which did not succeed" };
                    reports.Add(skipped);
                    console.Report(skipped);
                    continue;
                }

                var report = console.WithProgress(plan.Job, progress => new PipelineExecutor(resolver, progress).Run(plan, options));
                reports.Add(report);
                console.Report(report);
                if (report.Outcome == RunOutcome.Busy)
                {
                    // Every other pipeline writes to the same output: they would be refused the same way.
                    break;
                }
            }

            console.Summary(reports, ArtifactsDirectory(assembly));
            return reports.Any(r => r.Outcome == RunOutcome.Busy) ? ExitBusy
                : reports.All(r => r.Outcome == RunOutcome.Succeeded) ? 0 : 1;
        }
        catch (RunnerException e)
        {
            console.Error(e.Message);
            return 2;
        }
        catch (Exception e)
        {
            // A bug or an environment the runner does not expect: one line here, the details in a log file.
            var log = WriteCrashLog(e, locations?.StateRoot);
            console.Error($"unexpected {e.GetType().Name}: {e.Message} (details: {log ?? "could not write a log file"})");
            return 1;
        }
    }

    private static string? WriteCrashLog(Exception e, string? stateRoot)
    {
        var name = "runner-" + DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture) + "-" + Environment.ProcessId + ".log";
        foreach (var directory in new[] { stateRoot is null ? null : Path.Combine(stateRoot, "logs"), Path.Combine(Path.GetTempPath(), "pipeline-runner-logs") })
        {
            if (directory is null)
            {
                continue;
            }

            try
            {
                Directory.CreateDirectory(directory);
                var path = Path.Combine(directory, name);
                File.WriteAllText(path, e.ToString());
                return path;
            }
            catch (Exception write) when (write is IOException or UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    /// <summary>Upstream pipelines first: a pipeline runs after every pipeline whose sink it reads; otherwise by name.</summary>
    public static List<LocalPlan> DependencyOrder(IReadOnlyList<LocalPlan> plans, LocationResolver resolver)
    {
        var ordered = new List<LocalPlan>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var plan in plans.OrderBy(p => p.Job, StringComparer.Ordinal))
        {
            Visit(plan);
        }

        return ordered;

        void Visit(LocalPlan plan)
        {
            state.TryGetValue(plan.Job, out var mark);
            if (mark == 2)
            {
                return;
            }

            if (mark == 1)
            {
                throw new RunnerException($"Pipelines depend on each other in a cycle through {plan.Job}.");
            }

            state[plan.Job] = 1;
            foreach (var upstream in plans.OrderBy(p => p.Job, StringComparer.Ordinal))
            {
                if (upstream.Job != plan.Job && DependsOn(plan, upstream, resolver))
                {
                    Visit(upstream);
                }
            }

            state[plan.Job] = 2;
            ordered.Add(plan);
        }
    }

    private static bool DependsOn(LocalPlan plan, LocalPlan upstream, LocationResolver resolver) =>
        plan.Sources.Any(source => resolver.Producer(source) is { } sink && upstream.Sinks.Any(s => ReferenceEquals(s.Sink, sink)));

    private static LocalConfig LoadConfig(Assembly assembly, FileInfo? configFile)
    {
        if (configFile is not null)
        {
            if (!configFile.Exists)
            {
                throw new RunnerException($"Config file {configFile.FullName} does not exist.");
            }

            return LocalConfig.Load(configFile.FullName);
        }

        var projectDirectory = Metadata(assembly, "Pipeline.ProjectDirectory");
        foreach (var directory in new[] { projectDirectory, Directory.GetCurrentDirectory() })
        {
            if (directory is not null && File.Exists(Path.Combine(directory, LocalConfig.FileName)))
            {
                return LocalConfig.Load(Path.Combine(directory, LocalConfig.FileName));
            }
        }

        return new LocalConfig { BaseDirectory = projectDirectory ?? Directory.GetCurrentDirectory() };
    }

    private static string? ArtifactsDirectory(Assembly assembly) => Metadata(assembly, "Pipeline.ArtifactsDirectory");

    private static string? Metadata(Assembly assembly, string key) =>
        assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Spectre.Console;

namespace Pipeline.Runner;

/// <summary>Everything the runner prints: progress while a pipeline runs, then its tables, then the summary.</summary>
internal sealed class RunConsole
{
    private readonly IAnsiConsole _console;

    public RunConsole(TextWriter? output)
    {
        _console = output is null
            ? AnsiConsole.Console
            : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });

        // Redirected output (CI logs, files) has no terminal width; 80 columns would wrap paths and table cells.
        if (output is not null || Console.IsOutputRedirected)
        {
            _console.Profile.Width = 200;
        }
    }

    public void Line(string text) => _console.WriteLine(text);

    public void Error(string message) => _console.MarkupLine("[red]error:[/] " + Markup.Escape(message));

    public void Header(Assembly assembly, LocalConfig config, LocationResolver resolver)
    {
        _console.MarkupLine($"[bold]{Markup.Escape(assembly.GetName().Name ?? "pipelines")}[/] on embedded DuckDB");
        _console.MarkupLine($"  input  {Markup.Escape(resolver.InputRoot)}");
        _console.MarkupLine($"  output {Markup.Escape(resolver.OutputRoot)}");
        _console.WriteLine();
    }

    public RunReport WithProgress(string job, Func<Action<string>, RunReport> run)
    {
        if (!_console.Profile.Capabilities.Interactive)
        {
            _console.MarkupLine($"[bold]{Markup.Escape(job)}[/]");
            return run(step => _console.MarkupLine("  " + Markup.Escape(step) + "…"));
        }

        RunReport? report = null;
        _console.Status().Spinner(Spinner.Known.Dots).Start(job, context =>
        {
            report = run(step => context.Status($"{job}: {step}"));
        });
        _console.MarkupLine($"[bold]{Markup.Escape(job)}[/]");
        return report!;
    }

    public void Report(RunReport report)
    {
        if (report.Recovery is { } recovery)
        {
            _console.MarkupLine($"  [yellow]recovered:[/] {Markup.Escape(recovery)}");
        }

        if (report.Outcome == RunOutcome.Skipped)
        {
            _console.MarkupLine($"[bold]{Markup.Escape(report.Job)}[/]\n  [yellow]skipped:[/] {Markup.Escape(report.Error ?? "")}");
            _console.WriteLine();
            return;
        }

        if (report.Sources.Count > 0)
        {
            var sources = new Table().Border(TableBorder.Simple).AddColumns("source", "files (new/listed)", "rows", "malformed", "folder");
            foreach (var source in report.Sources)
            {
                sources.AddRow(
                    Markup.Escape(source.Name),
                    $"{N(source.FilesRead)}/{N(source.FilesListed)}",
                    source.Rows is { } rows ? N(rows) : "streamed",
                    source.Malformed == 0 ? "0" : $"[red]{N(source.Malformed)}[/]",
                    Markup.Escape(source.Directory));
            }

            _console.Write(sources);
        }

        foreach (var sink in report.Sinks.Where(s => s.Quality is not null))
        {
            var table = new Table().Border(TableBorder.Simple).Title($"quality: {Markup.Escape(sink.Name)} (on failure: {sink.Action})")
                .AddColumns("rule", "outcome", "observed");
            foreach (var rule in sink.Quality!.Rules)
            {
                var color = rule.Outcome switch { "Passed" => "green", "Failed" => "red", _ => "yellow" };
                table.AddRow(Markup.Escape(rule.Rule), $"[{color}]{Markup.Escape(rule.Outcome)}[/]", Markup.Escape(rule.Reason is null ? rule.Observed : rule.Observed + " (" + rule.Reason + ")"));
            }

            _console.Write(table);
        }

        foreach (var sink in report.Sinks)
        {
            var quarantine = sink.RowsQuarantined > 0 ? $", [yellow]{N(sink.RowsQuarantined)} quarantined[/] to {Markup.Escape(sink.QuarantineDirectory ?? "")}" : "";
            _console.MarkupLine($"  {Markup.Escape(sink.Name)}: {N(sink.RowsWritten)} rows → {Markup.Escape(sink.Directory)}{quarantine}");
        }

        if (report.Note is { } note)
        {
            _console.MarkupLine($"  {Markup.Escape(note)}");
        }

        var malformed = report.Sources.Sum(s => s.Malformed);
        if (malformed > 0)
        {
            _console.MarkupLine($"  [red]{N(malformed)} malformed input rows[/] set aside under _malformed/{Markup.Escape(report.Job)}/{Markup.Escape(report.RunId)}/");
        }

        _console.MarkupLine(report.Outcome switch
        {
            RunOutcome.Succeeded => $"  [green]succeeded[/] in {report.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s (run {Markup.Escape(report.RunId)})",
            RunOutcome.QualityFailed => $"  [red]failed quality:[/] {Markup.Escape(report.Error ?? "")}",
            _ => $"  [red]failed:[/] {Markup.Escape(report.Error ?? "")} (nothing was published; the previous output and bookmarks are unchanged)",
        });
        _console.WriteLine();
    }

    public void Summary(IReadOnlyList<RunReport> reports, string? artifactsDirectory)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("summary").AddColumns("pipeline", "outcome", "rows in", "rows written", "quarantined", "malformed", "time");
        foreach (var report in reports)
        {
            table.AddRow(
                Markup.Escape(report.Job),
                report.Outcome == RunOutcome.Succeeded ? "[green]succeeded[/]" : $"[red]{report.Outcome.ToString().ToLowerInvariant()}[/]",
                report.Sources.All(s => s.Rows is not null) ? N(report.Sources.Sum(s => s.Rows!.Value)) : "streamed",
                N(report.Sinks.Sum(s => s.RowsWritten)),
                N(report.Sinks.Sum(s => s.RowsQuarantined)),
                N(report.Sources.Sum(s => s.Malformed)),
                report.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s");
        }

        _console.Write(table);
        if (artifactsDirectory is not null && Directory.Exists(artifactsDirectory))
        {
            _console.MarkupLine($"Deployment artifacts written by the build (Glue scripts, DQDL, Terraform, dashboards): {Markup.Escape(artifactsDirectory)}");
            foreach (var file in Directory.EnumerateFiles(artifactsDirectory, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(artifactsDirectory, f).Replace(Path.DirectorySeparatorChar, '/'))
                .Where(f => !f.StartsWith('.'))
                .OrderBy(f => f, StringComparer.Ordinal))
            {
                _console.MarkupLine("  " + Markup.Escape(file));
            }
        }
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

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
    private readonly TextWriter _error;

    /// <param name="output">Where tables and progress go (default: the terminal).</param>
    /// <param name="error">Where errors and warnings go, one plain line each, never wrapped (default: standard error;
    /// the output writer when only that one is given).</param>
    public RunConsole(TextWriter? output, TextWriter? error = null)
    {
        _error = error ?? output ?? Console.Error;
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

    public void Error(string message) => _error.WriteLine("error: " + OneLine(message));

    public void Warning(string message) => _error.WriteLine("warning: " + OneLine(message));

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

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

        foreach (var source in report.Sources)
        {
            if (source.EmptyFiles.Count > 0)
            {
                _console.MarkupLine($"  {Markup.Escape(source.Name)}: {Files(source.EmptyFiles.Count)} with no bytes skipped and recorded: {Markup.Escape(string.Join(", ", source.EmptyFiles))}");
            }

            if (source.Copies.Count > 0)
            {
                _console.MarkupLine($"  {Markup.Escape(source.Name)}: {Files(source.Copies.Count)} with the same content as a processed file not read again: {Markup.Escape(string.Join(", ", source.Copies.Select(c => c.File + " (= " + c.CopyOf + ")")))}");
            }

            foreach (var changed in source.Changed)
            {
                Warning($"{report.Job}: {source.Name}: {changed} changed since it was processed; it is read again in full (rows it held before are written again)");
            }

            foreach (var file in source.SetAside)
            {
                Warning($"{report.Job}: {source.Name}: {file.File} set aside whole under _malformed/{report.Job}/{report.RunId}/files/: {file.Reason}");
            }

            // Once per source and run, as the Glue script logs schema_drift once per read.
            if (source.MissingColumns.Count > 0)
            {
                Warning($"{report.Job}: {source.Name}: schema drift: declared column(s) missing from every file read, read as NULL: {string.Join(", ", source.MissingColumns)}");
            }

            // Not a warning: a source schema that declares only the columns the pipeline needs is normal (pruning).
            if (source.UndeclaredColumns.Count > 0)
            {
                _console.MarkupLine($"  {Markup.Escape(source.Name)}: schema drift: column(s) the schema does not declare, ignored: {Markup.Escape(string.Join(", ", source.UndeclaredColumns))}");
            }
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

        // What was written is only told of a run that published; a failed run wrote nothing the user can see.
        if (report.Outcome == RunOutcome.Succeeded)
        {
            foreach (var sink in report.Sinks)
            {
                var quarantine = sink.RowsQuarantined > 0 ? $", [yellow]{N(sink.RowsQuarantined)} quarantined[/] to {Markup.Escape(sink.QuarantineDirectory ?? "")}" : "";
                _console.MarkupLine($"  {Markup.Escape(sink.Name)}: {N(sink.RowsWritten)} rows → {Markup.Escape(sink.Directory)}{quarantine}");
            }

            var malformed = report.Sources.Sum(s => s.Malformed);
            var setAside = report.Sources.Sum(s => s.SetAside.Count);
            if (malformed > 0 || setAside > 0)
            {
                var what = string.Join(" and ", new[] { malformed > 0 ? $"{N(malformed)} malformed input rows" : null, setAside > 0 ? Files(setAside) + " that could not be decoded" : null }.Where(x => x is not null));
                _console.MarkupLine($"  [red]{Markup.Escape(what)}[/] set aside under _malformed/{Markup.Escape(report.Job)}/{Markup.Escape(report.RunId)}/");
            }
        }

        if (report.Note is { } note)
        {
            _console.MarkupLine($"  {Markup.Escape(note)}");
        }

        var warnings = QualityWarnings(report);
        var seconds = report.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        switch (report.Outcome)
        {
            case RunOutcome.Succeeded when warnings > 0:
                _console.MarkupLine($"  [yellow]succeeded with {warnings} quality warning{(warnings == 1 ? "" : "s")}[/] in {seconds} s (run {Markup.Escape(report.RunId)})");
                Warning($"{report.Job}: {warnings} data-quality rule{(warnings == 1 ? "" : "s")} failed; published anyway (action: {string.Join(", ", report.Sinks.Where(s => s.Quality is { Passed: false }).Select(s => s.Action).Distinct())})");
                break;
            case RunOutcome.Succeeded:
                _console.MarkupLine($"  [green]succeeded[/] in {seconds} s (run {Markup.Escape(report.RunId)})");
                break;
            case RunOutcome.QualityFailed:
                _console.MarkupLine("  [red]failed quality[/]");
                Error($"{report.Job}: {report.Error}");
                break;
            case RunOutcome.Busy:
                _console.MarkupLine("  [red]not run[/]: the output is in use");
                Error($"{report.Job}: {report.Error}");
                break;
            default:
                _console.MarkupLine("  [red]failed[/]");
                Error(report.PublishPending
                    ? $"{report.Job}: {report.Error}"
                    : $"{report.Job}: {report.Error} (nothing was published; the previous output and bookmarks are unchanged)");
                break;
        }

        _console.WriteLine();
    }

    /// <summary>Rules that failed on sinks whose action published anyway (warn, quarantine).</summary>
    public static int QualityWarnings(RunReport report) =>
        report.Sinks.Where(s => s.Action != "fail" && s.Quality is not null).Sum(s => s.Quality!.Count("Failed") + s.Quality!.Count("Error"));

    public void Summary(IReadOnlyList<RunReport> reports, string? artifactsDirectory)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("summary").AddColumns("pipeline", "outcome", "rows in", "rows written", "quarantined", "malformed", "time");
        foreach (var report in reports)
        {
            table.AddRow(
                Markup.Escape(report.Job),
                report.Outcome != RunOutcome.Succeeded ? $"[red]{report.Outcome.ToString().ToLowerInvariant()}[/]"
                    : QualityWarnings(report) is > 0 and var w ? $"[yellow]succeeded, {w} warning{(w == 1 ? "" : "s")}[/]" : "[green]succeeded[/]",
                report.Sources.All(s => s.Rows is not null) ? N(report.Sources.Sum(s => s.Rows!.Value)) : "streamed",
                N(report.Sinks.Sum(s => s.RowsWritten)),
                N(report.Sinks.Sum(s => s.RowsQuarantined)),
                N(report.Sources.Sum(s => s.Malformed)),
                report.Duration.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s");
        }

        _console.Write(table);

        // The deployment artifacts are worth listing after a run that worked; after a failure they bury the error.
        if (reports.All(r => r.Outcome == RunOutcome.Succeeded) && artifactsDirectory is not null && Directory.Exists(artifactsDirectory))
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

    private static string Files(int count) => count == 1 ? "1 file" : $"{count} files";

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}

using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Pipeline.Runner.Tests.Runs;

/// <summary>
/// Malformed rows and schema drift give the same result on both engines: the same input files run through the local
/// runner and through the pipeline's generated Glue script on the evaluating stand-ins
/// (tests/Pipeline.Emitters.Tests/Python/run_evaluating.py); the same good rows reach the sink, the same rows reach
/// <c>_malformed</c> with the same reasons, and both report the same missing and undeclared columns.
/// </summary>
public class GlueParityTests
{
    /// <summary>Each case twice locally: read into tables, and streamed into the stages (0: every input counts as large).</summary>
    public static TheoryData<string, long> Cases
    {
        get
        {
            var cases = new TheoryData<string, long>();
            foreach (var name in new[] { "json-messy", "json-without-a-declared-column", "csv-messy", "csv-without-a-declared-column", "csv-blank-fields", "json-decimal-scale", "csv-decimal-scale" })
            {
                cases.Add(name, SourceReader.DefaultStreamAboveBytes);
                cases.Add(name, 0L);
            }

            return cases;
        }
    }

    /// <summary>Input files per case; row ids (r1, r2, …) name the rows in the assertions.</summary>
    private static (string Job, string Folder, string File, string[] Lines) Input(string name) => name switch
    {
        // An undeclared column, a field read as both 120 and 49.9, a value that does not convert, a line that is not
        // JSON, a row the stage filters out, an int column with text in it.
        "json-messy" => ("parity-json", "parity-in/json", "part-1.json", new[]
        {
            """{"id": "r1", "amount": 120, "day": 1, "note": "a", "extra": "x"}""",
            """{"id": "r2", "amount": 49.9, "day": 1, "note": "b"}""",
            """{"id": "r3", "amount": "abc", "day": 1, "note": "c"}""",
            """{"id": "r4", "amount": 12""",
            """{"id": "r5", "amount": -3, "day": 2, "note": "d"}""",
            """{"id": "r6", "amount": 7, "day": "two", "note": "e"}""",
        }),
        "json-without-a-declared-column" => ("parity-json", "parity-in/json", "part-1.json", new[]
        {
            """{"id": "r1", "amount": 5, "day": 1}""",
            """{"id": "r2", "amount": 6.5, "day": 2}""",
        }),
        // An undeclared column, int and decimal text in one column, a value that does not convert, rows with too few
        // and too many fields, a row the stage filters out.
        "csv-messy" => ("parity-csv", "parity-in/csv", "part-1.csv", new[]
        {
            "id,amount,day,note,extra",
            "r1,120,1,a,x",
            "r2,49.9,1,b,y",
            "r3,abc,1,c,z",
            "r4,12,1",
            "r5,-3,2,d,w",
            "r7,8,1,g,h,i",
        }),
        "csv-without-a-declared-column" => ("parity-csv", "parity-in/csv", "part-1.csv", new[]
        {
            "id,amount,day",
            "r1,5,1",
            "r2,6.5,2",
        }),
        // Blank fields: unquoted and quoted empty text (C# reads ""), and a blank amount (no value: not malformed).
        "csv-blank-fields" => ("parity-csv", "parity-in/csv", "part-1.csv", new[]
        {
            "id,amount,day,note",
            "r1,5,1,",
            "r2,6,2,\"\"",
            "r3,,1,c",
        }),
        // Decimals that fit DECIMAL(18,2) exactly (trailing zeros, exponent notation, text) and ones with a digit more
        // than the scale keeps: those are malformed, not rounded (12.345 would have become 12.35).
        "json-decimal-scale" => ("parity-json", "parity-in/json", "part-1.json", new[]
        {
            """{"id": "r1", "amount": 12.30, "day": 1, "note": "a"}""",
            """{"id": "r2", "amount": 12.345, "day": 1, "note": "b"}""",
            """{"id": "r3", "amount": 1.5e1, "day": 1, "note": "c"}""",
            """{"id": "r4", "amount": 0.001, "day": 1, "note": "d"}""",
            """{"id": "r5", "amount": 7.10, "day": 1, "note": "e"}""",
        }),
        "csv-decimal-scale" => ("parity-csv", "parity-in/csv", "part-1.csv", new[]
        {
            "id,amount,day,note",
            "r1,12.30,1,a",
            "r2,12.345,1,b",
            "r3,1.5e1,1,c",
            "r4,-0.005,1,d",
            "r5,7.1000,1,e",
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>What both engines must produce per case: good row ids, and malformed row ids with their reasons.</summary>
    private static (string[] Good, string[] Malformed, string[] Missing, string[] Undeclared) Expected(string name) => name switch
    {
        "json-messy" => (new[] { "r1", "r2" }, new[] { "r3: amount: not a DECIMAL(18,2)", "r4: not valid JSON", "r6: day: not a INTEGER" }, Array.Empty<string>(), new[] { "extra" }),
        "json-without-a-declared-column" => (new[] { "r1", "r2" }, Array.Empty<string>(), new[] { "note" }, Array.Empty<string>()),
        "csv-messy" => (new[] { "r1", "r2" }, new[] { "r3: amount: not a DECIMAL(18,2)", "r4: wrong number of fields", "r7: wrong number of fields" }, Array.Empty<string>(), new[] { "extra" }),
        "csv-without-a-declared-column" => (new[] { "r1", "r2" }, Array.Empty<string>(), new[] { "note" }, Array.Empty<string>()),
        "csv-blank-fields" => (new[] { "r1", "r2" }, Array.Empty<string>(), Array.Empty<string>(), Array.Empty<string>()),
        "json-decimal-scale" => (new[] { "r1", "r3", "r5" }, new[] { "r2: amount: not a DECIMAL(18,2)", "r4: amount: not a DECIMAL(18,2)" }, Array.Empty<string>(), Array.Empty<string>()),
        "csv-decimal-scale" => (new[] { "r1", "r3", "r5" }, new[] { "r2: amount: not a DECIMAL(18,2)", "r4: amount: not a DECIMAL(18,2)" }, Array.Empty<string>(), Array.Empty<string>()),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Local_runner_and_glue_script_keep_and_set_aside_the_same_rows(string name, long streamAboveBytes)
    {
        using var fixture = new RunFixture();
        var (job, folder, file, lines) = Input(name);
        fixture.WriteLines(Path.Combine(folder, file), lines);
        var expected = Expected(name);

        // (a) the local runner
        var report = new PipelineExecutor(fixture.TestResolver(), streamAboveBytes: streamAboveBytes).Run(RunFixture.Plan(job));
        Assert.True(report.Outcome == RunOutcome.Succeeded, report.Error);
        var local = report.Sources.Single();
        var localGood = Rows(Path.Combine(fixture.Output, "parity-out", job.Substring("parity-".Length)));
        var localMalformed = Malformed(Path.Combine(fixture.Output, "_malformed", job));

        // (b) the generated Glue script on the evaluating stand-ins, over the same files
        var glueOut = Path.Combine(fixture.Root, "glue-out");
        var events = RunGlue(fixture, job, glueOut);
        var glueGood = Rows(Path.Combine(glueOut, "parity-out", job.Substring("parity-".Length)));
        var glueMalformed = Malformed(Path.Combine(glueOut, "parity-out", "_malformed", job));

        Assert.Equal(expected.Good, localGood.Select(r => r.Id));
        Assert.Equal(localGood, glueGood);
        if (name == "csv-blank-fields")
        {
            Assert.All(localGood, r => Assert.Equal("", r.Note));
        }
        Assert.Equal(expected.Malformed, localMalformed);
        Assert.Equal(localMalformed, glueMalformed);

        Assert.Equal(expected.Malformed.Length, local.Malformed);
        var logged = Logs(events, "malformed_rows").Select(r => r.GetProperty("rows").GetInt64()).Sum();
        Assert.Equal(expected.Malformed.Length, logged);

        Assert.Equal(expected.Missing, local.MissingColumns);
        Assert.Equal(expected.Undeclared, local.UndeclaredColumns);
        var drift = Logs(events, "schema_drift").ToList();
        Assert.Equal(expected.Missing.Length + expected.Undeclared.Length == 0 ? 0 : 1, drift.Count);
        foreach (var record in drift)
        {
            Assert.Equal(expected.Missing, record.GetProperty("missing").EnumerateArray().Select(v => v.GetString()));
            Assert.Equal(expected.Undeclared, record.GetProperty("undeclared").EnumerateArray().Select(v => v.GetString()));
        }
    }

    /// <summary>A sink row, compared by value: the id, the amount as a number, the day and the note.</summary>
    internal sealed record Row(string Id, decimal Amount, int Day, string? Note);

    /// <summary>Every row of the JSON-lines files under a folder, ordered by id (absent fields are NULL).</summary>
    private static List<Row> Rows(string directory)
    {
        Assert.True(Directory.Exists(directory), "no output under " + directory);
        var rows = new List<Row>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadAllLines(path).Where(l => l.Length > 0))
            {
                var row = JsonDocument.Parse(line).RootElement;
                string? Text(string field) => row.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;
                rows.Add(new Row(Text("id")!, decimal.Parse(Text("amount")!, CultureInfo.InvariantCulture) / 1.00m, int.Parse(Text("day")!, CultureInfo.InvariantCulture), Text("note")));
            }
        }

        return rows.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Every malformed row under a job's <c>_malformed</c> folder as "<c>id: reason</c>", the id found in the row's raw
    /// text (the reasons are worded the same by both engines).
    /// </summary>
    private static List<string> Malformed(string directory)
    {
        var rows = new List<string>();
        if (!Directory.Exists(directory))
        {
            return rows;
        }

        foreach (var path in Directory.EnumerateFiles(directory, "*.json*", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadAllLines(path).Where(l => l.Length > 0))
            {
                var row = JsonDocument.Parse(line).RootElement;
                var id = Regex.Match(row.GetProperty("line").GetString()!, @"\br[0-9]+\b").Value;
                var reason = row.GetProperty("reason").GetString()!;
                rows.Add(id + ": " + reason);
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static IEnumerable<JsonElement> Logs(List<JsonElement> events, string name) => events
        .Where(e => e.GetProperty("call").GetString() == "log")
        .Select(e => e.GetProperty("record"))
        .Where(r => r.GetProperty("event").GetString() == name);

    /// <summary>The job's Glue script, as the generator embedded it in this test assembly.</summary>
    private static string GlueScript(string job) => typeof(GlueParityTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "Pipeline.Artifact:glue/" + job + ".py").Value!;

    /// <summary>
    /// Runs the job's script on the evaluating stand-ins: s3://parity-in/ is the fixture's input folder, s3://parity-out/
    /// is <paramref name="output"/>; every path argument is set to its declared location (the script's comments).
    /// </summary>
    private static List<JsonElement> RunGlue(RunFixture fixture, string job, string output)
    {
        var script = GlueScript(job);
        var scriptPath = Path.Combine(fixture.Root, job + ".py");
        File.WriteAllText(scriptPath, script);
        var eventsPath = Path.Combine(fixture.Root, job + ".events.json");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        foreach (var argument in new[] { Harness(), scriptPath, eventsPath })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (prefix, folder) in new[] { ("s3://parity-in/", Path.Combine(fixture.Input, "parity-in")), ("s3://parity-out/", Path.Combine(output, "parity-out")) })
        {
            start.ArgumentList.Add("--map");
            start.ArgumentList.Add(prefix + "=" + folder);
        }

        start.ArgumentList.Add("--");
        foreach (Match argument in Regex.Matches(script, @"^[A-Z0-9_]+ = args\[""([a-z0-9_]+)""\]  # declared: (s3://\S+)$", RegexOptions.Multiline))
        {
            start.ArgumentList.Add("--" + argument.Groups[1].Value);
            start.ArgumentList.Add(argument.Groups[2].Value);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "python3 did not finish within 60 s");
        Assert.True(File.Exists(eventsPath), "the stand-ins wrote no events:\n" + stdout.Result + stderr.Result);
        var events = JsonDocument.Parse(File.ReadAllText(eventsPath)).RootElement.EnumerateArray().ToList();
        var exit = events[^1];
        Assert.True(exit.GetProperty("error").ValueKind == JsonValueKind.Null, "the Glue script failed:\n" + (exit.TryGetProperty("message", out var message) ? message.GetString() : "") + stderr.Result);
        return events;
    }

    private static string Harness() =>
        Path.Combine(RunFixture.RepositoryRoot(), "tests", "Pipeline.Emitters.Tests", "Python", "run_evaluating.py");
}

using System.IO;
using System.Linq;
using Xunit;

namespace Pipeline.Runner.Tests.Runs;

/// <summary>Malformed input rows are counted and set aside; the good rows of the same file are processed.</summary>
public class MalformedInputTests
{
    [Theory]
    [InlineData(SourceReader.DefaultStreamAboveBytes)]
    [InlineData(0L)]
    public void Broken_lines_and_wrong_types_are_quarantined_not_fatal(long streamAboveBytes)
    {
        // 0: the input is streamed into the stages and the malformed rows are only met there; the runner falls back.
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        fixture.WriteLines("raw/orders/2024-11-04.json",
            """{"order_id": "ORD-200001", "customer_id": "C001", "amount": 10.5, "currency": "EUR", "status": "placed", "channel": "web", "created_at": "2024-11-04T08:00:00"}""",
            """{"order_id": "ORD-200002", "customer_id": "C001", "amount": "not a number", "currency": "EUR", "status": "placed", "channel": "web", "created_at": "2024-11-04T08:00:00"}""",
            """{"order_id": "ORD-200003", "customer_id": "C001", "amount": 12""",
            """{"order_id": "ORD-200004", "customer_id": "C002", "amount": 20, "currency": "USD", "status": "placed", "channel": "app", "created_at": "2024-11-04T10:00:00"}""");

        var report = new PipelineExecutor(fixture.ExampleResolver(), streamAboveBytes: streamAboveBytes).Run(RunFixture.Plan("orders-daily"));

        Assert.True(report.Outcome == RunOutcome.Succeeded, report.Error);
        var source = report.Sources.Single();
        Assert.Equal(2, source.Malformed);
        Assert.Equal(32, source.Rows);
        Assert.Equal(22, report.Sinks.Single().RowsWritten);
        var malformed = Directory.GetFiles(Path.Combine(fixture.Output, "_malformed", "orders-daily"), "*.jsonl", SearchOption.AllDirectories);
        var lines = File.ReadAllLines(Assert.Single(malformed));
        Assert.Equal(2, lines.Length);
        Assert.Contains(lines, l => l.Contains("amount: not a DECIMAL", System.StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("not valid JSON", System.StringComparison.Ordinal));
    }

    [Fact]
    public void A_csv_row_with_the_wrong_number_of_fields_is_set_aside_once_with_its_file_and_whole_row()
    {
        // Before: the rejected CSV line was unioned into a JSON-typed column and the run failed; each line was listed
        // twice (one entry per check DuckDB failed) under a file id instead of its path, a row whose value did not
        // convert was written as its first field only, and a last row with an extra field was taken for the header
        // (DuckDB's sniffer skipped every line before it as a preamble): 0 rows, no error.
        using var fixture = new RunFixture();
        fixture.WriteLines("parity-in/csv/part-1.csv", "id,amount,day,note", "r1,5,1,a", "r2,12,1", "r3,abc,1,c", "r4,6,1,d,e");

        var report = new PipelineExecutor(fixture.TestResolver()).Run(RunFixture.Plan("parity-csv"));

        Assert.True(report.Outcome == RunOutcome.Succeeded, report.Error);
        Assert.Equal(1, report.Sources.Single().Rows);
        Assert.Equal(3, report.Sources.Single().Malformed);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(fixture.Output, "_malformed", "parity-csv"), "*.jsonl", SearchOption.AllDirectories));
        var rows = File.ReadAllLines(file).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.EndsWith("part-1.csv", r.GetProperty("file").GetString()));
        Assert.Contains(rows, r => r.GetProperty("line").GetString() == "r2,12,1" && r.GetProperty("reason").GetString() == "wrong number of fields");
        Assert.Contains(rows, r => r.GetProperty("line").GetString() == "r4,6,1,d,e" && r.GetProperty("reason").GetString() == "wrong number of fields");
        Assert.Contains(rows, r => r.GetProperty("line").GetString() == """{"id":"r3","amount":"abc","day":"1","note":"c"}""" && r.GetProperty("reason").GetString() == "amount: not a DECIMAL(18,2)");
    }

    [Fact]
    public void Schema_drift_is_reported_once_per_source()
    {
        using var fixture = new RunFixture();
        fixture.WriteLines("parity-in/json/part-1.json", """{"id": "r1", "amount": 5, "day": 1, "extra": 1}""");
        fixture.WriteLines("parity-in/json/part-2.json", """{"id": "r2", "amount": 6.5, "day": 1, "extra": 2, "more": true}""");
        var output = new StringWriter();
        var error = new StringWriter();

        var code = PipelineRunner.Run(new[] { "run", "parity-json", "--input", fixture.Input, "--output", fixture.Output }, typeof(RunFixture).Assembly, output, error);

        Assert.Equal(0, code);
        var warning = Assert.Single(error.ToString().Split('\n'), l => l.Contains("schema drift", System.StringComparison.Ordinal));
        Assert.Equal("warning: parity-json: Readings: schema drift: declared column(s) missing from every file read, read as NULL: note", warning.Trim());
        var ignored = Assert.Single(output.ToString().Split('\n'), l => l.Contains("schema drift", System.StringComparison.Ordinal));
        Assert.Equal("Readings: schema drift: column(s) the schema does not declare, ignored: extra, more", ignored.Trim());
    }

    [Fact]
    public void Streamed_input_without_problems_is_read_once_and_not_counted()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var report = new PipelineExecutor(fixture.ExampleResolver(), streamAboveBytes: 0).Run(RunFixture.Plan("orders-daily"));

        Assert.True(report.Outcome == RunOutcome.Succeeded, report.Error);
        Assert.Null(report.Sources.Single().Rows);
        Assert.Equal(20, report.Sinks.Single().RowsWritten);
        Assert.Equal(20, fixture.CountParquet("acme-curated/orders"));
    }
}

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

using System;
using System.IO;
using System.Linq;
using Pipeline.Runner.Tests.Runs;
using Xunit;

namespace Pipeline.Runner.Tests.Reliability;

/// <summary>
/// WriteMode.Merge: a later delivery of a key replaces the earlier row (in whatever partition it was), new keys are
/// added, other rows stay; IsUnique on the key sees the merged rows, so it holds across runs.
/// </summary>
public class MergeModeTests
{
    private static RunReport Run(RunFixture fixture, string job, RunOptions? options = null)
    {
        var report = new PipelineExecutor(fixture.TestResolver()).Run(RunFixture.Plan(job), options);
        Assert.True(report.Outcome == RunOutcome.Succeeded, report.Error);
        return report;
    }

    [Fact]
    public void The_plan_carries_the_mode_and_the_key()
    {
        var sink = RunFixture.Plan("wm-merge").Sinks.Single().Sink!;
        Assert.Equal("merge", sink.Mode);
        Assert.Equal(new[] { "id" }, sink.MergeKeys);
        Assert.False(sink.MergeKeysUnique); // the sink passes its source on: the runner dedupes the batch itself

        // orders-daily's Clean ends in DistinctBy(OrderId): no second pass.
        Assert.True(RunFixture.Plan("orders-daily").Sinks.Single().Sink!.MergeKeysUnique);
    }

    [Fact]
    public void A_key_delivered_again_in_a_later_file_replaces_the_earlier_row()
    {
        using var fixture = new RunFixture();
        fixture.WriteLines("test-in/items/part-1.json",
            """{"id": "a", "score": 1, "day": 1}""", """{"id": "b", "score": 1, "day": 1}""", """{"id": "c", "score": 1, "day": 2}""");
        Run(fixture, "wm-merge");

        // A later file: a again (new score, same day), c moved to day 3, d new; b is untouched.
        fixture.WriteLines("test-in/items/part-2.json",
            """{"id": "a", "score": 5, "day": 1}""", """{"id": "c", "score": 7, "day": 3}""", """{"id": "d", "score": 1, "day": 2}""");
        var second = Run(fixture, "wm-merge");

        Assert.Equal(4, fixture.CountParquet("test-out/wm-merge"));
        Assert.Equal(1, fixture.CountParquet("test-out/wm-merge", "id = 'a' AND score = 5 AND day = 1"));
        Assert.Equal(1, fixture.CountParquet("test-out/wm-merge", "id = 'b' AND day = 1"));
        Assert.Equal(1, fixture.CountParquet("test-out/wm-merge", "id = 'c' AND score = 7 AND day = 3"));
        Assert.Equal(1, fixture.CountParquet("test-out/wm-merge", "id = 'd' AND day = 2"));

        // Quality saw the merged rows of the rewritten partitions (days 1, 2 and 3: a, b, c, d), all unique.
        var quality = second.Sinks.Single().Quality!;
        Assert.True(quality.Passed);
        Assert.Equal(4, second.Sinks.Single().RowsWritten);
    }

    [Fact]
    public void Reprocessing_the_same_input_gives_the_same_output()
    {
        using var fixture = new RunFixture();
        fixture.WriteLines("test-in/items/part-1.json", """{"id": "a", "score": 1, "day": 1}""", """{"id": "a", "score": 1, "day": 1}""", """{"id": "b", "score": 2, "day": 2}""");
        Run(fixture, "wm-merge");
        Assert.Equal(2, fixture.CountParquet("test-out/wm-merge")); // one row per key within a run too

        // A bookmark reset (or a retry) reads the same file again: nothing is written twice.
        fixture.WriteLines("test-in/items/part-1-copy.json", """{"id": "a", "score": 1, "day": 1}""", """{"id": "b", "score": 2, "day": 2}""");
        Run(fixture, "wm-merge");
        Assert.Equal(2, fixture.CountParquet("test-out/wm-merge"));
    }

    [Fact]
    public void An_unpartitioned_merge_rewrites_the_whole_sink_by_a_compound_key()
    {
        using var fixture = new RunFixture();
        fixture.WriteLines("test-in/items/part-1.json", """{"id": "a", "score": 1, "day": 1}""", """{"id": "a", "score": 1, "day": 2}""");
        Run(fixture, "wm-merge-flat");
        fixture.WriteLines("test-in/items/part-2.json", """{"id": "a", "score": 9, "day": 2}""", """{"id": "b", "score": 1, "day": 1}""");
        var second = Run(fixture, "wm-merge-flat");

        var files = Directory.GetFiles(Path.Combine(fixture.Output, "test-out", "wm-merge-flat"), "*.json", SearchOption.AllDirectories);
        var lines = files.SelectMany(File.ReadAllLines).Where(l => l.Length > 0).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains(lines, l => l.Contains("\"score\":9", StringComparison.Ordinal) && l.Contains("\"day\":2", StringComparison.Ordinal));
        Assert.Single(files); // the earlier file was replaced, not kept next to the new one

        // IsUnique "id" is evaluated on the merged sink: a appears on two days (another key), so it fails (Warn).
        Assert.False(second.Sinks.Single().Quality!.Passed);
    }

    [Fact]
    public void The_example_writes_an_order_delivered_again_in_a_later_file_once()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var first = new PipelineExecutor(fixture.ExampleResolver()).Run(RunFixture.Plan("orders-daily"));
        Assert.True(first.Outcome == RunOutcome.Succeeded, first.Error);
        Assert.Equal(20, fixture.CountParquet("acme-curated/orders"));

        // A later delivery: ORD-100010 again (its amount corrected) and one new order.
        fixture.WriteLines("raw/orders/2024-11-04.json",
            """{"order_id": "ORD-100010", "customer_id": "C007", "amount": 70.0, "currency": "EUR", "status": "placed", "created_at": "2024-11-01T23:59:59"}""",
            """{"order_id": "ORD-100030", "customer_id": "C001", "amount": 10.0, "currency": "EUR", "status": "placed", "channel": "web", "created_at": "2024-11-04T10:00:00"}""");
        var late = new PipelineExecutor(fixture.ExampleResolver()).Run(RunFixture.Plan("orders-daily"));

        Assert.True(late.Outcome == RunOutcome.Succeeded, late.Error);
        Assert.True(late.Sinks.Single().Quality!.Passed); // IsUnique "order_id" over the merged day-1 and day-4 partitions
        Assert.Equal(21, fixture.CountParquet("acme-curated/orders"));
        Assert.Equal(21, fixture.CountDistinctOrders());
        Assert.Equal(1, fixture.CountParquet("acme-curated/orders", "order_id = 'ORD-100010' AND amount = 70.00 AND day = 1"));
    }

    [Fact]
    public void A_partitioned_gzip_json_sink_is_read_back_and_merged()
    {
        using var fixture = new RunFixture();
        fixture.WriteLines("test-in/items/part-1.json", """{"id": "a", "score": 1, "day": 1}""", """{"id": "b", "score": 1, "day": 2}""");
        Run(fixture, "wm-merge-json");
        fixture.WriteLines("test-in/items/part-2.json", """{"id": "a", "score": 9, "day": 2}""");
        Run(fixture, "wm-merge-json");

        // a moved from day 1 to day 2: day 1 is emptied, day 2 holds a (new) and b (carried over).
        var root = Path.Combine(fixture.Output, "test-out", "wm-merge-json");
        Assert.False(Directory.Exists(Path.Combine(root, "day=1")) && Directory.EnumerateFiles(Path.Combine(root, "day=1")).Any());
        var lines = Directory.GetFiles(Path.Combine(root, "day=2"), "*.json.gz")
            .SelectMany(f => ReadGzipLines(f))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.Contains("\"id\":\"a\"", StringComparison.Ordinal) && l.Contains("\"score\":9", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"id\":\"b\"", StringComparison.Ordinal));
    }

    private static string[] ReadGzipLines(string file)
    {
        using var stream = new System.IO.Compression.GZipStream(File.OpenRead(file), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}

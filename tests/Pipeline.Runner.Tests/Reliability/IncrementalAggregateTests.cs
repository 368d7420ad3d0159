using System.IO;
using System.Linq;
using Pipeline.Runner.Tests.Runs;
using Xunit;

namespace Pipeline.Runner.Tests.Reliability;

/// <summary>
/// An aggregate over an increment (customer-revenue: revenue per segment and day over bookmarked orders, written with
/// OverwritePartitions by day): a late file for a day already written recomputes that day from all orders, so each
/// (segment, day) keeps one row with the full total, and the other days stay as they were.
/// </summary>
public class IncrementalAggregateTests
{
    [Fact]
    public void The_plan_marks_the_aggregate_recomputed_by_the_sinks_partition_key()
    {
        var stage = RunFixture.Plan("customer-revenue").Stages.Single(s => s.Name == "Revenue");
        Assert.Equal(new[] { "order_date" }, stage.RecomputeKeys);
        Assert.All(RunFixture.Plan("customer-revenue").Stages.Where(s => s.Name != "Revenue"), s => Assert.Null(s.RecomputeKeys));
    }

    [Fact]
    public void A_late_file_for_a_day_already_written_gives_one_row_per_segment_and_day_with_the_full_total()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var resolver = fixture.ExampleResolver();
        var first = new PipelineExecutor(resolver).Run(RunFixture.Plan("customer-revenue"));
        Assert.True(first.Outcome == RunOutcome.Succeeded, first.Error);
        Assert.Equal(7, fixture.CountParquet("acme-analytics/customer-revenue"));
        var dayOne = Snapshot(fixture, "order_date=2024-11-01");

        // data/README.md: business on 2024-11-02 is 2 orders, 337.55. A late file brings a third business order that day.
        fixture.WriteLines("catalog/orders/year=2024/month=11/day=02/part-00001.json",
            """{"order_id": "ORD-100099", "customer_id": "C002", "amount": 100.0, "currency": "EUR", "order_date": "2024-11-02"}""");
        var late = new PipelineExecutor(resolver).Run(RunFixture.Plan("customer-revenue"));

        Assert.True(late.Outcome == RunOutcome.Succeeded, late.Error);
        Assert.Equal(1, late.Sources.Single(s => s.Name == "Orders").Rows); // the batch is the late order only
        Assert.Equal(3, late.Sinks.Single().RowsWritten); // the whole day 2024-11-02: business, consumer, vip
        Assert.Equal(7, fixture.CountParquet("acme-analytics/customer-revenue"));
        Assert.Equal(1, fixture.CountParquet("acme-analytics/customer-revenue", "order_date = DATE '2024-11-02' AND segment = 'business'"));
        Assert.Equal(1, fixture.CountParquet("acme-analytics/customer-revenue",
            "order_date = DATE '2024-11-02' AND segment = 'business' AND orders = 3 AND revenue = 437.55 AND average_order = 145.85"));
        Assert.Equal(1, fixture.CountParquet("acme-analytics/customer-revenue", "order_date = DATE '2024-11-02' AND segment = 'vip' AND orders = 1 AND revenue = 540.00"));
        Assert.Equal(dayOne, Snapshot(fixture, "order_date=2024-11-01")); // a day the batch did not touch is not rewritten
    }

    [Fact]
    public void A_merged_aggregate_keeps_one_row_per_group_with_the_full_total()
    {
        using var fixture = new RunFixture();
        fixture.WriteLines("test-in/items/part-1.json", """{"id": "a", "score": 1, "day": 1}""", """{"id": "b", "score": 2, "day": 1}""", """{"id": "c", "score": 3, "day": 2}""");
        var first = new PipelineExecutor(fixture.TestResolver()).Run(RunFixture.Plan("wm-merge-aggregate"));
        Assert.True(first.Outcome == RunOutcome.Succeeded, first.Error);

        fixture.WriteLines("test-in/items/part-2.json", """{"id": "d", "score": 4, "day": 1}""");
        var late = new PipelineExecutor(fixture.TestResolver()).Run(RunFixture.Plan("wm-merge-aggregate"));

        Assert.True(late.Outcome == RunOutcome.Succeeded, late.Error);
        Assert.True(late.Sinks.Single().Quality!.Passed);
        Assert.Equal(2, fixture.CountParquet("test-out/wm-merge-aggregate"));
        Assert.Equal(1, fixture.CountParquet("test-out/wm-merge-aggregate", "day = 1 AND items = 3 AND score = 7"));
        Assert.Equal(1, fixture.CountParquet("test-out/wm-merge-aggregate", "day = 2 AND items = 1 AND score = 3"));
    }

    private static string[] Snapshot(RunFixture fixture, string partition) =>
        Directory.GetFiles(Path.Combine(fixture.Output, "acme-analytics", "customer-revenue", partition)).Order().ToArray();
}

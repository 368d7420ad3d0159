using System.IO;
using System.Linq;
using Xunit;

namespace Pipeline.Runner.Tests.Runs;

/// <summary>The bundled example, run as a user runs it: files in, partitioned Parquet and quality results out.</summary>
public class ExampleRunTests
{
    [Fact]
    public void Orders_daily_writes_the_expected_partitions_and_passes_its_rules()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var report = new PipelineExecutor(fixture.ExampleResolver()).Run(RunFixture.Plan("orders-daily"));

        Assert.True(report.Outcome == RunOutcome.Succeeded, report.Error);
        Assert.Equal(30, report.Sources.Single().Rows);
        var sink = report.Sinks.Single();
        Assert.Equal(20, sink.RowsWritten);
        Assert.True(sink.Quality!.Passed);
        Assert.All(sink.Quality.Rules, r => Assert.Equal("Passed", r.Outcome));

        // data/README.md: 7 orders on 2024-11-01, 6 on the 2nd, 7 on the 3rd, in hive partitions.
        Assert.Equal(20, fixture.CountParquet("acme-curated/orders"));
        Assert.Equal(7, fixture.CountParquet("acme-curated/orders", "year = 2024 AND month = 11 AND day = 1"));
        Assert.Equal(6, fixture.CountParquet("acme-curated/orders", "day = 2"));
        Assert.Equal(7, fixture.CountParquet("acme-curated/orders", "day = 3"));
        Assert.True(Directory.Exists(Path.Combine(fixture.Output, "acme-curated", "orders", "year=2024", "month=11", "day=1")));
        Assert.Equal(0, fixture.CountParquet("acme-curated/orders", "currency NOT IN ('EUR', 'USD')"));
        Assert.Equal(0, fixture.CountParquet("acme-curated/orders", "amount <= 0"));
    }

    [Fact]
    public void A_statement_observer_sees_every_statement_of_a_run_in_order()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var statements = new System.Collections.Generic.List<(string Sql, System.TimeSpan Elapsed)>();
        var executor = new PipelineExecutor(fixture.ExampleResolver()) { StatementObserver = (sql, elapsed) => statements.Add((sql, elapsed)) };
        var report = executor.Run(RunFixture.Plan("orders-daily"));

        Assert.True(report.Outcome == RunOutcome.Succeeded, report.Error);
        var settings = statements.FindIndex(s => s.Sql.StartsWith("SET memory_limit", System.StringComparison.Ordinal));
        var read = statements.FindIndex(s => s.Sql.Contains("read_json(", System.StringComparison.Ordinal));
        var stage = statements.FindIndex(s => s.Sql.Contains("TEMP TABLE \"stg_clean\"", System.StringComparison.Ordinal));
        var quality = statements.FindIndex(s => s.Sql.Contains("FILTER (WHERE", System.StringComparison.Ordinal));
        var copy = statements.FindIndex(s => s.Sql.StartsWith("COPY ", System.StringComparison.Ordinal) && s.Sql.Contains("PARTITION_BY", System.StringComparison.Ordinal));
        Assert.True(settings == 0 && settings < read && read < stage && stage < quality && quality < copy,
            string.Join("\n", statements.Select((s, i) => i + ": " + s.Sql)));
        Assert.All(statements, s => Assert.True(s.Elapsed >= System.TimeSpan.Zero));
    }

    [Fact]
    public void Customer_revenue_reads_the_catalog_sample_with_its_pushdown_predicate()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var report = new PipelineExecutor(fixture.ExampleResolver()).Run(RunFixture.Plan("customer-revenue"));

        Assert.True(report.Outcome == RunOutcome.Succeeded, report.Error);
        // data/README.md: the October partition is outside "year = 2024 AND month = 11"; November holds 11 rows.
        Assert.Equal(11, report.Sources.Single(s => s.Name == "Orders").Rows);
        Assert.Equal(7, report.Sinks.Single().RowsWritten);
        Assert.Equal(2, fixture.CountParquet("acme-analytics/customer-revenue", "segment = 'business' AND orders = 2"));
        Assert.Equal(1, fixture.CountParquet("acme-analytics/customer-revenue", "order_date = DATE '2024-11-02' AND segment = 'business' AND average_order = 168.78"));
    }

    [Fact]
    public void All_pipelines_run_upstream_first_and_chain_through_the_local_lake()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var resolver = fixture.ExampleResolver();
        var order = PipelineRunner.DependencyOrder(RunFixture.ExamplePlans, resolver).Select(p => p.Job).ToArray();
        Assert.Equal(new[] { "orders-daily", "customer-revenue" }, order);

        var upstream = new PipelineExecutor(resolver).Run(RunFixture.Plan("orders-daily"));
        var downstream = new PipelineExecutor(resolver).Run(RunFixture.Plan("customer-revenue"));
        Assert.Equal(RunOutcome.Succeeded, upstream.Outcome);
        Assert.True(downstream.Outcome == RunOutcome.Succeeded, downstream.Error);
        var orders = downstream.Sources.Single(s => s.Name == "Orders");
        Assert.Equal(Path.Combine(fixture.Output, "acme-curated", "orders"), orders.Directory);
        Assert.Equal(20, orders.Rows);

        // The counts examples/RetailLake/data/README.md states for the README command.
        Assert.Equal(20, upstream.Sinks.Single().RowsWritten);
        Assert.Equal(11, downstream.Sinks.Single().RowsWritten);
        Assert.Equal(11, fixture.CountParquet("acme-analytics/customer-revenue"));
        Assert.Equal(1, fixture.CountParquet("acme-analytics/customer-revenue", "order_date = DATE '2024-11-02' AND segment = 'vip' AND orders = 2 AND revenue = 629.00"));
    }
}

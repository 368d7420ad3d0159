using System.IO;
using System.Linq;
using Pipeline.Runner.Tests.Runs;
using Xunit;

namespace Pipeline.Runner.Tests.Reliability;

/// <summary>
/// A source used only as a join's lookup side is a reference (read whole every run), so a second delivery of orders
/// still finds its customers; the driving source stays an increment.
/// </summary>
public class SourceRoleTests
{
    [Fact]
    public void The_generated_plan_makes_the_lookup_side_a_reference_and_the_driving_side_an_increment()
    {
        var plan = RunFixture.Plan("customer-revenue");
        Assert.True(plan.Sources.Single(s => s.Name == "Orders").Bookmarked);
        Assert.False(plan.Sources.Single(s => s.Name == "Customers").Bookmarked);
    }

    [Fact]
    public void A_second_delivery_of_orders_still_joins_to_the_customers()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var resolver = fixture.ExampleResolver();
        var executor = new PipelineExecutor(resolver);
        Assert.Equal(RunOutcome.Succeeded, executor.Run(RunFixture.Plan("orders-daily")).Outcome);
        var first = executor.Run(RunFixture.Plan("customer-revenue"));
        Assert.True(first.Outcome == RunOutcome.Succeeded, first.Error);
        Assert.Equal(11, fixture.CountParquet("acme-analytics/customer-revenue"));

        // Day 4 arrives: two orders of known customers (C001 consumer, C002 business).
        fixture.WriteLines("raw/orders/2024-11-04.json",
            """{"order_id": "ORD-200001", "customer_id": "C001", "amount": 10.5, "currency": "EUR", "status": "placed", "channel": "web", "created_at": "2024-11-04T08:00:00"}""",
            """{"order_id": "ORD-200002", "customer_id": "C002", "amount": 99.0, "currency": "usd", "status": "placed", "channel": "app", "created_at": "2024-11-04T09:00:00"}""");
        Assert.Equal(RunOutcome.Succeeded, executor.Run(RunFixture.Plan("orders-daily")).Outcome);
        var second = executor.Run(RunFixture.Plan("customer-revenue"));

        Assert.True(second.Outcome == RunOutcome.Succeeded, second.Error);
        var customers = second.Sources.Single(s => s.Name == "Customers");
        Assert.Equal((1, 1), (customers.FilesRead, customers.FilesListed));
        Assert.Equal(1, second.Sources.Single(s => s.Name == "Orders").FilesRead);
        var sink = second.Sinks.Single();
        Assert.True(sink.Quality!.Passed);
        Assert.Equal(0, sink.RowsQuarantined);
        Assert.Equal(2, fixture.CountParquet("acme-analytics/customer-revenue", "order_date = DATE '2024-11-04'"));

        // Nothing new in the increment: a no-op, even though the reference would be read whole.
        var third = executor.Run(RunFixture.Plan("customer-revenue"));
        Assert.True(third.Outcome == RunOutcome.Succeeded, third.Error);
        Assert.Contains("nothing to do", third.Note);
        Assert.Equal(13, fixture.CountParquet("acme-analytics/customer-revenue"));
    }
}

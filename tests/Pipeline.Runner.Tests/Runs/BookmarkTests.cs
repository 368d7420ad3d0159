using System.IO;
using System.Linq;
using Xunit;

namespace Pipeline.Runner.Tests.Runs;

/// <summary>Reruns process only input files not processed before, like Glue job bookmarks; --reset starts over.</summary>
public class BookmarkTests
{
    [Fact]
    public void Rerun_reads_only_new_files_and_reset_starts_over()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());

        var first = executor.Run(plan);
        Assert.Equal((3, 20L), (first.Sources.Single().FilesRead, first.Sinks.Single().RowsWritten));

        var second = executor.Run(plan);
        Assert.Equal(RunOutcome.Succeeded, second.Outcome);
        Assert.Equal((3, 0), (second.Sources.Single().FilesListed, second.Sources.Single().FilesRead));
        Assert.Empty(second.Sinks);
        Assert.Contains("no new input", second.Note);
        Assert.Equal(20, fixture.CountParquet("acme-curated/orders"));

        fixture.WriteLines("raw/orders/2024-11-04.json",
            """{"order_id": "ORD-200001", "customer_id": "C001", "amount": 10.5, "currency": "EUR", "status": "placed", "channel": "web", "created_at": "2024-11-04T08:00:00"}""",
            """{"order_id": "ORD-200002", "customer_id": "C002", "amount": 99.0, "currency": "usd", "status": "placed", "channel": "app", "created_at": "2024-11-04T09:00:00"}""");
        var third = executor.Run(plan);
        Assert.Equal((4, 1), (third.Sources.Single().FilesListed, third.Sources.Single().FilesRead));
        Assert.Equal(2, third.Sinks.Single().RowsWritten);
        Assert.Equal(22, fixture.CountParquet("acme-curated/orders"));
        Assert.Equal(2, fixture.CountParquet("acme-curated/orders", "day = 4"));

        // A file whose modification time changed but whose content did not is not read again (content identity).
        File.SetLastWriteTimeUtc(Path.Combine(fixture.Input, "raw", "orders", "2024-11-04.json"), System.DateTime.UtcNow.AddMinutes(5));
        Assert.Equal(0, executor.Run(plan).Sources.Single().FilesRead);
        Assert.Equal(22, fixture.CountParquet("acme-curated/orders"));

        var reset = executor.Run(plan, new RunOptions(Reset: true));
        Assert.Equal(4, reset.Sources.Single().FilesRead);
        Assert.Equal(22, fixture.CountParquet("acme-curated/orders"));
    }
}

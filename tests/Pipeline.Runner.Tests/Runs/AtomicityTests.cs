using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Pipeline.Runner.Tests.Runs;

/// <summary>
/// A failed or killed run leaves the previous output intact and the bookmarks unadvanced; a run killed after its
/// commit point is completed by the next start. Crashes are simulated by throwing at the publisher's fault points.
/// </summary>
public class AtomicityTests
{
    private static void AddDay4(RunFixture fixture) => fixture.WriteLines("raw/orders/2024-11-04.json",
        """{"order_id": "ORD-200001", "customer_id": "C001", "amount": 10.5, "currency": "EUR", "status": "placed", "channel": "web", "created_at": "2024-11-04T08:00:00"}""");

    [Theory]
    [InlineData("before-commit")]
    public void Crash_before_the_commit_point_leaves_output_and_state_as_they_were(string point)
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());
        Assert.Equal(RunOutcome.Succeeded, executor.Run(plan).Outcome);
        var before = fixture.Snapshot();

        AddDay4(fixture);
        Publisher.FaultPoint = p => { if (p == point) { throw new SimulatedCrash(); } };
        Assert.Throws<SimulatedCrash>(() => executor.Run(plan));
        Publisher.FaultPoint = null;
        Assert.Equal(before, fixture.Snapshot());

        // The next start discards the dead run's staging; the new file is still unprocessed.
        var next = executor.Run(plan);
        Assert.Contains("discarded", next.Recovery);
        Assert.Equal(1, next.Sources.Single().FilesRead);
        Assert.Equal(21, fixture.CountParquet("acme-curated/orders"));
    }

    [Fact]
    public void Crash_after_the_commit_point_is_rolled_forward_by_the_next_start()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());

        Publisher.FaultPoint = p => { if (p == "after-first-move") { throw new SimulatedCrash(); } };
        Assert.Throws<SimulatedCrash>(() => executor.Run(plan));
        Publisher.FaultPoint = null;
        Assert.True(fixture.CountParquet("acme-curated/orders") < 20, "the crash should have left the publish half done");

        var next = executor.Run(plan);
        Assert.Contains("completed the publish", next.Recovery);
        Assert.Equal(0, next.Sources.Single().FilesRead);
        Assert.Equal(20, fixture.CountParquet("acme-curated/orders"));
    }

    [Fact]
    public void A_failing_run_publishes_nothing()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());
        Assert.Equal(RunOutcome.Succeeded, executor.Run(plan).Outcome);
        var before = fixture.Snapshot();

        // The source folder disappears mid-flight (an input the run cannot read): an error, not a crash.
        Directory.Move(Path.Combine(fixture.Input, "raw"), Path.Combine(fixture.Input, "raw-moved"));
        var failed = executor.Run(plan);
        Assert.Equal(RunOutcome.Failed, failed.Outcome);
        Assert.Contains("does not exist", failed.Error);
        Assert.Equal(before, fixture.Snapshot());
    }

    private sealed class SimulatedCrash : Exception
    {
    }
}

using System;
using System.IO;
using System.Linq;
using Pipeline.Runner.Tests.Runs;
using Xunit;

namespace Pipeline.Runner.Tests.Reliability;

/// <summary>
/// <c>--reset</c> builds the new output in staging and swaps it in at the commit point: until then the old output and
/// bookmarks stay; after it the new output is complete (rolled forward if the run dies while swapping).
/// </summary>
public class ResetTests
{
    [Fact]
    public void A_reset_run_that_fails_keeps_the_old_output_and_bookmarks()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());
        Assert.Equal(RunOutcome.Succeeded, executor.Run(plan).Outcome);
        var before = fixture.Snapshot();

        Directory.Move(Path.Combine(fixture.Input, "raw"), Path.Combine(fixture.Input, "raw-moved"));
        var failed = executor.Run(plan, new RunOptions(Reset: true));

        Assert.Equal(RunOutcome.Failed, failed.Outcome);
        Assert.Equal(before, fixture.Snapshot());
        Assert.Equal(20, fixture.CountParquet("acme-curated/orders"));

        // The bookmarks were kept too: with the input back, a normal run has nothing new to do.
        Directory.Move(Path.Combine(fixture.Input, "raw-moved"), Path.Combine(fixture.Input, "raw"));
        Assert.Contains("nothing to do", executor.Run(plan).Note);
    }

    [Fact]
    public void A_reset_run_that_fails_quality_keeps_the_old_output()
    {
        using var fixture = new RunFixture();
        fixture.WriteLines("test-in/items/part-1.json", """{"id": "a", "score": 3, "day": 1}""");
        var plan = RunFixture.Plan("qa-fail");
        var executor = new PipelineExecutor(fixture.TestResolver());
        Assert.Equal(RunOutcome.Succeeded, executor.Run(plan).Outcome);
        var before = fixture.Snapshot();

        fixture.WriteLines("test-in/items/part-2.json", """{"id": "b", "score": 42, "day": 1}""");
        Assert.Equal(RunOutcome.QualityFailed, executor.Run(plan, new RunOptions(Reset: true)).Outcome);
        Assert.Equal(before, fixture.Snapshot());
    }

    [Fact]
    public void A_reset_killed_before_its_commit_point_changes_nothing()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());
        Assert.Equal(RunOutcome.Succeeded, executor.Run(plan).Outcome);
        var before = fixture.Snapshot();

        Publisher.FaultPoint = p => { if (p == "before-commit") { throw new SimulatedCrash(); } };
        Assert.Throws<SimulatedCrash>(() => executor.Run(plan, new RunOptions(Reset: true)));
        Publisher.FaultPoint = null;
        Assert.Equal(before, fixture.Snapshot());
    }

    [Theory]
    [InlineData("after-clear")]
    [InlineData("after-first-move")]
    public void A_reset_killed_while_swapping_is_completed_by_the_next_start(string point)
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());
        Assert.Equal(RunOutcome.Succeeded, executor.Run(plan).Outcome);

        Publisher.FaultPoint = p => { if (p == point) { throw new SimulatedCrash(); } };
        Assert.Throws<SimulatedCrash>(() => executor.Run(plan, new RunOptions(Reset: true)));
        Publisher.FaultPoint = null;

        var next = executor.Run(plan);
        Assert.Contains("completed the publish", next.Recovery);
        Assert.Contains("nothing to do", next.Note);
        Assert.Equal(20, fixture.CountParquet("acme-curated/orders"));
        Assert.Equal(20, fixture.CountDistinctOrders());
        Assert.False(Directory.Exists(Path.Combine(fixture.Output, ".pipeline", "trash", "orders-daily")));
    }

    [Fact]
    public void A_reset_replaces_the_output_and_forgets_removed_inputs()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());
        Assert.Equal(RunOutcome.Succeeded, executor.Run(plan).Outcome);

        File.Delete(Path.Combine(fixture.Input, "raw", "orders", "2024-11-03.json"));
        var reset = executor.Run(plan, new RunOptions(Reset: true));
        Assert.True(reset.Outcome == RunOutcome.Succeeded, reset.Error);
        Assert.Equal(2, reset.Sources.Single().FilesRead);
        Assert.Equal(reset.Sinks.Single().RowsWritten, fixture.CountParquet("acme-curated/orders"));
        Assert.Equal(0, fixture.CountParquet("acme-curated/orders", "day = 3 AND order_id <> 'ORD-100010'"));
    }

    [Fact]
    public void A_no_op_run_leaves_no_staging_and_the_next_run_reports_no_recovery()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());
        var first = executor.Run(plan);
        Assert.Null(first.Recovery);

        var noOp = executor.Run(plan);
        Assert.Contains("nothing to do", noOp.Note);
        Assert.Null(noOp.Recovery);
        Assert.False(Directory.Exists(Path.Combine(fixture.Output, ".pipeline", "staging", "orders-daily")), "a no-op run left a staging folder");

        Assert.Null(executor.Run(plan).Recovery);
    }

    [Fact]
    public void An_io_error_after_the_commit_point_keeps_the_staged_files_so_the_next_start_completes_the_publish()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());

        // Not a crash: an error the executor handles (a full disk, a file another program holds) in the middle of moves.
        Publisher.FaultPoint = p => { if (p == "after-first-move") { throw new IOException("simulated: no space left on device"); } };
        var failed = executor.Run(plan);
        Publisher.FaultPoint = null;
        Assert.Equal(RunOutcome.Failed, failed.Outcome);
        Assert.Contains("committed", failed.Error);

        var next = executor.Run(plan);
        Assert.Contains("completed the publish", next.Recovery);
        Assert.Equal(20, fixture.CountParquet("acme-curated/orders"));
    }

    private sealed class SimulatedCrash : Exception
    {
    }
}

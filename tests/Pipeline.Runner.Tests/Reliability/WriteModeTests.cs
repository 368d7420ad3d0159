using System;
using System.IO;
using System.Linq;
using Pipeline.Runner.Tests.Runs;
using Xunit;

namespace Pipeline.Runner.Tests.Reliability;

/// <summary>
/// Sink write modes: reprocessing the same input appends again under Append, and gives the same output under
/// OverwritePartitions (only the partitions written are replaced, atomically) and Overwrite.
/// </summary>
public class WriteModeTests
{
    private static void WriteDays(RunFixture fixture, params int[] days) => fixture.WriteLines("test-in/items/part-1.json",
        days.SelectMany(d => new[] { $$"""{"id": "a{{d}}", "score": 1, "day": {{d}}}""", $$"""{"id": "b{{d}}", "score": 2, "day": {{d}}}""" }).ToArray());

    private static RunReport Run(RunFixture fixture, string job, RunOptions? options = null)
    {
        var report = new PipelineExecutor(fixture.TestResolver()).Run(RunFixture.Plan(job), options);
        Assert.True(report.Outcome == RunOutcome.Succeeded, report.Error);
        return report;
    }

    [Fact]
    public void The_plan_carries_the_declared_mode()
    {
        Assert.Equal("append", RunFixture.Plan("wm-append").Sinks.Single().Sink!.Mode);
        Assert.Equal("overwritePartitions", RunFixture.Plan("wm-partitions").Sinks.Single().Sink!.Mode);
        Assert.Equal("overwrite", RunFixture.Plan("wm-overwrite").Sinks.Single().Sink!.Mode);
    }

    [Fact]
    public void Append_writes_reprocessed_input_again()
    {
        using var fixture = new RunFixture();
        WriteDays(fixture, 1, 2);
        Run(fixture, "wm-append");
        Run(fixture, "wm-append");
        Assert.Equal(8, fixture.CountParquet("test-out/wm-append"));
    }

    [Fact]
    public void OverwritePartitions_is_idempotent_and_replaces_only_the_partitions_it_writes()
    {
        using var fixture = new RunFixture();
        WriteDays(fixture, 1, 2);
        Run(fixture, "wm-partitions");
        var once = fixture.Snapshot().Where(f => f.Key.StartsWith("test-out/", StringComparison.Ordinal)).Select(f => f.Value).Order().ToList();

        Run(fixture, "wm-partitions");
        Assert.Equal(4, fixture.CountParquet("test-out/wm-partitions"));
        var twice = fixture.Snapshot().Where(f => f.Key.StartsWith("test-out/", StringComparison.Ordinal)).Select(f => f.Value).Order().ToList();
        Assert.Equal(once, twice); // same content (file names carry the run id)

        // The input now holds day 2 (changed) and day 3: day 1 stays as it was, day 2 is replaced, day 3 is added.
        fixture.WriteLines("test-in/items/part-1.json", """{"id": "c2", "score": 5, "day": 2}""", """{"id": "a3", "score": 1, "day": 3}""");
        Run(fixture, "wm-partitions");
        Assert.Equal(2, fixture.CountParquet("test-out/wm-partitions", "day = 1"));
        Assert.Equal(1, fixture.CountParquet("test-out/wm-partitions", "day = 2 AND id = 'c2'"));
        Assert.Equal(1, fixture.CountParquet("test-out/wm-partitions", "day = 2"));
        Assert.Equal(1, fixture.CountParquet("test-out/wm-partitions", "day = 3"));
    }

    [Fact]
    public void OverwritePartitions_killed_while_swapping_is_completed_by_the_next_start()
    {
        using var fixture = new RunFixture();
        WriteDays(fixture, 1, 2);
        Run(fixture, "wm-partitions");

        Publisher.FaultPoint = p => { if (p == "after-clear") { throw new InvalidProgramException("simulated crash"); } };
        Assert.Throws<InvalidProgramException>(() => new PipelineExecutor(fixture.TestResolver()).Run(RunFixture.Plan("wm-partitions")));
        Publisher.FaultPoint = null;
        Assert.Equal(0, fixture.CountParquet("test-out/wm-partitions")); // the old partitions are aside, the new not yet in

        var next = Run(fixture, "wm-partitions");
        Assert.Contains("completed the publish", next.Recovery);
        Assert.Equal(4, fixture.CountParquet("test-out/wm-partitions"));
    }

    [Fact]
    public void Overwrite_replaces_the_whole_sink()
    {
        using var fixture = new RunFixture();
        WriteDays(fixture, 1, 2);
        Run(fixture, "wm-overwrite");
        Run(fixture, "wm-overwrite");
        Assert.Equal(4, fixture.CountParquet("test-out/wm-overwrite"));

        WriteDays(fixture, 3);
        Run(fixture, "wm-overwrite");
        Assert.Equal(2, fixture.CountParquet("test-out/wm-overwrite"));
        Assert.Equal(0, fixture.CountParquet("test-out/wm-overwrite", "day <> 3"));
    }
}

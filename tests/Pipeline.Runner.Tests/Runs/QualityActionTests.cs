using System.Linq;
using Xunit;

namespace Pipeline.Runner.Tests.Runs;

/// <summary>The declared action on failed quality rules: fail publishes nothing, warn publishes, quarantine splits the rows.</summary>
public class QualityActionTests
{
    private static void WriteItems(RunFixture fixture) => fixture.WriteLines("test-in/items/part-1.json",
        """{"id": "a", "score": 3, "day": 1}""",
        """{"id": "b", "score": 42, "day": 1}""",
        """{"id": "c", "score": 7, "day": 2}""",
        """{"id": null, "score": 99, "day": 2}""");

    [Fact]
    public void Fail_publishes_nothing_and_keeps_the_bookmark()
    {
        using var fixture = new RunFixture();
        WriteItems(fixture);
        var executor = new PipelineExecutor(fixture.TestResolver());
        var report = executor.Run(RunFixture.Plan("qa-fail"));

        Assert.Equal(RunOutcome.QualityFailed, report.Outcome);
        var rule = Assert.Single(report.Sinks.Single().Quality!.Rules);
        Assert.Equal("Failed", rule.Outcome);
        Assert.Equal(0, fixture.CountParquet("test-out/fail"));

        // The input was not consumed: once the bad row is fixed, the next run reads the file again.
        fixture.WriteLines("test-in/items/part-1.json", """{"id": "a", "score": 3, "day": 1}""");
        var fixedRun = executor.Run(RunFixture.Plan("qa-fail"));
        Assert.Equal(RunOutcome.Succeeded, fixedRun.Outcome);
        Assert.Equal(1, fixture.CountParquet("test-out/fail"));
    }

    [Fact]
    public void Warn_publishes_everything_and_reports_the_failure()
    {
        using var fixture = new RunFixture();
        WriteItems(fixture);
        var report = new PipelineExecutor(fixture.TestResolver()).Run(RunFixture.Plan("qa-warn"));

        Assert.Equal(RunOutcome.Succeeded, report.Outcome);
        Assert.False(report.Sinks.Single().Quality!.Passed);
        Assert.Equal(3, fixture.CountParquet("test-out/warn"));
    }

    [Fact]
    public void Quarantine_moves_failing_rows_aside_with_counts()
    {
        using var fixture = new RunFixture();
        WriteItems(fixture);
        var report = new PipelineExecutor(fixture.TestResolver()).Run(RunFixture.Plan("qa-quarantine"));

        Assert.True(report.Outcome == RunOutcome.Succeeded, report.Error);
        var sink = report.Sinks.Single();
        Assert.Equal((2L, 1L), (sink.RowsWritten, sink.RowsQuarantined));
        Assert.Equal(0, fixture.CountParquet("test-out/quarantine", "score > 10"));
        var quarantined = System.IO.Directory.GetFiles(System.IO.Path.Combine(fixture.Output, "test-out", "quarantined"), "*", System.IO.SearchOption.AllDirectories);
        Assert.NotEmpty(quarantined);
    }
}

using System;
using System.IO;
using System.Linq;
using Pipeline.Runner.Tests.Runs;
using Xunit;

namespace Pipeline.Runner.Tests.Reliability;

/// <summary>
/// The console tells the truth: failed rules under warn/quarantine are in the final line, a failed run does not
/// report outputs it never wrote nor list the artifacts, and errors are single lines on the error stream.
/// </summary>
public class ConsoleTests
{
    private static (int Code, string Out, string Err) Run(RunFixture fixture, string job)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = PipelineRunner.Run(new[] { "run", job, "--input", fixture.Input, "--output", fixture.Output }, typeof(RunFixture).Assembly, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("qa-warn")]
    [InlineData("qa-quarantine")]
    public void A_run_whose_rules_failed_under_warn_or_quarantine_says_so_in_its_final_line(string job)
    {
        using var fixture = new RunFixture();
        fixture.WriteLines("test-in/items/part-1.json", """{"id": "a", "score": 3, "day": 1}""", """{"id": "b", "score": 42, "day": 1}""");

        var (code, output, error) = Run(fixture, job);

        Assert.Equal(0, code);
        Assert.Contains("succeeded with 1 quality warning in", output);
        Assert.DoesNotContain("  succeeded in", output);
        Assert.Contains($"warning: {job}: 1 data-quality rule failed", error);
    }

    [Fact]
    public void A_run_that_failed_quality_reports_no_rows_written_no_malformed_folder_and_no_artifacts()
    {
        using var fixture = new RunFixture();
        fixture.WriteLines("test-in/items/part-1.json", """{"id": "a", "score": 3, "day": 1}""", """{"id": "b", "score": 42, "day": 1}""", "this line is not JSON");

        var (code, output, error) = Run(fixture, "qa-fail");

        Assert.Equal(1, code);
        Assert.DoesNotContain("rows →", output);
        Assert.DoesNotContain("set aside under", output);
        Assert.DoesNotContain("succeeded", output.Split("summary")[0]);
        Assert.False(Directory.Exists(Path.Combine(fixture.Output, "_malformed")), "nothing was published, so there is no _malformed folder to point at");
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: qa-fail: data-quality rules failed", line);
    }

    [Fact]
    public void A_failed_example_run_does_not_end_with_the_artifact_list_and_its_error_is_one_unwrapped_line()
    {
        using var fixture = new RunFixture();
        var output = new StringWriter();
        var error = new StringWriter();
        var missing = Path.Combine(fixture.Root, new string('d', 150), "input");

        var code = PipelineRunner.Run(new[] { "run", "orders-daily", "--input", missing, "--output", fixture.Output }, typeof(RetailLake.OrdersDaily).Assembly, output, error);

        Assert.Equal(1, code);
        Assert.DoesNotContain("Deployment artifacts", output.ToString());
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(missing, line);
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_naming_a_log_file_with_the_details()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var output = new StringWriter();
        var error = new StringWriter();

        // A bug the runner does not anticipate, thrown in the middle of a publish (the runner runs on this thread).
        Publisher.FaultPoint = p => { if (p == "before-commit") { throw new InvalidProgramException("simulated bug"); } };
        int code;
        try
        {
            code = PipelineRunner.Run(new[] { "run", "orders-daily", "--input", fixture.Input, "--output", fixture.Output }, typeof(RetailLake.OrdersDaily).Assembly, output, error);
        }
        finally
        {
            Publisher.FaultPoint = null;
        }

        Assert.Equal(1, code);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: unexpected InvalidProgramException: simulated bug (details: ", line);
        Assert.DoesNotContain("   at ", output.ToString() + error);
        var log = line.Substring(line.IndexOf("(details: ", StringComparison.Ordinal) + "(details: ".Length).TrimEnd(')', '\r');
        Assert.StartsWith(Path.Combine(fixture.Output, ".pipeline", "logs"), log);
        Assert.Contains("   at ", File.ReadAllText(log));
        Assert.Equal(0, fixture.CountParquet("acme-curated/orders"));
    }
}

using System;
using System.IO;
using System.Linq;
using System.Text;
using Pipeline.Runner.Tests.Runs;
using Xunit;

namespace Pipeline.Runner.Tests.Reliability;

/// <summary>
/// Hostile input files never fail a run and are never dropped silently: empty files are skipped and recorded,
/// undecodable files are set aside whole with the reason, and path problems are one line with exit code 1.
/// </summary>
public class HostileInputTests
{
    private const string Day4 = """{"order_id": "ORD-200001", "customer_id": "C001", "amount": 10.5, "currency": "EUR", "status": "placed", "channel": "web", "created_at": "2024-11-04T08:00:00"}""";

    private static string Orders(RunFixture fixture, string name) => Path.Combine(fixture.Input, "raw", "orders", name);

    [Fact]
    public void An_empty_file_is_skipped_recorded_and_not_reported_again()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        File.WriteAllBytes(Orders(fixture, "2024-11-04.json"), Array.Empty<byte>());
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());

        var first = executor.Run(plan);
        Assert.True(first.Outcome == RunOutcome.Succeeded, first.Error);
        Assert.Equal(new[] { "2024-11-04.json" }, first.Sources.Single().EmptyFiles);
        Assert.Equal(20, fixture.CountParquet("acme-curated/orders"));

        // The bookmark advanced past it: the next run has nothing to do and does not mention it again.
        var second = executor.Run(plan);
        Assert.True(second.Outcome == RunOutcome.Succeeded, second.Error);
        Assert.Empty(second.Sources.Single().EmptyFiles);
        Assert.Contains("nothing to do", second.Note);
    }

    [Fact]
    public void An_empty_file_alone_is_recorded_without_publishing_anything()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());
        Assert.Equal(RunOutcome.Succeeded, executor.Run(plan).Outcome);
        var before = fixture.CountParquet("acme-curated/orders");

        File.WriteAllBytes(Orders(fixture, "2024-11-04.json"), Array.Empty<byte>());
        var run = executor.Run(plan);
        Assert.True(run.Outcome == RunOutcome.Succeeded, run.Error);
        Assert.Single(run.Sources.Single().EmptyFiles);
        Assert.Equal(before, fixture.CountParquet("acme-curated/orders"));
        Assert.Empty(executor.Run(plan).Sources.Single().EmptyFiles);
    }

    [Theory]
    [InlineData("binary", "binary data")]
    [InlineData("latin1", "not UTF-8")]
    [InlineData("gzip", "gzip")]
    public void An_undecodable_file_is_set_aside_whole_with_its_reason_and_the_rest_is_published(string kind, string reason)
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var name = kind == "gzip" ? "2024-11-05.json.gz" : "2024-11-05.json";
        byte[] bytes = kind switch
        {
            "binary" => Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256)).ToArray(),
            "latin1" => Encoding.Latin1.GetBytes("""{"order_id": "ORD-200002", "customer_id": "C001", "amount": 10.5, "currency": "EUR", "status": "placé", "channel": "web", "created_at": "2024-11-05T08:00:00"}""" + "\n"),
            _ => Encoding.UTF8.GetBytes("this is not gzip at all\n"),
        };
        File.WriteAllBytes(Orders(fixture, name), bytes);
        fixture.WriteLines("raw/orders/2024-11-04.json", Day4);
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());

        var run = executor.Run(plan);
        Assert.True(run.Outcome == RunOutcome.Succeeded, run.Error);
        var setAside = Assert.Single(run.Sources.Single().SetAside);
        Assert.Equal(name, setAside.File);
        Assert.Contains(reason, setAside.Reason);
        Assert.Equal(21, fixture.CountParquet("acme-curated/orders"));

        var malformed = Path.Combine(fixture.Output, "_malformed", "orders-daily", run.RunId);
        var copy = Directory.GetFiles(Path.Combine(malformed, "files"), name, SearchOption.AllDirectories);
        Assert.Equal(bytes, File.ReadAllBytes(Assert.Single(copy)));
        Assert.Contains(reason, File.ReadAllText(Assert.Single(Directory.GetFiles(malformed, "*.files.jsonl"))));

        // Set aside once: the bookmark records it, so it neither fails nor repeats on the next run.
        Assert.Contains("nothing to do", executor.Run(plan).Note);
    }

    [Fact]
    public void An_undecodable_file_alone_is_set_aside_without_failing_the_rules_of_an_empty_run()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());
        Assert.Equal(RunOutcome.Succeeded, executor.Run(plan).Outcome);

        // The only new file is binary: no rows to check against "RowCount > 0" (action: fail), so a no-op that records it.
        File.WriteAllBytes(Orders(fixture, "2024-11-05.json"), Enumerable.Range(0, 4096).Select(i => (byte)(i * 7 % 256)).ToArray());
        var run = executor.Run(plan);
        Assert.True(run.Outcome == RunOutcome.Succeeded, run.Error);
        Assert.Single(run.Sources.Single().SetAside);
        Assert.Contains("set aside", run.Note);
        Assert.Single(Directory.GetFiles(Path.Combine(fixture.Output, "_malformed", "orders-daily", run.RunId, "files"), "2024-11-05.json", SearchOption.AllDirectories));
        Assert.Equal(20, fixture.CountParquet("acme-curated/orders"));
        Assert.Contains("nothing to do", executor.Run(plan).Note);
    }

    [Fact]
    public void Output_pointing_at_a_file_is_one_line_and_exit_code_1()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var file = Path.Combine(fixture.Root, "not-a-folder.txt");
        File.WriteAllText(file, "x");
        var output = new StringWriter();
        var error = new StringWriter();

        var code = PipelineRunner.Run(new[] { "run", "orders-daily", "--input", fixture.Input, "--output", file }, typeof(RetailLake.OrdersDaily).Assembly, output, error);

        Assert.Equal(1, code);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("is a file, not a folder", line);
        Assert.DoesNotContain("   at ", output.ToString() + error);
        Assert.DoesNotContain("Deployment artifacts", output.ToString());
    }

    [Fact]
    public void Output_under_a_file_is_one_line_and_exit_code_1()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var file = Path.Combine(fixture.Root, "not-a-folder.txt");
        File.WriteAllText(file, "x");
        var output = new StringWriter();
        var error = new StringWriter();

        var code = PipelineRunner.Run(new[] { "run", "orders-daily", "--input", fixture.Input, "--output", Path.Combine(file, "lake") }, typeof(RetailLake.OrdersDaily).Assembly, output, error);

        Assert.Equal(1, code);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("not-a-folder.txt", line);
        Assert.DoesNotContain("   at ", output.ToString() + error);
    }
}

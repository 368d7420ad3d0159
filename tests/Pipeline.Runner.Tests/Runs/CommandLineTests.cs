using System.IO;
using Xunit;

namespace Pipeline.Runner.Tests.Runs;

public class CommandLineTests
{
    [Fact]
    public void Help_lists_the_commands_and_options()
    {
        var output = new StringWriter();
        var savedOut = System.Console.Out;
        System.Console.SetOut(output);
        try
        {
            Assert.Equal(0, PipelineRunner.Run(new[] { "--help" }, typeof(RetailLake.OrdersDaily).Assembly, output));
        }
        finally
        {
            System.Console.SetOut(savedOut);
        }

        var text = output.ToString();
        foreach (var expected in new[] { "run", "list", "--input", "--output", "--reset", "--config" })
        {
            Assert.Contains(expected, text);
        }
    }

    [Fact]
    public void Unknown_job_is_a_clear_error()
    {
        var output = new StringWriter();
        Assert.Equal(2, PipelineRunner.Run(new[] { "run", "no-such-job" }, typeof(RetailLake.OrdersDaily).Assembly, output));
        Assert.Contains("No pipeline named 'no-such-job'", output.ToString());
    }

    [Fact]
    public void Run_with_input_and_output_runs_one_pipeline_and_prints_a_summary()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var config = Path.Combine(fixture.Root, "pipeline.local.json");
        File.WriteAllText(config, """{ "locations": { "s3://acme-raw/orders/": "raw/orders/" } }""");
        var output = new StringWriter();
        var code = PipelineRunner.Run(new[] { "run", "orders-daily", "--config", config, "--input", fixture.Input, "--output", fixture.Output }, typeof(RetailLake.OrdersDaily).Assembly, output);

        Assert.True(code == 0, output.ToString());
        Assert.Contains("summary", output.ToString());
        Assert.Contains("IsUnique \"order_id\"", output.ToString());
        Assert.Equal(20, fixture.CountParquet("acme-curated/orders"));
    }
}

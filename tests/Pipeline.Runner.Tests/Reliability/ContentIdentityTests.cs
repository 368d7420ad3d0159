using System;
using System.IO;
using System.Linq;
using System.Text;
using Pipeline.Runner.Tests.Runs;
using Xunit;

namespace Pipeline.Runner.Tests.Reliability;

/// <summary>Bookmarks know files by content: a re-delivered copy is not appended twice; a changed file is reported.</summary>
public class ContentIdentityTests
{
    [Fact]
    public void A_re_delivered_copy_under_a_new_name_and_time_is_not_appended_again()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());
        Assert.Equal(RunOutcome.Succeeded, executor.Run(plan).Outcome);

        var original = Path.Combine(fixture.Input, "raw", "orders", "2024-11-02.json");
        var copy = Path.Combine(fixture.Input, "raw", "orders", "2024-11-02-redelivered.json");
        File.Copy(original, copy);
        File.SetLastWriteTimeUtc(copy, DateTime.UtcNow.AddHours(1));

        var run = executor.Run(plan);
        Assert.True(run.Outcome == RunOutcome.Succeeded, run.Error);
        Assert.Equal(0, run.Sources.Single().FilesRead);
        Assert.Equal(new[] { ("2024-11-02-redelivered.json", "2024-11-02.json") }, run.Sources.Single().Copies);
        Assert.Equal(20, fixture.CountParquet("acme-curated/orders"));
        Assert.Equal(20, fixture.CountDistinctOrders());
    }

    [Fact]
    public void Two_identical_new_files_in_one_delivery_are_read_once()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var line = """{"order_id": "ORD-200001", "customer_id": "C001", "amount": 10.5, "currency": "EUR", "status": "placed", "channel": "web", "created_at": "2024-11-04T08:00:00"}""";
        fixture.WriteLines("raw/orders/2024-11-04.json", line);
        fixture.WriteLines("raw/orders/2024-11-04-copy.json", line);

        var run = new PipelineExecutor(fixture.ExampleResolver()).Run(RunFixture.Plan("orders-daily"));
        Assert.True(run.Outcome == RunOutcome.Succeeded, run.Error);
        Assert.Single(run.Sources.Single().Copies);
        Assert.Equal(21, fixture.CountParquet("acme-curated/orders"));
    }

    [Fact]
    public void A_changed_file_under_the_same_name_is_read_again_and_reported()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var plan = RunFixture.Plan("orders-daily");
        var executor = new PipelineExecutor(fixture.ExampleResolver());
        var line = """{"order_id": "ORD-200001", "customer_id": "C001", "amount": 10.5, "currency": "EUR", "status": "placed", "channel": "web", "created_at": "2024-11-04T08:00:00"}""";
        fixture.WriteLines("raw/orders/2024-11-04.json", line);
        Assert.Equal(RunOutcome.Succeeded, executor.Run(plan).Outcome);

        fixture.WriteLines("raw/orders/2024-11-04.json", line, line.Replace("ORD-200001", "ORD-200002"));
        var run = executor.Run(plan);
        Assert.Equal(new[] { "2024-11-04.json" }, run.Sources.Single().Changed);
        Assert.Equal(1, run.Sources.Single().FilesRead);

        var output = new StringWriter();
        var error = new StringWriter();
        fixture.WriteLines("raw/orders/2024-11-04.json", line, line.Replace("ORD-200001", "ORD-200003"));
        PipelineRunner.Run(new[] { "run", "orders-daily", "--input", fixture.Input, "--output", fixture.Output }, typeof(RetailLake.OrdersDaily).Assembly, output, error);
        Assert.Contains("warning: orders-daily: Orders: 2024-11-04.json changed since it was processed", error.ToString());
    }

    [Fact]
    public void Large_files_are_identified_by_size_and_their_first_and_last_blocks()
    {
        using var fixture = new RunFixture();
        var path = Path.Combine(fixture.Root, "big.bin");
        var bytes = Encoding.ASCII.GetBytes(new string('x', FileStamp.FullHashUpTo + 1));
        File.WriteAllBytes(path, bytes);
        var stamp = FileStamp.Of(path);
        Assert.StartsWith("edges:", stamp.Hash);

        bytes[bytes.Length - 1] = (byte)'y';
        File.WriteAllBytes(path, bytes);
        Assert.False(stamp.SameContent(FileStamp.Of(path)));
    }
}

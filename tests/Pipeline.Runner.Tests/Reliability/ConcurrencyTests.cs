using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Pipeline.Runner.Tests.Runs;
using Xunit;

namespace Pipeline.Runner.Tests.Reliability;

/// <summary>
/// One writer per output: runs are real processes (the example, started as a user starts it) racing on one output
/// folder. The lock is an OS file lock, so a test can also hold it from this process.
/// </summary>
public class ConcurrencyTests
{
    /// <summary>Orders that all pass <c>OrdersDaily.Clean</c>, with unique ids: the sink gets exactly one row per order.</summary>
    internal static int WriteManyOrders(RunFixture fixture, int files, int perFile)
    {
        var id = 300_000;
        for (var f = 0; f < files; f++)
        {
            var text = new StringBuilder();
            for (var i = 0; i < perFile; i++)
            {
                text.Append("{\"order_id\": \"ORD-").Append(id++).Append("\", \"customer_id\": \"C001\", \"amount\": 12.5, \"currency\": \"EUR\", \"status\": \"placed\", \"channel\": \"web\", \"created_at\": \"2024-11-0")
                    .Append(4 + f % 5).Append("T08:00:00\"}\n");
            }

            var path = Path.Combine(fixture.Input, "raw", "orders", $"bulk-{f}.json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text.ToString());
        }

        return files * perFile;
    }

    private static string[] RunArgs(RunFixture fixture, params string[] extra) =>
        new[] { "run", "orders-daily", "--input", fixture.Input, "--output", fixture.Output }.Concat(extra).ToArray();

    [Fact]
    public void A_second_run_refuses_with_exit_code_3_and_one_line_and_leaves_the_first_runs_staging_alone()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var stateRoot = Path.Combine(fixture.Output, ".pipeline");
        using var first = OutputLock.Acquire(stateRoot, wait: false);
        var firstStaging = Path.Combine(stateRoot, "staging", "orders-daily", "20241104T000000Z-aaaaaa");
        Directory.CreateDirectory(firstStaging);
        File.WriteAllText(Path.Combine(firstStaging, "part.parquet"), "the first run's work in progress");

        using var second = RunFixture.StartExample(RunArgs(fixture));
        Assert.Equal(PipelineRunner.ExitBusy, second.Wait());

        var errors = second.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(errors);
        Assert.Contains("another run", line);
        Assert.Contains("--wait", line);
        Assert.DoesNotContain("   at ", second.Out + second.Err);
        Assert.True(File.Exists(Path.Combine(firstStaging, "part.parquet")), "the refused run must not discard the running run's staging");
        Assert.Equal(0, fixture.CountParquet("acme-curated/orders"));
        Assert.DoesNotContain("Deployment artifacts", second.Out);
    }

    [Fact]
    public void With_wait_the_second_run_says_it_waits_and_runs_once_the_lock_is_free()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var stateRoot = Path.Combine(fixture.Output, ".pipeline");
        var first = OutputLock.Acquire(stateRoot, wait: false);

        using var second = RunFixture.StartExample(RunArgs(fixture, "--wait"));
        var clock = Stopwatch.StartNew();
        while (!second.Out.Contains("waiting for another run") && clock.Elapsed < TimeSpan.FromSeconds(60) && !second.Process.HasExited)
        {
            Thread.Sleep(50);
        }

        Assert.Contains("waiting for another run", second.Out);
        Thread.Sleep(500);
        Assert.False(second.Process.HasExited, "the waiting run must not run while the lock is held");
        Assert.Equal(0, fixture.CountParquet("acme-curated/orders"));

        first.Dispose();
        Assert.True(second.Wait() == 0, second.Out + second.Err);
        Assert.Equal(20, fixture.CountParquet("acme-curated/orders"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Two_runs_started_together_publish_every_row_exactly_once(bool wait)
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var bulk = WriteManyOrders(fixture, files: 4, perFile: 25_000);
        var args = wait ? RunArgs(fixture, "--wait") : RunArgs(fixture);

        using var a = RunFixture.StartExample(args);
        using var b = RunFixture.StartExample(args);
        var codes = new[] { a.Wait(), b.Wait() }.OrderBy(c => c).ToArray();

        var both = a.Out + a.Err + b.Out + b.Err;
        if (wait)
        {
            // Both succeed; the later one finds nothing new (or, if it came first, the other one does).
            Assert.True(codes.SequenceEqual(new[] { 0, 0 }), both);
            Assert.Contains("nothing to do", both);
        }
        else
        {
            // Either the runs overlapped (one refused) or the second started after the first finished (a no-op).
            Assert.True(codes.SequenceEqual(new[] { 0, PipelineRunner.ExitBusy }) || (codes.SequenceEqual(new[] { 0, 0 }) && both.Contains("nothing to do")), both);
        }

        Assert.DoesNotContain("recovered", both);
        Assert.Equal(20 + bulk, fixture.CountParquet("acme-curated/orders"));
        Assert.Equal(20 + bulk, fixture.CountDistinctOrders());
    }

    [Fact]
    public void A_run_killed_while_holding_the_lock_releases_it_and_the_next_run_recovers()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        var bulk = WriteManyOrders(fixture, files: 4, perFile: 50_000);
        var staging = Path.Combine(fixture.Output, ".pipeline", "staging", "orders-daily");

        using (var victim = RunFixture.StartExample(RunArgs(fixture)))
        {
            var clock = Stopwatch.StartNew();
            while (!(Directory.Exists(staging) && Directory.EnumerateDirectories(staging).Any()) && !victim.Process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                Thread.Sleep(5);
            }

            Assert.False(victim.Process.HasExited, "the run ended before it could be killed: " + victim.Out + victim.Err);
            victim.Process.Kill(); // SIGKILL: no finally block, no dispose; only the OS releases the lock
            victim.Process.WaitForExit();
        }

        Assert.Equal(0, fixture.CountParquet("acme-curated/orders"));
        var next = new PipelineExecutor(fixture.ExampleResolver()).Run(RunFixture.Plan("orders-daily"));
        Assert.True(next.Outcome == RunOutcome.Succeeded, next.Error);
        Assert.Contains("discarded 1 uncommitted run", next.Recovery);
        Assert.Equal(20 + bulk, fixture.CountParquet("acme-curated/orders"));
    }
}

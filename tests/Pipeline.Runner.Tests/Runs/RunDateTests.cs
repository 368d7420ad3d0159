using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Xunit;

namespace Pipeline.Runner.Tests.Runs;

/// <summary>Run parameters in a push-down predicate are formatted from --run-date (default: today in UTC).</summary>
public class RunDateTests
{
    private static void WriteMonths(RunFixture fixture)
    {
        foreach (var (month, day) in new[] { ("10", "31"), ("11", "04"), ("11", "05"), ("11", "06") })
        {
            fixture.WriteLines($"catalog/monthly/year=2024/month={month}/day={day}/part-0.json", $$"""{"id": "{{month}}-{{day}}", "score": 1}""");
        }
    }

    private static LocationResolver Resolver(RunFixture fixture) => new(
        new LocalConfig
        {
            BaseDirectory = fixture.Root,
            Tables = new(StringComparer.Ordinal) { ["qa.monthly"] = new LocalTable("catalog/monthly", "json") },
        },
        RunFixture.TestPlans,
        fixture.Input,
        fixture.Output);

    [Fact]
    public void The_predicate_is_formatted_from_the_run_date_with_its_shift()
    {
        var plan = PipelineExecutor.WithRunDate(RunFixture.Plan("rd-window"), new DateOnly(2024, 11, 5));
        Assert.Equal("year = '2024' AND month = '11' AND day >= '04' AND day <= '05'", plan.Sources.Single().PushDownPredicate);

        // Across a month boundary the shifted day is the last of the previous month.
        plan = PipelineExecutor.WithRunDate(RunFixture.Plan("rd-window"), new DateOnly(2024, 11, 1));
        Assert.Equal("year = '2024' AND month = '11' AND day >= '31' AND day <= '01'", plan.Sources.Single().PushDownPredicate);
    }

    [Fact]
    public void A_run_reads_the_partitions_of_its_run_date()
    {
        using var fixture = new RunFixture();
        WriteMonths(fixture);
        var report = new PipelineExecutor(Resolver(fixture)).Run(RunFixture.Plan("rd-window"), new RunOptions(RunDate: new DateOnly(2024, 11, 5)));

        Assert.True(report.Outcome == RunOutcome.Succeeded, report.Error);
        Assert.Equal(2, report.Sources.Single().Rows); // 11-04 and 11-05, not 10-31 or 11-06
        Assert.Equal(2, fixture.CountParquet("test-out/rd-window", "id IN ('11-04', '11-05')"));
    }

    [Fact]
    public void Without_a_run_date_the_run_uses_today_in_utc()
    {
        using var fixture = new RunFixture();
        WriteMonths(fixture);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        fixture.WriteLines($"catalog/monthly/year={today:yyyy}/month={today:MM}/day={today:dd}/part-0.json", """{"id": "today", "score": 1}""");
        var report = new PipelineExecutor(Resolver(fixture)).Run(RunFixture.Plan("rd-window"));

        Assert.True(report.Outcome == RunOutcome.Succeeded, report.Error);
        Assert.Equal(1, fixture.CountParquet("test-out/rd-window", "id = 'today'"));
    }

    [Fact]
    public void The_command_line_takes_run_date_and_rejects_another_form()
    {
        using var fixture = new RunFixture();
        WriteMonths(fixture);
        var config = Path.Combine(fixture.Root, "pipeline.local.json");
        File.WriteAllText(config, """{ "tables": { "qa.monthly": { "path": "in/catalog/monthly", "format": "json" } }, "output": "out" }""");

        var output = new StringWriter();
        var code = PipelineRunner.Run(new[] { "run", "rd-window", "--config", config, "--run-date", "2024-11-06" }, typeof(RunFixture).Assembly, output);
        Assert.True(code == 0, output.ToString());
        Assert.Equal(2, fixture.CountParquet("test-out/rd-window", "id IN ('11-05', '11-06')"));

        var bad = new StringWriter();
        Assert.NotEqual(0, PipelineRunner.Run(new[] { "run", "rd-window", "--config", config, "--run-date", "05.11.2024" }, typeof(RunFixture).Assembly, bad));
    }
}

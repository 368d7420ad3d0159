using System;
using System.IO;
using System.Linq;
using Pipeline.Runner;
using Xunit;

namespace MyLake.Tests;

/// <summary>Runs the pipeline locally (embedded DuckDB) on the sample data in MyLake/data, into a fresh folder.</summary>
public sealed class OrdersDailyTests : IDisposable
{
    private readonly string _output = Path.Combine(Path.GetTempPath(), "MyLake.Tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void Orders_daily_runs_on_the_sample_data_and_passes_its_quality_rules()
    {
        var console = new StringWriter();
        var exitCode = PipelineRunner.Run(new[] { "run", "orders-daily", "--output", _output }, typeof(OrdersDaily).Assembly, console);

        Assert.True(exitCode == 0, console.ToString());
        // 7 raw lines: a refund, a test order and a duplicate are dropped.
        Assert.Contains("Curated: 4 rows", console.ToString());
        var sink = Path.Combine(_output, "example-curated", "orders");
        Assert.Equal(
            new[] { "year=2024/month=11/day=1", "year=2024/month=11/day=2" },
            Directory.GetFiles(sink, "*.parquet", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(sink, Path.GetDirectoryName(f)!).Replace('\\', '/'))
                .Distinct()
                .Order(StringComparer.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }
}

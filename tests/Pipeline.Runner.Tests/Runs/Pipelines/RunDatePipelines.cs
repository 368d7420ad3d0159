using Pipeline.Dsl;

namespace Pipeline.Runner.Tests.Runs.Pipelines;

public sealed record MonthlyItem
{
    public string? Id { get; init; }
    public int Score { get; init; }
    public int Year { get; init; }
    public int Month { get; init; }
    public int Day { get; init; }
}

// The run date picks the partitions: the month of the run date, and the day before it through the day itself.
[GlueJob("rd-window", TimeoutMinutes = 10, Bookmarks = false)]
public sealed partial class RunDateWindowPipeline
{
    [CatalogSource("qa", "monthly", PushDownPredicate = "year = '{RunDate:yyyy}' AND month = '{RunDate:MM}' AND day >= '{RunDate-1d:dd}' AND day <= '{RunDate:dd}'")]
    public partial Dataset<MonthlyItem> Items { get; }

    [S3Sink("s3://test-out/rd-window/", Database = "qa", Mode = WriteMode.Overwrite)]
    public Dataset<MonthlyItem> Written(Dataset<MonthlyItem> items) => items;
}

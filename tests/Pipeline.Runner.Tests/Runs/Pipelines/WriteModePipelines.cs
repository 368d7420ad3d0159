using Pipeline.Dsl;

namespace Pipeline.Runner.Tests.Runs.Pipelines;

// Jobs without bookmarks read all of their input on every run: reprocessing the same input, as a retry, a bookmark
// reset or a backfill does on Glue.

[GlueJob("wm-append", TimeoutMinutes = 10, Bookmarks = false)]
public sealed partial class AppendPipeline
{
    [S3Source("s3://test-in/items/", Format = DataFormat.Json)]
    public partial Dataset<Item> Items { get; }

    [S3Sink("s3://test-out/wm-append/", Database = "qa", Mode = WriteMode.Append)]
    [PartitionBy("Day")]
    public Dataset<Item> Written(Dataset<Item> items) => items;
}

[GlueJob("wm-partitions", TimeoutMinutes = 10, Bookmarks = false)]
public sealed partial class OverwritePartitionsPipeline
{
    [S3Source("s3://test-in/items/", Format = DataFormat.Json)]
    public partial Dataset<Item> Items { get; }

    [S3Sink("s3://test-out/wm-partitions/", Database = "qa", Mode = WriteMode.OverwritePartitions)]
    [PartitionBy("Day")]
    public Dataset<Item> Written(Dataset<Item> items) => items;
}

[GlueJob("wm-overwrite", TimeoutMinutes = 10, Bookmarks = false)]
public sealed partial class OverwritePipeline
{
    [S3Source("s3://test-in/items/", Format = DataFormat.Json)]
    public partial Dataset<Item> Items { get; }

    [S3Sink("s3://test-out/wm-overwrite/", Database = "qa", Mode = WriteMode.Overwrite)]
    [PartitionBy("Day")]
    public Dataset<Item> Written(Dataset<Item> items) => items;
}

// Bookmarked, as a feed is: each run reads only the new files, and a later file may deliver an id again.

[GlueJob("wm-merge", TimeoutMinutes = 10)]
public sealed partial class MergePipeline
{
    [S3Source("s3://test-in/items/", Format = DataFormat.Json)]
    public partial Dataset<Item> Items { get; }

    [S3Sink("s3://test-out/wm-merge/", Database = "qa", Mode = WriteMode.Merge, Key = nameof(Item.Id))]
    [PartitionBy("Day")]
    [Quality("IsUnique \"id\"")]
    public Dataset<Item> Written(Dataset<Item> items) => items;
}

[GlueJob("wm-merge-flat", TimeoutMinutes = 10)]
public sealed partial class UnpartitionedMergePipeline
{
    [S3Source("s3://test-in/items/", Format = DataFormat.Json)]
    public partial Dataset<Item> Items { get; }

    [S3Sink("s3://test-out/wm-merge-flat/", Database = "qa", Format = DataFormat.Json, Mode = WriteMode.Merge, Key = "Id, Day")]
    [Quality("IsUnique \"id\"")]
    [OnQualityFailure(QualityAction.Warn)]
    public Dataset<Item> Written(Dataset<Item> items) => items;
}

public sealed record DayTotal
{
    public int Day { get; init; }
    public int Items { get; init; }
    public int Score { get; init; }
}

// An aggregate over a bookmarked feed, merged by its group key: each run recomputes the days its new files touch.
[GlueJob("wm-merge-aggregate", TimeoutMinutes = 10)]
public sealed partial class MergedAggregatePipeline
{
    [S3Source("s3://test-in/items/", Format = DataFormat.Json)]
    public partial Dataset<Item> Items { get; }

    [S3Sink("s3://test-out/wm-merge-aggregate/", Database = "qa", Mode = WriteMode.Merge, Key = nameof(DayTotal.Day))]
    [Quality("IsUnique \"day\"")]
    public Dataset<DayTotal> Totals(Dataset<Item> items) =>
        items.GroupBy(i => i.Day, (k, g) => new DayTotal { Day = k, Items = g.Count(), Score = g.Sum(i => i.Score) });
}

[GlueJob("wm-merge-json", TimeoutMinutes = 10)]
public sealed partial class JsonMergePipeline
{
    [S3Source("s3://test-in/items/", Format = DataFormat.Json)]
    public partial Dataset<Item> Items { get; }

    [S3Sink("s3://test-out/wm-merge-json/", Database = "qa", Format = DataFormat.Json, Compression = Compression.Gzip, Mode = WriteMode.Merge, Key = nameof(Item.Id))]
    [PartitionBy("Day")]
    public Dataset<Item> Written(Dataset<Item> items) => items;
}

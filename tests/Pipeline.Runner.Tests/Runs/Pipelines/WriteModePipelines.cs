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

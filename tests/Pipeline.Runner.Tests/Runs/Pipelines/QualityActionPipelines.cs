using Pipeline.Dsl;

namespace Pipeline.Runner.Tests.Runs.Pipelines;

public sealed record Item
{
    public string? Id { get; init; }
    public int Score { get; init; }
    public int Day { get; init; }
}

[GlueJob("qa-fail", TimeoutMinutes = 10)]
public sealed partial class FailPipeline
{
    [S3Source("s3://test-in/items/", Format = DataFormat.Json)]
    public partial Dataset<Item> Items { get; }

    [S3Sink("s3://test-out/fail/", Database = "qa")]
    [PartitionBy("Day")]
    [Quality("ColumnValues \"score\" <= 10")]
    [OnQualityFailure(QualityAction.Fail)]
    public Dataset<Item> Checked(Dataset<Item> items) => items.Where(i => i.Id != null);
}

[GlueJob("qa-warn", TimeoutMinutes = 10)]
public sealed partial class WarnPipeline
{
    [S3Source("s3://test-in/items/", Format = DataFormat.Json)]
    public partial Dataset<Item> Items { get; }

    [S3Sink("s3://test-out/warn/", Database = "qa")]
    [PartitionBy("Day")]
    [Quality("ColumnValues \"score\" <= 10")]
    [OnQualityFailure(QualityAction.Warn)]
    public Dataset<Item> Checked(Dataset<Item> items) => items.Where(i => i.Id != null);
}

[GlueJob("qa-quarantine", TimeoutMinutes = 10)]
public sealed partial class QuarantinePipeline
{
    [S3Source("s3://test-in/items/", Format = DataFormat.Json)]
    public partial Dataset<Item> Items { get; }

    [S3Sink("s3://test-out/quarantine/", Database = "qa")]
    [PartitionBy("Day")]
    [Quality("ColumnValues \"score\" <= 10")]
    [OnQualityFailure(QualityAction.Quarantine, QuarantinePath = "s3://test-out/quarantined/")]
    public Dataset<Item> Checked(Dataset<Item> items) => items.Where(i => i.Id != null);
}

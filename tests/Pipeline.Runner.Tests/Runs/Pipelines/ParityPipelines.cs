using Pipeline.Dsl;

namespace Pipeline.Runner.Tests.Runs.Pipelines;

// The same pipeline over JSON and CSV, run by the local runner and by its generated Glue script on the evaluating
// stand-ins (Runs/GlueParityTests). JSON sinks without compression: the stand-ins write JSON lines only.

public sealed record Reading
{
    public string? Id { get; init; }
    public decimal Amount { get; init; }
    public int Day { get; init; }
    public string? Note { get; init; }
}

[GlueJob("parity-json", TimeoutMinutes = 10, Bookmarks = false)]
public sealed partial class JsonParityPipeline
{
    [S3Source("s3://parity-in/json/", Format = DataFormat.Json)]
    public partial Dataset<Reading> Readings { get; }

    [S3Sink("s3://parity-out/json/", Database = "parity", Format = DataFormat.Json, Compression = Compression.None)]
    public Dataset<Reading> Kept(Dataset<Reading> readings) => readings.Where(r => r.Amount > 0);
}

[GlueJob("parity-csv", TimeoutMinutes = 10, Bookmarks = false)]
public sealed partial class CsvParityPipeline
{
    [S3Source("s3://parity-in/csv/", Format = DataFormat.Csv)]
    public partial Dataset<Reading> Readings { get; }

    [S3Sink("s3://parity-out/csv/", Database = "parity", Format = DataFormat.Json, Compression = Compression.None)]
    public Dataset<Reading> Kept(Dataset<Reading> readings) => readings.Where(r => r.Amount > 0);
}

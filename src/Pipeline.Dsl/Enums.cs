namespace Pipeline.Dsl;

/// <summary>Glue worker types accepted by the DSL (the Spark ETL subset of the Glue API's <c>WorkerType</c> enum).</summary>
public enum WorkerType
{
    /// <summary>G.1X: 1 DPU, 4 vCPU, 16 GB.</summary>
    G1X,
    /// <summary>G.2X: 2 DPU, 8 vCPU, 32 GB.</summary>
    G2X,
    /// <summary>G.4X: 4 DPU, 16 vCPU, 64 GB (Glue 3.0+).</summary>
    G4X,
    /// <summary>G.8X: 8 DPU, 32 vCPU, 128 GB (Glue 3.0+).</summary>
    G8X,
}

/// <summary>Glue execution class.</summary>
public enum ExecutionClass
{
    Standard,
    Flex,
}

/// <summary>File formats for S3 sources and sinks.</summary>
public enum DataFormat
{
    Json,
    Csv,
    Parquet,
    Orc,
}

/// <summary>Compression codec of a sink.</summary>
public enum Compression
{
    /// <summary>The format's default: snappy for Parquet and ORC, none for JSON and CSV.</summary>
    Default,
    None,
    Snappy,
    Gzip,
    Zstd,
}

/// <summary>What happens when a data-quality rule fails.</summary>
public enum QualityAction
{
    /// <summary>Fail the job before anything is written to the sink.</summary>
    Fail,
    /// <summary>Log and publish the failure; write the data anyway.</summary>
    Warn,
    /// <summary>Write failing rows to the quarantine path and the passing rows to the sink.</summary>
    Quarantine,
}

/// <summary>
/// How a source is read on each run. Glue job bookmarks (and the local runner's) only make sense for data that arrives
/// in increments; a lookup table read through a bookmark is empty on every run after the first.
/// </summary>
public enum SourceRole
{
    /// <summary>
    /// The default: a source used only as the lookup side of joins (the second argument of <c>Join</c>/<c>LeftJoin</c>)
    /// is a <see cref="Reference"/>; any other source is an <see cref="Increment"/>. <c>Bookmarked = false</c> makes it a
    /// reference.
    /// </summary>
    Auto,
    /// <summary>New files or partitions only, tracked by the job bookmark (<c>transformation_ctx</c> on Glue).</summary>
    Increment,
    /// <summary>Read whole on every run, never bookmarked: dimension and lookup tables.</summary>
    Reference,
}

/// <summary>How a sink's output relates to what earlier runs wrote.</summary>
public enum WriteMode
{
    /// <summary>
    /// Add this run's files next to the existing ones (Glue's default). A run that is repeated — a retry after a failed
    /// commit, a bookmark reset, a backfill — writes its rows again.
    /// </summary>
    Append,
    /// <summary>
    /// Replace exactly the partitions this run writes and leave the others (Spark's dynamic partition overwrite on Glue,
    /// an atomic swap of those partition folders locally). Reprocessing the same input gives the same output: the mode
    /// that makes retries and reprocessing safe. Without partition keys it replaces the whole sink.
    /// </summary>
    OverwritePartitions,
    /// <summary>Replace the whole sink with this run's output.</summary>
    Overwrite,
    /// <summary>
    /// Replace by key (<see cref="S3SinkAttribute.Key"/>): a row whose key is already in the sink replaces the earlier
    /// row, a row with a new key is added, the other rows stay. The partitions holding a replaced or added row are
    /// rewritten (the whole sink without partition keys). Within one run, one row per key is kept. Retries and
    /// reprocessing give the same output, and <c>IsUnique</c> on the key holds across runs.
    /// </summary>
    Merge,
}

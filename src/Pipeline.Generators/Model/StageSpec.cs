using Pipeline.Generators.Helpers;

namespace Pipeline.Generators.Model;

/// <summary>
/// A <c>[Transform]</c> or <c>[S3Sink]</c> method: its inputs (member names of sources or other stages, in
/// parameter order), the query plan of its body, and, for a sink, where and how it writes.
/// Stages are ordered so every stage comes after its inputs.
/// </summary>
internal sealed record StageSpec(
    string Name,
    string Id,
    string SchemaType,
    EquatableArray<string> Inputs,
    PlanNode Plan,
    SinkSpec? Sink);

internal enum CompressionKind
{
    None,
    Snappy,
    Gzip,
    Zstd,
}

/// <summary>Mirrors <c>Pipeline.Dsl.WriteMode</c> (same values).</summary>
internal enum WriteModeKind
{
    Append,
    OverwritePartitions,
    Overwrite,
    Merge,
}

internal enum QualityActionKind
{
    Fail,
    Warn,
    Quarantine,
}

/// <summary>
/// Where a sink writes. <see cref="PartitionKeys"/> are column names (not property names) of the stage's schema.
/// <see cref="DatasetRules"/> holds the DQDL rule text of each <c>[Quality]</c> attribute, in declaration order.
/// </summary>
internal sealed record SinkSpec(
    string Path,
    FileFormat Format,
    CompressionKind Compression,
    string Database,
    string Table,
    EquatableArray<string> PartitionKeys,
    EquatableArray<string> DatasetRules,
    QualityActionKind OnFailure,
    string? QuarantinePath)
{
    /// <summary>How the output relates to earlier runs' (<c>S3Sink.Mode</c>).</summary>
    public WriteModeKind Mode { get; init; } = WriteModeKind.Append;

    /// <summary><see cref="WriteModeKind.Merge"/>: the key columns (column names, declaration order); empty otherwise.</summary>
    public EquatableArray<string> MergeKeys { get; init; } = EquatableArray<string>.Empty;

    /// <summary>Athena partition projection of the sink's table, one per partition key in key order; empty when off.</summary>
    public EquatableArray<PartitionProjectionSpec> Projection { get; init; } = EquatableArray<PartitionProjectionSpec>.Empty;
}

internal enum ProjectionKind
{
    Integer,
    Date,
    Enum,
}

/// <summary>
/// Athena projection of one partition key (a column name). <see cref="Range"/> is <c>min,max</c> (integer) or
/// <c>start,end</c> (date); <see cref="Digits"/> (integer, 0 = unpadded); <see cref="Format"/> and
/// <see cref="IntervalUnit"/> (date); <see cref="Values"/> (enum).
/// </summary>
internal sealed record PartitionProjectionSpec(
    string Key,
    ProjectionKind Kind,
    string? Range,
    int Digits,
    string? Format,
    string? IntervalUnit,
    EquatableArray<string> Values);

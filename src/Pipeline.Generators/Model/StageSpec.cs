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
    string? QuarantinePath);

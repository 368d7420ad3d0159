using System;

namespace Pipeline.Dsl;

/// <summary>
/// Marks a method as a transform stage. Its parameters are bound by name to sources and other stages
/// (<c>orders</c> binds to the member <c>Orders</c>); its body is one query over them, translated at compile time.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class TransformAttribute : Attribute
{
}

/// <summary>Writes a stage's output under an S3 prefix and registers it as a Data Catalog table.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class S3SinkAttribute : Attribute
{
    public S3SinkAttribute(string path) => Path = path;

    /// <summary>An <c>s3://bucket/prefix/</c> URI.</summary>
    public string Path { get; }

    public DataFormat Format { get; set; } = DataFormat.Parquet;

    public Compression Compression { get; set; } = Compression.Default;

    /// <summary>The catalog database the sink table is registered in.</summary>
    public string? Database { get; set; }

    /// <summary>The catalog table name; defaults to the sink method's name in snake_case.</summary>
    public string? Table { get; set; }

    /// <summary>
    /// Append (default), replace the partitions written (<see cref="WriteMode.OverwritePartitions"/>), replace all, or
    /// replace by <see cref="Key"/> (<see cref="WriteMode.Merge"/>).
    /// </summary>
    public WriteMode Mode { get; set; } = WriteMode.Append;

    /// <summary>
    /// <see cref="WriteMode.Merge"/> only (and required there): the key columns, comma-separated property or column
    /// names of the sink's record, e.g. <c>nameof(Order.OrderId)</c> or <c>"Segment, OrderDate"</c>.
    /// </summary>
    public string? Key { get; set; }
}

/// <summary>Partition keys of a sink, in order. Each names a property of the sink's record type.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PartitionByAttribute : Attribute
{
    public PartitionByAttribute(params string[] columns) => Columns = columns;

    public string[] Columns { get; }
}

/// <summary>
/// Athena partition projection for one partition key of a sink (one attribute per key; when any key of a sink has one,
/// every partition key needs one). Athena then computes the partitions from this description instead of reading them
/// from the catalog: the sink's table gets <c>projection.enabled</c>, <c>projection.&lt;key&gt;.*</c> and a
/// <c>storage.location.template</c> matching the Hive-style folders (<c>key=value/</c>) the job writes.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class PartitionProjectionAttribute : Attribute
{
    public PartitionProjectionAttribute(string key, ProjectionType type)
    {
        Key = key;
        Type = type;
    }

    /// <summary>A key of the sink's <see cref="PartitionByAttribute"/> (property or column name).</summary>
    public string Key { get; }

    public ProjectionType Type { get; }

    /// <summary>
    /// <see cref="ProjectionType.Integer"/>: <c>"min,max"</c>, e.g. <c>"2020,2035"</c>. <see cref="ProjectionType.Date"/>:
    /// <c>"start,end"</c> in <see cref="Format"/> or relative to <c>NOW</c>, e.g. <c>"2024-01-01,NOW"</c>.
    /// </summary>
    public string? Range { get; set; }

    /// <summary><see cref="ProjectionType.Integer"/> on a string key: the zero-padded width (e.g. 2 for <c>01</c>..<c>12</c>).</summary>
    public int Digits { get; set; }

    /// <summary><see cref="ProjectionType.Date"/>: the Java date format of the folder values, e.g. <c>yyyy-MM-dd</c>.</summary>
    public string? Format { get; set; }

    /// <summary><see cref="ProjectionType.Date"/>: the step unit (YEARS, MONTHS, WEEKS, DAYS, HOURS, MINUTES, SECONDS); Athena's default otherwise.</summary>
    public string? IntervalUnit { get; set; }

    /// <summary><see cref="ProjectionType.Enum"/>: the possible values.</summary>
    public string[]? Values { get; set; }
}

/// <summary>Athena partition projection types (<see cref="PartitionProjectionAttribute"/>).</summary>
public enum ProjectionType
{
    /// <summary>A contiguous integer range (<c>projection.&lt;key&gt;.type = integer</c>).</summary>
    Integer,
    /// <summary>A date range in a format (<c>date</c>).</summary>
    Date,
    /// <summary>A fixed list of values (<c>enum</c>).</summary>
    Enum,
}

/// <summary>Dataset-level DQDL rules evaluated on a sink's data before it is written.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class QualityAttribute : Attribute
{
    public QualityAttribute(string rules) => Rules = rules;

    /// <summary>One or more DQDL rules, comma-separated, e.g. <c>RowCount &gt; 0, ColumnCount = 5</c>.</summary>
    public string Rules { get; }
}

/// <summary>What the job does when a sink's quality rules fail. Defaults to <see cref="QualityAction.Fail"/>.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class OnQualityFailureAttribute : Attribute
{
    public OnQualityFailureAttribute(QualityAction action) => Action = action;

    public QualityAction Action { get; }

    /// <summary>Where failing rows go with <see cref="QualityAction.Quarantine"/>: an <c>s3://</c> URI.</summary>
    public string? QuarantinePath { get; set; }
}

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
}

/// <summary>Partition keys of a sink, in order. Each names a property of the sink's record type.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PartitionByAttribute : Attribute
{
    public PartitionByAttribute(params string[] columns) => Columns = columns;

    public string[] Columns { get; }
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

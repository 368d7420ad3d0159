using System;

namespace Pipeline.Dsl;

/// <summary>Reads files under an S3 prefix. Put it on a <c>partial</c> property of type <see cref="Dataset{T}"/>.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class S3SourceAttribute : Attribute
{
    public S3SourceAttribute(string path) => Path = path;

    /// <summary>An <c>s3://bucket/prefix/</c> URI.</summary>
    public string Path { get; }

    public DataFormat Format { get; set; } = DataFormat.Json;

    /// <summary>CSV only: the first line holds column names.</summary>
    public bool Header { get; set; } = true;

    /// <summary>CSV only: the field separator.</summary>
    public string Delimiter { get; set; } = ",";

    /// <summary>CSV only: the quote character.</summary>
    public string Quote { get; set; } = "\"";

    /// <summary>
    /// Track processed files with the job bookmark (when the job has bookmarks on). <c>false</c> makes the source a
    /// <see cref="SourceRole.Reference"/>; prefer <see cref="Role"/>.
    /// </summary>
    public bool Bookmarked { get; set; } = true;

    /// <summary>Increment (bookmarked) or reference (read whole every run); see <see cref="SourceRole.Auto"/> for the default.</summary>
    public SourceRole Role { get; set; } = SourceRole.Auto;
}

/// <summary>Reads a Glue Data Catalog table. Put it on a <c>partial</c> property of type <see cref="Dataset{T}"/>.</summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class CatalogSourceAttribute : Attribute
{
    public CatalogSourceAttribute(string database, string table)
    {
        Database = database;
        Table = table;
    }

    public string Database { get; }

    public string Table { get; }

    /// <summary>
    /// A Spark SQL predicate on partition columns, pushed down to the partition listing. It may hold run parameters,
    /// formatted from the run date when the job runs (<c>--RUN_DATE</c> on Glue, <c>--run-date</c> locally; default: the
    /// current UTC date): <c>{RunDate:yyyy-MM-dd}</c>, <c>{RunDate-1d:yyyy}</c>, <c>{RunDate+7d:MM}</c> (formats of
    /// <c>yyyy</c>, <c>MM</c>, <c>dd</c> and <c>- / _ .</c> or space), e.g.
    /// <c>"year = '{RunDate:yyyy}' AND month = '{RunDate:MM}'"</c>.
    /// </summary>
    public string? PushDownPredicate { get; set; }

    /// <summary>The S3 location of the table's data, so the job role can be granted read access to it.</summary>
    public string? Location { get; set; }

    /// <summary>
    /// Track processed partitions and files with the job bookmark (when the job has bookmarks on). <c>false</c> makes the
    /// source a <see cref="SourceRole.Reference"/>; prefer <see cref="Role"/>.
    /// </summary>
    public bool Bookmarked { get; set; } = true;

    /// <summary>Increment (bookmarked) or reference (read whole every run); see <see cref="SourceRole.Auto"/> for the default.</summary>
    public SourceRole Role { get; set; } = SourceRole.Auto;
}

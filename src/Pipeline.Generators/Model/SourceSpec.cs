namespace Pipeline.Generators.Model;

internal enum SourceKind
{
    S3,
    Catalog,
}

internal enum FileFormat
{
    Json,
    Csv,
    Parquet,
    Orc,
}

/// <summary>
/// A dataset the job reads. <see cref="Name"/> is the C# member name (<c>Orders</c>), <see cref="Id"/> its
/// snake_case form (<c>orders</c>) used for the Python variable and the stable <c>transformation_ctx</c>.
/// </summary>
internal sealed record SourceSpec(
    string Name,
    string Id,
    SourceKind Kind,
    string SchemaType,
    string? Path,
    FileFormat Format,
    CsvOptions Csv,
    string? Database,
    string? Table,
    string? PushDownPredicate,
    bool Bookmarked);

internal sealed record CsvOptions(bool Header, string Delimiter, string Quote)
{
    public static readonly CsvOptions Default = new(true, ",", "\"");
}

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
    bool Bookmarked)
{
    /// <summary>The property's C# accessibility (<c>public</c>, <c>internal</c>…), for the generated implementing part.</summary>
    public string Accessibility { get; init; } = "public";

    /// <summary>For catalog sources: the table's S3 location when declared (<c>CatalogSource.Location</c>), for IAM grants.</summary>
    public string? Location { get; init; }

    /// <summary>
    /// The source was declared an increment (<c>Role = SourceRole.Increment</c> or <c>Bookmarked = true</c> written out):
    /// it stays bookmarked even when it is only a join's lookup side (the analyzer warns, PIPE056).
    /// </summary>
    public bool DeclaredIncrement { get; init; }

    /// <summary>
    /// Every use of the source is on a join's lookup side (<see cref="SourceRoles"/>). A reference that is only a lookup
    /// cannot make a run worth doing on its own: with nothing new in the increments, the run is a no-op.
    /// </summary>
    public bool LookupOnly { get; init; }
}

internal sealed record CsvOptions(bool Header, string Delimiter, string Quote)
{
    public static readonly CsvOptions Default = new(true, ",", "\"");
}

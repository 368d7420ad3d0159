namespace Pipeline.Analyzers;

/// <summary>Diagnostic categories.</summary>
internal static class DiagnosticCategories
{
    /// <summary>Glue job settings: timeout, capacity, version, schedule.</summary>
    public const string Reliability = "Reliability";

    /// <summary>Names and URIs AWS would reject.</summary>
    public const string Naming = "Naming";

    /// <summary>Schema, partitions and data-quality rules.</summary>
    public const string Data = "Data";

    /// <summary>Tags and ownership.</summary>
    public const string Governance = "Governance";

    /// <summary>The pipeline's structure and its translation to Spark.</summary>
    public const string Translation = "Translation";
}

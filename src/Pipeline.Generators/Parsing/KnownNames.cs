namespace Pipeline.Generators.Parsing;

/// <summary>
/// Metadata names of the DSL types. Kept as strings so neither the generator nor the analyzers load
/// Pipeline.Dsl.dll at run time.
/// </summary>
internal static class KnownNames
{
    public const string Namespace = "Pipeline.Dsl";
    public const string GlueJobAttribute = "Pipeline.Dsl.GlueJobAttribute";
    public const string TagAttribute = "Pipeline.Dsl.TagAttribute";
    public const string S3SourceAttribute = "Pipeline.Dsl.S3SourceAttribute";
    public const string CatalogSourceAttribute = "Pipeline.Dsl.CatalogSourceAttribute";
    public const string TransformAttribute = "Pipeline.Dsl.TransformAttribute";
    public const string S3SinkAttribute = "Pipeline.Dsl.S3SinkAttribute";
    public const string PartitionByAttribute = "Pipeline.Dsl.PartitionByAttribute";
    public const string QualityAttribute = "Pipeline.Dsl.QualityAttribute";
    public const string OnQualityFailureAttribute = "Pipeline.Dsl.OnQualityFailureAttribute";
    public const string ColumnAttribute = "Pipeline.Dsl.ColumnAttribute";
    public const string DecimalAttribute = "Pipeline.Dsl.DecimalAttribute";
    public const string NotNullAttribute = "Pipeline.Dsl.NotNullAttribute";
    public const string KeyAttribute = "Pipeline.Dsl.KeyAttribute";
    public const string UniqueAttribute = "Pipeline.Dsl.UniqueAttribute";
    public const string RangeAttribute = "Pipeline.Dsl.RangeAttribute";
    public const string AllowedValuesAttribute = "Pipeline.Dsl.AllowedValuesAttribute";
    public const string PatternAttribute = "Pipeline.Dsl.PatternAttribute";
    public const string MaxLengthAttribute = "Pipeline.Dsl.MaxLengthAttribute";
    public const string Dataset = "Pipeline.Dsl.Dataset`1";
    public const string Group = "Pipeline.Dsl.Group`1";
}

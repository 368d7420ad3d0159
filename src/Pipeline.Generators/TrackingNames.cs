namespace Pipeline.Generators;

/// <summary>Names of the tracked incremental steps, asserted by the caching tests.</summary>
internal static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Specs = nameof(Specs);
    public const string Artifacts = nameof(Artifacts);
    public const string HasPipelines = nameof(HasPipelines);
}

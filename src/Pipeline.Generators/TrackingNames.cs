namespace Pipeline.Generators;

/// <summary>Names of the tracked incremental steps, asserted by the caching tests.</summary>
internal static class TrackingNames
{
    public const string Inputs = nameof(Inputs);
    public const string Parse = nameof(Parse);
    public const string Specs = nameof(Specs);
    public const string Fallbacks = nameof(Fallbacks);
    public const string Declarations = nameof(Declarations);
    public const string Artifacts = nameof(Artifacts);
    public const string StackAttributes = nameof(StackAttributes);
    public const string StackEntries = nameof(StackEntries);
    public const string Stack = nameof(Stack);
    public const string SharedArtifacts = nameof(SharedArtifacts);
}

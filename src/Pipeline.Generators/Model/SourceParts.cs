using Pipeline.Generators.Helpers;

namespace Pipeline.Generators.Model;

/// <summary>
/// The partial source properties of a pipeline class the parser rejected. The generator still implements them (as
/// empty datasets, with no descriptor and no artifacts) so the compilation has no CS9248 "partial property must have
/// an implementation part" error — the compiler skips analyzers when there are errors, and the analyzers are what
/// explain why the pipeline was rejected.
/// </summary>
internal sealed record SourceParts(string Namespace, string ClassName, EquatableArray<SourcePart> Sources);

/// <summary>One partial source property: accessibility, name and <c>global::</c>-qualified type.</summary>
internal sealed record SourcePart(string Accessibility, string Name, string Type, bool IsDataset);

/// <summary>What the generator keeps of one [GlueJob] class: the model when valid, else the parts it must still implement.</summary>
internal sealed record ParsedPipeline(PipelineSpec? Spec, SourceParts? Fallback);

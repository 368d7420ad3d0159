namespace Pipeline.Generators.Emit;

/// <summary>One file the build writes: its path relative to the artifacts folder (with <c>/</c>) and its exact text.</summary>
internal sealed record Artifact(string Path, string Content);

using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Pipeline.Build;

/// <summary>
/// Writes the artifacts carried by a built assembly (<c>[assembly: AssemblyMetadata("Pipeline.Artifact:&lt;path&gt;", text)]</c>,
/// emitted by Pipeline.Generators) to <see cref="OutputDirectory"/>, and removes the ones an earlier build wrote that are
/// no longer produced. See <see cref="ArtifactWriter"/> for the rules.
/// </summary>
public sealed class WritePipelineArtifacts : Task
{
    /// <summary>The compiled assembly (normally <c>@(IntermediateAssembly)</c>). It is read, never loaded.</summary>
    [Required]
    public string AssemblyPath { get; set; } = string.Empty;

    /// <summary>The artifacts folder (<c>$(PipelineArtifactsDir)</c>).</summary>
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    /// <summary>Every artifact file of this build (changed or not), plus the manifest.</summary>
    [Output]
    public ITaskItem[] WrittenFiles { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        ArtifactSyncResult result;
        try
        {
            var artifacts = ArtifactReader.Read(AssemblyPath);
            result = ArtifactWriter.Sync(OutputDirectory, artifacts);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            Log.LogError("Pipeline: could not read the artifacts of '{0}': {1}", AssemblyPath, e.Message);
            return false;
        }

        foreach (var warning in result.Warnings)
        {
            Log.LogWarning("Pipeline: {0}", warning);
        }

        foreach (var error in result.Errors)
        {
            Log.LogError(subcategory: null, errorCode: null, helpKeyword: null, file: AssemblyPath, lineNumber: 0,
                columnNumber: 0, endLineNumber: 0, endColumnNumber: 0, message: "Pipeline: " + error);
        }

        if (!result.Success)
        {
            return false;
        }

        var directory = Path.GetFullPath(OutputDirectory);
        WrittenFiles = result.Files
            .Append(Path.Combine(directory, ArtifactWriter.ManifestName))
            .Select(f => (ITaskItem)new TaskItem(f))
            .ToArray();

        Log.LogMessage(MessageImportance.High, "Pipeline: {0} artifacts written to {1}",
            result.Files.Count.ToString(CultureInfo.InvariantCulture), directory);
        Log.LogMessage(MessageImportance.Low, "Pipeline: {0} changed ({1}), {2} removed ({3}).",
            result.Changed.Count.ToString(CultureInfo.InvariantCulture), string.Join(", ", result.Changed),
            result.Deleted.Count.ToString(CultureInfo.InvariantCulture), string.Join(", ", result.Deleted));
        return true;
    }
}

/// <summary>Deletes the files that <see cref="WritePipelineArtifacts"/> wrote to <see cref="OutputDirectory"/> (as its manifest lists them).</summary>
public sealed class CleanPipelineArtifacts : Task
{
    [Required]
    public string OutputDirectory { get; set; } = string.Empty;

    public override bool Execute()
    {
        var result = ArtifactWriter.Clean(OutputDirectory);
        foreach (var warning in result.Warnings)
        {
            Log.LogWarning("Pipeline: {0}", warning);
        }

        Log.LogMessage(MessageImportance.Normal, "Pipeline: {0} artifacts deleted from {1}",
            result.Deleted.Count.ToString(CultureInfo.InvariantCulture), Path.GetFullPath(OutputDirectory));
        return true;
    }
}

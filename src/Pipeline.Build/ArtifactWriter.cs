using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Pipeline.Build;

/// <summary>What one synchronisation of the artifacts folder did.</summary>
internal sealed class ArtifactSyncResult
{
    /// <summary>Absolute paths of every artifact the assembly carries (written now or already up to date), ordinal order.</summary>
    public List<string> Files { get; } = new();

    /// <summary>Relative paths whose content changed (or that did not exist).</summary>
    public List<string> Changed { get; } = new();

    /// <summary>Relative paths written by an earlier build, no longer produced, and now deleted.</summary>
    public List<string> Deleted { get; } = new();

    public List<string> Errors { get; } = new();

    public List<string> Warnings { get; } = new();

    public bool Success => Errors.Count == 0;
}

/// <summary>
/// Makes an artifacts folder hold exactly the artifacts of the current build: writes new and changed files
/// (UTF-8 without BOM, byte-exact, untouched when unchanged so timestamps stay stable), deletes the files an earlier
/// build wrote that are no longer produced, and removes folders that became empty. A build that produces no artifact
/// at all deletes nothing: it keeps the earlier files, with a warning. What it wrote is remembered in
/// the folder's <see cref="ManifestName"/>; a file not listed there is never deleted.
/// </summary>
internal static class ArtifactWriter
{
    public const string ManifestName = ".pipeline-artifacts";

    private const string ManifestHeader =
        "# Written by Pipeline.Build: the files of this folder that the last build wrote. Only these are ever deleted by it.";

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static ArtifactSyncResult Sync(string outputDirectory, IReadOnlyList<ArtifactEntry> artifacts)
    {
        var result = new ArtifactSyncResult();
        var root = NormalizeRoot(outputDirectory);

        // 1. Validate everything before touching the disk: a bad path fails the build with nothing written.
        var byPath = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var byPathIgnoreCase = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var artifact in artifacts)
        {
            var problem = ArtifactPath.Validate(artifact.Path) ?? EscapesRoot(root, artifact.Path);
            if (problem is not null)
            {
                result.Errors.Add($"Invalid artifact path '{Printable(artifact.Path)}': {problem}.");
                continue;
            }

            if (byPath.ContainsKey(artifact.Path))
            {
                // The analyzers report duplicate job names (PIPE036) in the editor; this stays as the last line of defence.
                result.Errors.Add($"The artifact '{artifact.Path}' is produced more than once (two [GlueJob] classes with one job name? see PIPE036).");
                continue;
            }

            if (byPathIgnoreCase.TryGetValue(artifact.Path, out var other))
            {
                result.Errors.Add(
                    $"The artifacts '{other}' and '{artifact.Path}' differ only in case and would overwrite each other on Windows and macOS.");
                continue;
            }

            byPath.Add(artifact.Path, artifact.Content);
            byPathIgnoreCase.Add(artifact.Path, artifact.Path);
        }

        if (!result.Success)
        {
            return result;
        }

        var manifestPath = Path.Combine(root, ManifestName);
        var previous = ReadManifest(root, manifestPath, result.Warnings);
        var owned = new SortedSet<string>(StringComparer.Ordinal); // what the new manifest lists

        // 2. Write new and changed files.
        foreach (var pair in byPath)
        {
            var fullPath = ToFullPath(root, pair.Key);
            result.Files.Add(fullPath);
            try
            {
                if (WriteIfChanged(fullPath, Utf8NoBom.GetBytes(pair.Value)))
                {
                    result.Changed.Add(pair.Key);
                }

                owned.Add(pair.Key);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                result.Errors.Add($"Could not write '{fullPath}': {e.Message}");
            }
        }

        // 3. Delete what an earlier build wrote and this one no longer produces — unless this build produced nothing
        //    at all: an assembly without artifacts far more likely comes from a pipeline the generator gave up on than
        //    from a project whose every pipeline was removed, and deleting would wipe the deployable files (issue 12).
        if (byPath.Count == 0 && KeepsEverything(root, previous, result.Warnings))
        {
            owned.UnionWith(previous); // still ours: a later build that produces artifacts cleans them up
            previous.Clear();
        }

        foreach (var stale in previous)
        {
            // Compared ignoring case: on a case-insensitive file system 'glue/A.py' -> 'glue/a.py' is the same file.
            if (byPathIgnoreCase.ContainsKey(stale))
            {
                continue;
            }

            var fullPath = ToFullPath(root, stale);
            if (TryDelete(root, fullPath, out _, out var error))
            {
                result.Deleted.Add(stale);
            }
            else
            {
                owned.Add(stale); // still ours: try again next build
                result.Warnings.Add($"Could not delete the stale artifact '{fullPath}': {error}");
            }
        }

        // 4. Remember what is ours. The manifest is touched on every run: build/Pipeline.targets uses it as the
        //    target's output, so it must be newer than the assembly once the folder is in sync.
        try
        {
            WriteManifest(root, manifestPath, owned);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            result.Errors.Add($"Could not write '{manifestPath}': {e.Message}");
        }

        return result;
    }

    /// <summary>True (with a warning) when an earlier build's artifacts are still on disk, so a build without any keeps them.</summary>
    private static bool KeepsEverything(string root, SortedSet<string> previous, List<string> warnings)
    {
        var existing = previous.Count(path => File.Exists(ToFullPath(root, path)));
        if (existing == 0)
        {
            return false;
        }

        warnings.Add(
            $"the assembly carries no pipeline artifacts, so the {existing.ToString(System.Globalization.CultureInfo.InvariantCulture)} "
            + $"artifacts an earlier build wrote to '{root}' were kept, not deleted. If a [GlueJob] class should produce artifacts, "
            + "fix the errors reported for it; if the project has no pipelines any more, delete the files or run 'dotnet clean'.");
        return true;
    }

    /// <summary>Deletes a file if present and the folders that became empty; false (with the reason) when the disk refused.</summary>
    private static bool TryDelete(string root, string fullPath, out bool existed, out string? error)
    {
        existed = false;
        error = null;
        try
        {
            if (File.Exists(fullPath))
            {
                existed = true;
                File.Delete(fullPath);
            }

            RemoveEmptyParents(root, fullPath);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>Deletes every file the manifest lists, the manifest itself and the folders that became empty.</summary>
    public static ArtifactSyncResult Clean(string outputDirectory)
    {
        var result = new ArtifactSyncResult();
        var root = NormalizeRoot(outputDirectory);
        var manifestPath = Path.Combine(root, ManifestName);
        if (!File.Exists(manifestPath))
        {
            return result;
        }

        foreach (var path in ReadManifest(root, manifestPath, result.Warnings))
        {
            var fullPath = ToFullPath(root, path);
            if (!TryDelete(root, fullPath, out var existed, out var error))
            {
                result.Warnings.Add($"Could not delete '{fullPath}': {error}");
            }
            else if (existed)
            {
                result.Deleted.Add(path);
            }
        }

        try
        {
            File.Delete(manifestPath);
            if (Directory.Exists(root) && !Directory.EnumerateFileSystemEntries(root).Any())
            {
                Directory.Delete(root);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            result.Warnings.Add($"Could not delete '{manifestPath}': {e.Message}");
        }

        return result;
    }

    private static string NormalizeRoot(string outputDirectory)
    {
        var full = Path.GetFullPath(outputDirectory);
        return full.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? full : full + Path.DirectorySeparatorChar;
    }

    private static string ToFullPath(string root, string relative) =>
        Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>Belt and braces after <see cref="ArtifactPath.Validate"/>: the resolved path must stay under the root.</summary>
    private static string? EscapesRoot(string root, string relative)
    {
        string full;
        try
        {
            full = ToFullPath(root, relative);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return e.Message;
        }

        return full.StartsWith(root, StringComparison.Ordinal) && full.Length > root.Length
            ? null
            : "it resolves outside the artifacts folder";
    }

    private static bool WriteIfChanged(string fullPath, byte[] bytes)
    {
        if (File.Exists(fullPath))
        {
            var info = new FileInfo(fullPath);
            if (info.Length == bytes.Length && BytesEqual(File.ReadAllBytes(fullPath), bytes))
            {
                return false;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        File.WriteAllBytes(fullPath, bytes);
        return true;
    }

    private static bool BytesEqual(byte[] a, byte[] b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }

        return true;
    }

    private static SortedSet<string> ReadManifest(string root, string manifestPath, List<string> warnings)
    {
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        if (!File.Exists(manifestPath))
        {
            return paths;
        }

        foreach (var line in File.ReadAllLines(manifestPath, Utf8NoBom))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // A manifest is only trusted as far as the same rules allow: an edited one cannot make the build
            // delete anything outside the artifact folders.
            var problem = ArtifactPath.Validate(line) ?? EscapesRoot(root, line);
            if (problem is not null)
            {
                warnings.Add($"Ignoring the entry '{Printable(line)}' of '{manifestPath}': {problem}.");
                continue;
            }

            paths.Add(line);
        }

        return paths;
    }

    private static void WriteManifest(string root, string manifestPath, SortedSet<string> paths)
    {
        var text = new StringBuilder(ManifestHeader).Append('\n');
        foreach (var path in paths)
        {
            text.Append(path).Append('\n');
        }

        Directory.CreateDirectory(root);
        WriteIfChanged(manifestPath, Utf8NoBom.GetBytes(text.ToString()));
        File.SetLastWriteTimeUtc(manifestPath, DateTime.UtcNow);
    }

    private static void RemoveEmptyParents(string root, string fullPath)
    {
        var directory = Path.GetDirectoryName(fullPath);
        while (directory is not null
            && directory.Length + 1 > root.Length
            && (directory + Path.DirectorySeparatorChar).StartsWith(root, StringComparison.Ordinal)
            && !string.Equals(directory + Path.DirectorySeparatorChar, root, StringComparison.Ordinal))
        {
            if (!Directory.Exists(directory) || Directory.EnumerateFileSystemEntries(directory).Any())
            {
                return;
            }

            Directory.Delete(directory);
            directory = Path.GetDirectoryName(directory);
        }
    }

    private static string Printable(string path)
    {
        var text = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c < 0x20 || c == 0x7F)
            {
                text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}

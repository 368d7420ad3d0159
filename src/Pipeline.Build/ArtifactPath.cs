using System;
using System.Collections.Generic;

namespace Pipeline.Build;

/// <summary>
/// The rules for an artifact's relative path. The generator names its files; this is the last check before the
/// build writes (or deletes) anything, so a path can never leave the artifacts folder or land somewhere unexpected.
/// </summary>
internal static class ArtifactPath
{
    /// <summary>The assembly-metadata key prefix the generator uses: <c>Pipeline.Artifact:glue/orders-daily.py</c>.</summary>
    public const string KeyPrefix = "Pipeline.Artifact:";

    /// <summary>The only top-level folders an artifact may live in.</summary>
    public static readonly IReadOnlyList<string> TopFolders = new[] { "ci", "dashboards", "glue", "quality", "terraform" };

    // Characters no portable file name may contain (Windows' set; '/' separates segments and '\' is rejected so
    // a path means the same thing on every OS).
    private const string InvalidChars = "<>:\"|?*\\";

    /// <summary>Returns null when <paramref name="path"/> is acceptable, otherwise why it is not.</summary>
    public static string? Validate(string path)
    {
        if (path.Length == 0)
        {
            return "the path is empty";
        }

        if (path[0] == '/' || path[0] == '\\' || (path.Length >= 2 && path[1] == ':'))
        {
            return "the path is rooted; artifact paths are relative to the artifacts folder";
        }

        foreach (var c in path)
        {
            if (c < 0x20 || c == 0x7F)
            {
                return "the path contains a control character";
            }

            if (InvalidChars.IndexOf(c) >= 0)
            {
                return c == '\\'
                    ? "the path contains '\\'; use '/' to separate folders"
                    : $"the path contains '{c}', which is not allowed in file names";
            }
        }

        var segments = path.Split('/');
        foreach (var segment in segments)
        {
            if (segment.Length == 0)
            {
                return "the path has an empty segment ('//' or a trailing '/')";
            }

            if (segment == "." || segment == "..")
            {
                return $"the path contains a '{segment}' segment";
            }

            if (segment[segment.Length - 1] == '.' || segment[segment.Length - 1] == ' ' || segment[0] == ' ')
            {
                return $"the segment '{segment}' starts with a space or ends with a space or a dot";
            }
        }

        if (segments.Length < 2)
        {
            return $"the file is not inside a folder; artifacts go under {string.Join(", ", TopFolders)}";
        }

        var known = false;
        foreach (var folder in TopFolders)
        {
            known |= string.Equals(segments[0], folder, StringComparison.Ordinal);
        }

        return known ? null : $"'{segments[0]}' is not an artifact folder; expected one of {string.Join(", ", TopFolders)}";
    }
}

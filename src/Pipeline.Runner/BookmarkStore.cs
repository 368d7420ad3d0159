using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;

namespace Pipeline.Runner;

/// <summary>
/// Local job bookmarks, like Glue's for S3 sources: per source, the files already processed, with their size and
/// last-modified time (a modified file is read again, as on Glue). State advances only when a run publishes.
/// </summary>
public sealed class BookmarkStore
{
    private readonly string _path;

    public BookmarkStore(string stateRoot, string job)
    {
        _path = Path.Combine(stateRoot, "bookmarks", job + ".json");
    }

    public string FilePath => _path;

    public BookmarkState Load()
    {
        if (!File.Exists(_path))
        {
            return new BookmarkState();
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(_path), RunnerJson.Default.BookmarkState) ?? new BookmarkState();
        }
        catch (JsonException e)
        {
            throw new RunnerException($"{_path}: the bookmark state is corrupt ({e.Message}); run again with --reset to start over.");
        }
    }

    public void Reset()
    {
        if (File.Exists(_path))
        {
            File.Delete(_path);
        }
    }

    /// <summary>Writes the new state into the run's staging folder; the publish step moves it into place.</summary>
    public string WritePending(BookmarkState state, string stagingDirectory)
    {
        Directory.CreateDirectory(stagingDirectory);
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var pending = Path.Combine(stagingDirectory, "bookmarks.json");
        File.WriteAllText(pending, JsonSerializer.Serialize(state, RunnerJson.Default.BookmarkState));
        return pending;
    }
}

/// <summary>Source name → file key (path relative to the source folder) → what was seen.</summary>
public sealed class BookmarkState
{
    public Dictionary<string, Dictionary<string, FileStamp>> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The stamp recorded for a file, if any.</summary>
    public FileStamp? Stamp(string source, string key) =>
        Sources.TryGetValue(source, out var files) && files.TryGetValue(key, out var seen) ? seen : null;

    /// <summary>
    /// Whether a file was processed before: the same content under the same name (a new modification time alone does
    /// not count), or the same content under another name (a re-delivered copy: <paramref name="copyOf"/> names it).
    /// </summary>
    public bool IsProcessed(string source, string key, FileStamp stamp, out string? copyOf)
    {
        copyOf = null;
        if (!Sources.TryGetValue(source, out var files))
        {
            return false;
        }

        if (files.TryGetValue(key, out var seen) && seen.SameContent(stamp))
        {
            return true;
        }

        if (stamp.Hash is not null)
        {
            foreach (var (other, otherStamp) in files)
            {
                if (other != key && otherStamp.Hash is not null && otherStamp.SameContent(stamp))
                {
                    copyOf = other;
                    return true;
                }
            }
        }

        return false;
    }

    public void Record(string source, string key, FileStamp stamp)
    {
        if (!Sources.TryGetValue(source, out var files))
        {
            files = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
            Sources[source] = files;
        }

        files[key] = stamp;
    }
}

/// <summary>
/// A file's identity for bookmarks: its size and a SHA-256 of its content — all of it up to 1 MiB, else its first and
/// last 64 KiB — plus its last-modified time, which only saves hashing again a file that did not change. Bookmarks
/// written before hashes existed have no <see cref="Hash"/>; they compare by size and modification time.
/// </summary>
public sealed record FileStamp(long Size, long ModifiedUtcTicks, string? Hash = null)
{
    public const int FullHashUpTo = 1024 * 1024;

    public const int EdgeBlock = 64 * 1024;

    public static FileStamp Of(string path, FileStamp? previous = null)
    {
        var info = new FileInfo(path);
        if (previous is { Hash: not null } && previous.Size == info.Length && previous.ModifiedUtcTicks == info.LastWriteTimeUtc.Ticks)
        {
            return previous;
        }

        return new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks, ContentHash(path, info.Length));
    }

    public bool SameContent(FileStamp other) =>
        Hash is not null && other.Hash is not null
            ? Size == other.Size && Hash == other.Hash
            : Size == other.Size && ModifiedUtcTicks == other.ModifiedUtcTicks;

    private static string ContentHash(string path, long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        if (length <= FullHashUpTo)
        {
            return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
        }

        var buffer = new byte[2 * EdgeBlock];
        stream.ReadExactly(buffer, 0, EdgeBlock);
        stream.Seek(-EdgeBlock, SeekOrigin.End);
        stream.ReadExactly(buffer, EdgeBlock, EdgeBlock);
        return "edges:" + Convert.ToHexString(SHA256.HashData(buffer)).ToLowerInvariant();
    }
}

using System;
using System.Collections.Generic;
using System.IO;
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

    public bool IsProcessed(string source, string key, FileStamp stamp) =>
        Sources.TryGetValue(source, out var files) && files.TryGetValue(key, out var seen) && seen == stamp;

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

public sealed record FileStamp(long Size, long ModifiedUtcTicks)
{
    public static FileStamp Of(string path)
    {
        var info = new FileInfo(path);
        return new FileStamp(info.Length, info.LastWriteTimeUtc.Ticks);
    }
}

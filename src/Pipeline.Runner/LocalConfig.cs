using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Runner;

/// <summary>
/// <c>pipeline.local.json</c>: where a local run reads and writes. Relative paths are relative to the file's folder.
/// <code>
/// {
///   "input": "data",                                   // root of the inputs (default: the folder of this file)
///   "output": "out",                                   // root of the local lake: sinks, quarantine, run state
///   "locations": { "s3://acme-raw/orders/": "raw/orders/" },        // S3 prefix → folder under input
///   "tables": { "retail.customers": { "path": "catalog/customers", "format": "csv" } }  // catalog table → folder under input
/// }
/// </code>
/// Without a mapping, <c>s3://bucket/key</c> is <c>&lt;root&gt;/bucket/key</c> (docs/local-runs.md).
/// </summary>
public sealed class LocalConfig
{
    public const string FileName = "pipeline.local.json";

    public string Input { get; init; } = ".";

    public string Output { get; init; } = "pipeline-output";

    public Dictionary<string, string> Locations { get; init; } = new(StringComparer.Ordinal);

    public Dictionary<string, LocalTable> Tables { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The folder relative paths in the file are resolved against.</summary>
    [JsonIgnore]
    public string BaseDirectory { get; init; } = Directory.GetCurrentDirectory();

    public static LocalConfig Load(string path)
    {
        var full = Path.GetFullPath(path);
        LocalConfig? config;
        try
        {
            config = JsonSerializer.Deserialize(File.ReadAllText(full), RunnerJson.Default.LocalConfig);
        }
        catch (JsonException e)
        {
            throw new RunnerException($"{full}: not a valid local config: {e.Message}");
        }

        if (config is null)
        {
            throw new RunnerException($"{full}: the local config is empty.");
        }

        // A property missing from the file (or written as null) keeps its default: the source-generated reader sets
        // absent init-only properties to null instead of leaving their initializers in place.
        var defaults = new LocalConfig();
        return new LocalConfig
        {
            Input = config.Input ?? defaults.Input,
            Output = config.Output ?? defaults.Output,
            Locations = new Dictionary<string, string>(config.Locations ?? defaults.Locations, StringComparer.Ordinal),
            Tables = new Dictionary<string, LocalTable>(config.Tables ?? defaults.Tables, StringComparer.Ordinal),
            BaseDirectory = Path.GetDirectoryName(full)!,
        };
    }

    public string InputRoot => Path.GetFullPath(Path.Combine(BaseDirectory, Input));

    public string OutputRoot => Path.GetFullPath(Path.Combine(BaseDirectory, Output));
}

/// <summary>A catalog table's local folder and file format.</summary>
public sealed record LocalTable(string Path, string Format = "parquet");

/// <summary>An error the user can act on: printed as one line, no stack trace.</summary>
public sealed class RunnerException : Exception
{
    public RunnerException(string message)
        : base(message)
    {
    }

    public RunnerException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

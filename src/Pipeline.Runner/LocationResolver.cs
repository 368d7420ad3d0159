using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Pipeline.Runner;

/// <summary>Where a source is read from and a sink written to, on the local disk.</summary>
public sealed record LocalLocation(string Directory, string Format);

/// <summary>
/// Maps S3 URIs and catalog tables to local folders. A dataset another pipeline of the project writes (its sink
/// table or prefix) is read from the local lake under the output root once it exists there, so pipelines chain
/// locally as they do on AWS; otherwise inputs come from the config's mappings or the <c>bucket/key</c> convention.
/// </summary>
public sealed class LocationResolver
{
    private readonly LocalConfig _config;
    private readonly string _inputRoot;
    private readonly string _outputRoot;
    private readonly IReadOnlyList<LocalPlan> _project;

    public LocationResolver(LocalConfig config, IReadOnlyList<LocalPlan> project, string? inputRoot = null, string? outputRoot = null)
    {
        _config = config;
        _project = project;
        _inputRoot = Path.GetFullPath(inputRoot ?? config.InputRoot);
        _outputRoot = Path.GetFullPath(outputRoot ?? config.OutputRoot);
    }

    public string OutputRoot => _outputRoot;

    public string InputRoot => _inputRoot;

    /// <summary>Where the runner keeps its own files (bookmarks, staging, publish journal).</summary>
    public string StateRoot => Path.Combine(_outputRoot, ".pipeline");

    public LocalLocation Source(LocalSource source)
    {
        var producer = Producer(source);
        if (producer is not null)
        {
            var lake = Sink(producer);
            if (Directory.Exists(lake))
            {
                return new LocalLocation(lake, producer.Format);
            }
        }

        if (source.Kind == "catalog")
        {
            if (_config.Tables.TryGetValue(source.CatalogName!, out var table))
            {
                return new LocalLocation(Path.GetFullPath(Path.Combine(_inputRoot, table.Path)), table.Format.ToLowerInvariant());
            }

            if (source.Location is { } location)
            {
                return new LocalLocation(MapUri(location, _inputRoot, useLocations: true), producer?.Format ?? "parquet");
            }

            return new LocalLocation(Path.Combine(_inputRoot, source.Database!, source.Table!), producer?.Format ?? "parquet");
        }

        return new LocalLocation(MapUri(source.Path!, _inputRoot, useLocations: true), source.Format);
    }

    public string Sink(LocalSink sink) => MapUri(sink.Path, _outputRoot, useLocations: false);

    public string Quarantine(string uri) => MapUri(uri, _outputRoot, useLocations: false);

    /// <summary>The sink of another pipeline of the project that writes this source's table or prefix, if any.</summary>
    public LocalSink? Producer(LocalSource source)
    {
        foreach (var plan in _project)
        {
            foreach (var stage in plan.Sinks)
            {
                var sink = stage.Sink!;
                if (source.Kind == "catalog" && string.Equals(source.CatalogName, sink.CatalogName, StringComparison.Ordinal))
                {
                    return sink;
                }

                var uri = source.Kind == "catalog" ? source.Location : source.Path;
                if (uri is not null && Normalize(uri).StartsWith(Normalize(sink.Path), StringComparison.Ordinal))
                {
                    return sink;
                }
            }
        }

        return null;
    }

    private string MapUri(string uri, string root, bool useLocations)
    {
        if (useLocations)
        {
            var best = _config.Locations.Keys
                .Where(prefix => Normalize(uri).StartsWith(Normalize(prefix), StringComparison.Ordinal))
                .OrderByDescending(prefix => prefix.Length)
                .FirstOrDefault();
            if (best is not null)
            {
                var rest = Normalize(uri).Substring(Normalize(best).Length);
                return Path.GetFullPath(Path.Combine(root, _config.Locations[best], rest));
            }
        }

        if (!uri.StartsWith("s3://", StringComparison.Ordinal))
        {
            throw new RunnerException($"'{uri}' is not an s3:// URI.");
        }

        var relative = uri.Substring("s3://".Length).TrimEnd('/');
        if (relative.Split('/').Any(part => part is ".." or "."))
        {
            throw new RunnerException($"'{uri}' has '.' or '..' segments.");
        }

        return Path.GetFullPath(Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar)));
    }

    private static string Normalize(string uri) => uri.EndsWith("/", StringComparison.Ordinal) ? uri : uri + "/";
}

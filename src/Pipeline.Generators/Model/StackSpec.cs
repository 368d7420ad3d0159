using System;
using System.Collections.Generic;
using Pipeline.Generators.Helpers;

namespace Pipeline.Generators.Model;

/// <summary>
/// Everything the project-level (shared) Terraform needs: the stack settings, its storage zones, its environments, a
/// summary of every pipeline and the pipeline → pipeline dependencies.
/// </summary>
/// <remarks>
/// Type needs to be cacheable as a Roslyn incremental value, so it must be
/// 1) immutable and 2) implement structural (i.e. value) equality.
/// Every collection is sorted ordinally (environments keep their declared order), so equal inputs give equal specs.
/// </remarks>
internal sealed record StackSpec(
    StackSettings Settings,
    EquatableArray<ZoneSpec> Zones,
    EquatableArray<EnvironmentSpec> Environments,
    EquatableArray<StackPipeline> Pipelines,
    EquatableArray<PipelineDependency> Dependencies)
{
    public ZoneSpec? FindZone(string name)
    {
        foreach (var zone in Zones)
        {
            if (zone.Name == name)
            {
                return zone;
            }
        }

        return null;
    }
}

/// <summary>
/// Project-wide settings from <c>[assembly: PipelineStack]</c> (or their defaults). <see cref="Owner"/> and
/// <see cref="CostCenter"/> are null when neither the stack nor all of its jobs agree on one (then no default tag has it).
/// </summary>
internal sealed record StackSettings(
    string Name,
    string? Owner,
    string? CostCenter,
    int ArchiveAfterDays,
    int NoncurrentVersionExpirationDays,
    int TempExpirationDays,
    int LogRetentionDays)
{
    public static readonly int[] AllowedLogRetention = { 365, 400, 545, 731, 1827, 3653 };

    public string Identifier => Naming.ToIdentifier(Name);
}

/// <summary>
/// A storage zone. <see cref="Name"/> is <c>raw</c>, <c>curated</c>, <c>scripts</c>, <c>temp</c>, <c>logs</c> or any other
/// data-zone name; <see cref="Declared"/> is false for zones inferred from the buckets of the pipelines' S3 paths.
/// </summary>
internal sealed record ZoneSpec(string Name, string Bucket, bool Managed, bool Declared, string? Database, string? CrawlerSchedule)
{
    public const string Raw = "raw";
    public const string Scripts = "scripts";
    public const string Temp = "temp";
    public const string Logs = "logs";

    public string Identifier => Naming.ToIdentifier(Name);

    /// <summary>Scripts, temp and logs hold no pipeline data.</summary>
    public bool IsDataZone => Name != Scripts && Name != Temp && Name != Logs;

    /// <summary>Declared key users of the zone's bucket: role names or role ARNs, sorted.</summary>
    public EquatableArray<string> Producers { get; init; } = EquatableArray<string>.Empty;

    public EquatableArray<string> Readers { get; init; } = EquatableArray<string>.Empty;
}

/// <summary>A deployment environment from <c>[assembly: DeploymentEnvironment]</c> (or the dev/staging/prod defaults).</summary>
internal sealed record EnvironmentSpec(
    string Name,
    string? AccountId,
    string Region,
    string BucketSuffix,
    int MaxWorkers,
    bool SchedulesEnabled,
    string? AlertEmail);

/// <summary>What one pipeline reads and writes, as the dependency graph sees it (S3 URIs end in <c>/</c>; tables are <c>db.table</c>).</summary>
internal sealed record PipelineIo(
    string Name,
    EquatableArray<string> SourcePaths,
    EquatableArray<string> SourceTables,
    EquatableArray<string> SinkPaths,
    EquatableArray<string> SinkTables);

/// <summary>The part of a pipeline the shared Terraform needs.</summary>
internal sealed record StackPipeline(
    string Name,
    string Identifier,
    string GlueVersion,
    int Workers,
    string? Schedule,
    PipelineIo Io,
    EquatableArray<string> Buckets,
    EquatableArray<string> SinkDatabases)
{
    /// <summary>
    /// Set when the job starts on new data: its S3 source prefixes (<c>s3://bucket/prefix/</c>, sorted) watched by an
    /// EventBridge rule, and Glue's event batching. Empty otherwise.
    /// </summary>
    public EquatableArray<string> NewDataPaths { get; init; } = EquatableArray<string>.Empty;

    public int BatchSize { get; init; } = 1;

    public int BatchWindowSeconds { get; init; } = 900;

    /// <summary>The job's <c>owner</c> and <c>cost-center</c> tags (null when it has none).</summary>
    public string? Owner { get; init; }

    public string? CostCenter { get; init; }

    /// <summary>The dashboard body with region and log-group tokens (DashboardEmitter.EmitTemplate).</summary>
    public string DashboardTemplate { get; init; } = "";

    /// <summary>Buckets the job writes to (sinks and quarantine paths): these the stack creates and secures.</summary>
    public EquatableArray<string> WrittenBuckets { get; init; } = EquatableArray<string>.Empty;

    public bool StartsOnNewData => !NewDataPaths.IsEmpty;
}

/// <summary><see cref="Downstream"/> reads what <see cref="Upstream"/> writes (<see cref="Reason"/> says which table or path).</summary>
internal sealed record PipelineDependency(string Upstream, string Downstream, string Reason);

/// <summary>The pipeline → pipeline dependency graph, shared by the generator (workflows) and the PIPE034 analyzer.</summary>
internal static class StackGraph
{
    /// <summary>
    /// A pipeline depends on another when one of its catalog sources is the other's sink table, or one of its S3 paths
    /// (an S3 source or a catalog source's location) lies under the other's sink path. Sorted, without self-edges.
    /// </summary>
    public static List<PipelineDependency> Dependencies(IReadOnlyList<PipelineIo> pipelines)
    {
        var edges = new SortedDictionary<string, PipelineDependency>(StringComparer.Ordinal);
        foreach (var downstream in pipelines)
        {
            foreach (var upstream in pipelines)
            {
                if (upstream.Name == downstream.Name)
                {
                    continue;
                }

                string? reason = null;
                foreach (var table in downstream.SourceTables)
                {
                    if (reason is null && Contains(upstream.SinkTables, table))
                    {
                        reason = "table " + table;
                    }
                }

                foreach (var path in downstream.SourcePaths)
                {
                    foreach (var sink in upstream.SinkPaths)
                    {
                        if (reason is null && path.StartsWith(NormalizePath(sink), StringComparison.Ordinal))
                        {
                            reason = "path " + sink;
                        }
                    }
                }

                if (reason is not null)
                {
                    edges[upstream.Name + "\n" + downstream.Name] = new PipelineDependency(upstream.Name, downstream.Name, reason);
                }
            }
        }

        return new List<PipelineDependency>(edges.Values);
    }

    /// <summary>The pipelines of one dependency cycle, in cycle order starting at the ordinally smallest name; null when acyclic.</summary>
    public static List<string>? FindCycle(IEnumerable<PipelineDependency> dependencies)
    {
        var graph = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var edge in dependencies)
        {
            Edges(graph, edge.Upstream).Add(edge.Downstream);
            Edges(graph, edge.Downstream);
        }

        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        List<string>? Visit(string node)
        {
            state[node] = 1;
            stack.Add(node);
            foreach (var next in graph[node])
            {
                if (!state.TryGetValue(next, out var s))
                {
                    if (Visit(next) is { } found)
                    {
                        return found;
                    }
                }
                else if (s == 1)
                {
                    return stack.GetRange(stack.IndexOf(next), stack.Count - stack.IndexOf(next));
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in graph.Keys)
        {
            if (!state.ContainsKey(node) && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    /// <summary><c>s3://b/p</c> → <c>s3://b/p/</c>, so a prefix never matches a sibling such as <c>p_archive/</c>.</summary>
    public static string NormalizePath(string path) => path.EndsWith("/", StringComparison.Ordinal) ? path : path + "/";

    private static bool Contains(EquatableArray<string> items, string value)
    {
        foreach (var item in items)
        {
            if (item == value)
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> Edges(SortedDictionary<string, List<string>> graph, string node)
    {
        if (!graph.TryGetValue(node, out var edges))
        {
            graph[node] = edges = new List<string>();
        }

        return edges;
    }
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Parsing;

/// <summary>The assembly-level stack declarations, reduced to equatable values (no symbols).</summary>
internal sealed record StackAttributes(
    StackSettings Settings,
    EquatableArray<ZoneSpec> Zones,
    EquatableArray<EnvironmentSpec> Environments);

/// <summary>
/// Reads <c>[assembly: PipelineStack]</c>, <c>[assembly: DataZone]</c> and <c>[assembly: DeploymentEnvironment]</c>, and
/// combines them with the parsed pipelines into a <see cref="StackSpec"/>. Never throws: a value it cannot use falls back
/// to its default. Never silently either: every fallback below is reported by the analyzer
/// <c>Pipeline.Analyzers.Rules.StackAttributesAnalyzer</c> at the argument (the rule id is noted at each fallback); keep
/// the two in step (its tests compare its copies of <see cref="IsName"/>, <see cref="IsSuffix"/> and <see cref="IsBucket"/>
/// with these).
/// </summary>
internal static class StackParser
{
    public const string PipelineStackAttribute = "Pipeline.Dsl.PipelineStackAttribute";
    public const string DataZoneAttribute = "Pipeline.Dsl.DataZoneAttribute";
    public const string DeploymentEnvironmentAttribute = "Pipeline.Dsl.DeploymentEnvironmentAttribute";

    public const string DefaultRegion = "eu-west-1";

    public static StackAttributes ReadAttributes(IAssemblySymbol assembly, CancellationToken ct)
    {
        var attributes = assembly.GetAttributes();
        return ReadAttributes(assembly.Name, attributes, ct);
    }

    public static StackAttributes ReadAttributes(string assemblyName, ImmutableArray<AttributeData> attributes, CancellationToken ct)
    {
        var settings = DefaultSettings(assemblyName);
        var zones = new SortedDictionary<string, ZoneSpec>(StringComparer.Ordinal);
        var environments = new List<EnvironmentSpec>();
        var environmentNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var attribute in attributes)
        {
            ct.ThrowIfCancellationRequested();
            if (AttributeReader.Is(attribute.AttributeClass, PipelineStackAttribute))
            {
                // StackAttributesAnalyzer: invalid name → PIPE037; blank/missing Owner, CostCenter → PIPE041; a clamped
                // ArchiveAfterDays/…ExpirationDays or a LogRetentionDays outside AllowedLogRetention → PIPE043; a second
                // [PipelineStack] (the last one wins here) → PIPE036.
                var name = AttributeReader.String(attribute, 0);
                settings = new StackSettings(
                    IsName(name) ? name! : settings.Name,
                    NonEmpty(AttributeReader.Named<string?>(attribute, "Owner", null)) ?? settings.Owner,
                    NonEmpty(AttributeReader.Named<string?>(attribute, "CostCenter", null)) ?? settings.CostCenter,
                    Math.Max(31, Math.Min(36500, AttributeReader.Named(attribute, "ArchiveAfterDays", 90))),
                    Math.Max(1, Math.Min(36500, AttributeReader.Named(attribute, "NoncurrentVersionExpirationDays", 90))),
                    Math.Max(1, Math.Min(36500, AttributeReader.Named(attribute, "TempExpirationDays", 30))),
                    Array.IndexOf(StackSettings.AllowedLogRetention, AttributeReader.Named(attribute, "LogRetentionDays", 365)) >= 0
                        ? AttributeReader.Named(attribute, "LogRetentionDays", 365)
                        : 365);
            }
            else if (AttributeReader.Is(attribute.AttributeClass, DataZoneAttribute))
            {
                var zone = AttributeReader.String(attribute, 0);
                var bucket = AttributeReader.String(attribute, 1);
                // StackAttributesAnalyzer: a zone dropped for its name → PIPE037, for its bucket → PIPE038, as a duplicate →
                // PIPE036; a blank Database (→ default database) → PIPE037, a blank CrawlerSchedule (→ on demand) → PIPE032;
                // Database/CrawlerSchedule on a zone without crawler (ignored by the emitter) → PIPE000.
                if (IsName(zone) && IsBucket(bucket) && !zones.ContainsKey(zone!))
                {
                    zones[zone!] = new ZoneSpec(
                        zone!,
                        bucket!,
                        AttributeReader.Named(attribute, "Managed", true),
                        Declared: true,
                        NonEmpty(AttributeReader.Named<string?>(attribute, "Database", null)),
                        NonEmpty(AttributeReader.Named<string?>(attribute, "CrawlerSchedule", null)))
                    {
                        Producers = Principals(attribute, "Producers"),
                        Readers = Principals(attribute, "Readers"),
                    };
                }
            }
            else if (AttributeReader.Is(attribute.AttributeClass, DeploymentEnvironmentAttribute))
            {
                var name = AttributeReader.String(attribute, 0);
                // StackAttributesAnalyzer: an environment dropped for its name → PIPE037, as a duplicate → PIPE036; a dropped
                // BucketSuffix (or one that makes a bucket name invalid) → PIPE038; a negative MaxWorkers (→ 0) → PIPE004;
                // blank or malformed AccountId, Region (→ DefaultRegion), AlertEmail (→ none) → PIPE000.
                if (IsName(name) && environmentNames.Add(name!))
                {
                    var suffix = AttributeReader.Named(attribute, "BucketSuffix", "") ?? "";
                    environments.Add(new EnvironmentSpec(
                        name!,
                        NonEmpty(AttributeReader.Named<string?>(attribute, "AccountId", null)),
                        NonEmpty(AttributeReader.Named<string?>(attribute, "Region", null)) ?? DefaultRegion,
                        IsSuffix(suffix) ? suffix : "",
                        Math.Max(0, AttributeReader.Named(attribute, "MaxWorkers", 0)),
                        AttributeReader.Named(attribute, "SchedulesEnabled", true),
                        NonEmpty(AttributeReader.Named<string?>(attribute, "AlertEmail", null))));
                }
            }
        }

        return new StackAttributes(
            settings,
            new List<ZoneSpec>(zones.Values).ToEquatableArray(),
            (environments.Count > 0 ? environments : DefaultEnvironments()).ToEquatableArray());
    }

    public static StackSettings DefaultSettings(string assemblyName)
    {
        var name = Naming.ToSnakeCase(assemblyName).Replace('_', '-').Replace('.', '-');
        return new StackSettings(IsName(name) ? name : "pipelines", null, null, 90, 90, 30, 365);
    }

    public static List<EnvironmentSpec> DefaultEnvironments() => new()
    {
        new EnvironmentSpec("dev", null, DefaultRegion, "-dev", 2, false, null),
        new EnvironmentSpec("staging", null, DefaultRegion, "-staging", 0, true, null),
        new EnvironmentSpec("prod", null, DefaultRegion, "", 0, true, null),
    };

    /// <summary>The stack: declared zones plus zones inferred from the pipelines' buckets, summaries and dependencies.</summary>
    public static StackSpec Build(ImmutableArray<PipelineSpec> specs, StackAttributes attributes) =>
        Build(specs.Select(Summarize).ToImmutableArray(), attributes);

    /// <summary>The stack from each pipeline's summary (<see cref="Summarize"/>), in any order.</summary>
    public static StackSpec Build(ImmutableArray<StackPipeline> summaries, StackAttributes attributes)
    {
        var settings = attributes.Settings;
        var pipelines = new List<StackPipeline>(summaries);
        pipelines.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));

        // Without [PipelineStack] owner/cost centre, the stack's default tags take the value every job declares in its own
        // owner/cost-center tag; when the jobs disagree there is no stack-wide value, and each job's resources keep theirs.
        settings = settings with
        {
            Owner = settings.Owner ?? Unanimous(pipelines, static p => p.Owner),
            CostCenter = settings.CostCenter ?? Unanimous(pipelines, static p => p.CostCenter),
        };

        var zones = new SortedDictionary<string, ZoneSpec>(StringComparer.Ordinal);
        var declaredBuckets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var zone in attributes.Zones)
        {
            zones[zone.Name] = zone;
            declaredBuckets.Add(zone.Bucket);
        }

        // A bucket no zone names is created and secured by the stack when a pipeline writes to it; a bucket the pipelines only
        // read (another team's drop) is referenced by a variable and gets none of our lifecycle, notifications or policy.
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pipeline in pipelines)
        {
            foreach (var bucket in pipeline.WrittenBuckets)
            {
                written.Add(bucket);
            }
        }

        foreach (var pipeline in pipelines)
        {
            foreach (var bucket in pipeline.Buckets)
            {
                if (declaredBuckets.Add(bucket) && !zones.ContainsKey(bucket))
                {
                    zones[bucket] = new ZoneSpec(bucket, bucket, Managed: written.Contains(bucket), Declared: false, null, null);
                }
            }
        }

        foreach (var special in new[] { ZoneSpec.Scripts, ZoneSpec.Temp, ZoneSpec.Logs })
        {
            if (!zones.ContainsKey(special))
            {
                zones[special] = new ZoneSpec(special, settings.Name + "-" + special, Managed: true, Declared: false, null, null);
            }
        }

        var io = new List<PipelineIo>();
        foreach (var pipeline in pipelines)
        {
            io.Add(pipeline.Io);
        }

        var dependencies = StackGraph.Dependencies(io);
        if (StackGraph.FindCycle(dependencies) is not null)
        {
            // PIPE034 reports the cycle; the stack is still emitted, without workflows, so the module stays consistent.
            dependencies.Clear();
        }

        return new StackSpec(
            settings,
            new List<ZoneSpec>(zones.Values).ToEquatableArray(),
            attributes.Environments,
            pipelines.ToEquatableArray(),
            dependencies.ToEquatableArray());
    }

    public static StackPipeline Summarize(PipelineSpec spec)
    {
        var sourcePaths = new SortedSet<string>(StringComparer.Ordinal);
        var sourceTables = new SortedSet<string>(StringComparer.Ordinal);
        var sinkPaths = new SortedSet<string>(StringComparer.Ordinal);
        var sinkTables = new SortedSet<string>(StringComparer.Ordinal);
        var buckets = new SortedSet<string>(StringComparer.Ordinal);
        var databases = new SortedSet<string>(StringComparer.Ordinal);
        var writtenBuckets = new SortedSet<string>(StringComparer.Ordinal);
        void Path(SortedSet<string>? into, string? uri, bool written = false)
        {
            if (uri is null || !uri.StartsWith("s3://", StringComparison.Ordinal))
            {
                return;
            }

            var rest = uri.Substring(5);
            var slash = rest.IndexOf('/');
            var bucket = slash < 0 ? rest : rest.Substring(0, slash);
            if (bucket.Length == 0)
            {
                return;
            }

            buckets.Add(bucket);
            if (written)
            {
                writtenBuckets.Add(bucket);
            }

            into?.Add(StackGraph.NormalizePath(uri));
        }

        foreach (var source in spec.Sources)
        {
            if (source.Kind == SourceKind.S3)
            {
                Path(sourcePaths, source.Path);
            }
            else
            {
                Path(sourcePaths, source.Location);
                if (source.Database is not null && source.Table is not null)
                {
                    sourceTables.Add(source.Database + "." + source.Table);
                }
            }
        }

        foreach (var stage in spec.Stages)
        {
            if (stage.Sink is { } sink)
            {
                Path(sinkPaths, sink.Path, written: true);
                Path(null, sink.QuarantinePath, written: true);
                sinkTables.Add(sink.Database + "." + sink.Table);
                databases.Add(sink.Database);
            }
        }

        return new StackPipeline(
            spec.Job.Name,
            spec.Job.Identifier,
            spec.Job.GlueVersion,
            spec.Job.Workers,
            string.IsNullOrWhiteSpace(spec.Job.Schedule) ? null : spec.Job.Schedule!.Trim(),
            new PipelineIo(spec.Job.Name, sourcePaths.ToEquatableArray(), sourceTables.ToEquatableArray(), sinkPaths.ToEquatableArray(), sinkTables.ToEquatableArray()),
            buckets.ToEquatableArray(),
            databases.ToEquatableArray())
        {
            // A job started by new data watches the prefixes of its S3 sources (and of catalog sources with a Location).
            NewDataPaths = spec.Job.StartsOnNewData ? sourcePaths.ToEquatableArray() : EquatableArray<string>.Empty,
            BatchSize = spec.Job.BatchSize,
            BatchWindowSeconds = spec.Job.BatchWindowSeconds,
            Owner = TagValue(spec.Job, "owner"),
            CostCenter = TagValue(spec.Job, "cost-center"),
            WrittenBuckets = writtenBuckets.ToEquatableArray(),
        };
    }

    /// <summary>A zone's declared key users (blank entries dropped), sorted and distinct.</summary>
    private static EquatableArray<string> Principals(AttributeData attribute, string name)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Kind == TypedConstantKind.Array && !pair.Value.IsNull)
            {
                foreach (var value in pair.Value.Values)
                {
                    if (NonEmpty(value.Value as string) is { } principal)
                    {
                        result.Add(principal);
                    }
                }
            }
        }

        return result.ToEquatableArray();
    }

    private static string? TagValue(JobSpec job, string key)
    {
        foreach (var tag in job.Tags)
        {
            if (string.Equals(tag.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return NonEmpty(tag.Value);
            }
        }

        return null;
    }

    private static string? Unanimous(List<StackPipeline> pipelines, Func<StackPipeline, string?> value)
    {
        string? result = null;
        foreach (var pipeline in pipelines)
        {
            var current = value(pipeline);
            if (current is null || (result is not null && result != current))
            {
                return null;
            }

            result = current;
        }

        return result;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value!.Trim();

    private static bool IsName(string? value)
    {
        if (string.IsNullOrEmpty(value) || value!.Length > 32 || !(value[0] >= 'a' && value[0] <= 'z'))
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSuffix(string value)
    {
        foreach (var c in value)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            {
                return false;
            }
        }

        return value.Length <= 20;
    }

    private static bool IsBucket(string? value) => value is not null && value.IndexOf('/') < 0 && Validation.S3Uri.TryValidate("s3://" + value + "/", out _) && value.IndexOf('.') < 0;
}

using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pipeline.Runner;

/// <summary>
/// A pipeline as the generator describes it for local runs (see <c>LocalPlanEmitter</c> in the generator):
/// sources with typed columns, one DuckDB query per stage, and sinks.
/// </summary>
public sealed record LocalPlan(
    int FormatVersion,
    string Job,
    string Class,
    bool Bookmarks,
    IReadOnlyList<LocalSource> Sources,
    IReadOnlyList<LocalStage> Stages)
{
    public const int SupportedFormatVersion = 1;

    public static LocalPlan Parse(string json)
    {
        var plan = JsonSerializer.Deserialize(json, RunnerJson.Default.LocalPlan)
            ?? throw new InvalidOperationException("The local plan is empty.");
        if (plan.FormatVersion != SupportedFormatVersion)
        {
            throw new InvalidOperationException(
                $"Pipeline '{plan.Job}' was built with local plan format {plan.FormatVersion}; this runner reads format {SupportedFormatVersion}. Rebuild with matching Pipeline packages.");
        }

        return plan;
    }

    public IEnumerable<LocalStage> Sinks
    {
        get
        {
            foreach (var stage in Stages)
            {
                if (stage.Sink is not null)
                {
                    yield return stage;
                }
            }
        }
    }
}

public sealed record LocalColumn(string Name, string Property, string Type, bool Nullable);

public sealed record LocalSource(
    string Name,
    string Relation,
    string Kind,
    string? Path,
    string Format,
    bool CsvHeader,
    string CsvDelimiter,
    string CsvQuote,
    string? Database,
    string? Table,
    string? Location,
    string? PushDownPredicate,
    bool Bookmarked,
    IReadOnlyList<LocalColumn> Columns)
{
    /// <summary>Every use of the source is on a join's lookup side (absent in the plan: false).</summary>
    public bool LookupOnly { get; init; }

    /// <summary><c>database.table</c> for catalog sources, else null.</summary>
    public string? CatalogName => Kind == "catalog" ? Database + "." + Table : null;
}

public sealed record LocalStage(
    string Name,
    string Relation,
    IReadOnlyList<string> Inputs,
    string Sql,
    IReadOnlyList<LocalColumn> Columns,
    LocalSink? Sink)
{
    /// <summary>
    /// An aggregate over an increment (absent otherwise): the output columns whose values in the run's batch name the
    /// groups recomputed from the full input (see <see cref="AggregateRecompute"/>).
    /// </summary>
    public IReadOnlyList<string>? RecomputeKeys { get; init; }
}

public sealed record LocalSink(
    string Path,
    string Format,
    string Compression,
    string Database,
    string Table,
    IReadOnlyList<string> PartitionKeys,
    string? RulesetName,
    string? Ruleset,
    string OnFailure,
    string? QuarantinePath)
{
    public string CatalogName => Database + "." + Table;

    /// <summary><c>overwritePartitions</c>, <c>overwrite</c> or <c>merge</c>; absent (null) for append.</summary>
    public string? WriteMode { get; init; }

    /// <summary><c>merge</c>: the key columns a later row replaces an earlier one by.</summary>
    public IReadOnlyList<string>? MergeKeys { get; init; }

    /// <summary><c>merge</c>: the stage's rows are already one per key (its plan ends in a DistinctBy or GroupBy on them).</summary>
    public bool MergeKeysUnique { get; init; }

    /// <summary><c>append</c>, <c>overwritePartitions</c>, <c>overwrite</c> or <c>merge</c>.</summary>
    [JsonIgnore]
    public string Mode => WriteMode ?? "append";
}

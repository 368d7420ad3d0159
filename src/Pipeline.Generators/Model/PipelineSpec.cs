using Pipeline.Generators.Helpers;

namespace Pipeline.Generators.Model;

/// <summary>
/// Everything the emitters need to know about one pipeline class.
/// </summary>
/// <remarks>
/// Type needs to be cacheable as a Roslyn incremental value, so it must be
/// 1) immutable and 2) implement structural (i.e. value) equality.
/// It holds no Location, SyntaxNode, ISymbol or Compilation (a test walks the graph to keep it so).
/// </remarks>
internal sealed record PipelineSpec(
    string Namespace,
    string ClassName,
    JobSpec Job,
    EquatableArray<SchemaSpec> Schemas,
    EquatableArray<SourceSpec> Sources,
    EquatableArray<StageSpec> Stages)
{
    /// <summary><c>global::Ns.Class</c>.</summary>
    public string FullyQualifiedName => Namespace.Length == 0 ? $"global::{ClassName}" : $"global::{Namespace}.{ClassName}";

    public SchemaSpec? FindSchema(string typeName)
    {
        foreach (var schema in Schemas)
        {
            if (schema.TypeName == typeName)
            {
                return schema;
            }
        }

        return null;
    }
}

/// <summary>Glue job settings. Enum-valued settings hold the exact Glue API string (e.g. <c>G.1X</c>, <c>STANDARD</c>).</summary>
internal sealed record JobSpec(
    string Name,
    string Description,
    string GlueVersion,
    string WorkerType,
    int Workers,
    bool AutoScaling,
    int TimeoutMinutes,
    int MaxRetries,
    int MaxConcurrentRuns,
    string ExecutionClass,
    bool Bookmarks,
    string? Schedule,
    EquatableArray<TagSpec> Tags)
{
    /// <summary>The name made safe for Python, Terraform and file names: <c>orders-daily</c> → <c>orders_daily</c>.</summary>
    public string Identifier => Naming.ToIdentifier(Name);

    /// <summary>
    /// How the job starts. <see cref="JobStartKind.OnSchedule"/> when <see cref="Schedule"/> is set, else on demand, unless
    /// the DSL says <c>Start = JobStart.OnNewData</c> (then <see cref="Schedule"/> is null).
    /// </summary>
    public JobStartKind Start { get; init; } = JobStartKind.Default;

    /// <summary>With <see cref="JobStartKind.OnNewData"/>: Glue's <c>event_batching_condition</c> (events per run, window in seconds).</summary>
    public int BatchSize { get; init; } = 1;

    public int BatchWindowSeconds { get; init; } = 900;

    /// <summary>True when new objects under the job's S3 source prefixes start it (an EVENT trigger in a workflow).</summary>
    public bool StartsOnNewData => Start == JobStartKind.OnNewData;
}

/// <summary>
/// <see cref="Default"/> keeps the behaviour before <c>Start</c> existed (scheduled with a schedule, else on demand), so
/// positional <see cref="JobSpec"/>s built without it stay equal to parsed ones that did not set it.
/// </summary>
internal enum JobStartKind
{
    Default,
    OnNewData,
}

internal sealed record TagSpec(string Key, string Value);

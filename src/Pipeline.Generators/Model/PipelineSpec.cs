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
}

internal sealed record TagSpec(string Key, string Value);

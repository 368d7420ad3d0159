using System.Collections.Generic;

namespace Pipeline.Dsl;

/// <summary>What the generator knows about one pipeline at run time: its job name and the artifacts written for it.</summary>
public sealed class PipelineDescriptor
{
    public PipelineDescriptor(string jobName, string className, IReadOnlyList<string> artifacts)
        : this(jobName, className, artifacts, null)
    {
    }

    public PipelineDescriptor(string jobName, string className, IReadOnlyList<string> artifacts, string? localPlan)
    {
        JobName = jobName;
        ClassName = className;
        Artifacts = artifacts;
        LocalPlan = localPlan;
    }

    /// <summary>The Glue job name.</summary>
    public string JobName { get; }

    /// <summary>The pipeline class, namespace-qualified.</summary>
    public string ClassName { get; }

    /// <summary>Paths of the artifacts relative to the artifacts folder, e.g. <c>glue/orders-daily.py</c>.</summary>
    public IReadOnlyList<string> Artifacts { get; }

    /// <summary>The pipeline as the local DuckDB runner executes it (JSON: sources, one SQL query per stage, sinks).</summary>
    public string? LocalPlan { get; }
}

/// <summary>Implemented by the generator on every <see cref="GlueJobAttribute"/> class.</summary>
public interface IGluePipeline
{
}

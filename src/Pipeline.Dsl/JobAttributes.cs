using System;

namespace Pipeline.Dsl;

/// <summary>Declares a class as an AWS Glue batch (Spark ETL) job. The class must be <c>partial</c>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class GlueJobAttribute : Attribute
{
    public GlueJobAttribute(string name) => Name = name;

    /// <summary>The Glue job name; also names the script, ruleset, dashboard and Terraform resources.</summary>
    public string Name { get; }

    public string? Description { get; set; }

    /// <summary>Glue version: "4.0" (default) or "5.0".</summary>
    public string GlueVersion { get; set; } = "4.0";

    public WorkerType WorkerType { get; set; } = WorkerType.G1X;

    /// <summary>Number of workers (the maximum when <see cref="AutoScaling"/> is on).</summary>
    public int Workers { get; set; } = 2;

    public bool AutoScaling { get; set; }

    /// <summary>Run timeout in minutes; required, 1..10079 (Glue rejects 7 days or more).</summary>
    public int TimeoutMinutes { get; set; }

    public int MaxRetries { get; set; }

    public int MaxConcurrentRuns { get; set; } = 1;

    public ExecutionClass ExecutionClass { get; set; } = ExecutionClass.Standard;

    /// <summary>Job bookmarks: bookmarked sources only read input not processed by an earlier successful run.</summary>
    public bool Bookmarks { get; set; } = true;

    /// <summary>An AWS cron expression, e.g. <c>cron(0 2 * * ? *)</c>; the job is on-demand when omitted.</summary>
    public string? Schedule { get; set; }
}

/// <summary>A tag applied to every AWS resource of the job.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class TagAttribute : Attribute
{
    public TagAttribute(string key, string value)
    {
        Key = key;
        Value = value;
    }

    public string Key { get; }

    public string Value { get; }
}

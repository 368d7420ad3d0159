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

    /// <summary>
    /// What starts the job. When omitted: <see cref="JobStart.OnSchedule"/> with a <see cref="Schedule"/>, else
    /// <see cref="JobStart.OnDemand"/>. <see cref="JobStart.OnNewData"/> starts it when objects are created under its S3
    /// source prefixes (a Glue workflow with an EVENT trigger fed by an EventBridge rule); it excludes a <see cref="Schedule"/>.
    /// </summary>
    public JobStart Start { get; set; }

    /// <summary>With <see cref="JobStart.OnNewData"/>: the number of new-object events (1..100) that start a run. Default 1.</summary>
    public int BatchSize { get; set; }

    /// <summary>
    /// With <see cref="JobStart.OnNewData"/>: seconds (1..900) after the first event after which a run starts even when fewer
    /// than <see cref="BatchSize"/> events arrived. Default 900 (Glue's default).
    /// </summary>
    public int BatchWindowSeconds { get; set; }
}

/// <summary>What starts a Glue job (<see cref="GlueJobAttribute.Start"/>).</summary>
public enum JobStart
{
    /// <summary>A scheduled trigger with <see cref="GlueJobAttribute.Schedule"/> (which is then required).</summary>
    OnSchedule,
    /// <summary>An on-demand trigger (<c>aws glue start-trigger</c>); no schedule.</summary>
    OnDemand,
    /// <summary>New objects under the job's S3 source prefixes (EventBridge "Object Created" events) start it.</summary>
    OnNewData,
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

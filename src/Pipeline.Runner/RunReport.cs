using System;
using System.Collections.Generic;
using Pipeline.Runner.Quality;

namespace Pipeline.Runner;

/// <summary>What one pipeline run did, for the summary and for tests.</summary>
public sealed class RunReport
{
    public RunReport(string job, string runId)
    {
        Job = job;
        RunId = runId;
    }

    public string Job { get; }

    public string RunId { get; }

    public RunOutcome Outcome { get; set; } = RunOutcome.Succeeded;

    public string? Error { get; set; }

    public string? Recovery { get; set; }

    /// <summary>The run failed after its commit point: its publish is completed by the next start, not undone.</summary>
    public bool PublishPending { get; set; }

    /// <summary>Something worth telling that is not an error (e.g. nothing new to process).</summary>
    public string? Note { get; set; }

    public List<SourceResult> Sources { get; } = new();

    public List<StageResult> Stages { get; } = new();

    public List<SinkResult> Sinks { get; } = new();

    public TimeSpan Duration { get; set; }
}

public enum RunOutcome
{
    Succeeded,
    /// <summary>Quality rules failed with the Fail action: nothing was published, state did not advance.</summary>
    QualityFailed,
    Failed,
    /// <summary>Not run because a pipeline it depends on did not succeed.</summary>
    Skipped,
    /// <summary>Not run because another run held the output's lock (and the caller did not wait).</summary>
    Busy,
}

public sealed record StageResult(string Name, long Rows);

public sealed record SinkResult(string Name, string Directory, string Action, long RowsWritten, long RowsQuarantined, string? QuarantineDirectory, QualityReport? Quality);

using System;
using Pipeline.Dsl;

namespace MinimalLake;

/// <summary>One pipeline and nothing else: the stack (zones, environments, default tags) is all defaults.</summary>
[GlueJob("clicks-daily", Schedule = "cron(30 3 * * ? *)", Workers = 2, TimeoutMinutes = 30)]
[Tag("owner", "web-analytics")]
[Tag("cost-center", "cc-4711")]
public sealed partial class ClicksDaily
{
    [S3Source("s3://minimal-landing/clicks/", Format = DataFormat.Json)]
    public partial Dataset<RawClick> Clicks { get; }

    [Transform]
    public Dataset<Click> Clean(Dataset<RawClick> clicks) =>
        clicks.Where(c => c.Url != null)
              .Select(c => new Click { SessionId = c.SessionId, Url = c.Url!.Trim(), ClickedAt = c.ClickedAt, Day = DateOnly.FromDateTime(c.ClickedAt) });

    [S3Sink("s3://minimal-lake/clicks/", Database = "web", Table = "clicks")]
    [PartitionBy("Day")]
    [Quality("RowCount > 0")]
    public Dataset<Click> Curated(Dataset<Click> clean) => clean;
}

public sealed record RawClick
{
    public required string SessionId { get; init; }

    public string? Url { get; init; }

    public DateTime ClickedAt { get; init; }
}

public sealed record Click
{
    public required string SessionId { get; init; }

    public required string Url { get; init; }

    public DateTime ClickedAt { get; init; }

    public DateOnly Day { get; init; }
}

using System.Linq;
using System.Threading;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;
using Pipeline.Generators.Parsing;
using Xunit;

namespace Pipeline.Generators.Tests;

/// <summary><c>Start = JobStart.OnNewData</c> (event triggers) and <c>[PartitionProjection]</c>: parsed into the model, or rejected under PIPE000.</summary>
public class StartAndProjectionParserTests
{
    private static string Job(string jobArgs = "TimeoutMinutes = 10", string sinkAttributes = "", string source = "[S3Source(\"s3://bucket-a/in/\")]") => $$"""
        using System;
        using Pipeline.Dsl;
        namespace T;
        public sealed record Row { public string? Id { get; init; } public int Year { get; init; } public int Month { get; init; } public string? Day { get; init; } public DateOnly OrderDate { get; init; } public string? Region { get; init; } }
        [GlueJob("t-job", {{jobArgs}})]
        public partial class P
        {
            {{source}}
            public partial Dataset<Row> Input { get; }
            [S3Sink("s3://bucket-b/out/", Database = "db")]
            {{sinkAttributes}}
            public Dataset<Row> Result(Dataset<Row> input) => input;
        }
        """;

    private static (PipelineSpec? Spec, string[] Problems) Parse(string source)
    {
        var compilation = GeneratorHarness.Compile(source);
        var type = compilation.GetTypeByMetadataName("T.P")!;
        var result = PipelineParser.Parse(type, compilation.GetSemanticModel(type.DeclaringSyntaxReferences[0].SyntaxTree), CancellationToken.None);
        return (result.Spec, result.Problems.Select(p => p.RuleId + ": " + p.Message).ToArray());
    }

    private static void AssertRejected(string source, string fragment)
    {
        var (spec, problems) = Parse(source);
        Assert.Null(spec);
        var problem = Assert.Single(problems);
        Assert.StartsWith("PIPE000: ", problem);
        Assert.Contains(fragment, problem);
    }

    // ------------------------------------------------------------ start

    [Fact]
    public void Omitted_start_keeps_the_schedule_or_on_demand_behaviour()
    {
        var (scheduled, problems) = Parse(Job("TimeoutMinutes = 10, Schedule = \"cron(0 2 * * ? *)\""));
        Assert.Empty(problems);
        Assert.Equal(JobStartKind.Default, scheduled!.Job.Start);
        Assert.Equal("cron(0 2 * * ? *)", scheduled.Job.Schedule);
        var (explicitSchedule, _) = Parse(Job("TimeoutMinutes = 10, Start = JobStart.OnSchedule, Schedule = \"cron(0 2 * * ? *)\""));
        Assert.Equal(scheduled, explicitSchedule);
        var (onDemand, _) = Parse(Job("TimeoutMinutes = 10, Start = JobStart.OnDemand"));
        Assert.Equal(Parse(Job()).Spec, onDemand);
    }

    [Fact]
    public void On_new_data_is_parsed_with_its_batching()
    {
        var (spec, problems) = Parse(Job("TimeoutMinutes = 10, Start = JobStart.OnNewData, BatchSize = 10, BatchWindowSeconds = 300"));
        Assert.Empty(problems);
        Assert.True(spec!.Job.StartsOnNewData);
        Assert.Null(spec.Job.Schedule);
        Assert.Equal((10, 300), (spec.Job.BatchSize, spec.Job.BatchWindowSeconds));
        var (defaults, _) = Parse(Job("TimeoutMinutes = 10, Start = JobStart.OnNewData"));
        Assert.Equal((1, 900), (defaults!.Job.BatchSize, defaults.Job.BatchWindowSeconds));
        var summary = StackParser.Summarize(spec);
        Assert.Equal(new[] { "s3://bucket-a/in/" }, summary.NewDataPaths);
        Assert.Equal(10, summary.BatchSize);
    }

    [Fact]
    public void On_new_data_accepts_a_catalog_source_with_a_location() =>
        Assert.Empty(Parse(Job("TimeoutMinutes = 10, Start = JobStart.OnNewData", source: "[CatalogSource(\"db\", \"t\", Location = \"s3://bucket-a/t/\")]")).Problems);

    [Theory]
    [InlineData("Start = JobStart.OnNewData, Schedule = \"cron(0 2 * * ? *)\"", "cannot also have a Schedule")]
    [InlineData("Start = JobStart.OnSchedule", "needs a Schedule")]
    [InlineData("Start = JobStart.OnDemand, Schedule = \"cron(0 2 * * ? *)\"", "OnDemand cannot have a Schedule")]
    [InlineData("BatchSize = 5", "BatchSize only applies to Start = OnNewData")]
    [InlineData("Start = JobStart.OnNewData, BatchSize = 101", "BatchSize must be between 1 and 100")]
    [InlineData("Start = JobStart.OnNewData, BatchWindowSeconds = 0", "BatchWindowSeconds must be between 1 and 900")]
    [InlineData("Start = JobStart.OnNewData, BatchWindowSeconds = 901", "BatchWindowSeconds must be between 1 and 900")]
    public void Invalid_start_settings_are_pipe000(string args, string fragment) => AssertRejected(Job("TimeoutMinutes = 10, " + args), fragment);

    [Fact]
    public void On_new_data_needs_an_s3_prefix() =>
        AssertRejected(Job("TimeoutMinutes = 10, Start = JobStart.OnNewData", source: "[CatalogSource(\"db\", \"t\")]"), "needs an S3 source");

    // ------------------------------------------------------------ partition projection

    [Fact]
    public void Projection_is_parsed_in_partition_key_order_with_column_names()
    {
        var (spec, problems) = Parse(Job(sinkAttributes: """
            [PartitionBy("Region", "Year", "Day", "OrderDate")]
            [PartitionProjection("OrderDate", ProjectionType.Date, Range = "2024-01-01, NOW", Format = "yyyy-MM-dd", IntervalUnit = "days")]
            [PartitionProjection("Year", ProjectionType.Integer, Range = "2020,2035")]
            [PartitionProjection("day", ProjectionType.Integer, Range = "1,31", Digits = 2)]
            [PartitionProjection("Region", ProjectionType.Enum, Values = new[] { "eu", "us" })]
            """));
        Assert.Empty(problems);
        var projection = spec!.Stages.Single(s => s.Sink is not null).Sink!.Projection;
        Assert.Equal(
            new[]
            {
                new PartitionProjectionSpec("region", ProjectionKind.Enum, null, 0, null, null, new[] { "eu", "us" }.ToEquatableArray()),
                new PartitionProjectionSpec("year", ProjectionKind.Integer, "2020,2035", 0, null, null, EquatableArray<string>.Empty),
                new PartitionProjectionSpec("day", ProjectionKind.Integer, "1,31", 2, null, null, EquatableArray<string>.Empty),
                new PartitionProjectionSpec("order_date", ProjectionKind.Date, "2024-01-01, NOW", 0, "yyyy-MM-dd", "DAYS", EquatableArray<string>.Empty),
            },
            projection);
    }

    [Fact]
    public void Without_projection_the_sink_has_none() =>
        Assert.True(Parse(Job(sinkAttributes: "[PartitionBy(\"Year\")]")).Spec!.Stages.Single().Sink!.Projection.IsEmpty);

    [Theory]
    [InlineData("[PartitionBy(\"Year\")][PartitionProjection(\"Month\", ProjectionType.Integer, Range = \"1,12\")]", "'Month' is not a partition key")]
    [InlineData("[PartitionBy(\"Year\")][PartitionProjection(\"Year\", ProjectionType.Integer, Range = \"2035,2020\")]", "is empty")]
    [InlineData("[PartitionBy(\"Year\")][PartitionProjection(\"Year\", ProjectionType.Integer, Range = \"2020\")]", "Range must be \"min,max\"")]
    [InlineData("[PartitionBy(\"Year\")][PartitionProjection(\"Year\", ProjectionType.Integer)]", "Range must be \"min,max\"")]
    [InlineData("[PartitionBy(\"Month\")][PartitionProjection(\"Month\", ProjectionType.Integer, Range = \"1,12\", Digits = 2)]", "unpadded")]
    [InlineData("[PartitionBy(\"Year\", \"Month\")][PartitionProjection(\"Year\", ProjectionType.Integer, Range = \"2020,2035\")]", "'month' has no [PartitionProjection]")]
    [InlineData("[PartitionBy(\"Year\")][PartitionProjection(\"Year\", ProjectionType.Integer, Range = \"1,2\")][PartitionProjection(\"year\", ProjectionType.Integer, Range = \"1,2\")]", "more than one projection")]
    [InlineData("[PartitionBy(\"OrderDate\")][PartitionProjection(\"OrderDate\", ProjectionType.Date, Range = \"2024-01-01,NOW\")]", "needs a Format")]
    [InlineData("[PartitionBy(\"OrderDate\")][PartitionProjection(\"OrderDate\", ProjectionType.Date, Range = \"2024-01-01,NOW\", Format = \"yyyy/MM/dd\")]", "use that Format")]
    [InlineData("[PartitionBy(\"OrderDate\")][PartitionProjection(\"OrderDate\", ProjectionType.Date, Range = \"2024-01-01\", Format = \"yyyy-MM-dd\")]", "Range must be \"start,end\"")]
    [InlineData("[PartitionBy(\"OrderDate\")][PartitionProjection(\"OrderDate\", ProjectionType.Date, Range = \"2024-01-01,NOW\", Format = \"yyyy-MM-dd\", IntervalUnit = \"FORTNIGHTS\")]", "IntervalUnit must be one of")]
    [InlineData("[PartitionBy(\"Year\")][PartitionProjection(\"Year\", ProjectionType.Date, Range = \"2024-01-01,NOW\", Format = \"yyyy\")]", "needs a date or string column")]
    [InlineData("[PartitionBy(\"Region\")][PartitionProjection(\"Region\", ProjectionType.Enum)]", "needs Values")]
    [InlineData("[PartitionBy(\"Region\")][PartitionProjection(\"Region\", ProjectionType.Enum, Values = new[] { \"a,b\" })]", "no comma")]
    public void Invalid_projections_are_pipe000(string attributes, string fragment) => AssertRejected(Job(sinkAttributes: attributes), fragment);
}

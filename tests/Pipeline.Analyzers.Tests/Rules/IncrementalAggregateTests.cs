using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.PipelineStructureAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

/// <summary>PIPE108: an aggregate over an increment must write to a sink that replaces the groups it recomputes.</summary>
public class IncrementalAggregateTests
{
    private static string Daily(string sink, string source = """S3Source("s3://acme-raw/orders/")""", string job = Sources.GoodJob, string sinkName = "Daily", string body = "") =>
        Sources.Job(glueJob: job, body: $$"""
        [{{source}}]
        public partial Dataset<RawOrder> Orders { get; }

        [Transform]
        public Dataset<Order> Revenue(Dataset<RawOrder> orders) =>
            orders.GroupBy(o => o.CreatedAt, (k, g) => new Order { Id = "day", OrderDate = k, Amount = g.Sum(x => x.Amount) }){{body}};

        [{{sink}}]
        [PartitionBy(nameof(Order.OrderDate))]
        public Dataset<Order> {{sinkName}}(Dataset<Order> revenue) => revenue;
    """);

    [Fact]
    public Task PIPE108_appending_aggregate_over_an_increment() =>
        Verifier.VerifyAsync(Daily("""S3Sink("s3://acme-analytics/daily/")""", sinkName: "{|PIPE108:Daily|}"));

    [Fact]
    public Task Overwriting_group_key_partitions_recomputes_them() =>
        Verifier.VerifyAsync(Daily("""S3Sink("s3://acme-analytics/daily/", Mode = WriteMode.OverwritePartitions)"""));

    [Fact]
    public Task Merging_on_a_group_key_recomputes_it() =>
        Verifier.VerifyAsync(Daily("""S3Sink("s3://acme-analytics/daily/", Mode = WriteMode.Merge, Key = nameof(Order.OrderDate))"""));

    [Fact]
    public Task PIPE108_merge_key_is_not_a_group_key() =>
        Verifier.VerifyAsync(Daily("""S3Sink("s3://acme-analytics/daily/", Mode = WriteMode.Merge, Key = nameof(Order.Id))""", sinkName: "{|PIPE108:Daily|}"));

    [Fact]
    public Task PIPE108_overwriting_the_whole_sink() =>
        Verifier.VerifyAsync(Daily("""S3Sink("s3://acme-analytics/daily/", Mode = WriteMode.Overwrite)""", sinkName: "{|PIPE108:Daily|}"));

    [Fact]
    public Task A_reference_source_is_read_whole_so_any_mode_is_right() =>
        Verifier.VerifyAsync(Daily("""S3Sink("s3://acme-analytics/daily/", Mode = WriteMode.Overwrite)""", source: """S3Source("s3://acme-raw/orders/", Role = SourceRole.Reference)"""));

    [Fact]
    public Task A_job_without_bookmarks_reads_everything() =>
        Verifier.VerifyAsync(Daily("""S3Sink("s3://acme-analytics/daily/")""", job: """GlueJob("orders-daily", TimeoutMinutes = 60, Workers = 10, Bookmarks = false)"""));

    [Fact]
    public Task PIPE108_group_by_that_is_not_the_whole_stage() =>
        Verifier.VerifyAsync(Daily("""S3Sink("s3://acme-analytics/daily/", Mode = WriteMode.OverwritePartitions)""", body: ".Where(r => r.Amount > 0)")
            .Replace("public Dataset<Order> Revenue(", "public Dataset<Order> {|PIPE108:Revenue|}("));
}

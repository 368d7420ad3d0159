using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.RetrySafetyAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

public class RetrySafetyAnalyzerTests
{
    private static string Job(string glueJob, string sink) => Sources.Job(glueJob: glueJob, body: $$"""
        [S3Source("s3://acme-raw/orders/")]
        public partial Dataset<RawOrder> Orders { get; }

        [{{sink}}]
        [PartitionBy(nameof(Order.OrderDate))]
        public Dataset<Order> {{(sink.Contains("Mode") ? "Curated" : "{|PIPE010:Curated|}")}}(Dataset<RawOrder> orders) =>
            orders.Select(o => new Order { Id = o.OrderId, Amount = o.Amount, OrderDate = o.CreatedAt });
    """);

    [Fact]
    public Task No_retries_no_warning() => Verifier.VerifyAsync(Sources.Job());

    [Fact]
    public Task PIPE010_retries_with_an_appending_sink() =>
        Verifier.VerifyAsync(Job("""GlueJob("orders-daily", TimeoutMinutes = 60, Workers = 10, MaxRetries = 2)""", """S3Sink("s3://acme-curated/orders/", Database = "sales", Table = "orders")"""));

    [Fact]
    public Task PIPE010_retries_with_append_written_out() =>
        Verifier.VerifyAsync(Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, Workers = 10, MaxRetries = 1)""", body: """
            [S3Source("s3://acme-raw/orders/")]
            public partial Dataset<RawOrder> Orders { get; }

            [S3Sink("s3://acme-curated/orders/", Database = "sales", Table = "orders", Mode = {|PIPE010:WriteMode.Append|})]
            public Dataset<Order> Curated(Dataset<RawOrder> orders) =>
                orders.Select(o => new Order { Id = o.OrderId, Amount = o.Amount, OrderDate = o.CreatedAt });
        """));

    [Fact]
    public Task Retries_with_an_overwrite_mode_are_safe() =>
        Verifier.VerifyAsync(Job("""GlueJob("orders-daily", TimeoutMinutes = 60, Workers = 10, MaxRetries = 2)""", """S3Sink("s3://acme-curated/orders/", Database = "sales", Table = "orders", Mode = WriteMode.OverwritePartitions)"""));

    [Fact]
    public Task Retries_with_a_merge_sink_are_safe() =>
        Verifier.VerifyAsync(Job("""GlueJob("orders-daily", TimeoutMinutes = 60, Workers = 10, MaxRetries = 2)""", """S3Sink("s3://acme-curated/orders/", Database = "sales", Table = "orders", Mode = WriteMode.Merge, Key = nameof(Order.Id))"""));
}

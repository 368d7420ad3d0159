using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.PipelineStructureAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

public class SourceRoleAnalyzerTests
{
    private static string JoinJob(string lookupAttribute, string lookupName = "Refunds", string ordersAttribute = """S3Source("s3://acme-raw/orders/")""") => Sources.Job(body: $$"""
        [{{ordersAttribute}}]
        public partial Dataset<RawOrder> Orders { get; }

        [{{lookupAttribute}}]
        public partial Dataset<RawOrder> {{lookupName}} { get; }

        [S3Sink("s3://acme-curated/orders/", Database = "sales", Table = "orders")]
        public Dataset<Order> Curated(Dataset<RawOrder> orders, Dataset<RawOrder> refunds) =>
            orders.Join(refunds, o => o.OrderId, r => r.OrderId, (o, r) => new Order { Id = o.OrderId, Amount = o.Amount - r.Amount, OrderDate = o.CreatedAt });
    """);

    [Fact]
    public Task A_lookup_side_left_to_the_default_is_a_reference_and_not_reported() =>
        Verifier.VerifyAsync(JoinJob("""S3Source("s3://acme-raw/refunds/")"""));

    [Fact]
    public Task A_lookup_side_declared_a_reference_is_not_reported() =>
        Verifier.VerifyAsync(JoinJob("""S3Source("s3://acme-raw/refunds/", Role = SourceRole.Reference)"""));

    [Fact]
    public Task PIPE056_lookup_side_declared_an_increment() =>
        Verifier.VerifyAsync(JoinJob("""S3Source("s3://acme-raw/refunds/", Role = SourceRole.Increment)""", lookupName: "{|PIPE056:Refunds|}"));

    [Fact]
    public Task PIPE056_catalog_lookup_side_with_Bookmarked_true_written_out() =>
        Verifier.VerifyAsync(JoinJob("""CatalogSource("sales", "refunds", Bookmarked = true)""", lookupName: "{|PIPE056:Refunds|}"));

    [Fact]
    public Task The_driving_side_declared_an_increment_is_not_reported() =>
        Verifier.VerifyAsync(JoinJob("""S3Source("s3://acme-raw/refunds/")""", ordersAttribute: """S3Source("s3://acme-raw/orders/", Role = SourceRole.Increment)"""));
}

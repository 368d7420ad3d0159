using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.PartitionKeyAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

public class PartitionKeyAnalyzerTests
{
    [Fact]
    public Task Property_and_column_names_are_accepted() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Sink("s3://acme-curated/orders/")]
        [PartitionBy(nameof(Order.OrderDate), "region_code")]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));

    [Fact]
    public Task PIPE018_same_column_twice_by_property_and_column_name() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Sink("s3://acme-curated/orders/")]
        [PartitionBy(nameof(Order.OrderDate), "region_code", {|PIPE018:"Region"|}, {|PIPE018:"order_date"|})]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));

    [Fact]
    public Task PIPE018_unknown_key_is_reported_on_its_argument() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Sink("s3://acme-curated/orders/")]
        [PartitionBy(nameof(Order.OrderDate), {|PIPE018:"Country"|})]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));

    [Fact]
    public Task PIPE018_non_primitive_key() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Sink("s3://acme-curated/orders/")]
        [PartitionBy({|PIPE018:nameof(Order.ShipTo)|}, {|PIPE018:"labels"|})]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));

    [Fact]
    public Task PIPE018_inside_an_explicit_array() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Sink("s3://acme-curated/orders/")]
        [PartitionBy(new[] { "order_date", {|PIPE018:"nope"|} })]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));
}

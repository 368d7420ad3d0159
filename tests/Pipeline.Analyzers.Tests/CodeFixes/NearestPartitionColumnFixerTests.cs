using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.CodeFixes.CodeFixVerifier<Pipeline.Analyzers.Rules.PartitionKeyAnalyzer, Pipeline.CodeFixes.NearestPartitionColumnFixer>;

namespace Pipeline.Analyzers.Tests.CodeFixes;

public class NearestPartitionColumnFixerTests
{
    [Fact]
    public Task PIPE018_typo_becomes_nameof_the_nearest_column() => Verifier.VerifyAsync(
        Body("""[PartitionBy({|PIPE018:"OrderDat"|})]"""),
        Body("""[PartitionBy(nameof(Order.OrderDate))]"""));

    [Fact]
    public Task PIPE018_snake_case_spelling_of_a_renamed_column_becomes_nameof() => Verifier.VerifyAsync(
        Body("""[PartitionBy({|PIPE018:"ordr_date"|})]"""),
        Body("""[PartitionBy(nameof(Order.OrderDate))]"""));

    [Fact]
    public Task Fix_all_corrects_every_key_to_its_own_nearest_column() => Verifier.VerifyAsync(
        Body("""[PartitionBy({|PIPE018:"Regon"|}, {|PIPE018:"OrderDat"|})]"""),
        Body("""[PartitionBy(nameof(Order.Region), nameof(Order.OrderDate))]"""));

    [Fact]
    public Task PIPE018_without_a_near_column_has_no_fix() => Verifier.VerifyNoFixAsync(
        Body("""[PartitionBy(nameof(Order.OrderDate), {|PIPE018:"Country"|})]"""));

    [Fact]
    public Task PIPE018_on_a_non_primitive_column_has_no_fix() => Verifier.VerifyNoFixAsync(
        Body("""[PartitionBy({|PIPE018:"ShipTo"|})]"""));

    [Fact]
    public Task PIPE018_on_a_key_listed_twice_has_no_fix() => Verifier.VerifyNoFixAsync(
        Body("""[PartitionBy(nameof(Order.OrderDate), {|PIPE018:"order_date"|})]"""));

    private static string Body(string partitionBy) => Sources.Job(body: $$"""
            [S3Source("s3://acme-raw/orders/")]
            public partial Dataset<RawOrder> Orders { get; }

            [S3Sink("s3://acme-curated/orders/", Database = "sales", Table = "orders")]
            {{partitionBy}}
            public Dataset<Order> Curated(Dataset<RawOrder> orders) =>
                orders.Select(o => new Order { Id = o.OrderId, Amount = o.Amount, OrderDate = o.CreatedAt });
        """);
}

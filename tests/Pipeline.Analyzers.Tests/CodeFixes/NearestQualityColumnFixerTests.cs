using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.CodeFixes.CodeFixVerifier<Pipeline.Analyzers.Rules.QualityRulesAnalyzer, Pipeline.CodeFixes.NearestQualityColumnFixer>;

namespace Pipeline.Analyzers.Tests.CodeFixes;

public class NearestQualityColumnFixerTests
{
    [Fact]
    public Task PIPE022_property_name_becomes_its_column_name() => Verifier.VerifyAsync(
        Body("""[Quality("IsComplete {|PIPE022:OrderDate|}")]"""),
        Body("""[Quality("IsComplete order_date")]"""));

    [Fact]
    public Task PIPE022_typo_becomes_the_nearest_column_including_Column_overrides() => Verifier.VerifyAsync(
        Body("""[Quality("IsComplete {|PIPE022:region_cod|}")]"""),
        Body("""[Quality("IsComplete region_code")]"""));

    [Fact]
    public Task Fix_all_corrects_every_rule_of_the_ruleset() => Verifier.VerifyAsync(
        Body("""[Quality("IsComplete {|PIPE022:OrderDate|}, ColumnValues {|PIPE022:amout|} > 0")]"""),
        Body("""[Quality("IsComplete order_date, ColumnValues amount > 0")]"""));

    [Fact]
    public Task PIPE022_without_a_near_column_has_no_fix() => Verifier.VerifyNoFixAsync(
        Body("""[Quality("RowCount > 0, Uniqueness id {|PIPE022:customer_id|} > 0.9")]"""));

    private static string Body(string quality) => Sources.Job(body: $$"""
            [S3Source("s3://acme-raw/orders/")]
            public partial Dataset<RawOrder> Orders { get; }

            [S3Sink("s3://acme-curated/orders/", Database = "sales", Table = "orders")]
            {{quality}}
            public Dataset<Order> Curated(Dataset<RawOrder> orders) =>
                orders.Select(o => new Order { Id = o.OrderId, Amount = o.Amount, OrderDate = o.CreatedAt });
        """);
}

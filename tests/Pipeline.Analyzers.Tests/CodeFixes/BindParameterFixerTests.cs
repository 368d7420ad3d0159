using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.CodeFixes.CodeFixVerifier<Pipeline.Analyzers.Rules.PipelineStructureAnalyzer, Pipeline.CodeFixes.BindParameterFixer>;

namespace Pipeline.Analyzers.Tests.CodeFixes;

public class BindParameterFixerTests
{
    [Fact]
    public Task PIPE101_parameter_is_renamed_to_the_source_with_its_uses() => Verifier.VerifyAsync(
        Sources.Job().Replace("Curated(Dataset<RawOrder> orders) =>\n        orders.", "Curated(Dataset<RawOrder> {|PIPE101:order|}) =>\n        order."),
        Sources.Job());

    [Fact]
    public Task Fix_all_binds_every_stage_parameter_to_its_nearest_member() => Verifier.VerifyAsync(
        Pipeline("Dataset<RawOrder> {|PIPE101:ordrs|}", "ordrs", "Dataset<RawOrder> {|PIPE101:raw|}", "raw"),
        Pipeline("Dataset<RawOrder> orders", "orders", "Dataset<RawOrder> orders", "orders"));

    [Fact]
    public Task PIPE101_without_a_member_of_the_same_type_has_no_fix() => Verifier.VerifyNoFixAsync(
        Sources.Job().Replace("Curated(Dataset<RawOrder> orders) =>\n        orders.Select(o => new Order { Id = o.OrderId, Amount = o.Amount, OrderDate = o.CreatedAt });",
            "Curated(Dataset<Order> {|PIPE101:orders|}) =>\n        orders;"));

    private static string Pipeline(string first, string firstUse, string second, string secondUse) => Sources.Job(body: $$"""
            [S3Source("s3://acme-raw/orders/")]
            public partial Dataset<RawOrder> Orders { get; }

            [Transform]
            public Dataset<RawOrder> Positive({{first}}) => {{firstUse}}.Where(o => o.Amount > 0);

            [S3Sink("s3://acme-curated/orders/", Database = "sales", Table = "orders")]
            public Dataset<Order> Curated({{second}}) =>
                {{secondUse}}.Select(o => new Order { Id = o.OrderId, Amount = o.Amount, OrderDate = o.CreatedAt });
        """);
}

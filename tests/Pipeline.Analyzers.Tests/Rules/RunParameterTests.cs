using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.PipelineStructureAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

/// <summary>PIPE109: run parameters in a catalog source's push-down predicate, reported at the predicate.</summary>
public class RunParameterTests
{
    private static string Predicate(string predicate) => Sources.Job(body: $$"""
        [CatalogSource("retail", "orders", PushDownPredicate = {{predicate}})]
        public partial Dataset<RawOrder> Orders { get; }

        [S3Sink("s3://acme-curated/orders/", Database = "sales", Table = "orders")]
        public Dataset<Order> Curated(Dataset<RawOrder> orders) =>
            orders.Select(o => new Order { Id = o.OrderId, Amount = o.Amount, OrderDate = o.CreatedAt });
    """);

    [Theory]
    [InlineData("\"year = '{RunDate:yyyy}' AND month = '{RunDate:MM}'\"")]
    [InlineData("\"order_date >= '{RunDate-7d:yyyy-MM-dd}' AND order_date < '{RunDate+1d:yyyy/MM/dd}'\"")]
    [InlineData("\"year = 2024\"")]
    public Task Valid_predicates_have_no_problem(string predicate) => Verifier.VerifyAsync(Predicate(predicate));

    [Theory]
    [InlineData("\"year = '{RunDate:YYYY}'\"")]           // not a format
    [InlineData("\"day = '{Today:dd}'\"")]                // unknown parameter
    [InlineData("\"day = '{RunDate}'\"")]                 // no format
    [InlineData("\"day = '{RunDate-1:dd}'\"")]            // a shift needs its unit
    [InlineData("\"day = '{RunDate-0d:dd}'\"")]           // and at least one day
    [InlineData("\"day = '{RunDate:dd'\"")]               // not closed
    [InlineData("\"day = 'RunDate:dd}'\"")]               // closes nothing
    public Task PIPE109_invalid_run_parameter(string predicate) => Verifier.VerifyAsync(Predicate("{|PIPE109:" + predicate + "|}"));
}

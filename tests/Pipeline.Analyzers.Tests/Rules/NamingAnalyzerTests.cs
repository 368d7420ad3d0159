using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.NamingAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

public class NamingAnalyzerTests
{
    [Fact]
    public Task Valid_names_are_fine() => Verifier.VerifyAsync(Sources.Job(body: """
        [CatalogSource("raw_db", "orders_v2")]
        public partial Dataset<RawOrder> Orders { get; }
    """));

    [Fact]
    public Task PIPE037_job_name_with_space() => Verifier.VerifyAsync(Sources.Job(
        glueJob: """GlueJob({|PIPE037:"orders daily"|}, TimeoutMinutes = 60)"""));

    [Fact]
    public Task PIPE037_uppercase_catalog_names() => Verifier.VerifyAsync(Sources.Job(body: """
        [CatalogSource({|PIPE037:"RawDb"|}, table: {|PIPE037:"orders-v2"|})]
        public partial Dataset<RawOrder> Orders { get; }
    """));

    [Fact]
    public Task PIPE037_sink_table() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Sink("s3://acme-curated/orders/", Database = "sales", Table = {|PIPE037:"1orders"|})]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));
}

using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.S3UriAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

public class S3UriAnalyzerTests
{
    [Fact]
    public Task Valid_uris_are_fine() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Source("s3://acme-raw/orders/")]
        public partial Dataset<RawOrder> Orders { get; }

        [CatalogSource("raw_db", "customers", Location = "s3://acme-raw/customers/")]
        public partial Dataset<RawOrder> Customers { get; }

        [S3Sink("s3://acme-curated/orders/")]
        [OnQualityFailure(QualityAction.Quarantine, QuarantinePath = "s3://acme-quarantine/orders/")]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));

    [Fact]
    public Task PIPE038_on_every_attribute() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Source({|PIPE038:"s3a://acme-raw/orders/"|})]
        public partial Dataset<RawOrder> Orders { get; }

        [CatalogSource("raw_db", "customers", Location = {|PIPE038:"s3://acme.raw/customers/"|})]
        public partial Dataset<RawOrder> Customers { get; }

        [S3Sink({|PIPE038:"s3://acme-curated/orders/*.parquet"|})]
        [OnQualityFailure(QualityAction.Quarantine, QuarantinePath = {|PIPE038:"https://acme-quarantine/orders/"|})]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));
}

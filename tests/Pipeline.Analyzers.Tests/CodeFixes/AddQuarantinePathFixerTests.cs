using System.Threading.Tasks;
using Pipeline.CodeFixes;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.CodeFixes.CodeFixVerifier<Pipeline.Analyzers.Rules.PipelineStructureAnalyzer, Pipeline.CodeFixes.AddQuarantinePathFixer>;

namespace Pipeline.Analyzers.Tests.CodeFixes;

public class AddQuarantinePathFixerTests
{
    [Fact]
    public Task PIPE104_quarantine_goes_beside_the_sink_in_its_bucket() => Verifier.VerifyAsync(
        Job("[S3Sink(\"s3://acme-curated/orders/\")]", "[OnQualityFailure({|PIPE104:QualityAction.Quarantine|})]"),
        Job("[S3Sink(\"s3://acme-curated/orders/\")]", "[OnQualityFailure(QualityAction.Quarantine, QuarantinePath = \"s3://acme-curated/quarantine/orders/\")]"));

    [Fact]
    public Task A_sink_path_from_a_constant_is_followed() => Verifier.VerifyAsync(
        Job("[S3Sink(CuratedRoot + \"daily\")]", "[OnQualityFailure({|PIPE104:QualityAction.Quarantine|})]"),
        Job("[S3Sink(CuratedRoot + \"daily\")]", "[OnQualityFailure(QualityAction.Quarantine, QuarantinePath = \"s3://acme-curated/quarantine/orders/daily/\")]"));

    [Fact]
    public Task Fix_all_sets_the_path_of_every_quarantining_sink() => Verifier.VerifyAsync(
        TwoSinks("[OnQualityFailure({|PIPE104:QualityAction.Quarantine|})]", "[OnQualityFailure({|PIPE104:QualityAction.Quarantine|})]"),
        TwoSinks(
            "[OnQualityFailure(QualityAction.Quarantine, QuarantinePath = \"s3://acme-curated/quarantine/orders/\")]",
            "[OnQualityFailure(QualityAction.Quarantine, QuarantinePath = \"s3://acme-analytics/quarantine/big-orders/\")]"));

    [Theory]
    [InlineData("s3://bkt/k/", "s3://bkt/quarantine/k/")]
    [InlineData("s3://bkt/a/b", "s3://bkt/quarantine/a/b/")]
    [InlineData("s3://bkt", "s3://bkt/quarantine/")]
    [InlineData("s3://bkt/", "s3://bkt/quarantine/")]
    [InlineData("https://bkt/k/", null)]
    [InlineData("s3:///k", null)]
    [InlineData("s3://Bad_Bucket/k/", null)]
    public void Quarantine_path_of_a_sink(string sink, string? expected) =>
        Assert.Equal(expected, AddQuarantinePathFixer.QuarantinePath(sink));

    private static string Job(string sink, string onFailure) => Sources.Job(body: $$"""
            private const string CuratedRoot = "s3://acme-curated/orders/";

            [S3Source("s3://acme-raw/orders/")]
            public partial Dataset<RawOrder> Orders { get; }

            {{sink}}
            {{onFailure}}
            public Dataset<Order> Curated(Dataset<RawOrder> orders) =>
                orders.Select(o => new Order { Id = o.OrderId, Amount = o.Amount, OrderDate = o.CreatedAt });
        """);

    private static string TwoSinks(string first, string second) => Sources.Job(body: $$"""
            [S3Source("s3://acme-raw/orders/")]
            public partial Dataset<RawOrder> Orders { get; }

            [S3Sink("s3://acme-curated/orders/")]
            {{first}}
            public Dataset<Order> Curated(Dataset<RawOrder> orders) =>
                orders.Select(o => new Order { Id = o.OrderId, Amount = o.Amount, OrderDate = o.CreatedAt });

            [S3Sink("s3://acme-analytics/big-orders/")]
            {{second}}
            public Dataset<Order> Big(Dataset<Order> curated) => curated.Where(o => o.Amount > 100m);
        """);
}

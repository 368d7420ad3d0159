using System.Threading.Tasks;
using Pipeline.Analyzers.Rules;
using Pipeline.CodeFixes;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.CodeFixes.CodeFixVerifier<Pipeline.Analyzers.Rules.JobTimeoutAnalyzer, Pipeline.CodeFixes.AddTimeoutFixer>;

namespace Pipeline.Analyzers.Tests.CodeFixes;

public class AddTimeoutFixerTests
{
    [Fact]
    public Task PIPE001_missing_timeout_gets_TimeoutMinutes_60() => Verifier.VerifyAsync(
        Sources.Job(glueJob: """{|PIPE001:GlueJob("orders-daily", Workers = 10)|}"""),
        Sources.Job(glueJob: """GlueJob("orders-daily", Workers = 10, TimeoutMinutes = 60)"""));

    [Fact]
    public Task PIPE001_zero_timeout_becomes_60() => Verifier.VerifyAsync(
        Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = {|PIPE001:0|}, Workers = 10)"""),
        Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, Workers = 10)"""));

    [Fact]
    public Task Fix_all_sets_the_timeout_of_every_job_in_the_file() => Verifier.VerifyAsync(
        TwoJobs("""{|PIPE001:GlueJob("orders-daily")|}""", """GlueJob("refunds-daily", TimeoutMinutes = {|PIPE001:0|})"""),
        TwoJobs("""GlueJob("orders-daily", TimeoutMinutes = 60)""", """GlueJob("refunds-daily", TimeoutMinutes = 60)"""));

    [Fact]
    public Task PIPE002_is_not_fixed() => Verifier.VerifyNoFixAsync(
        Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = {|PIPE002:10080|})"""));

    private static string TwoJobs(string first, string second) => $$"""
        using Pipeline.Dsl;

        namespace Shop;

        [Tag("owner", "data-platform")]
        [Tag("cost-center", "cc-1234")]
        [{{first}}]
        public sealed partial class OrdersDaily
        {
            [S3Source("s3://acme-raw/orders/")]
            public partial Dataset<Row> Orders { get; }
        }

        [Tag("owner", "data-platform")]
        [Tag("cost-center", "cc-1234")]
        [{{second}}]
        public sealed partial class RefundsDaily
        {
            [S3Source("s3://acme-raw/refunds/")]
            public partial Dataset<Row> Refunds { get; }
        }

        public sealed record Row
        {
            public string Id { get; init; } = "";
        }
        """;
}

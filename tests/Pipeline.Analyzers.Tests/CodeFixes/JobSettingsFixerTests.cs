using System.Threading.Tasks;
using Xunit;
using CapacityVerifier = Pipeline.Analyzers.Tests.CodeFixes.CodeFixVerifier<Pipeline.Analyzers.Rules.JobCapacityAnalyzer, Pipeline.CodeFixes.JobSettingsFixer>;
using TimeoutVerifier = Pipeline.Analyzers.Tests.CodeFixes.CodeFixVerifier<Pipeline.Analyzers.Rules.JobTimeoutAnalyzer, Pipeline.CodeFixes.JobSettingsFixer>;

namespace Pipeline.Analyzers.Tests.CodeFixes;

public class JobSettingsFixerTests
{
    [Fact]
    public Task PIPE002_timeout_of_seven_days_becomes_the_maximum() => TimeoutVerifier.VerifyAsync(
        Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = {|PIPE002:10080|})"""),
        Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 10079)"""));

    [Fact]
    public Task PIPE004_one_worker_becomes_two() => CapacityVerifier.VerifyAsync(
        Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, Workers = {|PIPE004:1|})"""),
        Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, Workers = 2)"""));

    [Fact]
    public Task PIPE004_too_many_workers_is_clamped_to_the_maximum_of_the_worker_type() => CapacityVerifier.VerifyAsync(
        Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, WorkerType = WorkerType.G2X, Workers = {|PIPE004:150|})"""),
        Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, WorkerType = WorkerType.G2X, Workers = 149)"""));

    [Fact]
    public Task PIPE008_old_glue_version_becomes_a_supported_one() => CapacityVerifier.VerifyAsync(
        Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, GlueVersion = {|PIPE008:"2.0"|})"""),
        Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, GlueVersion = "4.0")"""));

    [Fact]
    public Task PIPE008_offers_every_supported_version() => new Microsoft.CodeAnalysis.CSharp.Testing.CSharpCodeFixTest<Pipeline.Analyzers.Rules.JobCapacityAnalyzer, Pipeline.CodeFixes.JobSettingsFixer, Microsoft.CodeAnalysis.Testing.DefaultVerifier>
    {
        TestCode = Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, GlueVersion = {|PIPE008:"2.0"|})"""),
        FixedCode = Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, GlueVersion = "5.0")"""),
        CodeActionEquivalenceKey = "Use Glue 5.0",
        CodeActionIndex = 1,
        ReferenceAssemblies = TestReferences.Net80,
        CompilerDiagnostics = Microsoft.CodeAnalysis.Testing.CompilerDiagnostics.None,
        TestState = { AdditionalReferences = { typeof(Pipeline.Dsl.GlueJobAttribute).Assembly } },
        FixedState = { AdditionalReferences = { typeof(Pipeline.Dsl.GlueJobAttribute).Assembly } },
    }.RunAsync(System.Threading.CancellationToken.None);

    [Fact]
    public Task Fix_all_clamps_every_job_in_the_file() => CapacityVerifier.VerifyAsync(
        Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, Workers = {|PIPE004:1|})""")
            + "\n" + SecondJob("""Workers = {|PIPE004:500|}"""),
        Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, Workers = 2)""")
            + "\n" + SecondJob("Workers = 299"));

    private static string SecondJob(string workers) => $$"""
        [Tag("owner", "data-platform")]
        [Tag("cost-center", "cc-1234")]
        [GlueJob("refunds-daily", TimeoutMinutes = 60, {{workers}})]
        public sealed partial class RefundsDaily
        {
            [S3Source("s3://acme-raw/refunds/")]
            public partial Dataset<RawOrder> Refunds { get; }
        }
        """;
}

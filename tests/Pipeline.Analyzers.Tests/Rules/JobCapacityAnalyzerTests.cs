using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.JobCapacityAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

public class JobCapacityAnalyzerTests
{
    [Fact]
    public Task Defaults_are_fine() => Verifier.VerifyAsync(Sources.Job());

    [Fact]
    public Task Supported_settings_are_fine() => Verifier.VerifyAsync(Sources.Job(
        glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, GlueVersion = "5.0", WorkerType = WorkerType.G2X, Workers = 149, ExecutionClass = ExecutionClass.Flex)"""));

    [Fact]
    public Task PIPE004_one_worker() => Verifier.VerifyAsync(Sources.Job(
        glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, Workers = {|PIPE004:1|})"""));

    [Fact]
    public Task PIPE004_too_many_G2X_workers() => Verifier.VerifyAsync(Sources.Job(
        glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, WorkerType = WorkerType.G2X, Workers = {|PIPE004:150|})"""));

    [Fact]
    public Task PIPE005_flex_with_G4X_is_reported_on_the_execution_class() => Verifier.VerifyAsync(Sources.Job(
        glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, WorkerType = WorkerType.G4X, Workers = 10, ExecutionClass = {|PIPE005:ExecutionClass.Flex|})"""));

    [Fact]
    public Task PIPE005_undefined_worker_type() => Verifier.VerifyAsync(Sources.Job(
        glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, WorkerType = {|PIPE005:(WorkerType)9|})"""));

    [Fact]
    public Task PIPE008_old_glue_version() => Verifier.VerifyAsync(Sources.Job(
        glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, GlueVersion = {|PIPE008:"2.0"|})"""));
}

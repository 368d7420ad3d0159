using System.Threading.Tasks;
using Pipeline.Analyzers.Rules;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.JobTimeoutAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

public class JobTimeoutAnalyzerTests
{
    [Fact]
    public Task Job_with_timeout_is_fine() => Verifier.VerifyAsync(Sources.Job());

    [Fact]
    public Task PIPE001_missing_timeout_is_reported_on_the_attribute() =>
        Verifier.VerifyAsync(Sources.Job(glueJob: """{|PIPE001:GlueJob("orders-daily", Workers = 10)|}"""));

    [Fact]
    public Task PIPE001_zero_timeout_is_reported_on_the_argument() =>
        Verifier.VerifyAsync(Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = {|PIPE001:0|})"""));

    [Fact]
    public Task PIPE002_seven_days_is_reported_on_the_argument() =>
        Verifier.VerifyAsync(Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = {|PIPE002:10080|})"""));

    [Fact]
    public Task PIPE002_just_under_seven_days_is_fine() =>
        Verifier.VerifyAsync(Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 10079)"""));

    [Fact]
    public Task Classes_without_GlueJob_are_ignored() => Verifier.VerifyAsync("""
        using Pipeline.Dsl;
        public sealed class NotAJob { }
        """);
}

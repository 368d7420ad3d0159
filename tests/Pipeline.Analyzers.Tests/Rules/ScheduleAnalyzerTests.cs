using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.ScheduleAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

public class ScheduleAnalyzerTests
{
    [Fact]
    public Task Valid_cron_is_fine() => Verifier.VerifyAsync(Sources.Job(
        glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, Schedule = "cron(0 2 * * ? *)")"""));

    [Fact]
    public Task No_schedule_is_fine() => Verifier.VerifyAsync(Sources.Job());

    [Fact]
    public Task PIPE032_five_fields() => Verifier.VerifyAsync(Sources.Job(
        glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, Schedule = {|PIPE032:"cron(0 2 * * ?)"|})"""));

    [Fact]
    public Task PIPE032_every_minute() => Verifier.VerifyAsync(Sources.Job(
        glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60, Schedule = {|PIPE032:"cron(0/1 * * * ? *)"|})"""));
}

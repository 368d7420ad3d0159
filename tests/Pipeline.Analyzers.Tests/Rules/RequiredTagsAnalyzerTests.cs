using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.RequiredTagsAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

public class RequiredTagsAnalyzerTests
{
    [Fact]
    public Task Tagged_job_is_fine() => Verifier.VerifyAsync(Sources.Job());

    [Fact]
    public Task PIPE041_missing_cost_center() => Verifier.VerifyAsync(Sources.Job(
        glueJob: """{|PIPE041:GlueJob("orders-daily", TimeoutMinutes = 60)|}""",
        tags: """[Tag("owner", "data-platform")]"""));

    [Fact]
    public Task PIPE041_no_tags_reports_both_keys() => Verifier.VerifyAsync(
        Sources.Job(glueJob: """{|#0:GlueJob("orders-daily", TimeoutMinutes = 60)|}""", tags: string.Empty),
        new DiagnosticResult("PIPE041", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("orders-daily", "owner"),
        new DiagnosticResult("PIPE041", DiagnosticSeverity.Warning).WithLocation(0).WithArguments("orders-daily", "cost-center"));
}

using System;
using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.CodeFixes.CodeFixVerifier<Pipeline.Analyzers.Rules.RequiredTagsAnalyzer, Pipeline.CodeFixes.AddRequiredTagFixer>;

namespace Pipeline.Analyzers.Tests.CodeFixes;

public class AddRequiredTagFixerTests
{
    private const string GlueJob = """[GlueJob("orders-daily", TimeoutMinutes = 60)]""";

    [Fact]
    public Task PIPE041_missing_cost_center_is_taken_from_the_stack() => Verifier.VerifyAsync(
        WithStack(Sources.Job(glueJob: """{|PIPE041:GlueJob("orders-daily", TimeoutMinutes = 60)|}""", tags: """[Tag("owner", "data-platform")]""")),
        WithStack(Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60)""", tags: """[Tag("owner", "data-platform")]""")
            .Replace(GlueJob, GlueJob + "\n[Tag(\"cost-center\", \"retail-analytics\")]", StringComparison.Ordinal)));

    [Fact]
    public Task Fix_all_adds_both_tags_once() => Verifier.VerifyAsync(
        WithStack(Sources.Job(glueJob: """{|PIPE041:{|PIPE041:GlueJob("orders-daily", TimeoutMinutes = 60)|}|}""", tags: "")),
        WithStack(Sources.Job(glueJob: """GlueJob("orders-daily", TimeoutMinutes = 60)""", tags: "")
            .Replace(GlueJob, GlueJob + "\n[Tag(\"owner\", \"data-platform\")]\n[Tag(\"cost-center\", \"retail-analytics\")]", StringComparison.Ordinal)));

    [Fact]
    public Task PIPE041_without_a_stack_value_has_no_fix() => Verifier.VerifyNoFixAsync(
        Sources.Job(glueJob: """{|PIPE041:GlueJob("orders-daily", TimeoutMinutes = 60)|}""", tags: """[Tag("owner", "data-platform")]"""));

    /// <summary>The stack attribute goes before the namespace (assembly attributes precede type declarations).</summary>
    private static string WithStack(string source) => source.Replace(
        "namespace Shop;",
        "[assembly: PipelineStack(\"retail-lake\", Owner = \"data-platform\", CostCenter = \"retail-analytics\")]\n\nnamespace Shop;",
        StringComparison.Ordinal);
}

using System.Linq;
using System.Threading;
using Pipeline.Generators.Parsing;
using Xunit;

namespace Pipeline.Generators.Tests;

/// <summary>Each structural or setting error yields its rule id and no artifacts at all.</summary>
public class InvalidPipelineTests
{
    private static string Job(string jobArgs = "TimeoutMinutes = 10", string members = "", string sinkAttributes = "", string sinkBody = "input", string partial = "partial ") => $$"""
        using System;
        using Pipeline.Dsl;
        namespace T;
        public sealed record Row { public string? Id { get; init; } public int Year { get; init; } public Inner? Parent { get; init; } }
        public sealed record Inner { public string? X { get; init; } }
        [GlueJob("t-job", {{jobArgs}})]
        public {{partial}}class P
        {
            [S3Source("s3://bucket-a/in/")]
            public partial Dataset<Row> Input { get; }
            {{members}}
            [S3Sink("s3://bucket-b/out/", Database = "db")]
            {{sinkAttributes}}
            public Dataset<Row> Result(Dataset<Row> input) => {{sinkBody}};
        }
        """;

    [Theory]
    [InlineData("PIPE001", "Workers = 2")]
    [InlineData("PIPE002", "TimeoutMinutes = 10080")]
    [InlineData("PIPE004", "TimeoutMinutes = 10, Workers = 1")]
    [InlineData("PIPE005", "TimeoutMinutes = 10, WorkerType = WorkerType.G8X, ExecutionClass = ExecutionClass.Flex")]
    [InlineData("PIPE008", "TimeoutMinutes = 10, GlueVersion = \"2.0\"")]
    [InlineData("PIPE032", "TimeoutMinutes = 10, Schedule = \"cron(0 2 * * *)\"")]
    public void Job_settings(string id, string jobArgs) => AssertRejected(Job(jobArgs), id);

    [Theory]
    [InlineData("PIPE018", "[PartitionBy(\"Month\")]")]
    [InlineData("PIPE018", "[PartitionBy(\"Parent\")]")]
    [InlineData("PIPE022", "[Quality(\"IsComplete \\\"missing\\\"\")]")]
    [InlineData("PIPE025", "[Quality(\"RowCount >>> 0\")]")]
    [InlineData("PIPE104", "[OnQualityFailure(QualityAction.Quarantine)]")]
    [InlineData("PIPE038", "[OnQualityFailure(QualityAction.Quarantine, QuarantinePath = \"s3a://bucket-q/x/\")]")]
    public void Sink_declarations(string id, string attributes) => AssertRejected(Job(sinkAttributes: attributes), id);

    [Fact]
    public void Unbound_parameter() => AssertRejected(Job(sinkBody: "other", members: "").Replace("Dataset<Row> input) =>", "Dataset<Row> other) =>"), "PIPE101");

    [Fact]
    public void Stage_cycle() => AssertRejected(Job(
        members: "[Transform] public Dataset<Row> A(Dataset<Row> b) => b; [Transform] public Dataset<Row> B(Dataset<Row> a) => a;"), "PIPE102");

    [Fact]
    public void Class_not_partial() => AssertRejected(Job(partial: ""), "PIPE103", partialClass: false);

    [Fact]
    public void Body_with_statements() => AssertRejected(Job().Replace("=> input;", "{ var x = input; return x; }"), "PIPE105");

    [Fact]
    public void Valid_declaration_has_no_problems()
    {
        var (spec, problems) = Parse(Job(sinkAttributes: "[PartitionBy(\"Year\")][Quality(\"IsComplete \\\"id\\\"\")]"));
        Assert.Empty(problems);
        Assert.NotNull(spec);
    }

    private static void AssertRejected(string source, string id, bool partialClass = true)
    {
        var (spec, problems) = Parse(source);
        Assert.Null(spec);
        Assert.Contains(id, problems);

        // The generator stays silent and writes no artifacts for an invalid pipeline. It still implements the partial
        // source properties of a partial class, so no CS9248 hides the analyzers' explanation.
        var (result, output, diagnostics) = GeneratorHarness.Run(source);
        Assert.Empty(diagnostics);
        Assert.All(result.Results.Single().GeneratedSources, g =>
        {
            Assert.DoesNotContain("Pipeline.Artifact:", g.SourceText.ToString());
            Assert.DoesNotContain("Descriptor", g.SourceText.ToString());
        });
        if (partialClass)
        {
            // (A non-partial class has the compiler's own CS0751 on its partial properties: that one says what to do.)
            Assert.DoesNotContain(output.GetDiagnostics(), d => d.Id == "CS9248");
        }
    }

    private static (Model.PipelineSpec? Spec, string[] Problems) Parse(string source)
    {
        var compilation = GeneratorHarness.Compile(source);
        var type = compilation.GetTypeByMetadataName("T.P")!;
        var result = PipelineParser.Parse(type, compilation.GetSemanticModel(type.DeclaringSyntaxReferences[0].SyntaxTree), CancellationToken.None);
        return (result.Spec, result.Problems.Select(p => p.RuleId).ToArray());
    }
}

using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pipeline.Generators.Parsing;
using Xunit;

namespace Pipeline.Generators.Tests;

/// <summary>
/// Issue 12: a pipeline the generator cannot model must always come with a problem the analyzer reports (PIPE000 at the
/// class when nothing more specific was found), including when the parser throws.
/// </summary>
public class ParseGuardTests
{
    private const string Source = """
        using Pipeline.Dsl;
        namespace T;
        public sealed record Row { public string? Id { get; init; } }
        [GlueJob("t-job", TimeoutMinutes = 10)]
        public partial class P
        {
            [S3Source("s3://bucket-a/in/")]
            public partial Dataset<Row> Input { get; }
            [S3Sink("s3://bucket-b/out/", Database = "db")]
            [Quality(QUALITY)]
            public Dataset<Row> Result(Dataset<Row> input) => input;
        }
        """;

    private static (INamedTypeSymbol Type, SemanticModel Model) Load(string quality = "\"RowCount > 0\"")
    {
        var compilation = GeneratorHarness.Compile(Source.Replace("QUALITY", quality));
        var type = compilation.GetTypeByMetadataName("T.P")!;
        return (type, compilation.GetSemanticModel(type.DeclaringSyntaxReferences[0].SyntaxTree));
    }

    [Fact]
    public void A_parse_that_throws_is_PIPE000_at_the_class_with_the_exception_message()
    {
        var (type, _) = Load();

        var result = PipelineParser.Guard(type, () => throw new InvalidOperationException("boom"), CancellationToken.None);

        Assert.Null(result.Spec);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("PIPE000", problem.RuleId);
        Assert.Contains("InvalidOperationException: boom", problem.Message);
        Assert.Equal("P", problem.Location.SourceTree!.GetText().ToString(problem.Location.SourceSpan));
    }

    [Fact]
    public void A_rejection_without_a_problem_is_PIPE000_at_the_class()
    {
        var (type, _) = Load();

        var result = PipelineParser.Guard(type, () => new ParseResult(null, ImmutableArray<ParseProblem>.Empty), CancellationToken.None);

        Assert.Equal("PIPE000", Assert.Single(result.Problems).RuleId);
    }

    [Fact]
    public void Cancellation_still_propagates() =>
        Assert.Throws<OperationCanceledException>(() =>
            PipelineParser.Guard(Load().Type, () => throw new OperationCanceledException(), CancellationToken.None));

    [Fact]
    public void A_valid_pipeline_is_unchanged()
    {
        var (type, model) = Load();

        var result = PipelineParser.ParseSafely(type, model, CancellationToken.None);

        Assert.NotNull(result.Spec);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void A_null_quality_rule_is_PIPE000_at_the_argument()
    {
        var (type, model) = Load("null");

        var result = PipelineParser.ParseSafely(type, model, CancellationToken.None);

        Assert.Null(result.Spec);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("PIPE000", problem.RuleId);
        Assert.Equal("null", problem.Location.SourceTree!.GetText().ToString(problem.Location.SourceSpan));
    }
}

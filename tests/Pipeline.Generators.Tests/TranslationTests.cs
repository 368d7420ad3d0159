using System.Linq;
using System.Threading;
using Pipeline.Generators.Model;
using Pipeline.Generators.Parsing;
using Xunit;

namespace Pipeline.Generators.Tests;

/// <summary>The parser's translation of lambdas into the IR, and the exact sub-expression it blames when it cannot.</summary>
public class TranslationTests
{
    private const string Rows = """
        using System;
        using Pipeline.Dsl;
        namespace T;
        public sealed record In
        {
            public string? Status { get; init; }
            public decimal Amount { get; init; }
            public int? Quantity { get; init; }
            public int Count { get; init; }
            public DateTime CreatedAt { get; init; }
            public Address? Address { get; init; }
        }
        public sealed record Address { public string? City { get; init; } }
        public sealed record Out { public string? Text { get; init; } public long Number { get; init; } public bool Flag { get; init; } }
        """;

    private static string Pipeline(string body, string extra = "") => $$"""
        using System;
        using Pipeline.Dsl;
        namespace T;
        [GlueJob("t-job", TimeoutMinutes = 10)]
        public partial class P
        {
            [S3Source("s3://bucket-a/in/")]
            public partial Dataset<In> Input { get; }
            {{extra}}
            [S3Sink("s3://bucket-b/out/", Database = "db")]
            public Dataset<Out> Result(Dataset<In> input) => {{body}};
        }
        """;

    private static ParseResult Parse(string source)
    {
        var compilation = GeneratorHarness.Compile(Rows, source);
        var type = compilation.GetTypeByMetadataName("T.P")!;
        return PipelineParser.Parse(type, compilation.GetSemanticModel(type.DeclaringSyntaxReferences[0].SyntaxTree), CancellationToken.None);
    }

    private static Expr WherePredicate(string predicate)
    {
        var result = Parse(Pipeline($"input.Where(o => {predicate}).Select(o => new Out {{ Number = o.Count }})"));
        Assert.Empty(result.Problems.Select(p => p.Message));
        var project = Assert.IsType<ProjectNode>(result.Spec!.Stages.Single().Plan);
        return Assert.IsType<FilterNode>(project.Child).Predicate;
    }

    private static Expr SelectText(string expression)
    {
        var result = Parse(Pipeline($"input.Select(o => new Out {{ Text = {expression} }})"));
        Assert.Empty(result.Problems.Select(p => p.Message));
        var project = Assert.IsType<ProjectNode>(result.Spec!.Stages.Single().Plan);
        return project.Columns.Single(c => c.Name == "text").Expression;
    }

    [Fact]
    public void Comparison_with_a_constant_takes_the_column_type()
    {
        var predicate = Assert.IsType<BinaryExpr>(WherePredicate("o.Amount > 0"));
        Assert.Equal(BinaryOp.GreaterThan, predicate.Op);
        Assert.Equal(new ColumnExpr(new DataType(TypeKind.Decimal, false, 18, 2), null, "amount"), predicate.Left);
        var literal = Assert.IsType<LiteralExpr>(predicate.Right);
        Assert.Equal(("0", TypeKind.Decimal), (literal.Value, literal.Type.Kind));
    }

    [Fact]
    public void Inequality_on_a_string_is_null_safe_like_csharp()
    {
        var predicate = Assert.IsType<BinaryExpr>(WherePredicate("o.Status != \"test\""));
        Assert.Equal(BinaryOp.NullSafeNotEqual, predicate.Op);
    }

    [Fact]
    public void Ordering_on_a_nullable_is_false_when_null_like_csharp()
    {
        var predicate = Assert.IsType<FunctionExpr>(WherePredicate("o.Quantity > 5"));
        Assert.Equal(FunctionKind.Coalesce, predicate.Function);
        Assert.Equal(BinaryOp.GreaterThan, Assert.IsType<BinaryExpr>(predicate.Arguments[0]).Op);
        Assert.Equal("false", Assert.IsType<LiteralExpr>(predicate.Arguments[1]).Value);
    }

    [Fact]
    public void Null_checks_become_is_null()
    {
        var and = Assert.IsType<BinaryExpr>(WherePredicate("o.Status != null && o.Quantity is null"));
        Assert.Equal(new IsNullExpr(new DataType(TypeKind.Boolean, false), new ColumnExpr(new DataType(TypeKind.String, true), null, "status"), true), and.Left);
        Assert.False(Assert.IsType<IsNullExpr>(and.Right).Negated);
    }

    [Fact]
    public void Integer_division_keeps_an_integral_type()
    {
        var result = Parse(Pipeline("input.Select(o => new Out { Number = o.Count / 2 })"));
        var number = Assert.IsType<ProjectNode>(result.Spec!.Stages.Single().Plan).Columns.Single(c => c.Name == "number").Expression;
        var cast = Assert.IsType<CastExpr>(number);
        Assert.Equal(TypeKind.Long, cast.Type.Kind);
        var division = Assert.IsType<BinaryExpr>(cast.Operand);
        Assert.Equal((BinaryOp.Divide, TypeKind.Int), (division.Op, division.Type.Kind));
    }

    [Fact]
    public void String_concatenation_treats_null_as_empty()
    {
        var concat = Assert.IsType<BinaryExpr>(SelectText("o.Status + \"!\""));
        Assert.Equal(BinaryOp.Concat, concat.Op);
        Assert.Equal(FunctionKind.Coalesce, Assert.IsType<FunctionExpr>(concat.Left).Function);
        Assert.Equal("!", Assert.IsType<LiteralExpr>(concat.Right).Value);
    }

    [Fact]
    public void String_methods_date_parts_and_struct_fields_translate()
    {
        Assert.Equal(FunctionKind.Upper, Assert.IsType<FunctionExpr>(SelectText("o.Status!.ToUpper()")).Function);
        var substring = Assert.IsType<FunctionExpr>(SelectText("o.Status!.Substring(1, 2)"));
        Assert.Equal((FunctionKind.Substring, 3), (substring.Function, substring.Arguments.Count));
        var city = Assert.IsType<FieldExpr>(SelectText("o.Address!.City"));
        Assert.Equal("city", city.Field);
        Assert.IsType<FieldExpr>(SelectText("o.Address?.City"));
        var conditional = Assert.IsType<ConditionalExpr>(SelectText("o.CreatedAt.Year > 2020 ? \"new\" : \"old\""));
        Assert.Equal(FunctionKind.Year, Assert.IsType<FunctionExpr>(Assert.IsType<BinaryExpr>(conditional.Condition).Left).Function);
        Assert.Equal(FunctionKind.Coalesce, Assert.IsType<FunctionExpr>(SelectText("o.Status ?? \"none\"")).Function);
    }

    [Fact]
    public void Concatenating_a_number_casts_it_to_text()
    {
        var concat = Assert.IsType<BinaryExpr>(SelectText("\"n=\" + o.Count"));
        Assert.Equal(BinaryOp.Concat, concat.Op);
        var text = Assert.IsType<FunctionExpr>(concat.Right);
        Assert.Equal(FunctionKind.Coalesce, text.Function);
        Assert.Equal((TypeKind.String, TypeKind.Int), (Assert.IsType<CastExpr>(text.Arguments[0]).Type.Kind, ((CastExpr)text.Arguments[0]).Operand.Type.Kind));
    }

    [Fact]
    public void Target_typed_conditional_takes_its_converted_type()
    {
        var result = Parse(Pipeline("input.Select(o => new Out { Text = o.Count > 1 ? null : o.Status })"));
        Assert.Empty(result.Problems.Select(p => p.Message));
    }

    [Fact]
    public void Decimal_division_keeps_sparks_result_scale()
    {
        var result = Parse(Pipeline("input.Where(o => o.Amount / 4 > 0.01m).Select(o => new Out())"));
        var filter = Assert.IsType<FilterNode>(Assert.IsType<ProjectNode>(result.Spec!.Stages.Single().Plan).Child);
        var division = Assert.IsType<BinaryExpr>(Assert.IsType<BinaryExpr>(filter.Predicate).Left);
        // decimal(18,2) / 4 as the literal decimal(1,0): scale max(6, 2 + 1 + 1) = 6, precision 18 - 2 + 0 + 6 = 22.
        Assert.Equal((22, 6), (division.Type.Precision, division.Type.Scale));
    }

    [Fact]
    public void Unassigned_properties_get_csharp_defaults()
    {
        var result = Parse(Pipeline("input.Select(o => new Out { Text = o.Status })"));
        var columns = Assert.IsType<ProjectNode>(result.Spec!.Stages.Single().Plan).Columns;
        Assert.Equal(new[] { "text", "number", "flag" }, columns.Select(c => c.Name));
        Assert.Equal("0", Assert.IsType<LiteralExpr>(columns[1].Expression).Value);
        Assert.Equal("false", Assert.IsType<LiteralExpr>(columns[2].Expression).Value);
    }

    [Theory]
    [InlineData("o.Status!.Replace(\"a\", \"b\")", "o.Status!.Replace(\"a\", \"b\")")]
    [InlineData("DateTime.Now.ToString()", "DateTime.Now")]
    [InlineData("o.Status!.Contains('x') ? \"y\" : \"n\"", "o.Status!.Contains('x')")]
    [InlineData("$\"{o.Status}\"", "$\"{o.Status}\"")]
    [InlineData("o.Status!.Substring(1).PadLeft(3)", "o.Status!.Substring(1).PadLeft(3)")]
    public void Untranslatable_expressions_are_blamed_exactly(string expression, string blamed)
    {
        var result = Parse(Pipeline($"input.Select(o => new Out {{ Text = {expression} }})"));
        Assert.Null(result.Spec);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("PIPE100", problem.RuleId);
        Assert.Equal(blamed, problem.Location.SourceTree!.GetText().ToString(problem.Location.SourceSpan));
    }

    [Fact]
    public void Captured_variables_are_blamed_at_the_identifier()
    {
        var result = Parse(Pipeline("input.Where(o => o.Count > limit).Select(o => new Out())", "private int limit = 3;"));
        var problem = Assert.Single(result.Problems);
        Assert.Equal("PIPE100", problem.RuleId);
        Assert.Equal("limit", problem.Location.SourceTree!.GetText().ToString(problem.Location.SourceSpan));
    }

    [Fact]
    public void Constants_are_inlined()
    {
        var result = Parse(Pipeline("input.Where(o => o.Count > Limit).Select(o => new Out())", "private const int Limit = 3;"));
        var filter = Assert.IsType<FilterNode>(Assert.IsType<ProjectNode>(result.Spec!.Stages.Single().Plan).Child);
        Assert.Equal("3", Assert.IsType<LiteralExpr>(Assert.IsType<BinaryExpr>(filter.Predicate).Right).Value);
    }

    [Theory]
    [InlineData("input.Where(o => { return o.Count > 1; }).Select(o => new Out())", "PIPE100")]
    [InlineData("Helper(input)", "PIPE105")]
    public void Non_query_bodies_are_rejected(string body, string id)
    {
        var result = Parse(Pipeline(body, "private static Dataset<Out> Helper(Dataset<In> d) => Dataset<Out>.Empty;"));
        Assert.Null(result.Spec);
        Assert.Contains(result.Problems, p => p.RuleId == id);
    }
}

using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.IntegerOverflowAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

public class IntegerOverflowAnalyzerTests
{
    /// <summary>A stage computing <paramref name="expression"/> over a line into an int (or long) column.</summary>
    private static string Stage(string expression, string resultType = "int") => $$"""
        using Pipeline.Dsl;

        namespace Shop;

        [GlueJob("lines-daily", TimeoutMinutes = 60)]
        public sealed partial class LinesDaily
        {
            [S3Source("s3://acme-raw/lines/")]
            public partial Dataset<Line> Lines { get; }

            [S3Sink("s3://acme-curated/totals/", Database = "sales", Table = "totals")]
            public Dataset<Total> Totals(Dataset<Line> lines) =>
                lines.Select(l => new Total { Id = l.Id, Value = {{expression}} });
        }

        public sealed record Line
        {
            public string Id { get; init; } = "";
            public int Quantity { get; init; }
            public int UnitCents { get; init; }
            [Range(0, 1000)] public int SmallQuantity { get; init; }
            [Range(0, 100000)] public int SmallCents { get; init; }
            [Range(0, 2000000000)] public int Large { get; init; }
            public int? Maybe { get; init; }
            public short Little { get; init; }
        }

        public sealed record Total
        {
            public string Id { get; init; } = "";
            public {{resultType}} Value { get; init; }
        }
        """;

    [Fact]
    public Task PIPE110_int_times_int_of_unbounded_columns() =>
        Verifier.VerifyAsync(Stage("{|PIPE110:l.Quantity * l.UnitCents|}"));

    [Fact]
    public Task PIPE110_a_declared_range_that_still_overflows() =>
        Verifier.VerifyAsync(Stage("{|PIPE110:l.SmallQuantity * l.Large|}"));

    [Fact]
    public Task PIPE110_a_sum_of_bounded_columns_that_overflows() =>
        Verifier.VerifyAsync(Stage("{|PIPE110:l.Large + l.Large|}"));

    [Fact]
    public Task PIPE110_lifted_nullable_multiplication() =>
        Verifier.VerifyAsync(Stage("({|PIPE110:l.Maybe * 3|}) ?? 0"));

    [Fact]
    public Task PIPE110_the_innermost_operation_only() =>
        Verifier.VerifyAsync(Stage("{|PIPE110:l.Quantity * l.UnitCents|} + 1"));

    [Fact]
    public Task PIPE110_long_times_long() =>
        Verifier.VerifyAsync(Stage("{|PIPE110:(long)l.Quantity * l.UnitCents * l.UnitCents|}", "long"));

    [Fact]
    public Task Declared_ranges_that_fit_are_not_reported() =>
        Verifier.VerifyAsync(Stage("l.SmallQuantity * l.SmallCents"));

    [Fact]
    public Task Widening_to_long_first_is_not_reported() =>
        Verifier.VerifyAsync(Stage("(long)l.Quantity * l.UnitCents", "long"));

    [Fact]
    public Task Small_types_widened_to_int_are_not_reported() =>
        Verifier.VerifyAsync(Stage("l.Little * l.Little"));

    [Fact]
    public Task A_counter_step_on_an_unbounded_column_is_not_reported() =>
        Verifier.VerifyAsync(Stage("l.Quantity + 1"));

    [Fact]
    public Task Checked_arithmetic_is_not_reported() =>
        Verifier.VerifyAsync(Stage("checked(l.Quantity * l.UnitCents)"));

    [Fact]
    public Task Methods_outside_a_pipeline_class_are_not_reported() =>
        Verifier.VerifyAsync(Stage("l.SmallQuantity") + """

            public static class Maths
            {
                public static int Square(int x) => x * x;
            }
            """);
}

using System.Collections.Generic;
using System.Linq;
using DuckDB.NET.Data;
using Pipeline.Runner.Quality;
using Xunit;
using static Pipeline.Runner.Tests.Quality.QualityTestDb;

namespace Pipeline.Runner.Tests.Quality;

public class RowLevelPredicateTests
{
    private static int[] FailingIds(DuckDBConnection db, string ruleset, string relation = "t")
    {
        var predicate = QualityEvaluator.RowLevelPassPredicate(ruleset, Now);
        using var command = db.CreateCommand();
        command.CommandText = "SELECT count(*) FROM " + relation + " WHERE (" + predicate + ") IS NULL";
        Assert.Equal(0L, (long)command.ExecuteScalar()!);
        command.CommandText = "SELECT id FROM " + relation + " WHERE NOT (" + predicate + ") ORDER BY id";
        using var reader = command.ExecuteReader();
        var ids = new List<int>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids.ToArray();
    }

    [Theory]
    [InlineData("IsComplete \"name\"", new[] { 3 })]
    [InlineData("Completeness \"name\" > 0.5", new[] { 3 })]
    [InlineData("IsComplete \"name\" where \"grp = 'a'\"", new int[0])]
    [InlineData("IsComplete \"ts\" where \"grp = 'b'\"", new[] { 4 })]
    [InlineData("ColumnValues \"amount\" > 10", new[] { 1 })]
    [InlineData("ColumnValues \"amount\" between 10 and 40", new[] { 1, 4 })]
    [InlineData("ColumnValues \"amount\" > 10 with threshold > 0.5", new[] { 1 })]
    [InlineData("ColumnValues \"code\" in [\"EUR\", \"USD\", \"GBP\"]", new[] { 4 })]
    [InlineData("ColumnValues \"name\" not in [\"bob\"]", new[] { 2, 3 })]
    [InlineData("ColumnValues \"name\" matches \"[a-z]+\"", new[] { 3, 4 })]
    [InlineData("ColumnValues \"name\" != NULL", new[] { 3 })]
    [InlineData("ColumnValues \"name\" in [NULL, \"alice\"]", new[] { 2, 4 })]
    [InlineData("ColumnValues \"ts\" > (now() - 2 days)", new[] { 3, 4 })]
    [InlineData("ColumnValues \"ts\" > (now() - 2 days) where \"ts is not null\"", new[] { 3 })]
    [InlineData("ColumnLength \"code\" > 0", new[] { 4 })]
    [InlineData("ColumnLength \"name\" <= 3", new[] { 1 })]
    [InlineData("ColumnDataType \"qty\" = \"Integer\"", new[] { 3, 4 })]
    [InlineData("DataFreshness \"ts\" <= 1 days", new[] { 3, 4 })]
    [InlineData("IsComplete \"name\", ColumnValues \"amount\" > 10", new[] { 1, 3 })]
    // Composites: AND/OR over the row-level operands; dataset-level operands and Completeness/Uniqueness (excluded at
    // row level in composites, rules-config.json) mark no rows.
    [InlineData("(IsComplete \"name\") and (ColumnValues \"amount\" > 10)", new[] { 1, 3 })]
    [InlineData("(IsComplete \"name\") or (ColumnValues \"amount\" > 10)", new int[0])]
    [InlineData("(ColumnValues \"amount\" < 15) or (ColumnValues \"amount\" > 35)", new[] { 2, 3 })]
    [InlineData("(RowCount > 100) and (IsComplete \"name\")", new[] { 3 })]
    [InlineData("(Completeness \"name\" > 0.9) and (ColumnValues \"amount\" > 10)", new[] { 1 })]
    // Dataset-level only: no row is marked.
    [InlineData("RowCount > 100, IsUnique \"grp\", Mean \"amount\" > 1000, CustomSql \"select count(*) from primary\" = 0", new int[0])]
    [InlineData("Rules = []", new int[0])]
    // Broken or skipped rules mark no rows (Evaluate reports them).
    [InlineData("RowsCount > 0, IsComplete \"name\"", new[] { 3 })]
    [InlineData("Completeness \"name\" > avg(last(3))", new int[0])]
    public void Rows_failing_row_level_rules_are_selected(string ruleset, int[] failing)
    {
        using var db = Open(Sample);
        Assert.Equal(failing, FailingIds(db, ruleset));
    }

    [Fact]
    public void The_predicate_agrees_with_the_row_counts_of_Evaluate()
    {
        using var db = Open(Sample);
        foreach (var rule in new[]
                 {
                     "ColumnValues \"amount\" > 10", "ColumnValues \"code\" in [\"EUR\", \"USD\"]", "ColumnLength \"name\" between 2 and 4",
                     "IsComplete \"ts\"", "ColumnDataType \"qty\" = \"Double\"", "ColumnValues \"name\" matches \"[a-z]+\" where \"id < 4\"",
                 })
        {
            var outcome = One(db, rule);
            var failing = FailingIds(db, rule).Length;
            using var command = db.CreateCommand();
            var where = rule.Contains(" where ") ? "id < 4" : "TRUE";
            command.CommandText = "SELECT count(*) FROM t WHERE " + where;
            var n = (long)command.ExecuteScalar()!;
            var compliance = QualitySqlFormat((n - failing) / (double)n);
            Assert.EndsWith("= " + compliance, outcome.Observed);
        }
    }

    private static string QualitySqlFormat(double value) => value.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Where_clauses_that_evaluate_to_NULL_exclude_the_row()
    {
        using var db = Open(Sample);
        // grp = NULL is NULL for every row: no row is in scope, no row is marked; the predicate is still never NULL.
        Assert.Empty(FailingIds(db, "IsComplete \"name\" where \"grp = NULL\""));
    }

    [Fact]
    public void The_one_argument_overload_uses_the_current_time()
    {
        var predicate = QualityEvaluator.RowLevelPassPredicate("ColumnValues \"ts\" > (now() - 1 days)");
        Assert.Contains("TIMESTAMP '", predicate);
        Assert.Equal("TRUE", QualityEvaluator.RowLevelPassPredicate("RowCount > 0"));
    }
}

using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Pipeline.Runner.Quality;
using Xunit;
using static Pipeline.Runner.Tests.Quality.QualityTestDb;

namespace Pipeline.Runner.Tests.Quality;

/// <summary>
/// Rules that are aggregates over the relation are computed in one scan (one statement); the others keep their own
/// statement. The statements are observed through the evaluator's statement hook.
/// </summary>
public class OneScanTests
{
    private const string OrdersDaily = ExampleRulesetTests.OrdersDaily;

    private const string Orders = """
        CREATE TABLE orders (order_id VARCHAR, customer_id VARCHAR, amount DECIMAL(12, 2), currency VARCHAR, channel VARCHAR);
        INSERT INTO orders VALUES
          ('ORD-000001', 'C-1', 10.50, 'EUR', 'web'),
          ('ORD-000002', 'C-2', 0.00, 'USD', 'app'),
          ('ORD-000003', 'C-1', 100000.00, 'GBP', 'store'),
          ('ORD-000004', 'C-3', 99.99, 'EUR', 'unknown');
        """;

    private static (QualityReport Report, List<string> Statements) Evaluate(DuckDB.NET.Data.DuckDBConnection db, string relation, string ruleset)
    {
        var statements = new List<string>();
        Duck.Observe(db, (sql, _) => statements.Add(sql));
        var report = QualityEvaluator.Evaluate(db, relation, ruleset, Now);
        return (report, statements);
    }

    private static int Occurrences(string text, string part) => Regex.Matches(text, Regex.Escape(part)).Count;

    [Fact]
    public void The_example_ruleset_is_evaluated_in_one_statement()
    {
        using var db = Open(Orders);
        var (report, statements) = Evaluate(db, "orders", OrdersDaily);

        Assert.True(report.Passed, string.Join("; ", report.Rules.Select(r => r.Rule + ": " + r.Outcome + " " + r.Reason)));
        Assert.Equal(4, report.Rows);
        var statement = Assert.Single(statements);
        Assert.DoesNotContain("GROUP BY", statement);
        Assert.Equal(1, Occurrences(statement, "FROM \"orders\""));
        Assert.Equal(
            new[]
            {
                "Completeness = 1", "Uniqueness = 1", "Compliance = 1", "Compliance = 1", "Completeness = 1", "Compliance = 1",
                "Compliance = 1", "Compliance = 1", "Compliance = 1", "Compliance = 1", "RowCount = 4",
            },
            report.Rules.Select(r => r.Observed));
    }

    [Fact]
    public void With_column_types_the_example_ruleset_compares_columns_without_casts()
    {
        using var db = Open(Orders);
        var (untyped, _) = Evaluate(db, "orders", OrdersDaily);
        var statements = new List<string>();
        Duck.Observe(db, (sql, _) => statements.Add(sql));
        var typed = QualityEvaluator.Evaluate(db, "orders", OrdersDaily, Now, Types(db, "orders"));

        Assert.Equal(untyped.Rules, typed.Rules);
        var statement = Assert.Single(statements);
        Assert.DoesNotContain("TRY_CAST", statement);
        Assert.DoesNotContain("AS VARCHAR) =", statement);
        Assert.Contains("(\"amount\" >= 0)", statement);
        Assert.Contains("(\"currency\" IN ('EUR', 'USD', 'GBP'))", statement);
    }

    [Fact]
    public void Identical_aggregates_are_computed_once()
    {
        using var db = Open(Sample);
        var (report, statements) = Evaluate(db, "t", "RowCount = 4, IsComplete \"id\", Completeness \"id\" = 1, (RowCount > 0) and (IsComplete \"id\")");

        Assert.Equal(new[] { "Passed", "Passed", "Passed", "Passed" }, report.Rules.Select(r => r.Outcome));
        var statement = Assert.Single(statements);

        // count(*) (RowCount, the denominators, QualityReport.Rows) and count(*) FILTER (WHERE "id" IS NOT NULL) once each.
        Assert.Equal(2, Occurrences(statement, "count(*)"));
        Assert.Equal(1, Occurrences(statement, "\"id\" IS NOT NULL"));
    }

    [Fact]
    public void A_failed_uniqueness_check_counts_the_frequencies_with_its_own_statement()
    {
        using var db = Open(Orders + "INSERT INTO orders VALUES ('ORD-000004', 'C-9', 5, 'EUR', 'web'), (NULL, 'C-6', 5, 'EUR', 'web');");
        var (report, statements) = Evaluate(db, "orders", OrdersDaily);

        Assert.Equal(("Failed", "Uniqueness = 0.6"), (report.Rules[1].Outcome, report.Rules[1].Observed)); // 3 of 5 non-null ids once
        Assert.Equal(("Failed", "Completeness = 0.833333"), (report.Rules[0].Outcome, report.Rules[0].Observed));
        Assert.Equal(6, report.Rows);
        Assert.Equal(2, statements.Count);
        Assert.DoesNotContain("GROUP BY", statements[0]);
        Assert.Contains("GROUP BY", statements[1]);
    }

    /// <summary>
    /// Batched rules (with and without <c>where</c>, inside composites), rules that need their own statement (GROUP BY,
    /// CustomSql, the schema) and skipped rules, in one ruleset: each reports what it reports alone.
    /// </summary>
    [Fact]
    public void A_ruleset_mixing_batched_and_other_rules_reports_every_rule()
    {
        using var db = Open(Sample);
        var rules = new (string Rule, string Outcome, string Observed)[]
        {
            ("RowCount = 4", "Passed", "RowCount = 4"),
            ("RowCount = 2 where \"grp = 'a'\"", "Passed", "RowCount = 2"),
            ("Completeness \"name\" >= 0.75", "Passed", "Completeness = 0.75"),
            ("IsComplete \"name\"", "Failed", "Completeness = 0.75"),
            ("ColumnValues \"amount\" between 10 and 40", "Failed", "Compliance = 0.5"),
            ("ColumnLength \"code\" <= 3", "Passed", "Compliance = 1"),
            ("ColumnDataType \"qty\" = \"Integer\" with threshold >= 0.5", "Passed", "Compliance = 0.5"),
            ("DataFreshness \"ts\" <= 1 days where \"ts IS NOT NULL\"", "Failed", "Compliance = 0.666667"),
            ("Mean \"amount\" = 15 where \"grp = 'a'\"", "Passed", "Mean = 15"),
            ("StandardDeviation \"amount\" between 11.18 and 11.19", "Passed", "StandardDeviation = 11.18034"),
            ("Sum \"amount\" = 100", "Passed", "Sum = 100"),
            ("ColumnCorrelation \"id\" \"amount\" > 0.99", "Passed", "ColumnCorrelation = 1"),
            ("IsUnique \"id\"", "Passed", "Uniqueness = 1"),
            ("IsPrimaryKey \"name\"", "Failed", "Completeness = 0.75, Uniqueness = 0.75"),
            ("UniqueValueRatio \"id\" = 1", "Passed", "UniqueValueRatio = 1"),
            ("DistinctValuesCount \"grp\" = 1 where \"id < 3\"", "Passed", "DistinctValuesCount = 1"),
            ("Uniqueness \"grp\" > 0.5", "Failed", "Uniqueness = 0"),
            ("IsUnique \"grp\" where \"id < 4\"", "Failed", "Uniqueness = 0.333333"),
            ("Entropy \"grp\" between 0.69 and 0.70", "Passed", "Entropy = 0.693147"),
            ("CustomSql \"select count(*) from primary\" = 4", "Passed", "CustomSql = 4"),
            ("CustomSql \"select id from primary where amount > 15\" with threshold >= 0.75", "Passed", "CustomSql.Compliance = 0.75"),
            ("ColumnCount = 7", "Passed", "ColumnCount = 7"),
            ("ColumnExists \"amount\"", "Passed", "ColumnExists = true"),
            ("(RowCount > 10) or (IsComplete \"id\")", "Passed", "RowCount = 4; Completeness = 1"),
            ("(Mean \"amount\" > 30) and (ColumnValues \"id\" > 0 where \"grp = 'b'\")", "Failed", "Mean = 25; Compliance = 1"),
            ("SchemaMatch \"ref\" >= 1.0", "Skipped", ""),
        };

        var (report, statements) = Evaluate(db, "t", "Rules = [\n" + string.Join(",\n", rules.Select(r => r.Rule)) + "\n]");

        Assert.Equal(rules.Select(r => r.Rule), report.Rules.Select(r => r.Rule));
        Assert.Equal(rules.Select(r => (r.Outcome, r.Observed)), report.Rules.Select(r => (r.Outcome, r.Observed)));
        Assert.Equal(4, report.Rows);
        Assert.All(report.Rules.Where(r => r.Outcome == "Passed"), r => Assert.Null(r.Reason));
        Assert.All(report.Rules.Where(r => r.Outcome != "Passed"), r => Assert.False(string.IsNullOrWhiteSpace(r.Reason)));

        // One scan for the aggregate rules (and QualityReport.Rows), plus: the frequencies of Uniqueness "grp",
        // UniqueValueRatio "id", IsUnique "grp" (duplicates found) and Entropy, the two CustomSql statements, and the
        // schema (read once).
        Assert.Equal(8, statements.Count);
        Assert.Equal(4, statements.Count(s => s.Contains("GROUP BY")));
        Assert.Single(statements, s => s.EndsWith("LIMIT 0"));
        Assert.Single(statements, s => !s.Contains("GROUP BY") && !s.EndsWith("LIMIT 0") && !s.Contains("custom_sql") && s.Contains("FILTER"));
    }

    [Fact]
    public void An_error_in_one_batched_rule_is_reported_on_that_rule_only()
    {
        using var db = Open(Sample);
        var (report, _) = Evaluate(db, "t", """
            RowCount = 4, Mean "name" > 0, ColumnValues "id" > 1 where "no_such_column > 1", IsComplete "id", Sum "missing" > 0,
            ColumnValues "amount" > 15 with threshold >= 0.75
            """);

        Assert.Equal(new[] { "Passed", "Error", "Error", "Passed", "Error", "Passed" }, report.Rules.Select(r => r.Outcome));
        Assert.All(new[] { 1, 2, 4 }, i => Assert.StartsWith("DuckDB: ", report.Rules[i].Reason));
        Assert.Contains("no_such_column", report.Rules[2].Reason);
        Assert.Contains("missing", report.Rules[4].Reason);
        Assert.Equal("Compliance = 0.75", report.Rules[5].Observed);
        Assert.Equal(4, report.Rows);
    }

    [Fact]
    public void Rules_with_translation_errors_do_not_stop_the_batch()
    {
        using var db = Open(Sample);
        var (report, statements) = Evaluate(db, "t", "ColumnDataType \"qty\" = \"Text\", RowCount > \"abc\", DataFreshness \"ts\" < 5, IsComplete \"id\"");

        Assert.Equal(new[] { "Error", "Error", "Error", "Passed" }, report.Rules.Select(r => r.Outcome));
        Assert.Contains("ColumnDataType expects", report.Rules[0].Reason);
        Assert.Contains("expected a number", report.Rules[1].Reason);
        Assert.Contains("durations", report.Rules[2].Reason);
        Assert.Single(statements);
    }

    [Fact]
    public void An_empty_table_is_evaluated_in_one_statement()
    {
        using var db = Open("CREATE TABLE e (a INTEGER, b VARCHAR);");
        var (report, statements) = Evaluate(db, "e", """
            RowCount = 0, DistinctValuesCount "a" = 0, IsComplete "a", IsUnique "a", IsPrimaryKey "a", Mean "a" > 0,
            ColumnLength "b" < 5, RowCount = 0 where "a > 1"
            """);

        Assert.Equal(new[] { "Passed", "Passed", "Failed", "Failed", "Failed", "Failed", "Failed", "Passed" }, report.Rules.Select(r => r.Outcome));
        Assert.Equal(
            new[]
            {
                "RowCount = 0", "DistinctValuesCount = 0", "Completeness = NaN", "Uniqueness = NaN", "Completeness = NaN, Uniqueness = NaN",
                "Mean = NaN", "Compliance = NaN", "RowCount = 0",
            },
            report.Rules.Select(r => r.Observed));
        Assert.Equal(0, report.Rows);
        Assert.Single(statements);
    }
}

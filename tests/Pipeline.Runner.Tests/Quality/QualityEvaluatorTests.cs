using System.Linq;
using Pipeline.Runner.Quality;
using Xunit;
using static Pipeline.Runner.Tests.Quality.QualityTestDb;

namespace Pipeline.Runner.Tests.Quality;

public class QualityEvaluatorTests
{
    /// <summary>Every rule type that runs locally: a passing and a failing case on <see cref="QualityTestDb.Sample"/>.</summary>
    [Theory]
    // RowCount (+ where)
    [InlineData("RowCount = 4", "Passed", "RowCount = 4")]
    [InlineData("RowCount > 4", "Failed", "RowCount = 4")]
    [InlineData("RowCount = 2 where \"grp = 'a'\"", "Passed", "RowCount = 2")]
    [InlineData("RowCount between 3 and 5", "Passed", "RowCount = 4")]
    [InlineData("RowCount between 4 and 5", "Failed", "RowCount = 4")] // between is exclusive (DQDL NumberBasedCondition)
    [InlineData("RowCount not between 4 and 5", "Passed", "RowCount = 4")] // not between is inclusive
    [InlineData("RowCount > 10 - 7", "Passed", "RowCount = 4")]
    [InlineData("RowCount in [1, 4]", "Passed", "RowCount = 4")]
    [InlineData("RowCount not in [1, 4]", "Failed", "RowCount = 4")]
    [InlineData("RowCount != 4", "Failed", "RowCount = 4")]
    // ColumnCount
    [InlineData("ColumnCount = 7", "Passed", "ColumnCount = 7")]
    [InlineData("ColumnCount > 7", "Failed", "ColumnCount = 7")]
    // Completeness / IsComplete
    [InlineData("Completeness \"name\" >= 0.75", "Passed", "Completeness = 0.75")]
    [InlineData("Completeness \"name\" > 0.75", "Failed", "Completeness = 0.75")]
    [InlineData("Completeness \"name\" = 1.0 where \"grp = 'a'\"", "Passed", "Completeness = 1")]
    [InlineData("IsComplete \"id\"", "Passed", "Completeness = 1")]
    [InlineData("IsComplete \"name\"", "Failed", "Completeness = 0.75")]
    [InlineData("IsComplete \"name\" where \"grp = 'a'\"", "Passed", "Completeness = 1")]
    // ColumnDataType (+ threshold)
    [InlineData("ColumnDataType \"code\" = \"String\"", "Passed", "Compliance = 1")]
    [InlineData("ColumnDataType \"qty\" = \"Integer\"", "Failed", "Compliance = 0.5")]
    [InlineData("ColumnDataType \"qty\" = \"Integer\" with threshold >= 0.5", "Passed", "Compliance = 0.5")]
    [InlineData("ColumnDataType \"qty\" in [\"Integer\", \"Double\"] with threshold > 0.7", "Passed", "Compliance = 0.75")]
    [InlineData("ColumnDataType \"qty\" = \"Double\"", "Failed", "Compliance = 0.75")]
    [InlineData("ColumnDataType \"amount\" = \"Double\"", "Passed", "Compliance = 1")]
    [InlineData("ColumnDataType \"ts\" = \"Timestamp\"", "Passed", "Compliance = 1")]
    // ColumnNamesMatchPattern / ColumnExists
    [InlineData("ColumnNamesMatchPattern \"[a-z_]+\"", "Passed", "ColumnNamesMatchPattern = 1")]
    [InlineData("ColumnNamesMatchPattern \"id|name\"", "Failed", "ColumnNamesMatchPattern = 0.285714")]
    [InlineData("ColumnExists \"amount\"", "Passed", "ColumnExists = true")]
    [InlineData("ColumnExists \"missing\"", "Failed", "ColumnExists = false")]
    // ColumnCorrelation
    [InlineData("ColumnCorrelation \"id\" \"amount\" > 0.99", "Passed", "ColumnCorrelation = 1")]
    [InlineData("ColumnCorrelation of id and amount < 0", "Failed", "ColumnCorrelation = 1")]
    // Uniqueness / IsUnique / IsPrimaryKey / UniqueValueRatio / DistinctValuesCount / Entropy
    [InlineData("Uniqueness \"id\" = 1.0", "Passed", "Uniqueness = 1")]
    [InlineData("Uniqueness \"grp\" > 0.5", "Failed", "Uniqueness = 0")]
    [InlineData("Uniqueness \"grp\" \"id\" = 1.0", "Passed", "Uniqueness = 1")]
    [InlineData("IsUnique \"id\"", "Passed", "Uniqueness = 1")]
    [InlineData("IsUnique \"grp\"", "Failed", "Uniqueness = 0")]
    [InlineData("IsUnique \"name\"", "Passed", "Uniqueness = 1")] // NULLs are ignored (Deequ)
    [InlineData("IsUnique \"grp\" where \"id < 4\"", "Failed", "Uniqueness = 0.333333")]
    [InlineData("IsPrimaryKey \"id\"", "Passed", "Completeness = 1, Uniqueness = 1")]
    [InlineData("IsPrimaryKey \"name\"", "Failed", "Completeness = 0.75, Uniqueness = 0.75")]
    [InlineData("IsPrimaryKey \"grp\" \"id\"", "Passed", "Completeness = 1, Uniqueness = 1")]
    [InlineData("UniqueValueRatio \"id\" = 1", "Passed", "UniqueValueRatio = 1")]
    [InlineData("UniqueValueRatio \"grp\" > 0.5", "Failed", "UniqueValueRatio = 0")]
    [InlineData("DistinctValuesCount \"grp\" = 2", "Passed", "DistinctValuesCount = 2")]
    [InlineData("DistinctValuesCount \"name\" > 3", "Failed", "DistinctValuesCount = 3")]
    [InlineData("Entropy \"grp\" between 0.69 and 0.70", "Passed", "Entropy = 0.693147")]
    [InlineData("Entropy \"id\" < 1", "Failed", "Entropy = 1.386294")]
    // Mean / Sum / StandardDeviation / Variance
    [InlineData("Mean \"amount\" = 25", "Passed", "Mean = 25")]
    [InlineData("Mean \"amount\" > 25", "Failed", "Mean = 25")]
    [InlineData("Mean \"amount\" = 15 where \"grp = 'a'\"", "Passed", "Mean = 15")]
    [InlineData("Sum \"amount\" = 100", "Passed", "Sum = 100")]
    [InlineData("Sum \"amount\" < 100", "Failed", "Sum = 100")]
    [InlineData("StandardDeviation \"amount\" between 11.18 and 11.19", "Passed", "StandardDeviation = 11.18034")]
    [InlineData("StandardDeviation \"amount\" < 5", "Failed", "StandardDeviation = 11.18034")]
    [InlineData("Variance \"amount\" = 125", "Passed", "Variance = 125")]
    [InlineData("Variance \"amount\" > 125", "Failed", "Variance = 125")]
    // ColumnLength (NULLs ignored)
    [InlineData("ColumnLength \"code\" <= 3", "Passed", "Compliance = 1")]
    [InlineData("ColumnLength \"code\" > 0", "Failed", "Compliance = 0.75")]
    [InlineData("ColumnLength \"name\" >= 2", "Passed", "Compliance = 1")]
    [InlineData("ColumnLength \"name\" between 2 and 6", "Failed", "Compliance = 0.75")]
    // ColumnValues: comparisons, between, in, keywords, matches, dates, where, threshold
    [InlineData("ColumnValues \"amount\" >= 10", "Passed", "Compliance = 1")]
    [InlineData("ColumnValues \"amount\" > 10", "Failed", "Compliance = 0.75")]
    [InlineData("ColumnValues \"amount\" between 9 and 41", "Passed", "Compliance = 1")]
    [InlineData("ColumnValues \"amount\" between 10 and 40", "Failed", "Compliance = 0.5")]
    [InlineData("ColumnValues \"amount\" not between 50 and 60", "Passed", "Compliance = 1")]
    [InlineData("ColumnValues \"amount\" not between 15 and 35", "Failed", "Compliance = 0.5")]
    [InlineData("ColumnValues \"amount\" between -1 and 100", "Passed", "Compliance = 1")]
    [InlineData("ColumnValues \"id\" in [1, 2, 3, 4]", "Passed", "Compliance = 1")]
    [InlineData("ColumnValues \"id\" not in [4]", "Failed", "Compliance = 0.75")]
    [InlineData("ColumnValues \"id\" = 1 where \"name = 'alice'\"", "Passed", "Compliance = 1")]
    [InlineData("ColumnValues \"id\" != 1", "Failed", "Compliance = 0.75")]
    [InlineData("ColumnValues \"code\" in [\"EUR\", \"USD\", \"GBP\"]", "Failed", "Compliance = 0.75")]
    [InlineData("ColumnValues \"code\" in [\"EUR\", \"USD\", \"GBP\", EMPTY]", "Passed", "Compliance = 1")]
    [InlineData("ColumnValues \"code\" not in [\"JPY\"]", "Passed", "Compliance = 1")]
    [InlineData("ColumnValues \"code\" != EMPTY", "Failed", "Compliance = 0.75")]
    [InlineData("ColumnValues \"code\" > \"A\"", "Failed", "Compliance = 0.75")]
    [InlineData("ColumnValues \"name\" in [\"alice\", \"bob\"] with threshold >= 0.5", "Passed", "Compliance = 0.5")]
    [InlineData("ColumnValues \"name\" in [\"alice\", \"bob\"] with threshold > 0.5", "Failed", "Compliance = 0.5")]
    [InlineData("ColumnValues \"name\" != NULL", "Failed", "Compliance = 0.75")]
    [InlineData("ColumnValues \"name\" = NULL where \"id = 3\"", "Passed", "Compliance = 1")]
    [InlineData("ColumnValues \"name\" in [\"alice\", \"bob\", NULL, WHITESPACES_ONLY]", "Passed", "Compliance = 1")]
    [InlineData("ColumnValues \"name\" not in [\"carol\"]", "Failed", "Compliance = 0.75")] // NULL fails, as in Spark
    [InlineData("ColumnValues \"name\" matches \"[a-z]+\"", "Failed", "Compliance = 0.5")]
    [InlineData("ColumnValues \"name\" matches \"[a-z]+\" where \"name IS NOT NULL AND trim(name) <> ''\"", "Passed", "Compliance = 1")]
    [InlineData("ColumnValues \"name\" matches \"a\"", "Failed", "Compliance = 0")] // full match, like Java's String.matches
    [InlineData("ColumnValues \"code\" not matches \"[0-9]+\"", "Passed", "Compliance = 1")]
    [InlineData("ColumnValues \"ts\" > (now() - 10 days) where \"ts IS NOT NULL\"", "Passed", "Compliance = 1")]
    [InlineData("ColumnValues \"ts\" > (now() - 10 days)", "Failed", "Compliance = 0.75")] // NULL fails
    [InlineData("ColumnValues \"ts\" > (now() - 2 days) where \"ts IS NOT NULL\"", "Failed", "Compliance = 0.666667")]
    [InlineData("ColumnValues \"ts\" > \"2024-05-31\" where \"ts IS NOT NULL\"", "Passed", "Compliance = 1")]
    [InlineData("ColumnValues \"ts\" between \"2024-06-01\" and \"2024-06-11\" where \"ts IS NOT NULL\"", "Failed", "Compliance = 0.666667")]
    [InlineData("ColumnValues \"ts\" <= now()", "Failed", "Compliance = 0.75")]
    // DataFreshness
    [InlineData("DataFreshness \"ts\" <= 10 days where \"ts IS NOT NULL\"", "Passed", "Compliance = 1")]
    [InlineData("DataFreshness \"ts\" <= 1 days where \"ts IS NOT NULL\"", "Failed", "Compliance = 0.666667")]
    [InlineData("DataFreshness \"ts\" between 1 hours and 3 hours where \"id = 1\"", "Passed", "Compliance = 1")]
    [InlineData("DataFreshness \"ts\" < 24 hours", "Failed", "Compliance = 0.25")]
    // CustomSql
    [InlineData("CustomSql \"select count(*) from primary\" = 4", "Passed", "CustomSql = 4")]
    [InlineData("CustomSql \"SELECT max(amount) FROM primary WHERE grp = 'b'\" < 40", "Failed", "CustomSql = 40")]
    [InlineData("CustomSql \"select sum(p.amount) from primary p join primary q using (id)\" = 100", "Passed", "CustomSql = 100")]
    [InlineData("CustomSql \"select id from primary where amount > 15\"", "Failed", "CustomSql.Compliance = 0.75")]
    [InlineData("CustomSql \"select id from primary where amount > 5\"", "Passed", "CustomSql.Compliance = 1")]
    [InlineData("CustomSql \"select id from primary where amount > 15\" with threshold >= 0.75", "Passed", "CustomSql.Compliance = 0.75")]
    [InlineData("CustomSql \"select amount > 5 from primary where id = 1\" = 1", "Passed", "CustomSql = 1")]
    // Composite rules
    [InlineData("(RowCount > 0) and (IsComplete \"id\")", "Passed", "RowCount = 4; Completeness = 1")]
    [InlineData("(RowCount > 0) and (IsComplete \"name\")", "Failed", "RowCount = 4; Completeness = 0.75")]
    [InlineData("(RowCount > 10) or (IsComplete \"id\")", "Passed", "RowCount = 4; Completeness = 1")]
    [InlineData("(RowCount > 10) OR (IsComplete \"name\")", "Failed", "RowCount = 4; Completeness = 0.75")]
    [InlineData("(RowCount > 10) or ((IsComplete \"id\") and (IsUnique \"id\"))", "Passed", "RowCount = 4; Completeness = 1; Uniqueness = 1")]
    [InlineData("(RowCount > 0) and (SchemaMatch \"ref\" >= 1.0)", "Skipped", "RowCount = 4")]
    [InlineData("(RowCount > 10) and (SchemaMatch \"ref\" >= 1.0)", "Failed", "RowCount = 4")]
    [InlineData("(RowCount > 0) or (SchemaMatch \"ref\" >= 1.0)", "Passed", "RowCount = 4")]
    public void Rule(string rule, string outcome, string observed)
    {
        using var db = Open(Sample);
        var result = One(db, rule);
        Assert.True(outcome == result.Outcome, $"{rule}: expected {outcome} but was {result.Outcome} ({result.Observed}; {result.Reason})");
        Assert.Equal(observed, result.Observed);
        Assert.Equal(rule, result.Rule);
        if (outcome == "Passed")
        {
            Assert.Null(result.Reason);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(result.Reason));
        }
    }

    [Theory]
    [InlineData("RowCountMatch \"reference\" >= 0.95", "another dataset")]
    [InlineData("ReferentialIntegrity \"id\" \"reference.id\" > 0.98", "another dataset")]
    [InlineData("DatasetMatch \"reference\" \"id\" = 0.99", "another dataset")]
    [InlineData("SchemaMatch \"ref-1\" >= 1.0", "another dataset")]
    [InlineData("AggregateMatch \"sum(amount)\" \"sum(reference.amount)\" > 0.1", "another dataset")]
    [InlineData("DetectAnomalies of RowCount", "history")]
    [InlineData("DetectAnomalies of Completeness of \"name\"", "history")]
    [InlineData("RowCount > avg(last(10))", "history")]
    [InlineData("Completeness \"name\" between (0.9 * avg(last(10))) and (1.1 * avg(last(10)))", "history")]
    [InlineData("ColumnCount = avg(std(last(10)))", "history")]
    [InlineData("FileSize between 1 B and 1 GB", "S3")]
    [InlineData("FileFreshness \"S3://PATH\" > (now() - 3 days)", "S3")]
    [InlineData("FileUniqueness \"S3://PATH\" > 0.9", "S3")]
    [InlineData("FileMatch \"S3://PATH\" in [\"abc\"]", "S3")]
    public void Rules_that_need_more_than_one_table_are_skipped_with_a_reason(string rule, string reason)
    {
        using var db = Open(Sample);
        var result = One(db, rule);
        Assert.Equal("Skipped", result.Outcome);
        Assert.Contains(reason, result.Reason);
        var report = QualityEvaluator.Evaluate(db, "t", rule, Now);
        Assert.True(report.Passed, "a skipped rule does not fail the report");
        Assert.Equal("TRUE", QualityEvaluator.RowLevelPassPredicate(rule, Now));
    }

    /// <summary>
    /// Empty input: RowCount, DistinctValuesCount and ColumnCount are defined (0); ratios, means and row-level rules have no
    /// rows to evaluate and fail (Deequ's "empty state" is a failed metric; Glue fails them).
    /// </summary>
    [Theory]
    [InlineData("RowCount = 0", "Passed", "RowCount = 0")]
    [InlineData("RowCount > 0", "Failed", "RowCount = 0")]
    [InlineData("ColumnCount = 2", "Passed", "ColumnCount = 2")]
    [InlineData("DistinctValuesCount \"a\" = 0", "Passed", "DistinctValuesCount = 0")]
    [InlineData("Completeness \"a\" >= 0", "Failed", "Completeness = NaN")]
    [InlineData("IsComplete \"a\"", "Failed", "Completeness = NaN")]
    [InlineData("IsUnique \"a\"", "Failed", "Uniqueness = NaN")]
    [InlineData("IsPrimaryKey \"a\"", "Failed", "Completeness = NaN, Uniqueness = NaN")]
    [InlineData("Uniqueness \"a\" > 0", "Failed", "Uniqueness = NaN")]
    [InlineData("ColumnValues \"a\" > 0", "Failed", "Compliance = NaN")]
    [InlineData("ColumnValues \"a\" > 0 with threshold >= 0", "Failed", "Compliance = NaN")]
    [InlineData("ColumnLength \"b\" < 5", "Failed", "Compliance = NaN")]
    [InlineData("Mean \"a\" > 0", "Failed", "Mean = NaN")]
    [InlineData("Sum \"a\" = 0", "Failed", "Sum = NaN")]
    [InlineData("Entropy \"a\" >= 0", "Failed", "Entropy = NaN")]
    [InlineData("CustomSql \"select count(*) from primary\" = 0", "Passed", "CustomSql = 0")]
    [InlineData("RowCount = 0 where \"a > 1\"", "Passed", "RowCount = 0")]
    public void Empty_tables(string rule, string outcome, string observed)
    {
        using var db = Open("CREATE TABLE e (a INTEGER, b VARCHAR);");
        var result = One(db, rule, "e");
        Assert.True(outcome == result.Outcome, $"{rule}: {result.Outcome} ({result.Observed}; {result.Reason})");
        Assert.Equal(observed, result.Observed);
    }

    [Fact]
    public void A_where_clause_that_selects_no_row_fails_row_level_rules()
    {
        using var db = Open(Sample);
        var result = One(db, "IsComplete \"name\" where \"id > 100\"");
        Assert.Equal("Failed", result.Outcome);
        Assert.Contains("no rows", result.Reason);
    }

    [Fact]
    public void Documents_with_variables_metadata_and_labels_are_evaluated()
    {
        using var db = Open(Sample);
        const string ruleset = """
            # a comment
            Metadata = { "Version": "1.0" }
            currencies = ["EUR", "USD", "GBP", ""]
            countSql = "select count(*) from primary where amount > 15"
            Rules = [
                ColumnValues "code" in $currencies labels=["team"="finance"],
                CustomSql $countSql = 3,
                RowCount > 0
            ]
            """;
        var report = QualityEvaluator.Evaluate(db, "t", ruleset, Now);
        Assert.Equal(new[] { "Passed", "Passed", "Passed" }, report.Rules.Select(r => r.Outcome));
        Assert.Equal(4, report.Rows);
        Assert.True(report.Passed);
        Assert.Equal("ColumnValues \"code\" in $currencies labels=[\"team\"=\"finance\"]", report.Rules[0].Rule);
    }

    [Fact]
    public void Invalid_rules_are_errors_and_the_valid_ones_still_run()
    {
        using var db = Open(Sample);
        var report = QualityEvaluator.Evaluate(db, "t", "RowsCount > 0, RowCount = 4, ColumnCount > 0 where \"id > 1\"", Now);
        Assert.Equal(3, report.Rules.Count);
        Assert.Equal("Error", report.Rules[0].Outcome);
        Assert.Contains("unknown rule type", report.Rules[0].Reason);
        Assert.Equal("ColumnCount > 0 where \"id > 1\"", report.Rules[1].Rule);
        Assert.Equal("Error", report.Rules[1].Outcome);
        Assert.Contains("does not support a 'where'", report.Rules[1].Reason);
        Assert.Equal(("RowCount = 4", "Passed"), (report.Rules[2].Rule, report.Rules[2].Outcome));
        Assert.False(report.Passed);
    }

    [Theory]
    [InlineData("Mean \"missing\" > 0", "DuckDB")]
    [InlineData("Mean \"name\" > 0", "DuckDB")] // not numeric
    [InlineData("ColumnValues \"id\" > 1 where \"no_such_column > 1\"", "DuckDB")]
    [InlineData("CustomSql \"select nonsense from\" > 1", "DuckDB")]
    [InlineData("ColumnDataType \"qty\" = \"Text\"", "ColumnDataType expects")]
    [InlineData("DataFreshness \"ts\" < 5", "durations")]
    [InlineData("RowCount > \"abc\"", "expected a number")]
    public void Rules_that_cannot_be_computed_are_errors(string rule, string reason)
    {
        using var db = Open(Sample);
        var result = One(db, rule);
        Assert.Equal("Error", result.Outcome);
        Assert.Contains(reason, result.Reason);
    }

    [Fact]
    public void Identifiers_and_literals_are_escaped()
    {
        using var db = Open(""""
            CREATE TABLE "odd ""table""" ("we""ird" VARCHAR, "col-A" INTEGER);
            INSERT INTO "odd ""table""" VALUES ('o''brien', 1), ('x"); DROP TABLE t; --', 2);
            """");
        var report = QualityEvaluator.Evaluate(db, "odd \"table\"", """
            IsComplete "we\"ird", ColumnValues "we\"ird" in ["o'brien", "x\"); DROP TABLE t; --"], ColumnValues "col-A" > 0 where "`col-A` < 5",
            ColumnExists "we\"ird", ColumnValues "we\"ird" = "o'brien' OR '1'='1"
            """, Now);
        Assert.Equal(new[] { "Passed", "Passed", "Passed", "Passed", "Failed" }, report.Rules.Select(r => r.Outcome));
        Assert.Equal(2, report.Rows);
    }

    [Fact]
    public void Qualified_relation_names_are_supported()
    {
        using var db = Open("CREATE SCHEMA s; CREATE TABLE s.orders (id INTEGER); INSERT INTO s.orders VALUES (1), (2);");
        Assert.Equal("RowCount = 2", One(db, "RowCount = 2", "s.orders").Observed);
        Assert.Equal("Passed", One(db, "CustomSql \"select count(*) from primary\" = 2", "s.orders").Outcome);
    }

    [Fact]
    public void Observed_values_use_the_invariant_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("fr-FR");
        try
        {
            using var db = Open(Sample);
            Assert.Equal("Completeness = 0.75", One(db, "Completeness \"name\" > 0.5").Observed);
            Assert.Equal("Passed", One(db, "Mean \"amount\" between 24.5 and 25.5").Outcome);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void A_view_can_be_evaluated()
    {
        using var db = Open(Sample + "CREATE VIEW v AS SELECT * FROM t WHERE grp = 'a';");
        var report = QualityEvaluator.Evaluate(db, "v", "Rules = [ RowCount = 2, IsComplete \"name\", IsUnique \"id\" ]", Now);
        Assert.True(report.Passed, string.Join("; ", report.Rules.Select(r => r.Reason)));
        Assert.Equal(2, report.Rows);
    }
}

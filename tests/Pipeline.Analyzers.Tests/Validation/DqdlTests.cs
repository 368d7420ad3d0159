using System.Linq;
using Pipeline.Generators.Validation;
using Xunit;

namespace Pipeline.Analyzers.Tests.Validation;

public class DqdlTests
{
    /// <summary>Valid examples from glue-domain-notes c2–c4 (taken from DQDL's valid parser tests).</summary>
    [Theory]
    [InlineData("RowCount = 100")]
    [InlineData("RowCount > 0")]
    [InlineData("RowCount > 10 + 10")]
    [InlineData("RowCountMatch \"reference\" >= 0.95")]
    [InlineData("ColumnCount >= 100")]
    [InlineData("Completeness \"col_1\" between (0.9 * avg(last(10))) and (1.1 * avg(last(10)))")]
    [InlineData("IsComplete \"col_1\" where \"col-A > 100\"")]
    [InlineData("ColumnDataType \"col_1\" = \"String\"")]
    [InlineData("ColumnDataType \"col_1\" in [\"Date\",\"String\"] with threshold > 0.9")]
    [InlineData("ColumnNamesMatchPattern \"aws_.*_[a-zA-Z0-9]+\"")]
    [InlineData("ColumnExists \"load_dt\"")]
    [InlineData("ColumnCorrelation \"col_1\" \"col_2\" between 0.4 and 0.8")]
    [InlineData("ColumnCorrelation of col_1 and col_2 between 0.4 and 0.8")]
    [InlineData("Uniqueness \"col_1\" \"col_2\" > 0.5")]
    [InlineData("IsUnique \"col_1\" \"col_2\"")]
    [InlineData("Mean \"col_A-B.CD\" between 10 and 20")]
    [InlineData("Sum \"col_A-B.C\" > 100.0")]
    [InlineData("StandardDeviation \"col_A-B.CD\" <= 10.0")]
    [InlineData("Variance \"col_A-B.CD\" between 0.1 and 0.5")]
    [InlineData("Entropy \"col_A-B.CD\" between 10 and 30")]
    [InlineData("DistinctValuesCount \"col_A-B.CD\" > 1000")]
    [InlineData("UniqueValueRatio \"col_A-B.CD\" < 0.5")]
    [InlineData("ColumnLength \"trade_currency\" > 0")]
    [InlineData("IsPrimaryKey \"colA\"")]
    [InlineData("ColumnValues \"Location-id\" in [\"YYZ14\", \"b\", \"c\"]")]
    [InlineData("ColumnValues \"load_dt\" > (now() - 2 days)")]
    [InlineData("ColumnValues \"trade_currency\" != NULL")]
    [InlineData("ColumnValues \"trade_currency\" != null")]
    [InlineData("ColumnValues \"col-A\" matches \"[a-z]*\" with threshold <= 0.4")]
    [InlineData("ColumnValues \"col-A\" not matches \"[a-z]*\"")]
    [InlineData("ColumnValues \"col-A\" not in [1, 2, 3]")]
    [InlineData("ColumnValues \"col-A\" not between 1 and 5")]
    [InlineData("ColumnValues \"col-A\" in [NULL, EMPTY, WHITESPACES_ONLY]")]
    [InlineData("ColumnValues \"col-A\" between -10 and -1")]
    [InlineData("ColumnValues \"d\" > \"2022-06-01\"")]
    [InlineData("DataFreshness \"col-A\" between 2 days and 4 days")]
    [InlineData("DataFreshness \"col-A\" <= 3 days where \"col-A > 100\"")]
    [InlineData("CustomSql \"select $id from primary where age < 100\"")]
    [InlineData("CustomSql \"select count(*) from primary\" between 10 and 20")]
    [InlineData("ReferentialIntegrity \"col-A\" \"reference.col-A1\" > 0.98")]
    [InlineData("DatasetMatch \"reference\" \"ID1,ID2\" \"colA,colB,colC\" = 0.99")]
    [InlineData("SchemaMatch \"ref-1\" >= 1.0")]
    [InlineData("AggregateMatch \"sum(col-A)\" \"sum(reference.colA)\" > 0.1")]
    [InlineData("DetectAnomalies of Completeness of \"colA\"")]
    [InlineData("DetectAnomalies \"RowCount\"")]
    [InlineData("FileSize between 1 B and 1 GB")]
    [InlineData("FileFreshness \"S3://PATH\" > (now() - 3 days)")]
    [InlineData("FileUniqueness \"S3://PATH\" > 0.9")]
    [InlineData("RowCount > 1, ColumnCount > max(avg(last(10)))")]
    [InlineData("RowCount between (0.9 * average(last(10))) and 1.1 * average(last(10))")]
    [InlineData("ColumnCount = avg(std(last(10)))")]
    [InlineData("(RowCount > 0) OR ((IsComplete \"colA\") AND (IsUnique \"colA\"))")]
    [InlineData("(RowCount > 0) and (ColumnCount = 5) or (IsComplete \"x\")")]
    [InlineData("RowCount > 0 labels=[\"priority\"=\"high\"]")]
    [InlineData("RowCount > 0 # a comment\n, ColumnCount = 5")]
    [InlineData("IsComplete order_id, IsUnique order_id")]
    [InlineData("Rules = [ RowCount > 0, IsComplete \"id\" ]")]
    [InlineData("Rules = []")]
    [InlineData("Metadata = { \"Version\": \"1.0\" }\nDataSources = { \"Primary\": \"orders-table\", \"AdditionalDataSources\": [ \"ref-table\" ] }\nRules = [ RowCount > 0 ]")]
    [InlineData("sqlString = \"select id from primary where age < 100\"\nRules = [ CustomSql $sqlString between 10 and 20 ]")]
    [InlineData("locationVariable = [\"YYZ14\", \"b\"]\nRules = [ ColumnValues \"Location-id\" in $locationVariable ]")]
    [InlineData("DefaultLabels=[\"team\"=\"data\"]\nRules = [ RowCount > 0 ]")]
    [InlineData("Rules = [ RowCount > 0 ]\nAnalyzers = [ Completeness \"colA\", AllStatistics of AllColumns, Uniqueness of \"col_A\" ]")]
    public void Valid(string text)
    {
        var result = Dqdl.Parse(text);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Offset + ": " + e.Message)));
    }

    [Theory]
    [InlineData("", "no rule")]
    [InlineData("RowsCount > 0", "unknown rule type 'RowsCount'; known rule types: RowCount")]
    [InlineData("rowcount > 0", "did you mean 'RowCount'")]
    [InlineData("RowCount", "needs a condition")]
    [InlineData("Completeness \"a\"", "needs a condition")]
    [InlineData("IsComplete \"a\" > 0.5", "boolean rule")]
    [InlineData("IsComplete", "1 column")]
    [InlineData("Completeness \"a\" \"b\" > 0.5", "1 column")]
    [InlineData("ColumnCorrelation \"a\" > 0.5", "2 columns")]
    [InlineData("RowCount BETWEEN 1 and 10", "lower case: 'between'")]
    [InlineData("ColumnValues \"a\" IN [1]", "lower case: 'in'")]
    [InlineData("IsComplete \"a\" WHERE \"x > 1\"", "lower case: 'where'")]
    [InlineData("ColumnValues \"a\" > (NOW() - 2 days)", "now()")]
    [InlineData("RowCount > 0 RowCount > 1", "','")]
    [InlineData("RowCount > 0,", "a rule")]
    [InlineData("RowCount >", "a value")]
    [InlineData("RowCount between 1 or 2", "'and'")]
    [InlineData("ColumnValues \"a\" in []", "at least one value")]
    [InlineData("ColumnValues \"a\" in [1, 2", "']'")]
    [InlineData("IsComplete \"a", "unterminated")]
    [InlineData("IsComplete 'a'", "double quotes")]
    [InlineData("RowCount ! 5", "'!='")]
    [InlineData("RowCount > 0 where \"x > 1\" ", null)]
    [InlineData("ColumnCount > 0 where \"x > 1\"", "does not support a 'where'")]
    [InlineData("RowCount > 0 with threshold > 0.5", "does not support 'with threshold'")]
    [InlineData("ColumnValues \"a\" matches \"[a-z\"", "invalid regular expression")]
    [InlineData("CustomSql $sql > 1", "not declared")]
    [InlineData("(RowCount > 0) and RowCount > 1", "parenthesized")]
    [InlineData("(RowCount > 0", "')'")]
    [InlineData("IsComplete \"a\" and IsComplete \"b\"", "parentheses")]
    [InlineData("AllStatistics of AllColumns", "analyzer")]
    [InlineData("DetectAnomalies of Foo of \"a\"", "not a rule type")]
    [InlineData("Rules = [ RowCount > 0 ", "']'")]
    [InlineData("ColumnValues \"a\" > 2 Days", "durations")]
    public void Invalid(string text, string? expected)
    {
        var result = Dqdl.Parse(text);
        if (expected is null)
        {
            // RowCount supports where: this row guards against a false positive.
            Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
            return;
        }

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Message.Contains(expected));
    }

    [Fact]
    public void Columns_are_reported_with_spans_inside_the_quotes()
    {
        const string text = "IsComplete \"order_id\", ColumnValues amount > 0, Uniqueness \"a\" \"b\" > 0.5";
        var result = Dqdl.Parse(text);
        Assert.True(result.IsValid);
        Assert.Equal(new[] { "order_id", "amount", "a", "b" }, result.Columns.Select(c => c.Name));
        foreach (var column in result.Columns)
        {
            Assert.Equal(column.Name, text.Substring(column.Offset, column.Length));
        }
    }

    [Fact]
    public void Opaque_parameters_are_not_columns()
    {
        var result = Dqdl.Parse(
            "ReferentialIntegrity \"col-A\" \"reference.col-A1\" > 0.98, DatasetMatch \"reference\" \"ID1,ID2\" = 0.99, RowCountMatch \"ref\" > 0.9, "
            + "SchemaMatch \"ref\" >= 1.0, AggregateMatch \"sum(a)\" \"sum(reference.a)\" > 0.1, CustomSql \"select 1\", ColumnNamesMatchPattern \"x.*\"");
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        Assert.Empty(result.Columns);
    }

    [Fact]
    public void DetectAnomalies_reports_its_column_but_not_the_metric()
    {
        var result = Dqdl.Parse("DetectAnomalies of Completeness of \"colA\"");
        Assert.Equal(new[] { "colA" }, result.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Composite_rules_report_columns_of_every_operand()
    {
        var result = Dqdl.Parse("(IsComplete \"a\") and ((IsUnique \"b\") or (Completeness c > 0.5))");
        Assert.True(result.IsValid);
        Assert.Equal(new[] { "a", "b", "c" }, result.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Error_spans_point_at_the_offending_token()
    {
        const string text = "RowCount > 0, RowsCount > 0";
        var error = Assert.Single(Dqdl.Parse(text).Errors);
        Assert.Equal("RowsCount", text.Substring(error.Offset, error.Length));
    }

    [Fact]
    public void Parser_recovers_after_a_bad_rule()
    {
        var result = Dqdl.Parse("RowsCount > 0, IsComplete \"a\", ColumnCount, IsUnique \"b\"");
        Assert.Equal(2, result.Errors.Count);
        Assert.Equal(new[] { "a", "b" }, result.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Escaped_quotes_are_unescaped_in_column_names()
    {
        var result = Dqdl.Parse("IsComplete \"we\\\"ird\"");
        Assert.True(result.IsValid);
        Assert.Equal("we\"ird", Assert.Single(result.Columns).Name);
    }

    [Fact]
    public void Rulesets_longer_than_the_Glue_limit_are_rejected()
    {
        var text = string.Join(", ", Enumerable.Repeat("RowCount > 0", 6000));
        Assert.Contains(Dqdl.Parse(text).Errors, e => e.Message.Contains("65536"));
    }
}

using System.Linq;
using Pipeline.Generators.Validation;
using Xunit;

namespace Pipeline.Runner.Tests.Quality;

/// <summary>The syntax tree of the shared DQDL parser (Dqdl.Parse(...).Rules).</summary>
public class DqdlAstTests
{
    private static DqdlRule Rule(string text)
    {
        var result = Dqdl.Parse(text);
        Assert.True(result.IsValid, string.Join("; ", result.Errors.Select(e => e.Message)));
        return Assert.IsType<DqdlRule>(Assert.Single(result.Rules));
    }

    [Fact]
    public void Rule_type_parameters_condition_where_threshold_and_labels()
    {
        var rule = Rule("ColumnValues \"col-A\" matches \"[a-z]*\" where \"x > 1\" with threshold <= 0.4 labels=[\"priority\"=\"high\"]");
        Assert.Equal("ColumnValues", rule.Type);
        Assert.Equal("col-A", Assert.Single(rule.Parameters).Value);
        Assert.Equal(DqdlOperator.Matches, rule.Condition!.Operator);
        Assert.Equal(new DqdlString("[a-z]*"), Assert.Single(rule.Condition.Operands));
        Assert.Equal("x > 1", rule.Where);
        Assert.Equal(DqdlOperator.LessThanOrEqual, rule.Threshold!.Operator);
        Assert.Equal(0.4, ((DqdlNumber)rule.Threshold.Operands[0]).Value);
        Assert.Equal("<= 0.4", rule.Threshold.Text);
        Assert.Equal(new[] { new System.Collections.Generic.KeyValuePair<string, string>("priority", "high") }, rule.Labels);
        Assert.Equal(0, rule.Offset);
    }

    [Theory]
    [InlineData("RowCount = 1", "Equal", 1)]
    [InlineData("RowCount != 1", "NotEqual", 1)]
    [InlineData("RowCount > 1", "GreaterThan", 1)]
    [InlineData("RowCount >= 1", "GreaterThanOrEqual", 1)]
    [InlineData("RowCount < 1", "LessThan", 1)]
    [InlineData("RowCount <= 1", "LessThanOrEqual", 1)]
    [InlineData("RowCount between 1 and 2", "Between", 2)]
    [InlineData("RowCount not between 1 and 2", "NotBetween", 2)]
    [InlineData("ColumnValues \"a\" in [1, \"b\", NULL]", "In", 3)]
    [InlineData("ColumnValues \"a\" not in [1]", "NotIn", 1)]
    [InlineData("ColumnValues \"a\" not matches \"x\"", "NotMatches", 1)]
    public void Operators(string text, string op, int operands)
    {
        var condition = Rule(text).Condition!;
        Assert.Equal(op, condition.Operator.ToString());
        Assert.Equal(operands, condition.Operands.Count);
    }

    [Fact]
    public void Expressions_keep_arithmetic_now_durations_keywords_and_functions()
    {
        var between = Rule("Completeness \"c\" between (0.9 * avg(last(10))) and 1.1 * avg(last(10))").Condition!;
        var low = Assert.IsType<DqdlBinary>(between.Operands[0]);
        Assert.Equal('*', low.Operator);
        var avg = Assert.IsType<DqdlFunction>(low.Right);
        Assert.Equal("avg", avg.Name);
        Assert.Equal("last", Assert.IsType<DqdlFunction>(Assert.Single(avg.Arguments)).Name);
        Assert.True(DqdlTree.IsDynamic(between));

        var date = Rule("ColumnValues \"d\" > (now() - 2 days)").Condition!;
        var minus = Assert.IsType<DqdlBinary>(Assert.Single(date.Operands));
        Assert.Equal(new DqdlFunction("now", System.Array.Empty<DqdlExpression>()).Name, Assert.IsType<DqdlFunction>(minus.Left).Name);
        Assert.Equal(new DqdlDuration(2, "days"), minus.Right);
        Assert.False(DqdlTree.IsDynamic(date));

        Assert.Equal(new DqdlKeyword("NULL"), Rule("ColumnValues \"a\" != null").Condition!.Operands[0]);
        Assert.Equal(new DqdlKeyword("WHITESPACES_ONLY"), Rule("ColumnValues \"a\" in [WHITESPACES_ONLY]").Condition!.Operands[0]);
        Assert.Equal(new DqdlSize(1, "GB"), Rule("FileSize < 1 GB").Condition!.Operands[0]);
        var negative = Assert.IsType<DqdlUnary>(Rule("ColumnValues \"a\" between -10 and -1").Condition!.Operands[0]);
        Assert.Equal('-', negative.Operator);
        var sum = Assert.IsType<DqdlBinary>(Rule("RowCount > 10 + 10 * 2").Condition!.Operands[0]);
        Assert.Equal('+', sum.Operator);
        Assert.IsType<DqdlBinary>(sum.Right);
    }

    [Fact]
    public void Composite_rules_are_trees_evaluated_left_to_right()
    {
        var result = Dqdl.Parse("(RowCount > 0) OR ((IsComplete \"colA\") AND (IsUnique \"colA\")), (RowCount > 0) and (ColumnCount = 5) or (IsComplete \"x\")");
        Assert.True(result.IsValid);
        Assert.Equal(2, result.Rules.Count);
        var first = Assert.IsType<DqdlCompositeRule>(result.Rules[0]);
        Assert.Equal(DqdlCompositeOperator.Or, first.Operator);
        var inner = Assert.IsType<DqdlCompositeRule>(first.Operands[1]);
        Assert.Equal(DqdlCompositeOperator.And, inner.Operator);
        Assert.Equal(new[] { "IsComplete", "IsUnique" }, inner.Operands.Cast<DqdlRule>().Select(r => r.Type));
        Assert.Equal("(RowCount > 0) OR ((IsComplete \"colA\") AND (IsUnique \"colA\"))", first.Text);

        var second = Assert.IsType<DqdlCompositeRule>(result.Rules[1]);
        Assert.Equal(DqdlCompositeOperator.Or, second.Operator);
        Assert.Equal(DqdlCompositeOperator.And, Assert.IsType<DqdlCompositeRule>(second.Operands[0]).Operator);
        Assert.Equal(new[] { "RowCount", "ColumnCount", "IsComplete" }, DqdlTree.Leaves(second).Select(r => r.Type));
    }

    [Fact]
    public void Chained_and_is_flattened()
    {
        var composite = Assert.IsType<DqdlCompositeRule>(Assert.Single(Dqdl.Parse("(RowCount > 0) and (ColumnCount > 0) and (IsComplete \"a\")").Rules));
        Assert.Equal(3, composite.Operands.Count);
    }

    [Fact]
    public void Variables_are_resolved()
    {
        var result = Dqdl.Parse("sql = \"select count(*) from primary\"\nlist = [\"a\", \"b\"]\nRules = [ CustomSql $sql between 1 and 2, ColumnValues \"c\" in $list ]");
        Assert.True(result.IsValid);
        Assert.Equal("select count(*) from primary", ((DqdlRule)result.Rules[0]).Parameters[0].Value);
        Assert.Equal(new DqdlExpression[] { new DqdlString("a"), new DqdlString("b") }, ((DqdlRule)result.Rules[1]).Condition!.Operands);
    }

    [Fact]
    public void Rule_text_and_offsets_point_into_the_source()
    {
        const string text = "Rules = [\n  IsComplete \"a\" where \"a > 1\",\n  RowCount > 0 # trailing comment\n]";
        var result = Dqdl.Parse(text);
        Assert.Equal(new[] { "IsComplete \"a\" where \"a > 1\"", "RowCount > 0" }, result.Rules.Select(r => r.Text));
        foreach (var rule in result.Rules)
        {
            Assert.Equal(rule.Text, text.Substring(rule.Offset, rule.Length));
        }
    }

    [Fact]
    public void Analyzers_are_separate_from_rules()
    {
        var result = Dqdl.Parse("Rules = [ RowCount > 0 ]\nAnalyzers = [ Completeness \"colA\", AllStatistics of AllColumns ]");
        Assert.Single(result.Rules);
        Assert.Equal(new[] { "Completeness", "AllStatistics" }, result.Analyzers.Cast<DqdlRule>().Select(r => r.Type));
        Assert.Equal(2, result.RuleCount - 1);
    }

    [Fact]
    public void Rules_the_parser_had_to_skip_are_absent()
    {
        var result = Dqdl.Parse("RowsCount > 0, IsComplete \"a\", ColumnCount, IsUnique \"b\"");
        Assert.Equal(2, result.Errors.Count);
        Assert.Equal(new[] { "IsComplete", "IsUnique" }, result.Rules.Cast<DqdlRule>().Select(r => r.Type));
    }
}

using System.Collections.Generic;

namespace Pipeline.Generators.Validation;

// The syntax tree Dqdl.Parse returns next to its diagnostics (DqdlParseResult.Rules / Analyzers). Pure data:
// the analyzers ignore it, the local runner (Pipeline.Runner.Quality) evaluates it. Variables ($name) are resolved
// by the parser: a parameter or operand that refers to a declared variable carries the variable's value.

/// <summary>A top-level rule or an operand of a composite rule. <see cref="Text"/> is the source text of the node.</summary>
internal abstract record DqdlRuleNode(string Text, int Offset, int Length);

/// <summary>A rule parameter: a column, alias, regex, SQL text or metric name (quoted, bare or a resolved <c>$variable</c>).</summary>
internal sealed record DqdlParameter(string Value, bool Quoted, int Offset, int Length);

/// <summary>One rule: <c>RuleType parameters* condition? where? labels? (with tag condition)*</c>.</summary>
internal sealed record DqdlRule(
    string Type,
    IReadOnlyList<DqdlParameter> Parameters,
    DqdlConditionNode? Condition,
    string? Where,
    DqdlConditionNode? Threshold,
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    string Text,
    int Offset,
    int Length) : DqdlRuleNode(Text, Offset, Length);

internal enum DqdlCompositeOperator
{
    And,
    Or,
}

/// <summary><c>(rule) and (rule) ...</c> or <c>(rule) or (rule) ...</c>. DQDL gives <c>and</c> and <c>or</c> the same
/// precedence and associates left to right: <c>(a) and (b) or (c)</c> is <c>((a) and (b)) or (c)</c>.</summary>
internal sealed record DqdlCompositeRule(
    DqdlCompositeOperator Operator,
    IReadOnlyList<DqdlRuleNode> Operands,
    string Text,
    int Offset,
    int Length) : DqdlRuleNode(Text, Offset, Length);

internal enum DqdlOperator
{
    Equal,
    NotEqual,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
    Between,
    NotBetween,
    In,
    NotIn,
    Matches,
    NotMatches,
}

/// <summary>A condition: comparison (one operand), between (two), in (the list) or matches (one string).</summary>
internal sealed record DqdlConditionNode(DqdlOperator Operator, IReadOnlyList<DqdlExpression> Operands, string Text);

/// <summary>An operand expression of a condition.</summary>
internal abstract record DqdlExpression;

/// <summary>A number literal (<c>Text</c> is the source spelling).</summary>
internal sealed record DqdlNumber(double Value, string Text) : DqdlExpression;

/// <summary>A quoted string (unescaped): a value, a date (<c>"2022-06-01"</c>), a time or a regex.</summary>
internal sealed record DqdlString(string Value) : DqdlExpression;

/// <summary><c>NULL</c>, <c>EMPTY</c>, <c>WHITESPACES_ONLY</c>, <c>TRUE</c> or <c>FALSE</c> (normalized to upper case).</summary>
internal sealed record DqdlKeyword(string Keyword) : DqdlExpression;

/// <summary><c>&lt;n&gt; days|hours|minutes</c>.</summary>
internal sealed record DqdlDuration(double Amount, string Unit) : DqdlExpression;

/// <summary><c>&lt;n&gt; B|KB|MB|GB|TB</c>.</summary>
internal sealed record DqdlSize(double Amount, string Unit) : DqdlExpression;

/// <summary>A function call: <c>now()</c>, or a dynamic-rule function such as <c>avg(last(10))</c>.</summary>
internal sealed record DqdlFunction(string Name, IReadOnlyList<DqdlExpression> Arguments) : DqdlExpression;

/// <summary>Unary <c>-</c> or <c>+</c>.</summary>
internal sealed record DqdlUnary(char Operator, DqdlExpression Operand) : DqdlExpression;

/// <summary><c>+ - * /</c>.</summary>
internal sealed record DqdlBinary(char Operator, DqdlExpression Left, DqdlExpression Right) : DqdlExpression;

/// <summary>A <c>$variable</c> that was not declared (declared ones are replaced by their value).</summary>
internal sealed record DqdlUnresolved(string Name) : DqdlExpression;

internal static class DqdlTree
{
    /// <summary>True when the expression uses history (<c>last(k)</c> or any function other than <c>now()</c>).</summary>
    public static bool IsDynamic(DqdlExpression expression) => expression switch
    {
        DqdlFunction f => f.Name != "now" || f.Arguments.Count > 0,
        DqdlUnary u => IsDynamic(u.Operand),
        DqdlBinary b => IsDynamic(b.Left) || IsDynamic(b.Right),
        _ => false,
    };

    public static bool IsDynamic(DqdlConditionNode? condition)
    {
        if (condition is null)
        {
            return false;
        }

        foreach (var operand in condition.Operands)
        {
            if (IsDynamic(operand))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The leaf rules of a node, left to right.</summary>
    public static IEnumerable<DqdlRule> Leaves(DqdlRuleNode node)
    {
        if (node is DqdlRule rule)
        {
            yield return rule;
            yield break;
        }

        foreach (var operand in ((DqdlCompositeRule)node).Operands)
        {
            foreach (var leaf in Leaves(operand))
            {
                yield return leaf;
            }
        }
    }
}

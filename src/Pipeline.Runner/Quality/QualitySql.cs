using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Pipeline.Generators.Validation;

namespace Pipeline.Runner.Quality;

/// <summary>A rule the local runner cannot translate (bad operand types, unknown data type...): reported as "Error".</summary>
internal sealed class QualityRuleException : Exception
{
    public QualityRuleException(string message)
        : base(message)
    {
    }
}

internal enum QualityValueKind
{
    Number,
    String,
    Timestamp,
    Duration,
    Size,
    Keyword,
}

/// <summary>A constant-folded DQDL operand: numbers, strings, timestamps (UTC), durations (seconds), sizes (bytes), keywords.</summary>
internal readonly record struct QualityValue(QualityValueKind Kind, double Number, string? Text, DateTime Timestamp)
{
    public static QualityValue Of(double number) => new(QualityValueKind.Number, number, null, default);
}

/// <summary>SQL text helpers and the translation of DQDL conditions into DuckDB predicates.</summary>
internal static class QualitySql
{
    private static readonly Regex SimpleName = new("^[A-Za-z_][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant);
    private static readonly Regex DateLike = new(@"^\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2}(\.\d{1,9})?)?)?$", RegexOptions.CultureInvariant);

    /// <summary>Tolerance of DQDL's numeric equality (<c>NumberBasedCondition.isOperandEqualToMetric</c>).</summary>
    public const double EqualityTolerance = 0.00001;

    /// <summary>A double-quoted SQL identifier; embedded <c>"</c> are doubled.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <summary>A single-quoted SQL string literal; embedded <c>'</c> are doubled.</summary>
    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    public static string Number(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "CAST(" + Literal(value.ToString("R", CultureInfo.InvariantCulture)) + " AS DOUBLE)";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return value < 0 ? "(" + text + ")" : text;
    }

    public static string Timestamp(DateTime utc) => "TIMESTAMP " + Literal(utc.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture));

    /// <summary>
    /// The relation as SQL: <c>orders</c> → <c>"orders"</c>, <c>main.orders</c> → <c>"main"."orders"</c>; an already quoted
    /// name is used as is; anything else is quoted as one identifier.
    /// </summary>
    public static string Relation(string relation)
    {
        if (string.IsNullOrWhiteSpace(relation))
        {
            throw new ArgumentException("a table or view name is required", nameof(relation));
        }

        var trimmed = relation.Trim();
        if (trimmed.StartsWith("\"", StringComparison.Ordinal))
        {
            return trimmed;
        }

        var parts = trimmed.Split('.');
        return parts.All(p => SimpleName.IsMatch(p)) ? string.Join(".", parts.Select(Identifier)) : Identifier(trimmed);
    }

    /// <summary>
    /// A user-declared Spark SQL predicate (a rule's <c>where</c>) for DuckDB: passed through, except that Spark's
    /// backquoted identifiers (<c>`col-A`</c>) become double-quoted ones. Parenthesized.
    /// </summary>
    public static string SparkPredicate(string predicate)
    {
        var sb = new StringBuilder(predicate.Length + 2).Append('(');
        var i = 0;
        while (i < predicate.Length)
        {
            var c = predicate[i];
            if (c == '\'' || c == '"')
            {
                var end = SkipQuoted(predicate, i);
                sb.Append(predicate, i, end - i);
                i = end;
                continue;
            }

            if (c == '`')
            {
                var close = predicate.IndexOf('`', i + 1);
                if (close < 0)
                {
                    sb.Append(predicate, i, predicate.Length - i);
                    break;
                }

                sb.Append(Identifier(predicate.Substring(i + 1, close - i - 1)));
                i = close + 1;
                continue;
            }

            sb.Append(c);
            i++;
        }

        return sb.Append(')').ToString();
    }

    /// <summary>CustomSql: replaces the table alias <c>primary</c> (a whole word outside quotes, any case) with the relation.</summary>
    public static string ReplacePrimary(string sql, string relationSql)
    {
        var sb = new StringBuilder(sql.Length + 16);
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == '\'' || c == '"' || c == '`')
            {
                var end = SkipQuoted(sql, i);
                sb.Append(sql, i, end - i);
                i = end;
                continue;
            }

            if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == '$'))
                {
                    i++;
                }

                var word = sql.Substring(start, i - start);
                var qualified = start > 0 && sql[start - 1] == '.';
                sb.Append(!qualified && string.Equals(word, "primary", StringComparison.OrdinalIgnoreCase) ? relationSql : word);
                continue;
            }

            sb.Append(c);
            i++;
        }

        return sb.ToString();
    }

    private static int SkipQuoted(string text, int start)
    {
        var quote = text[start];
        var i = start + 1;
        while (i < text.Length)
        {
            if (text[i] == quote)
            {
                if (i + 1 < text.Length && text[i + 1] == quote)
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            if (text[i] == '\\' && quote != '`')
            {
                i += 2;
                continue;
            }

            i++;
        }

        return text.Length;
    }

    // ---- constant folding ----------------------------------------------------------------------------------

    public static QualityValue Evaluate(DqdlExpression expression, DateTime nowUtc)
    {
        switch (expression)
        {
            case DqdlNumber n:
                return QualityValue.Of(n.Value);
            case DqdlString s:
                return new QualityValue(QualityValueKind.String, 0, s.Value, default);
            case DqdlKeyword k:
                return new QualityValue(QualityValueKind.Keyword, 0, k.Keyword, default);
            case DqdlDuration d:
                var seconds = d.Unit switch
                {
                    "days" => 86400.0,
                    "hours" => 3600.0,
                    _ => 60.0,
                };
                return new QualityValue(QualityValueKind.Duration, d.Amount * seconds, null, default);
            case DqdlSize z:
                var bytes = z.Unit switch
                {
                    "KB" => 1024.0,
                    "MB" => 1024.0 * 1024,
                    "GB" => 1024.0 * 1024 * 1024,
                    "TB" => 1024.0 * 1024 * 1024 * 1024,
                    _ => 1.0,
                };
                return new QualityValue(QualityValueKind.Size, z.Amount * bytes, null, default);
            case DqdlFunction f when f.Name == "now" && f.Arguments.Count == 0:
                return new QualityValue(QualityValueKind.Timestamp, 0, null, nowUtc);
            case DqdlFunction f:
                throw new QualityRuleException("'" + f.Name + "(...)' needs the history of previous runs");
            case DqdlUnresolved u:
                throw new QualityRuleException("variable '" + u.Name + "' is not declared");
            case DqdlUnary u:
                var operand = Evaluate(u.Operand, nowUtc);
                if (u.Operator == '+')
                {
                    return operand;
                }

                if (operand.Kind is QualityValueKind.Number or QualityValueKind.Duration or QualityValueKind.Size)
                {
                    return operand with { Number = -operand.Number };
                }

                throw new QualityRuleException("cannot negate a " + Describe(operand.Kind));
            case DqdlBinary b:
                return Combine(b.Operator, Evaluate(b.Left, nowUtc), Evaluate(b.Right, nowUtc));
            default:
                throw new QualityRuleException("unsupported operand");
        }
    }

    private static QualityValue Combine(char op, QualityValue left, QualityValue right)
    {
        if (left.Kind == QualityValueKind.String && TryParseDate(left.Text!, out var l))
        {
            left = new QualityValue(QualityValueKind.Timestamp, 0, null, l);
        }

        if (left.Kind == QualityValueKind.Number && right.Kind == QualityValueKind.Number)
        {
            return QualityValue.Of(op switch
            {
                '+' => left.Number + right.Number,
                '-' => left.Number - right.Number,
                '*' => left.Number * right.Number,
                _ => left.Number / right.Number,
            });
        }

        if (left.Kind == QualityValueKind.Timestamp && right.Kind == QualityValueKind.Duration && (op == '+' || op == '-'))
        {
            var ts = left.Timestamp.AddSeconds(op == '+' ? right.Number : -right.Number);
            return new QualityValue(QualityValueKind.Timestamp, 0, null, ts);
        }

        if (left.Kind == right.Kind && left.Kind is QualityValueKind.Duration or QualityValueKind.Size && (op == '+' || op == '-'))
        {
            return left with { Number = op == '+' ? left.Number + right.Number : left.Number - right.Number };
        }

        if ((op == '*' || op == '/') && left.Kind is QualityValueKind.Duration or QualityValueKind.Size && right.Kind == QualityValueKind.Number)
        {
            return left with { Number = op == '*' ? left.Number * right.Number : left.Number / right.Number };
        }

        if (op == '*' && left.Kind == QualityValueKind.Number && right.Kind is QualityValueKind.Duration or QualityValueKind.Size)
        {
            return right with { Number = left.Number * right.Number };
        }

        throw new QualityRuleException("cannot compute " + Describe(left.Kind) + " " + op + " " + Describe(right.Kind));
    }

    public static bool TryParseDate(string text, out DateTime value)
    {
        value = default;
        if (!DateLike.IsMatch(text.Trim()))
        {
            return false;
        }

        return DateTime.TryParse(text.Trim(), CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value);
    }

    private static string Describe(QualityValueKind kind) => kind.ToString().ToLowerInvariant();

    // ---- conditions on metrics (C#) ------------------------------------------------------------------------

    /// <summary>
    /// DQDL's <c>NumberBasedCondition.evaluate</c>: <c>between</c> is exclusive, <c>not between</c> inclusive, <c>=</c>/<c>in</c>
    /// compare with a tolerance of 1e-5; a NaN metric fails every condition.
    /// </summary>
    public static bool Check(double metric, DqdlConditionNode condition, DateTime nowUtc, QualityValueKind unit = QualityValueKind.Number)
    {
        var operands = condition.Operands.Select(o => NumericOperand(o, nowUtc, unit)).ToList();
        if (double.IsNaN(metric))
        {
            return false;
        }

        bool Equal(double operand) => Math.Abs(metric - operand) <= EqualityTolerance;
        return condition.Operator switch
        {
            DqdlOperator.Between => metric > operands[0] && metric < operands[1],
            DqdlOperator.NotBetween => metric <= operands[0] || metric >= operands[1],
            DqdlOperator.GreaterThan => metric > operands[0],
            DqdlOperator.GreaterThanOrEqual => metric >= operands[0],
            DqdlOperator.LessThan => metric < operands[0],
            DqdlOperator.LessThanOrEqual => metric <= operands[0],
            DqdlOperator.Equal => Equal(operands[0]),
            DqdlOperator.NotEqual => !Equal(operands[0]),
            DqdlOperator.In => operands.Any(Equal),
            DqdlOperator.NotIn => !operands.Any(Equal),
            _ => throw new QualityRuleException("'" + condition.Text + "' does not apply to a number"),
        };
    }

    private static double NumericOperand(DqdlExpression expression, DateTime nowUtc, QualityValueKind unit)
    {
        var value = Evaluate(expression, nowUtc);
        if (value.Kind == unit)
        {
            return value.Number;
        }

        if (value.Kind == QualityValueKind.String && unit == QualityValueKind.Number
            && double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        throw new QualityRuleException("expected a " + Describe(unit) + " in the condition but found a " + Describe(value.Kind));
    }

    // ---- conditions on values (SQL) ------------------------------------------------------------------------

    /// <summary>
    /// A DuckDB predicate that is TRUE when the value <paramref name="x"/> satisfies <paramref name="condition"/> (it may be NULL:
    /// callers wrap it in <c>COALESCE(..., FALSE)</c>). The operands decide how <paramref name="x"/> is read: numbers →
    /// <c>TRY_CAST(x AS DOUBLE)</c>, now()/dates → <c>TRY_CAST(x AS TIMESTAMP)</c>, strings → <c>CAST(x AS VARCHAR)</c>,
    /// NULL/EMPTY/WHITESPACES_ONLY → null/empty/blank tests. <c>between</c> is exclusive (as for metrics). When
    /// <paramref name="type"/> (the DuckDB type of <paramref name="x"/>) is numeric, numbers compare without the cast, which
    /// is exact for DECIMAL and integers; when it is VARCHAR, strings compare without the cast and lists become IN.
    /// </summary>
    public static string ValuePredicate(string x, DqdlConditionNode condition, DateTime nowUtc, string? type = null)
    {
        var values = condition.Operands.Select(o => Evaluate(o, nowUtc)).ToList();
        switch (condition.Operator)
        {
            case DqdlOperator.Matches:
            case DqdlOperator.NotMatches:
                if (values[0].Kind != QualityValueKind.String)
                {
                    throw new QualityRuleException("'matches' takes a quoted regular expression");
                }

                var match = "regexp_full_match(CAST(" + x + " AS VARCHAR), " + Literal(values[0].Text!) + ")";
                return condition.Operator == DqdlOperator.Matches ? match : "NOT " + match;
            case DqdlOperator.Equal:
                return EqualTo(x, values[0], type);
            case DqdlOperator.NotEqual:
                return values[0] is { Kind: QualityValueKind.Keyword, Text: "NULL" } ? "(" + x + " IS NOT NULL)" : "(NOT " + EqualTo(x, values[0], type) + ")";
            case DqdlOperator.In:
            case DqdlOperator.NotIn:
            {
                var any = InList(x, values, type) ?? "(" + string.Join(" OR ", values.Select(v => EqualTo(x, v, type))) + ")";
                return condition.Operator == DqdlOperator.In ? any : "(NOT " + any + ")";
            }

            case DqdlOperator.Between:
            case DqdlOperator.NotBetween:
            {
                var (lhs, low, high) = Ordered(x, values[0], values[1], type);
                return condition.Operator == DqdlOperator.Between
                    ? "(" + lhs + " > " + low + " AND " + lhs + " < " + high + ")"
                    : "(" + lhs + " <= " + low + " OR " + lhs + " >= " + high + ")";
            }

            default:
            {
                var op = condition.Operator switch
                {
                    DqdlOperator.GreaterThan => ">",
                    DqdlOperator.GreaterThanOrEqual => ">=",
                    DqdlOperator.LessThan => "<",
                    _ => "<=",
                };
                var (lhs, rhs, _) = Ordered(x, values[0], values[0], type);
                return "(" + lhs + " " + op + " " + rhs + ")";
            }
        }
    }

    /// <summary><c>x IN (...)</c> when every value compares with <paramref name="type"/> without a cast; otherwise null.</summary>
    private static string? InList(string x, IReadOnlyList<QualityValue> values, string? type)
    {
        var plain = values.All(v => ColumnTypes.IsText(type) && v.Kind == QualityValueKind.String && !TryParseDate(v.Text!, out _))
            || values.All(v => ColumnTypes.IsNumeric(type) && v.Kind == QualityValueKind.Number && !double.IsNaN(v.Number) && !double.IsInfinity(v.Number));
        return plain && values.Count > 0
            ? "(" + x + " IN (" + string.Join(", ", values.Select(v => v.Kind == QualityValueKind.String ? Literal(v.Text!) : Number(v.Number))) + "))"
            : null;
    }

    private static string EqualTo(string x, QualityValue v, string? type)
    {
        switch (v.Kind)
        {
            case QualityValueKind.Keyword:
                return v.Text switch
                {
                    "NULL" => "(" + x + " IS NULL)",
                    "EMPTY" => "(CAST(" + x + " AS VARCHAR) = '')",
                    "WHITESPACES_ONLY" => "regexp_full_match(CAST(" + x + " AS VARCHAR), '\\s+')",
                    "TRUE" => "(TRY_CAST(" + x + " AS BOOLEAN) = TRUE)",
                    _ => "(TRY_CAST(" + x + " AS BOOLEAN) = FALSE)",
                };
            case QualityValueKind.Number:
                return "(" + AsNumber(x, type) + " = " + Number(v.Number) + ")";
            case QualityValueKind.Timestamp:
                return "(TRY_CAST(" + x + " AS TIMESTAMP) = " + Timestamp(v.Timestamp) + ")";
            case QualityValueKind.String:
                return TryParseDate(v.Text!, out var date)
                    ? "(CAST(" + x + " AS VARCHAR) = " + Literal(v.Text!) + " OR TRY_CAST(" + x + " AS TIMESTAMP) = " + Timestamp(date) + ")"
                    : "(" + AsText(x, type) + " = " + Literal(v.Text!) + ")";
            default:
                throw new QualityRuleException("a " + Describe(v.Kind) + " cannot be compared with column values");
        }
    }

    /// <summary>The value read for an ordering comparison, and the SQL of the two bounds.</summary>
    private static (string Lhs, string A, string B) Ordered(string x, QualityValue a, QualityValue b, string? type)
    {
        if (a.Kind == QualityValueKind.Number && b.Kind == QualityValueKind.Number)
        {
            return (AsNumber(x, type), Number(a.Number), Number(b.Number));
        }

        if (AsTimestamp(a, out var ta) && AsTimestamp(b, out var tb))
        {
            return ("TRY_CAST(" + x + " AS TIMESTAMP)", Timestamp(ta), Timestamp(tb));
        }

        if (a.Kind == QualityValueKind.String && b.Kind == QualityValueKind.String)
        {
            return (AsText(x, type), Literal(a.Text!), Literal(b.Text!));
        }

        throw new QualityRuleException("cannot order column values against a " + Describe(a.Kind)
            + (a.Kind == b.Kind ? string.Empty : " and a " + Describe(b.Kind)));
    }

    /// <summary>The value read as a number: as it is when its type is numeric, else whatever of it converts to DOUBLE.</summary>
    private static string AsNumber(string x, string? type) => ColumnTypes.IsNumeric(type) ? x : "TRY_CAST(" + x + " AS DOUBLE)";

    private static string AsText(string x, string? type) => ColumnTypes.IsText(type) ? x : "CAST(" + x + " AS VARCHAR)";

    private static bool AsTimestamp(QualityValue v, out DateTime value)
    {
        value = v.Timestamp;
        return v.Kind == QualityValueKind.Timestamp || (v.Kind == QualityValueKind.String && TryParseDate(v.Text!, out value));
    }

    /// <summary>Formats a metric with invariant culture: integers without decimals, fractions with up to 6 decimals.</summary>
    public static string Format(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        return value.ToString(Math.Abs(value) >= 1e15 ? "R" : "0.######", CultureInfo.InvariantCulture);
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

/// <summary>
/// Prints transform-IR expressions as PySpark Column expressions over <c>pyspark.sql.functions as F</c>.
/// Native Spark functions only (no UDFs, no <c>F.expr</c>). The translator already made every C#-vs-SQL decision
/// explicit in the tree; this class only spells it. Every operator expression is fully parenthesised: Python's
/// <c>&amp;</c>/<c>|</c> bind tighter than its comparisons, and a method call binds tighter than <c>~</c> and unary <c>-</c>.
/// </summary>
internal static class PySparkExpressionPrinter
{
    public static string Print(Expr expr)
    {
        switch (expr)
        {
            case ColumnExpr column:
                return PySparkSyntax.Col(column.Qualifier, column.Name);
            case FieldExpr field:
                return Print(field.Target) + ".getField(" + PySparkSyntax.PyLiteral(field.Field) + ")";
            case LiteralExpr literal:
                return PrintLiteral(literal);
            case BinaryExpr binary:
                return PrintBinary(binary);
            case UnaryExpr unary:
                // Parenthesised whole: `-x.alias("n")` would negate the alias, not the value.
                return (unary.Op == UnaryOp.Not ? "(~(" : "(-(") + Print(unary.Operand) + "))";
            case IsNullExpr isNull:
                return Print(isNull.Operand) + (isNull.Negated ? ".isNotNull()" : ".isNull()");
            case FunctionExpr function:
                return PrintFunction(function);
            case ConditionalExpr conditional:
                return "F.when(" + Print(conditional.Condition) + ", " + Print(conditional.WhenTrue) + ").otherwise(" + Print(conditional.WhenFalse) + ")";
            case CastExpr cast:
                return Print(cast.Operand) + ".cast(" + PySparkSyntax.PyLiteral(PySparkSyntax.SparkType(cast.Type)) + ")";
            default:
                return "F.lit(None)";
        }
    }

    private static string PrintLiteral(LiteralExpr literal)
    {
        var type = literal.Type;
        var sparkType = PySparkSyntax.PyLiteral(PySparkSyntax.SparkType(type));
        if (literal.Value is not { } value)
        {
            return "F.lit(None).cast(" + sparkType + ")";
        }

        switch (type.Kind)
        {
            case TypeKind.String:
                return "F.lit(" + PySparkSyntax.PyLiteral(value) + ")";
            case TypeKind.Boolean:
                return string.Equals(value, "true", System.StringComparison.OrdinalIgnoreCase) ? "F.lit(True)" : "F.lit(False)";
            case TypeKind.Int:
                return IsInteger(value) ? "F.lit(" + value + ")" : "F.lit(" + PySparkSyntax.PyLiteral(value) + ").cast(" + sparkType + ")";
            case TypeKind.Byte:
            case TypeKind.Short:
            case TypeKind.Long:
                // A Python int becomes a Spark int (or bigint when it does not fit); the cast pins the IR's type.
                return (IsInteger(value) ? "F.lit(" + value + ")" : "F.lit(" + PySparkSyntax.PyLiteral(value) + ")") + ".cast(" + sparkType + ")";
            case TypeKind.Double:
                return "F.lit(" + PythonFloat(value) + ")";
            case TypeKind.Float:
                return "F.lit(" + PythonFloat(value) + ").cast(" + sparkType + ")";
            case TypeKind.Decimal:
                // Exact: the digits travel as text and Spark parses them as a decimal of the IR's precision and scale.
                return "F.lit(" + PySparkSyntax.PyLiteral(value) + ").cast(" + PySparkSyntax.PyLiteral(DecimalLiteralType(type, value)) + ")";
            default:
                // Dates and timestamps are ISO text; Spark's cast parses them.
                return "F.lit(" + PySparkSyntax.PyLiteral(value) + ").cast(" + sparkType + ")";
        }
    }

    private static bool IsInteger(string value)
    {
        var start = value.Length > 0 && value[0] == '-' ? 1 : 0;
        if (value.Length == start)
        {
            return false;
        }

        for (var i = start; i < value.Length; i++)
        {
            if (value[i] < '0' || value[i] > '9')
            {
                return false;
            }
        }

        // No leading zeros: Python rejects `012`.
        return value.Length - start == 1 || value[start] != '0';
    }

    private static string PythonFloat(string value)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return "float(" + PySparkSyntax.PyLiteral(value) + ")";
        }

        if (double.IsNaN(number))
        {
            return "float(\"nan\")";
        }

        if (double.IsInfinity(number))
        {
            return number > 0 ? "float(\"inf\")" : "float(\"-inf\")";
        }

        var text = number.ToString("R", CultureInfo.InvariantCulture);
        return text.IndexOf('.') >= 0 || text.IndexOf('E') >= 0 ? text : text + ".0";
    }

    /// <summary>The literal's declared decimal type, or the narrowest one that holds its digits when none is declared.</summary>
    private static string DecimalLiteralType(DataType type, string value)
    {
        if (type.Precision > 0)
        {
            return PySparkSyntax.DecimalType(type.Precision, type.Scale);
        }

        var digits = 0;
        var scale = -1;
        foreach (var c in value)
        {
            if (c >= '0' && c <= '9')
            {
                digits++;
                if (scale >= 0)
                {
                    scale++;
                }
            }
            else if (c == '.')
            {
                scale = 0;
            }
        }

        scale = scale < 0 ? 0 : scale;
        var precision = digits < 1 ? 1 : digits;
        if (precision > 38)
        {
            return PySparkSyntax.DecimalType(0, 0);
        }

        return PySparkSyntax.DecimalType(precision < scale ? scale : precision, scale);
    }

    private static string PrintBinary(BinaryExpr binary)
    {
        var op = binary.Op;
        if (op == BinaryOp.Concat)
        {
            var parts = new List<string>();
            CollectConcat(binary, parts);
            return "F.concat(" + string.Join(", ", parts) + ")";
        }

        var left = Print(binary.Left);
        var right = Print(binary.Right);
        switch (op)
        {
            case BinaryOp.Add:
                return "(" + left + " + " + right + ")";
            case BinaryOp.Subtract:
                return "(" + left + " - " + right + ")";
            case BinaryOp.Multiply:
                return "(" + left + " * " + right + ")";
            case BinaryOp.Divide:
                return PrintDivide(binary.Type, left, right);
            case BinaryOp.Modulo:
                // Spark's % on integers keeps the dividend's sign, as C#'s does.
                return "(" + left + " % " + right + ")";
            case BinaryOp.Equal:
                return "(" + left + " == " + right + ")";
            case BinaryOp.NotEqual:
                return "(" + left + " != " + right + ")";
            case BinaryOp.NullSafeEqual:
                return left + ".eqNullSafe(" + right + ")";
            case BinaryOp.NullSafeNotEqual:
                return "(~(" + left + ".eqNullSafe(" + right + ")))";
            case BinaryOp.LessThan:
                return "(" + left + " < " + right + ")";
            case BinaryOp.LessThanOrEqual:
                return "(" + left + " <= " + right + ")";
            case BinaryOp.GreaterThan:
                return "(" + left + " > " + right + ")";
            case BinaryOp.GreaterThanOrEqual:
                return "(" + left + " >= " + right + ")";
            case BinaryOp.And:
                return "(" + left + " & " + right + ")";
            case BinaryOp.Or:
                return "(" + left + " | " + right + ")";
            default:
                return "(" + left + " + " + right + ")";
        }
    }

    /// <summary>
    /// Division. Spark's <c>/</c> always yields a fractional result, so an integral IR type means C#'s truncating
    /// division: for int and narrower, the double quotient is exact enough that the cast truncates toward zero
    /// correctly; for bigint a double would lose digits, so the dividend is first made an exact multiple of the
    /// divisor (<c>a - a % b</c>) and divided as decimal, which is exact.
    /// </summary>
    private static string PrintDivide(DataType type, string left, string right)
    {
        if (!type.IsIntegral)
        {
            return "(" + left + " / " + right + ")";
        }

        var sparkType = PySparkSyntax.PyLiteral(PySparkSyntax.SparkType(type));
        if (type.Kind == TypeKind.Long)
        {
            return "(((" + left + " - (" + left + " % " + right + ")).cast(\"decimal(20,0)\") / " + right + ".cast(\"decimal(20,0)\")).cast(" + sparkType + "))";
        }

        return "(" + left + " / " + right + ").cast(" + sparkType + ")";
    }

    private static void CollectConcat(Expr expr, List<string> parts)
    {
        if (expr is BinaryExpr { Op: BinaryOp.Concat } concat)
        {
            CollectConcat(concat.Left, parts);
            CollectConcat(concat.Right, parts);
        }
        else
        {
            parts.Add(Print(expr));
        }
    }

    /// <summary>Leading or trailing Unicode White_Space (Java regex), the set C#'s <c>string.Trim()</c> removes.</summary>
    private const string TrimPattern = "^\\p{IsWhite_Space}+|\\p{IsWhite_Space}+$";

    private static string PrintFunction(FunctionExpr function)
    {
        var args = function.Arguments;
        string Arg(int index) => index < args.Count ? Print(args[index]) : "F.lit(None)";

        switch (function.Function)
        {
            case FunctionKind.StartsWith:
                return Arg(0) + ".startswith(" + Arg(1) + ")";
            case FunctionKind.EndsWith:
                return Arg(0) + ".endswith(" + Arg(1) + ")";
            case FunctionKind.Contains:
                return Arg(0) + ".contains(" + Arg(1) + ")";
            case FunctionKind.Upper:
                return "F.upper(" + Arg(0) + ")";
            case FunctionKind.Lower:
                return "F.lower(" + Arg(0) + ")";
            case FunctionKind.Trim:
                // C#'s Trim() removes every char.IsWhiteSpace character (Unicode White_Space); F.trim removes spaces only.
                return "F.regexp_replace(" + Arg(0) + ", " + PySparkSyntax.PyLiteral(TrimPattern) + ", \"\")";
            case FunctionKind.Length:
                return "F.length(" + Arg(0) + ")";
            case FunctionKind.Substring:
                return PrintSubstring(function);
            case FunctionKind.Year:
                return "F.year(" + Arg(0) + ")";
            case FunctionKind.Month:
                return "F.month(" + Arg(0) + ")";
            case FunctionKind.Day:
                return "F.dayofmonth(" + Arg(0) + ")";
            case FunctionKind.ToDate:
                return "F.to_date(" + Arg(0) + ")";
            case FunctionKind.TruncateToDay:
                return "F.date_trunc(\"day\", " + Arg(0) + ")";
            case FunctionKind.Coalesce:
                var builder = new StringBuilder("F.coalesce(");
                for (var i = 0; i < args.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ", ").Append(Print(args[i]));
                }

                return builder.Append(')').ToString();
            default:
                return "F.lit(None)";
        }
    }

    /// <summary>
    /// <c>Substring(start[, length])</c> with C#'s 0-based start → <c>Column.substr</c>, which is 1-based and takes
    /// two ints or two Columns. A constant start is shifted here; any other start gets <c>+ 1</c> in Spark. Without a
    /// length, the string's own length reaches its end.
    /// </summary>
    private static string PrintSubstring(FunctionExpr function)
    {
        var args = function.Arguments;
        var value = Print(args[0]);
        var start = args.Count > 1 ? args[1] : new LiteralExpr(DataType.Of(TypeKind.Int), "0");
        var length = args.Count > 2 ? args[2] : null;

        var constantStart = ConstantInt(start);
        var constantLength = length is null ? null : ConstantInt(length);
        if (constantStart is { } s && constantLength is { } l)
        {
            return value + ".substr(" + (s + 1).ToString(CultureInfo.InvariantCulture) + ", " + l.ToString(CultureInfo.InvariantCulture) + ")";
        }

        var startColumn = constantStart is { } cs
            ? "F.lit(" + (cs + 1).ToString(CultureInfo.InvariantCulture) + ")"
            : "(" + Print(start) + " + F.lit(1))";
        var lengthColumn = length is null ? "F.length(" + value + ")" : Print(length);
        return value + ".substr(" + startColumn + ", " + lengthColumn + ")";
    }

    private static long? ConstantInt(Expr expr)
    {
        if (expr is LiteralExpr { Value: { } value } literal && literal.Type.IsIntegral
            && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            && number >= int.MinValue && number < int.MaxValue)
        {
            return number;
        }

        return null;
    }
}

using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

/// <summary>
/// Prints a stage's plan as one DuckDB <c>SELECT</c>. The second printer of the transform IR (after PySpark): the
/// C#-versus-SQL decisions are already explicit in the tree (docs/translation.md); this class only spells them in
/// DuckDB's dialect. Inputs are referenced by the relation names the local runner creates (<see cref="RelationName"/>).
/// </summary>
internal static class DuckDbSqlPrinter
{
    public static string SourceRelation(SourceSpec source) => "src_" + source.Id;

    public static string StageRelation(StageSpec stage) => "stg_" + stage.Id;

    /// <summary>The relation a stage input (a member name) is read from.</summary>
    public static string RelationName(PipelineSpec spec, string input)
    {
        foreach (var source in spec.Sources)
        {
            if (source.Name == input)
            {
                return SourceRelation(source);
            }
        }

        foreach (var stage in spec.Stages)
        {
            if (stage.Name == input)
            {
                return StageRelation(stage);
            }
        }

        return input;
    }

    public static string Select(PipelineSpec spec, StageSpec stage)
    {
        var builder = new StringBuilder();
        PrintPlan(builder, spec, stage.Plan);
        return builder.ToString();
    }

    private static void PrintPlan(StringBuilder sql, PipelineSpec spec, PlanNode node)
    {
        switch (node)
        {
            case InputNode input:
                sql.Append("SELECT * FROM ").Append(Identifier(RelationName(spec, input.Input)));
                break;
            case FilterNode filter:
                sql.Append("SELECT * FROM (");
                PrintPlan(sql, spec, filter.Child);
                sql.Append(") AS t WHERE ").Append(Predicate(filter.Predicate));
                break;
            case ProjectNode project:
                sql.Append("SELECT ");
                Columns(sql, project.Columns);
                sql.Append(" FROM (");
                PrintPlan(sql, spec, project.Child);
                sql.Append(") AS t");
                break;
            case DistinctNode distinct:
                // One row per key; which one is unspecified, as on Spark (docs/translation.md). A row_number window
                // rather than DISTINCT ON: DuckDB plans DISTINCT ON as an aggregate with first() of every column,
                // which was ~10% slower on the 10M-row benchmark (5.7 s against 6.2 s for the orders-daily stage).
                // Both treat null keys as equal, as DistinctBy does.
                sql.Append("SELECT * FROM (");
                PrintPlan(sql, spec, distinct.Child);
                sql.Append(") AS t QUALIFY row_number() OVER (PARTITION BY ");
                for (var i = 0; i < distinct.KeyColumns.Count; i++)
                {
                    sql.Append(i == 0 ? "" : ", ").Append(Identifier(distinct.KeyColumns[i]));
                }

                sql.Append(") = 1");
                break;
            case AggregateNode aggregate:
                PrintAggregate(sql, spec, aggregate);
                break;
            case JoinNode join:
                sql.Append("SELECT ");
                Columns(sql, join.Outputs);
                sql.Append(" FROM (");
                PrintPlan(sql, spec, join.Left);
                sql.Append(join.Kind == JoinKind.Inner ? ") AS l INNER JOIN (" : ") AS l LEFT JOIN (");
                PrintPlan(sql, spec, join.Right);
                sql.Append(") AS r ON ");
                for (var i = 0; i < join.LeftKeys.Count; i++)
                {
                    // Plain '=': null keys never match, as in C# Join and Spark.
                    sql.Append(i == 0 ? "" : " AND ").Append('(').Append(Expression(join.LeftKeys[i])).Append(" = ").Append(Expression(join.RightKeys[i])).Append(')');
                }

                break;
            case UnionNode union:
                sql.Append('(');
                PrintPlan(sql, spec, union.Left);
                sql.Append(union.Distinct ? ") UNION BY NAME (" : ") UNION ALL BY NAME (");
                PrintPlan(sql, spec, union.Right);
                sql.Append(')');
                break;
        }
    }

    private static void PrintAggregate(StringBuilder sql, PipelineSpec spec, AggregateNode aggregate)
    {
        sql.Append("SELECT ");
        Columns(sql, aggregate.Outputs);
        sql.Append(" FROM (SELECT ");
        var first = true;
        for (var i = 0; i < aggregate.Keys.Count; i++)
        {
            sql.Append(first ? "" : ", ").Append(Expression(aggregate.Keys[i])).Append(" AS ").Append(Identifier(AggregateNode.KeyAlias(i)));
            first = false;
        }

        for (var i = 0; i < aggregate.Aggregates.Count; i++)
        {
            sql.Append(first ? "" : ", ").Append(Aggregate(aggregate.Aggregates[i])).Append(" AS ").Append(Identifier(AggregateNode.AggregateAlias(i)));
            first = false;
        }

        sql.Append(" FROM (");
        PrintPlan(sql, spec, aggregate.Child);
        sql.Append(") AS t GROUP BY ");
        for (var i = 0; i < aggregate.Keys.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append((i + 1).ToString(CultureInfo.InvariantCulture));
        }

        sql.Append(") AS g");
    }

    private static string Aggregate(AggregateCall call)
    {
        var inner = call.Kind switch
        {
            AggregateKind.Count => "count(*)",
            AggregateKind.Sum => "sum(" + Expression(call.Argument!) + ")",
            AggregateKind.Min => "min(" + Expression(call.Argument!) + ")",
            AggregateKind.Max => "max(" + Expression(call.Argument!) + ")",
            // avg() of a DECIMAL is a DOUBLE in DuckDB; C#'s decimal Average is exact, so divide the exact sum exactly.
            _ when call.Type.Kind == TypeKind.Decimal && call.Argument!.Type.Kind == TypeKind.Decimal =>
                DecimalDivide("sum(" + Expression(call.Argument!) + ")", Scale(call.Argument!.Type), "count(" + Expression(call.Argument!) + ")", 0, call.Type),
            _ => "avg(" + Expression(call.Argument!) + ")",
        };

        return "CAST(" + inner + " AS " + DuckDbTypes.Name(call.Type) + ")";
    }

    private static void Columns(StringBuilder sql, Helpers.EquatableArray<NamedExpr> columns)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            sql.Append(i == 0 ? "" : ", ").Append(Expression(columns[i].Expression)).Append(" AS ").Append(Identifier(columns[i].Name));
        }
    }

    /// <summary>A filter condition: SQL's null counts as false in WHERE, which is C#'s answer once the tree is null-safe.</summary>
    private static string Predicate(Expr expr) => Expression(expr);

    public static string Expression(Expr expr) => expr switch
    {
        ColumnExpr column => column.Qualifier is null ? Identifier(column.Name) : column.Qualifier + "." + Identifier(column.Name),
        FieldExpr field => "struct_extract(" + Expression(field.Target) + ", " + StringLiteral(field.Field) + ")",
        LiteralExpr literal => Literal(literal),
        BinaryExpr binary => Binary(binary),
        UnaryExpr { Op: UnaryOp.Not } unary => "(NOT " + Expression(unary.Operand) + ")",
        UnaryExpr unary => "(-" + Expression(unary.Operand) + ")",
        IsNullExpr isNull => "(" + Expression(isNull.Operand) + (isNull.Negated ? " IS NOT NULL)" : " IS NULL)"),
        FunctionExpr function => Function(function),
        ConditionalExpr conditional => "(CASE WHEN " + Expression(conditional.Condition) + " THEN " + Expression(conditional.WhenTrue) + " ELSE " + Expression(conditional.WhenFalse) + " END)",
        CastExpr cast => Cast(cast),
        _ => "NULL",
    };

    private static string Binary(BinaryExpr binary)
    {
        var left = Expression(binary.Left);
        var right = Expression(binary.Right);
        switch (binary.Op)
        {
            case BinaryOp.Divide when binary.Type.IsIntegral:
                // C# integer division truncates toward zero, and so does DuckDB's '//' ('/' would divide as doubles).
                // A zero divisor gives NULL, as on Spark (docs/translation.md).
                return "CAST((" + left + " // " + right + ") AS " + DuckDbTypes.Name(binary.Type) + ")";
            case BinaryOp.Divide when binary.Type.Kind == TypeKind.Decimal:
                // DuckDB's '/' divides decimals as doubles, which misrounds midpoints (1.15 / 2 gives 0.57; C# 0.575 → 0.58),
                // so decimal division is done exactly in integers; a zero divisor gives NULL, as on Spark.
                return DecimalDivide(left, Scale(binary.Left.Type), right, Scale(binary.Right.Type), binary.Type);
            case BinaryOp.Divide:
                return "CAST((" + left + " / " + right + ") AS " + DuckDbTypes.Name(binary.Type) + ")";
            case BinaryOp.Add or BinaryOp.Subtract or BinaryOp.Multiply or BinaryOp.Modulo when binary.Type.Kind == TypeKind.Decimal:
                // DuckDB types decimal arithmetic by its own rules and multiplies DECIMAL(18) values in 64 bits, so
                // 99,999.99 × int.MaxValue overflows where C# and Spark succeed. The operands are widened to 38 digits
                // (128-bit arithmetic, overflow only past 38 digits) and the result cast to the IR's type, which is
                // Spark's result precision and scale, so both engines produce the same type and value.
                return "CAST((" + Wide(left, binary.Left.Type) + " " + Operator(binary.Op) + " " + Wide(right, binary.Right.Type) + ") AS "
                    + DuckDbTypes.Name(binary.Type) + ")";
        }

        return "(" + left + " " + Operator(binary.Op) + " " + right + ")";
    }

    private static string Operator(BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Modulo => "%",
        BinaryOp.Equal => "=",
        BinaryOp.NotEqual => "<>",
        BinaryOp.NullSafeEqual => "IS NOT DISTINCT FROM",
        BinaryOp.NullSafeNotEqual => "IS DISTINCT FROM",
        BinaryOp.LessThan => "<",
        BinaryOp.LessThanOrEqual => "<=",
        BinaryOp.GreaterThan => ">",
        BinaryOp.GreaterThanOrEqual => ">=",
        BinaryOp.And => "AND",
        BinaryOp.Or => "OR",
        _ => "||",
    };

    private static int Scale(DataType type) => type.Kind == TypeKind.Decimal ? type.Scale : 0;

    private static string Wide(string operand, DataType type) =>
        "CAST(" + operand + " AS DECIMAL(38," + Scale(type).ToString(CultureInfo.InvariantCulture) + "))";


    /// <summary>
    /// <c>a / b</c> rounded half away from zero to the result's scale S, exactly: with k = max(s_a, S + s_b),
    /// N = a·10^k and D = b·10^(k−S) are integers and N / D = (a / b)·10^S, so the result is
    /// sign(N)·sign(D)·((2|N| + |D|) // (2|D|)) units of 10^−S. A zero divisor gives NULL (docs/translation.md).
    /// </summary>
    private static string DecimalDivide(string left, int leftScale, string right, int rightScale, DataType result)
    {
        var scale = result.Scale;
        var k = System.Math.Max(leftScale, scale + rightScale);
        // Scaled in 128 bits: DuckDB multiplies a DECIMAL(18) by an integer in 64 bits and would overflow.
        var n = "CAST(CAST(" + left + " AS DECIMAL(38," + leftScale.ToString(CultureInfo.InvariantCulture) + ")) * " + PowerOfTen(k) + " AS HUGEINT)";
        var d = "CAST(CAST(" + right + " AS DECIMAL(38," + rightScale.ToString(CultureInfo.InvariantCulture) + ")) * " + PowerOfTen(k - scale) + " AS HUGEINT)";
        var units = "(sign(" + n + ") * sign(" + d + ") * ((2 * abs(" + n + ") + abs(" + d + ")) // nullif(2 * abs(" + d + "), 0)))";
        var value = scale == 0
            ? "CAST(" + units + " AS DECIMAL(38,0))"
            : "(CAST(" + units + " AS DECIMAL(38,0)) * CAST('0." + new string('0', scale - 1) + "1' AS DECIMAL(" + (scale + 1).ToString(CultureInfo.InvariantCulture) + "," + scale.ToString(CultureInfo.InvariantCulture) + ")))";
        return "CAST(" + value + " AS " + DuckDbTypes.Name(result) + ")";
    }

    private static string PowerOfTen(int exponent) =>
        exponent <= 18 ? "1" + new string('0', exponent) : "CAST('1" + new string('0', exponent) + "' AS HUGEINT)";

    /// <summary>
    /// The characters C#'s <c>string.Trim()</c> removes (<c>char.IsWhiteSpace</c>, which is Unicode's White_Space property);
    /// DuckDB's one-argument <c>trim</c> removes spaces only.
    /// </summary>
    internal static readonly int[] WhiteSpace =
    {
        0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006,
        0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
    };

    private static string WhiteSpaceSet()
    {
        var parts = new List<string>(WhiteSpace.Length);
        foreach (var c in WhiteSpace)
        {
            parts.Add("chr(" + c.ToString(CultureInfo.InvariantCulture) + ")");
        }

        return string.Join(" || ", parts);
    }

    private static string Function(FunctionExpr function)
    {
        var args = function.Arguments;
        string Arg(int i) => Expression(args[i]);
        return function.Function switch
        {
            FunctionKind.StartsWith => "starts_with(" + Arg(0) + ", " + Arg(1) + ")",
            FunctionKind.EndsWith => "suffix(" + Arg(0) + ", " + Arg(1) + ")",
            FunctionKind.Contains => "contains(" + Arg(0) + ", " + Arg(1) + ")",
            FunctionKind.Upper => "upper(" + Arg(0) + ")",
            FunctionKind.Lower => "lower(" + Arg(0) + ")",
            FunctionKind.Trim => Trim(Arg(0)),
            FunctionKind.Length => "CAST(length(" + Arg(0) + ") AS INTEGER)",
            FunctionKind.Substring when args.Count == 3 => "substring(" + Arg(0) + ", (" + Arg(1) + ") + 1, " + Arg(2) + ")",
            FunctionKind.Substring => "substring(" + Arg(0) + ", (" + Arg(1) + ") + 1)",
            FunctionKind.Year => "CAST(year(" + Arg(0) + ") AS INTEGER)",
            FunctionKind.Month => "CAST(month(" + Arg(0) + ") AS INTEGER)",
            FunctionKind.Day => "CAST(day(" + Arg(0) + ") AS INTEGER)",
            FunctionKind.ToDate => "CAST(" + Arg(0) + " AS DATE)",
            FunctionKind.TruncateToDay => "CAST(date_trunc('day', " + Arg(0) + ") AS TIMESTAMP)",
            _ => "coalesce(" + JoinArgs(function) + ")",
        };
    }

    /// <summary>
    /// C#'s <c>Trim()</c>. DuckDB's trim with an explicit character set is ~3x slower than the rest of a typical stage,
    /// so a string whose first and last characters are visible ASCII (no white space to remove; the usual case) is
    /// returned as is, and only the others go through the full set. The test is written as byte comparisons because
    /// they are the cheapest string operations DuckDB has (binary collation): <c>s &gt;= '!' AND s &lt; chr(127)</c>
    /// holds exactly when the first byte is 0x21..0x7E, and the last character is compared on its own. Both are
    /// cheaper than <c>ascii(right(s, 1))</c> (at 10M rows: 0.38 s against 0.70 s a column, plain <c>trim(s)</c> 0.45 s).
    /// </summary>
    private static string Trim(string operand) =>
        "(CASE WHEN " + operand + " >= '!' AND " + operand + " < chr(127) AND (" + operand + ")[-1] BETWEEN '!' AND '~' THEN " + operand +
        " ELSE trim(" + operand + ", " + WhiteSpaceSet() + ") END)";

    private static string JoinArgs(FunctionExpr function)
    {
        var parts = new List<string>(function.Arguments.Count);
        foreach (var argument in function.Arguments)
        {
            parts.Add(Expression(argument));
        }

        return string.Join(", ", parts);
    }

    private static string Cast(CastExpr cast)
    {
        var operand = Expression(cast.Operand);
        var target = DuckDbTypes.Name(cast.Type);
        var source = cast.Operand.Type;

        // C# (and Spark) truncate toward zero when a fractional number becomes an integer; DuckDB's CAST rounds.
        if (cast.Type.IsIntegral && source.Kind is TypeKind.Float or TypeKind.Double or TypeKind.Decimal)
        {
            return "CAST(trunc(" + operand + ") AS " + target + ")";
        }

        return "CAST(" + operand + " AS " + target + ")";
    }

    private static string Literal(LiteralExpr literal)
    {
        var type = DuckDbTypes.Name(literal.Type);
        if (literal.Value is null)
        {
            return "CAST(NULL AS " + type + ")";
        }

        return literal.Type.Kind switch
        {
            TypeKind.String => StringLiteral(literal.Value),
            TypeKind.Boolean => literal.Value == "true" ? "TRUE" : "FALSE",
            _ => "CAST(" + StringLiteral(literal.Value) + " AS " + type + ")",
        };
    }

    /// <summary>A SQL string literal: single quotes, doubled inside.</summary>
    public static string StringLiteral(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>A quoted identifier: double quotes, doubled inside.</summary>
    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}

/// <summary>DuckDB type names of column types.</summary>
internal static class DuckDbTypes
{
    public static string Name(DataType type) => type.Kind switch
    {
        TypeKind.String => "VARCHAR",
        TypeKind.Byte => "TINYINT",
        TypeKind.Short => "SMALLINT",
        TypeKind.Int => "INTEGER",
        TypeKind.Long => "BIGINT",
        TypeKind.Float => "FLOAT",
        TypeKind.Double => "DOUBLE",
        TypeKind.Decimal => "DECIMAL(" + type.Precision.ToString(CultureInfo.InvariantCulture) + "," + type.Scale.ToString(CultureInfo.InvariantCulture) + ")",
        TypeKind.Boolean => "BOOLEAN",
        TypeKind.Date => "DATE",
        TypeKind.Timestamp => "TIMESTAMP",
        TypeKind.Array => Name(type.Element!) + "[]",
        _ => Struct(type),
    };

    private static string Struct(DataType type)
    {
        var builder = new StringBuilder("STRUCT(");
        for (var i = 0; i < type.Fields.Count; i++)
        {
            builder.Append(i == 0 ? "" : ", ").Append(DuckDbSqlPrinter.Identifier(type.Fields[i].Name)).Append(' ').Append(Name(type.Fields[i].Type));
        }

        return builder.Append(')').ToString();
    }
}

using System.Globalization;
using System.IO;
using System.Text.Json;
using Pipeline.Generators.Emit;
using Pipeline.Generators.Model;
using static Pipeline.Emitters.Tests.Specs;

namespace Pipeline.Emitters.Tests;

public sealed class PySparkExpressionPrinterTests
{
    private static string P(Expr expr) => PySparkExpressionPrinter.Print(expr);

    [Fact]
    public void Columns_are_quoted_for_spark_and_python()
    {
        Assert.Equal("F.col(\"amount\")", P(Col("amount", Int)));
        Assert.Equal("F.col(\"l.customer_id\")", P(Col("customer_id", Str, "l")));
        Assert.Equal("F.col(\"`event type`\")", P(Col("event type", Str)));
        Assert.Equal("F.col(\"r.`user.name`\")", P(Col("user.name", Str, "r")));
        Assert.Equal("F.col(\"`we``ird\\\"`\")", P(Col("we`ird\"", Str)));
        Assert.Equal("F.col(\"`1st`\")", P(Col("1st", Str)));
        Assert.Equal("F.col(\"address\").getField(\"zip code\")", P(new FieldExpr(Str, Col("address", Str), "zip code")));
    }

    [Fact]
    public void Literals_carry_their_spark_type()
    {
        Assert.Equal("F.lit(\"a\\\"b\")", P(S("a\"b")));
        Assert.Equal("F.lit(True)", P(Lit(Bool, "true")));
        Assert.Equal("F.lit(False)", P(Lit(Bool, "false")));
        Assert.Equal("F.lit(-42)", P(Lit(Int, "-42")));
        Assert.Equal("F.lit(5000000000).cast(\"bigint\")", P(Lit(Long, "5000000000")));
        Assert.Equal("F.lit(7).cast(\"smallint\")", P(Lit(T(TypeKind.Short), "7")));
        Assert.Equal("F.lit(3.0)", P(Lit(Dbl, "3")));
        Assert.Equal("F.lit(1E+20)", P(Lit(Dbl, "1E+20")));
        Assert.Equal("F.lit(float(\"nan\"))", P(Lit(Dbl, "NaN")));
        Assert.Equal("F.lit(0.5).cast(\"float\")", P(Lit(T(TypeKind.Float), "0.5")));
        Assert.Equal("F.lit(\"1.5\").cast(\"decimal(18,2)\")", P(Lit(Dec(18, 2), "1.5")));
        Assert.Equal("F.lit(\"-123.45\").cast(\"decimal(5,2)\")", P(Lit(new DataType(TypeKind.Decimal, false), "-123.45")));
        Assert.Equal("F.lit(\"2024-02-29\").cast(\"date\")", P(Lit(Date, "2024-02-29")));
        Assert.Equal("F.lit(None).cast(\"string\")", P(Lit(Str, null)));
        Assert.Equal("F.lit(None).cast(\"array<struct<a:int,`b c`:string>>\")", P(Lit(new DataType(TypeKind.Array, true, Element: new DataType(TypeKind.Struct, true, Fields: Arr(Column("A", "a", Int), Column("B", "b c", Str)))), null)));
    }

    [Fact]
    public void Null_semantics_are_spelled_as_the_tree_says()
    {
        var a = Col("a", Str);
        Assert.Equal("F.col(\"a\").eqNullSafe(F.lit(\"x\"))", P(Bin(BinaryOp.NullSafeEqual, a, S("x"))));
        Assert.Equal("(~(F.col(\"a\").eqNullSafe(F.lit(\"x\"))))", P(Bin(BinaryOp.NullSafeNotEqual, a, S("x"))));
        Assert.Equal("(F.col(\"a\") == F.lit(\"x\"))", P(Bin(BinaryOp.Equal, a, S("x"))));
        Assert.Equal("(F.col(\"a\") != F.lit(\"x\"))", P(Bin(BinaryOp.NotEqual, a, S("x"))));
        Assert.Equal("F.col(\"a\").isNull()", P(new IsNullExpr(Bool, a, false)));
        Assert.Equal("F.col(\"a\").isNotNull()", P(new IsNullExpr(Bool, a, true)));
        Assert.Equal("F.coalesce((F.col(\"n\") < F.lit(1)), F.lit(False))", P(Fn(FunctionKind.Coalesce, Bool, Bin(BinaryOp.LessThan, Col("n", T(TypeKind.Int, true)), I(1), NBool), Lit(Bool, "false"))));
    }

    [Fact]
    public void Boolean_operators_are_fully_parenthesised()
    {
        var x = Bin(BinaryOp.GreaterThan, Col("x", Int), I(0));
        var y = Bin(BinaryOp.LessThanOrEqual, Col("y", Int), I(9));
        Assert.Equal("((F.col(\"x\") > F.lit(0)) & (~((F.col(\"y\") <= F.lit(9)))))", P(Bin(BinaryOp.And, x, new UnaryExpr(Bool, UnaryOp.Not, y))));
        Assert.Equal("((F.col(\"x\") > F.lit(0)) | (F.col(\"y\") <= F.lit(9)))", P(Bin(BinaryOp.Or, x, y)));
        Assert.Equal("(F.col(\"x\") >= F.lit(0))", P(Bin(BinaryOp.GreaterThanOrEqual, Col("x", Int), I(0))));
    }

    [Fact]
    public void Integral_division_truncates_and_fractional_division_does_not()
    {
        Assert.Equal("(F.col(\"a\") / F.col(\"b\")).cast(\"int\")", P(Bin(BinaryOp.Divide, Col("a", Int), Col("b", Int), Int)));
        Assert.Equal(
            "(((F.col(\"a\") - (F.col(\"a\") % F.col(\"b\"))).cast(\"decimal(20,0)\") / F.col(\"b\").cast(\"decimal(20,0)\")).cast(\"bigint\"))",
            P(Bin(BinaryOp.Divide, Col("a", Long), Col("b", Long), Long)));
        Assert.Equal("(F.col(\"a\") / F.col(\"b\"))", P(Bin(BinaryOp.Divide, Col("a", Dbl), Col("b", Dbl), Dbl)));
        Assert.Equal("(F.col(\"a\") % F.lit(3))", P(Bin(BinaryOp.Modulo, Col("a", Int), I(3), Int)));
        Assert.Equal("(-((F.col(\"a\") * F.lit(2))))", P(new UnaryExpr(Int, UnaryOp.Negate, Bin(BinaryOp.Multiply, Col("a", Int), I(2), Int))));
    }

    [Fact]
    public void Functions_map_to_native_spark_functions()
    {
        var s = Col("s", Str);
        var t = Col("t", Ts);
        Assert.Equal("F.col(\"s\").startswith(F.lit(\"a\"))", P(Fn(FunctionKind.StartsWith, Bool, s, S("a"))));
        Assert.Equal("F.col(\"s\").endswith(F.lit(\"a\"))", P(Fn(FunctionKind.EndsWith, Bool, s, S("a"))));
        Assert.Equal("F.col(\"s\").contains(F.lit(\"a\"))", P(Fn(FunctionKind.Contains, Bool, s, S("a"))));
        Assert.Equal("F.upper(F.col(\"s\"))", P(Fn(FunctionKind.Upper, Str, s)));
        Assert.Equal("F.lower(F.col(\"s\"))", P(Fn(FunctionKind.Lower, Str, s)));
        Assert.Equal("F.regexp_replace(F.col(\"s\"), \"^\\\\p{IsWhite_Space}+|\\\\p{IsWhite_Space}+$\", \"\")", P(Fn(FunctionKind.Trim, Str, s)));
        Assert.Equal("F.length(F.col(\"s\"))", P(Fn(FunctionKind.Length, Int, s)));
        Assert.Equal("F.year(F.col(\"t\"))", P(Fn(FunctionKind.Year, Int, t)));
        Assert.Equal("F.month(F.col(\"t\"))", P(Fn(FunctionKind.Month, Int, t)));
        Assert.Equal("F.dayofmonth(F.col(\"t\"))", P(Fn(FunctionKind.Day, Int, t)));
        Assert.Equal("F.to_date(F.col(\"t\"))", P(Fn(FunctionKind.ToDate, Date, t)));
        Assert.Equal("F.date_trunc(\"day\", F.col(\"t\"))", P(Fn(FunctionKind.TruncateToDay, Ts, t)));
        Assert.Equal("F.coalesce(F.col(\"s\"), F.lit(\"\"))", P(Fn(FunctionKind.Coalesce, Str, s, S(""))));
        Assert.Equal("F.when(F.col(\"b\"), F.lit(1)).otherwise(F.lit(2))", P(new ConditionalExpr(Int, Col("b", Bool), I(1), I(2))));
        Assert.Equal("F.col(\"d\").cast(\"int\")", P(new CastExpr(Int, Col("d", Dbl))));
        Assert.Equal("F.concat(F.lit(\"a\"), F.col(\"s\"), F.lit(\"b\"))", P(Bin(BinaryOp.Concat, Bin(BinaryOp.Concat, S("a"), s, Str), S("b"), Str)));
    }

    [Fact]
    public void Substring_converts_the_zero_based_start()
    {
        var s = Col("s", Str);
        Assert.Equal("F.col(\"s\").substr(3, 4)", P(Fn(FunctionKind.Substring, Str, s, I(2), I(4))));
        Assert.Equal("F.col(\"s\").substr(F.lit(1), F.length(F.col(\"s\")))", P(Fn(FunctionKind.Substring, Str, s, I(0))));
        Assert.Equal("F.col(\"s\").substr((F.col(\"i\") + F.lit(1)), F.lit(2))", P(Fn(FunctionKind.Substring, Str, s, Col("i", Int), I(2))));
        Assert.Equal("F.col(\"s\").substr((F.col(\"i\") + F.lit(1)), F.length(F.col(\"s\")))", P(Fn(FunctionKind.Substring, Str, s, Col("i", Int))));
    }

    [Fact]
    public void Printing_does_not_depend_on_the_culture()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            var expr = Bin(BinaryOp.Add, Lit(Dbl, "1.25"), Lit(Dec(9, 3), "-0.5"), Dbl);
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal("(F.lit(1.25) + F.lit(\"-0.5\").cast(\"decimal(9,3)\"))", P(expr));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("quote\" backslash\\ tab\t", "\"quote\\\" backslash\\\\ tab\\t\"")]
    [InlineData("line\nreturn\r", "\"line\\nreturn\\r\"")]
    [InlineData("bell\u0007del\u007f", "\"bell\\x07del\\x7f\"")]
    [InlineData("caf\u00e9 \u2192", "\"caf\\u00e9 \\u2192\"")]
    [InlineData("\U0001F600", "\"\\U0001f600\"")]
    [InlineData("'single'", "\"'single'\"")]
    public void PyLiteral_escapes_to_ascii(string value, string expected) => Assert.Equal(expected, PySparkSyntax.PyLiteral(value));

    [Fact]
    public void PyLiteral_escapes_a_lone_surrogate()
    {
        // Built at run time: attribute arguments are stored as UTF-8, which cannot hold a lone surrogate.
        Assert.Equal("\"\\ud800 lone\\udfff\"", PySparkSyntax.PyLiteral(((char)0xD800).ToString() + " lone" + (char)0xDFFF));
    }

    [Fact]
    public void PyLiteral_round_trips_through_python()
    {
        var values = new[] { "", "a\"b'c", "back\\slash\\", "\u0000\u001f\u007f\u0080\u00ff", "\u4e2d\u6587", "\U0001F600x\U00010000", "{x}%s\\N{DASH}", "\u2028\u00a0\ufeff" };
        var lines = new System.Text.StringBuilder("import json, sys\nvalues = [\n");
        foreach (var value in values)
        {
            lines.Append("    ").Append(PySparkSyntax.PyLiteral(value)).Append(",\n");
        }

        lines.Append("]\nsys.stdout.write(json.dumps(values, ensure_ascii=True))\n");
        var path = TestFiles.WriteTemp("literals.py", lines.ToString());
        var (exitCode, stdout, stderr) = TestFiles.RunPython(path);
        Assert.True(exitCode == 0, stderr);
        var parsed = JsonSerializer.Deserialize<string[]>(stdout)!;
        Assert.Equal(values, parsed);
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using DuckDB.NET.Data;
using Pipeline.Translation.Tests.Pipelines;
using Xunit;

namespace Pipeline.Translation.Tests;

/// <summary>
/// One focused test per row of docs/translation.md's "Where C# and SQL differ" table and per known difference:
/// each fails if the translation stops following the documented rule.
/// </summary>
public sealed class SemanticRuleTests
{
    private static readonly Type Job = typeof(SemanticsJob);

    private static Pair P(int id, int a = 1, int b = 1, int? n = null, long l = 1, long m = 1, decimal p = 1m, decimal q = 1m, double x = 1, double y = 1, string? s = "s", string? t = "t") =>
        new() { Id = id, A = a, B = b, N = n, L = l, M = m, P = p, Q = q, X = x, Y = y, S = s, T = t };

    private static Sources Of(IEnumerable<Pair> pairs, IEnumerable<Pair>? lookup = null) =>
        Sources.Of(("Pairs", pairs.ToList()), ("Lookup", (lookup ?? Array.Empty<Pair>()).ToList()));

    private static object? Get(string stage, object?[] row, string column) => DuckDbOracleHarness.Value(Job, stage, row, column);

    private static List<object?[]> Sql(string stage, Sources sources) =>
        DuckDbOracleHarness.RunSql(Job, sources, stage).OrderBy(r => (long)r[0]!).ToList();

    private static long[] Ids(string stage, Sources sources) => Sql(stage, sources).Select(r => (long)r[0]!).ToArray();

    [Fact]
    public void IntegerDivisionTruncatesTowardZeroAndRemainderKeepsTheDividendsSign()
    {
        var sources = Of(new[]
        {
            P(1, a: -7, b: 2, l: -7, m: 2), P(2, a: 7, b: -2, l: 7, m: -2), P(3, a: -7, b: -2, l: -7, m: -2), P(4, a: 7, b: 2, l: 7, m: 2),
            P(5, a: -1, b: 3, l: -9_000_000_000_000_000_001, m: 1_000_000_000_000_000_000, p: 1.15m, q: 2m, x: 1, y: 3),
        });
        DuckDbOracleHarness.AssertAgree(Job, sources, "Divide");
        var rows = Sql("Divide", sources);
        Assert.Equal(new object?[] { -3L, -3L, 3L, 3L, 0L }, rows.Select(r => Get("Divide", r, "IntQuotient")).ToArray());
        Assert.Equal(new object?[] { -1L, 1L, -1L, 1L, -1L }, rows.Select(r => Get("Divide", r, "IntRemainder")).ToArray());
        Assert.Equal(-9L, Get("Divide", rows[4], "LongQuotient"));
        // Decimal division is exact and rounds half away from zero (1.15 / 2 = 0.575 → 0.58), like C# then the column.
        Assert.Equal(0.58m, Get("Divide", rows[4], "DecimalQuotient"));
    }

    [Fact]
    public void DivisionByZeroIsNullForIntegersAndDecimalsAndIeeeForDoubles()
    {
        var sources = Of(new[]
        {
            P(1, a: 7, b: 0, l: 7, m: 0, p: 1m, q: 0m, x: 1, y: 0),
            P(2, a: -7, b: 0, l: -7, m: 0, p: -1m, q: 0m, x: -1, y: 0),
            P(3, a: 0, b: 0, l: 0, m: 0, p: 0m, q: 0m, x: 0, y: 0),
        });

        // C# throws on integer and decimal division by zero: the documented rule replaces the exception by NULL.
        Assert.Throws<DivideByZeroException>(() => DuckDbOracleHarness.RunCSharp(Job, sources, "Divide"));
        var rows = Sql("Divide", sources);
        foreach (var row in rows)
        {
            Assert.Null(Get("Divide", row, "IntQuotient"));
            Assert.Null(Get("Divide", row, "IntRemainder"));
            Assert.Null(Get("Divide", row, "LongQuotient"));
            Assert.Null(Get("Divide", row, "LongRemainder"));
            Assert.Null(Get("Divide", row, "DecimalQuotient"));
        }

        // double follows IEEE 754 on both sides: x / 0.0 is ±Infinity, 0.0 / 0.0 is NaN.
        Assert.Equal(new[] { double.PositiveInfinity, double.NegativeInfinity, double.NaN }, rows.Select(r => (double)Get("Divide", r, "DoubleQuotient")!).ToArray());
        Assert.Equal(new[] { 1.0 / 0.0, -1.0 / 0.0, 0.0 / 0.0 }, rows.Select(r => (double)Get("Divide", r, "DoubleQuotient")!).ToArray());
    }

    [Fact]
    public void IntegerOverflowWrapsInUncheckedCSharpButIsAnErrorOnDuckDb()
    {
        var sources = Of(new[] { P(1, a: int.MaxValue, b: 1) });
        var csharp = DuckDbOracleHarness.RunCSharp(Job, sources, "Overflowing").Single();
        Assert.Equal((long)int.MinValue, Get("Overflowing", csharp, "Sum"));
        var error = Assert.ThrowsAny<DuckDBException>(() => DuckDbOracleHarness.RunSql(Job, sources, "Overflowing"));
        Assert.Contains("Overflow", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void NullSafeEquality()
    {
        var sources = Of(new[] { P(1, s: null, t: null), P(2, s: null, t: "x"), P(3, s: "x", t: null), P(4, s: "x", t: "x"), P(5, s: "x", t: "y") });
        DuckDbOracleHarness.AssertAgree(Job, sources, "NullSafeEqual", "NullSafeNotEqual");
        Assert.Equal(new long[] { 1, 4 }, Ids("NullSafeEqual", sources));
        Assert.Equal(new long[] { 2, 3, 5 }, Ids("NullSafeNotEqual", sources));
    }

    [Fact]
    public void LiftedComparisonIsFalseForNullAlsoUnderNot()
    {
        var sources = Of(new[] { P(1, n: null), P(2, n: 3), P(3, n: 5), P(4, n: 7) });
        DuckDbOracleHarness.AssertAgree(Job, sources, "LessThan", "NotLessThan");
        Assert.Equal(new long[] { 2 }, Ids("LessThan", sources));
        Assert.Equal(new long[] { 1, 3, 4 }, Ids("NotLessThan", sources));
    }

    [Fact]
    public void ConcatenationTreatsNullAsEmpty()
    {
        var sources = Of(new[] { P(1, s: "a", t: "b", a: 0, b: 0), P(2, s: "a", t: null, a: 0, b: 0), P(3, s: "", t: "b", a: 0, b: 0) });
        DuckDbOracleHarness.AssertAgree(Job, sources, "Text");

        // A null receiver makes C# throw in the stage's other columns, so the null cases run on SQL alone.
        var rows = Sql("Text", Of(new[] { P(1, s: null, t: "x"), P(2, s: null, t: null) }));
        Assert.Equal("x", Get("Text", rows[0], "Concat"));
        Assert.Equal("", Get("Text", rows[1], "Concat"));
        Assert.Null(Get("Text", rows[0], "Length"));
        Assert.Null(Get("Text", rows[0], "Upper"));
        Assert.Null(Get("Text", rows[0], "Trimmed"));
    }

    [Fact]
    public void SubstringStartIsZeroBased()
    {
        var sources = Of(new[] { P(1, s: "hello", a: 1, b: 3), P(2, s: "hello", a: 0, b: 5), P(3, s: "hello", a: 5, b: 0), P(4, s: "日本語", a: 1, b: 1) });
        DuckDbOracleHarness.AssertAgree(Job, sources, "Text");
        var rows = Sql("Text", sources);
        Assert.Equal("ello", Get("Text", rows[0], "Substring"));
        Assert.Equal("ell", Get("Text", rows[0], "SubstringLength"));
        Assert.Equal("本", Get("Text", rows[3], "SubstringLength"));
    }

    [Fact]
    public void SubstringOutOfRangeThrowsInCSharpAndIsTruncatedInSql()
    {
        var sources = Of(new[] { P(1, s: "abc", a: 2, b: 5) });
        Assert.Throws<ArgumentOutOfRangeException>(() => DuckDbOracleHarness.RunCSharp(Job, sources, "Text"));
        Assert.Equal("c", Get("Text", Sql("Text", sources)[0], "SubstringLength"));
    }

    [Fact]
    public void TrimRemovesAllUnicodeWhiteSpace()
    {
        var sources = Of(new[]
        {
            P(1, s: "\t a b \n", a: 0, b: 0), P(2, s: "\u00A0\u2003x\u3000\r\n", a: 0, b: 0), P(3, s: " \u0085\u2028 ", a: 0, b: 0), P(4, s: "no", a: 0, b: 0),
        });
        DuckDbOracleHarness.AssertAgree(Job, sources, "Text");
        var rows = Sql("Text", sources);
        Assert.Equal(new object?[] { "a b", "x", "", "no" }, rows.Select(r => Get("Text", r, "Trimmed")).ToArray());
    }

    [Fact]
    public void TrimFastPathBoundariesAgreeWithCSharp()
    {
        // The SQL skips trim() when the first byte and the last character are visible ASCII (0x21..0x7E): every
        // neighbour of that range, and non-ASCII characters at either end, must still trim like C#.
        var texts = new[]
        {
            "!x~", "~", "a\u00A0", "\u00A0a", "a\u0085", "\u2003a", "a\u3000", "\u007Fa\u007F", "é", "aé", "éa", " a", "a ", "\ta\n", "\u200Ba",
        };
        var sources = Of(texts.Select((t, i) => P(i + 1, s: t, a: 0, b: 0)).ToArray());
        DuckDbOracleHarness.AssertAgree(Job, sources, "Text");
        var rows = Sql("Text", sources);
        Assert.Equal(texts.Select(t => (object?)t.Trim()).ToArray(), rows.Select(r => Get("Text", r, "Trimmed")).ToArray());
    }

    [Fact]
    public void LengthCountsCodePointsInSqlButUtf16CodeUnitsInCSharp()
    {
        // Known difference (docs/translation.md): equal for text inside the Basic Multilingual Plane.
        var sources = Of(new[] { P(1, s: "😀a", a: 0, b: 0), P(2, s: "日本語", a: 0, b: 0) });
        var csharp = DuckDbOracleHarness.RunCSharp(Job, sources, "Text").OrderBy(r => (long)r[0]!).ToList();
        var sql = Sql("Text", sources);
        Assert.Equal(3L, Get("Text", csharp[0], "Length"));
        Assert.Equal(2L, Get("Text", sql[0], "Length"));
        Assert.Equal(3L, Get("Text", csharp[1], "Length"));
        Assert.Equal(3L, Get("Text", sql[1], "Length"));
    }

    [Fact]
    public void UpperCaseOfSharpSDiffers()
    {
        // Known difference (docs/translation.md): C# maps characters one to one and keeps 'ß'; DuckDB maps it to 'ẞ'.
        var sources = Of(new[] { P(1, s: "straße", a: 0, b: 0), P(2, s: "Ünïcödé", a: 0, b: 0) });
        var csharp = DuckDbOracleHarness.RunCSharp(Job, sources, "Text").OrderBy(r => (long)r[0]!).ToList();
        var sql = Sql("Text", sources);
        Assert.Equal("STRAßE", Get("Text", csharp[0], "Upper"));
        Assert.Equal("STRAẞE", Get("Text", sql[0], "Upper"));
        Assert.Equal(Get("Text", csharp[1], "Upper"), Get("Text", sql[1], "Upper"));
        Assert.Equal(Get("Text", csharp[1], "Lower"), Get("Text", sql[1], "Lower"));
    }

    [Fact]
    public void LeftJoinRightRowIsNullExactlyWhenNothingMatched()
    {
        var pairs = new[] { P(1, s: "a"), P(2, s: "b"), P(3, s: null) };
        var lookup = new[] { P(10, s: "a", t: null), P(11, s: "a", t: "t"), P(12, s: null, t: "n") };
        var sources = Of(pairs, lookup);
        DuckDbOracleHarness.AssertAgree(Job, sources, "LeftMatched");
        var rows = Sql("LeftMatched", sources);
        Assert.Equal(4, rows.Count);
        // A matched right row whose other columns are null is still a match: r == null tests the join key.
        Assert.Contains(rows, r => (long)r[0]! == 1 && (bool)Get("LeftMatched", r, "Matches")! && (long)Get("LeftMatched", r, "Other")! == 10 && Get("LeftMatched", r, "OtherT") is null);
        // No match, and a null key never matches (not even a null key on the right).
        Assert.Contains(rows, r => (long)r[0]! == 2 && !(bool)Get("LeftMatched", r, "Matches")! && (long)Get("LeftMatched", r, "Other")! == -1 && (string?)Get("LeftMatched", r, "OtherT") == "none");
        Assert.Contains(rows, r => (long)r[0]! == 3 && !(bool)Get("LeftMatched", r, "Matches")!);
    }

    [Fact]
    public void UnionIsDistinctAndConcatKeepsDuplicates()
    {
        var pairs = new[] { P(1), P(1), P(2) };
        var lookup = new[] { P(2), P(3, s: null) };
        var sources = Of(pairs, lookup);
        DuckDbOracleHarness.AssertAgree(Job, sources, "SetUnion", "BagConcat");
        Assert.Equal(new long[] { 1, 2, 3 }, Ids("SetUnion", sources));
        Assert.Equal(new long[] { 1, 1, 2, 2, 3 }, Ids("BagConcat", sources));
    }

    [Fact]
    public void CompositeJoinKeysMatchWhenNoPartIsNull()
    {
        var sources = Of(new[] { P(1, s: "a", t: "x"), P(2, s: "a", t: "y") }, new[] { P(10, s: "a", t: "x"), P(11, s: "a", t: "x") });
        DuckDbOracleHarness.AssertAgree(Job, sources, "CompositeMatched");
        Assert.Equal(new long[] { 1, 1 }, Ids("CompositeMatched", sources));
    }

    [Fact]
    public void CompositeJoinKeyWithANullPartNeverMatchesInSql()
    {
        var sources = Of(new[] { P(1, s: null, t: "x") }, new[] { P(10, s: null, t: "x") });
        Assert.Empty(Sql("CompositeMatched", sources));
    }

    [Fact]
    public void CompositeJoinKeyWithANullPartAgrees()
    {
        var sources = Of(new[] { P(1, s: null, t: "x") }, new[] { P(10, s: null, t: "x") });
        DuckDbOracleHarness.AssertAgree(Job, sources, "CompositeMatched");
    }

    [Fact]
    public void DecimalIntermediateScaleAgrees()
    {
        DuckDbOracleHarness.AssertAgree(Job, Of(new[] { P(1, p: 0.10m, q: 0.01m) }), "DecimalScale");
    }

    [Fact]
    public void DecimalIntermediatesKeepTheirDigitsUntilTheColumn()
    {
        // Decimal operations take Spark's result precision and scale: 0.10 / 4 stays 0.0250 until the decimal(18,4) column.
        var sources = Of(new[] { P(1, p: 0.10m, q: 0.01m) });
        Assert.Equal(0.0250m, Get("DecimalScale", DuckDbOracleHarness.RunCSharp(Job, sources, "DecimalScale")[0], "Quarter"));
        Assert.Equal(0.0250m, Get("DecimalScale", Sql("DecimalScale", sources)[0], "Quarter"));
    }

    [Fact]
    public void DecimalTimesIntAtTheBoundariesAgrees()
    {
        // price × quantity at the extremes C# handles: 99,999.99 × int.MaxValue fits the default decimal(18,2) column,
        // and DuckDB's own DECIMAL(18) × DECIMAL(18) rules would overflow on it; Spark's result type (decimal(23,2)) does not.
        var sources = Of(new[]
        {
            P(1, a: int.MaxValue, p: 99_999.99m, q: 99_999.99m),
            P(2, a: int.MinValue, p: -99_999.99m, q: 0.01m),
            P(3, a: 0, p: 0.01m, q: -0.01m),
            P(4, a: -1, p: 9_999_999_999.99m, q: 9_999_999_999.99m),
        });
        DuckDbOracleHarness.AssertAgree(Job, sources, "DecimalScale");
        Assert.Equal(214_748_343_225_163.53m, Get("DecimalScale", Sql("DecimalScale", sources)[0], "Extended"));
    }

    [Fact]
    public void StringMinMaxIsOrdinalEverywhere()
    {
        // Group.Min/Max compare strings by character code, as SQL and Spark do ("B" < "a"), not by culture.
        var sameCase = Of(new[] { P(1, a: 1, s: "b"), P(2, a: 1, s: "a"), P(3, a: 1, s: null), P(4, a: 2, s: null) });
        DuckDbOracleHarness.AssertAgree(Job, sameCase, "StringMinMax");

        var mixedCase = Of(new[] { P(1, a: 1, s: "B"), P(2, a: 1, s: "a") });
        DuckDbOracleHarness.AssertAgree(Job, mixedCase, "StringMinMax");
        Assert.Equal("B", Get("StringMinMax", DuckDbOracleHarness.RunCSharp(Job, mixedCase, "StringMinMax").Single(), "First"));
    }
}

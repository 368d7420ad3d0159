using System;
using Pipeline.Dsl;

namespace Pipeline.Translation.Tests.Pipelines;

/// <summary>Small stages for the focused tests of docs/translation.md's rules (SemanticRuleTests), fed hand-written rows.</summary>
// Bookmarks off: the translation oracles feed every stage all of its rows (no increments, so PIPE108 does not apply).
[GlueJob("translation-semantics", TimeoutMinutes = 10, Bookmarks = false)]
[Tag("owner", "translation-tests")]
[Tag("cost-center", "engineering")]
public sealed partial class SemanticsJob
{
    [S3Source("s3://translation-tests/pairs/", Format = DataFormat.Json)]
    public partial Dataset<Pair> Pairs { get; }

    [S3Source("s3://translation-tests/pair-lookup/", Format = DataFormat.Json)]
    public partial Dataset<Pair> Lookup { get; }

    [Transform]
    public Dataset<Division> Divide(Dataset<Pair> pairs) =>
        pairs.Select(p => new Division
        {
            Id = p.Id,
            IntQuotient = p.A / p.B,
            IntRemainder = p.A % p.B,
            LongQuotient = p.L / p.M,
            LongRemainder = p.L % p.M,
            DecimalQuotient = p.P / p.Q,
            DoubleQuotient = p.X / p.Y,
        });

    [Transform]
    public Dataset<Overflow> Overflowing(Dataset<Pair> pairs) =>
        pairs.Select(p => new Overflow { Id = p.Id, Sum = p.A + p.B, Product = p.A * p.B });

    [Transform]
    public Dataset<TextResult> Text(Dataset<Pair> pairs) =>
        pairs.Select(p => new TextResult
        {
            Id = p.Id,
            Concat = p.S + p.T,
            Substring = p.S.Substring(p.A),
            SubstringLength = p.S.Substring(p.A, p.B),
            Length = p.S.Length,
            Trimmed = p.S.Trim(),
            Upper = p.S.ToUpper(),
            Lower = p.S.ToLower(),
        });

    [Transform]
    public Dataset<Pair> NullSafeEqual(Dataset<Pair> pairs) => pairs.Where(p => p.S == p.T);

    [Transform]
    public Dataset<Pair> NullSafeNotEqual(Dataset<Pair> pairs) => pairs.Where(p => p.S != p.T);

    [Transform]
    public Dataset<Pair> NotLessThan(Dataset<Pair> pairs) => pairs.Where(p => !(p.N < 5));

    [Transform]
    public Dataset<Pair> LessThan(Dataset<Pair> pairs) => pairs.Where(p => p.N < 5);

    [Transform]
    public Dataset<Pair> SetUnion(Dataset<Pair> pairs, Dataset<Pair> lookup) => pairs.Union(lookup);

    [Transform]
    public Dataset<Pair> BagConcat(Dataset<Pair> pairs, Dataset<Pair> lookup) => pairs.Concat(lookup);

    [Transform]
    public Dataset<Matched> LeftMatched(Dataset<Pair> pairs, Dataset<Pair> lookup) =>
        pairs.LeftJoin(
            lookup,
            p => p.S,
            q => q.S,
            (p, q) => new Matched { Id = p.Id, Matches = q != null, Other = q == null ? -1 : q.Id, OtherT = q == null ? "none" : q.T });

    [Transform]
    public Dataset<Matched> CompositeMatched(Dataset<Pair> pairs, Dataset<Pair> lookup) =>
        pairs.Join(
            lookup,
            p => new { p.S, p.T },
            q => new { q.S, q.T },
            (p, q) => new Matched { Id = p.Id, Matches = true, Other = q.Id, OtherT = q.T });

    [Transform]
    public Dataset<Scaled> DecimalScale(Dataset<Pair> pairs) =>
        pairs.Select(p => new Scaled { Id = p.Id, Quarter = p.P / 4, Average = (p.P + p.Q) / 2, Extended = p.P * p.A, Total = p.P * p.Q * p.A });

    [Transform]
    public Dataset<TextStats> StringMinMax(Dataset<Pair> pairs) =>
        pairs.GroupBy(p => p.A, (k, g) => new TextStats { Key = k, First = g.Min(x => x.S), Last = g.Max(x => x.S) });

    [S3Sink("s3://translation-tests/out/semantics/", Format = DataFormat.Parquet)]
    public Dataset<Pair> Output(Dataset<Pair> setUnion) => setUnion;
}

public sealed record Pair
{
    public int Id { get; init; }
    public int A { get; init; }
    public int B { get; init; }
    public int? N { get; init; }
    public long L { get; init; }
    public long M { get; init; }
    [Decimal(12, 2)] public decimal P { get; init; }
    [Decimal(12, 2)] public decimal Q { get; init; }
    public double X { get; init; }
    public double Y { get; init; }
    public string? S { get; init; }
    public string? T { get; init; }
}

public sealed record Division
{
    public int Id { get; init; }
    public int? IntQuotient { get; init; }
    public int? IntRemainder { get; init; }
    public long? LongQuotient { get; init; }
    public long? LongRemainder { get; init; }
    [Decimal(18, 2)] public decimal? DecimalQuotient { get; init; }
    public double? DoubleQuotient { get; init; }
}

public sealed record Overflow
{
    public int Id { get; init; }
    public int Sum { get; init; }
    public int Product { get; init; }
}

public sealed record TextResult
{
    public int Id { get; init; }
    public string? Concat { get; init; }
    public string? Substring { get; init; }
    public string? SubstringLength { get; init; }
    public int? Length { get; init; }
    public string? Trimmed { get; init; }
    public string? Upper { get; init; }
    public string? Lower { get; init; }
}

public sealed record Matched
{
    public int Id { get; init; }
    public bool Matches { get; init; }
    public int Other { get; init; }
    public string? OtherT { get; init; }
}

public sealed record Scaled
{
    public int Id { get; init; }
    [Decimal(18, 4)] public decimal Quarter { get; init; }
    [Decimal(18, 4)] public decimal Average { get; init; }
    public decimal Extended { get; init; }
    [Decimal(38, 4)] public decimal Total { get; init; }
}

public sealed record TextStats
{
    public int Key { get; init; }
    public string? First { get; init; }
    public string? Last { get; init; }
}

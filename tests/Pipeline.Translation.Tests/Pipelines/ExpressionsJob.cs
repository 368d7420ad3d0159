using System;
using Pipeline.Dsl;

namespace Pipeline.Translation.Tests.Pipelines;

/// <summary>
/// Every expression construct the translator supports, one output column per construct so a difference names
/// the construct. Random rows: <see cref="RandomData.Items"/>.
/// </summary>
[GlueJob("translation-expressions", TimeoutMinutes = 10)]
[Tag("owner", "translation-tests")]
[Tag("cost-center", "engineering")]
public sealed partial class ExpressionsJob
{
    [S3Source("s3://translation-tests/items/", Format = DataFormat.Json)]
    public partial Dataset<Item> Items { get; }

    /// <summary>A FilterNode: lifted comparisons (also under !), null-safe equality, && || !.</summary>
    [Transform]
    public Dataset<Item> Filtered(Dataset<Item> items) =>
        items.Where(i => (i.N > 0 || !(i.Y < 0.5) || i.Discount >= 1.5m) && i.Tag != "a" || !i.Flag && i.Ship == null);

    /// <summary>Predicates as values.</summary>
    [Transform]
    public Dataset<Flags> Predicates(Dataset<Item> items) =>
        items.Select(i => new Flags
        {
            Id = i.Id,
            IntLt = i.A < i.B,
            IntGe = i.A >= 0,
            NullableGt = i.N > 0,
            NotNullableLt = !(i.N < 0),
            NullableLe = i.N <= i.A,
            DecimalGe = i.Discount >= 1.5m,
            DecimalLt = i.Price < i.Discount,
            DoubleLe = i.Y <= 0.5,
            NotDoubleLt = !(i.Y < 0.5),
            DoubleGt = i.X > i.Y,
            DateGt = i.Ship > i.Day,
            TimestampLt = i.At < i.Due,
            IntEq = i.A == i.B,
            NullableEq = i.N == i.A,
            NullableNe = i.N != i.A,
            NullableEqNullable = i.N == i.N2,
            StringEq = i.Tag == "a",
            StringNe = i.Tag != "a",
            StringEqColumn = i.Tag == i.Name,
            DateEq = i.Ship == i.Day,
            BoolEq = i.Opt == true,
            IsNull = i.Tag == null,
            IsNotNull = i.Ship != null,
            IsPattern = i.Due is null,
            IsNotPattern = i.Opt is not null,
            HasValue = i.N.HasValue,
            AndOr = i.Flag && i.A > 0 || !i.Flag,
            Not = !i.Flag,
            StartsWith = i.Name.StartsWith("a"),
            EndsWith = i.Name.EndsWith(" "),
            Contains = i.Name.Contains("é"),
            ContainsEmpty = i.Name.Contains(""),
            NullableContains = i.Tag != null && i.Tag.Contains("a"),
            ConditionalAccess = i.Tag?.StartsWith("t") == true,
            BigEq = i.Big == int.MaxValue,
            BigLt = i.Big < 0,
        });

    /// <summary>Arithmetic on every numeric type, casts and C#'s implicit conversions.</summary>
    [Transform]
    public Dataset<Calc> Arithmetic(Dataset<Item> items) =>
        items.Select(i => new Calc
        {
            Id = i.Id,
            Sum = i.A + i.B,
            Difference = i.A - i.B,
            Product = i.A * i.B,
            Quotient = i.A / i.B,
            Remainder = i.A % i.B,
            Negated = -i.A,
            Constant = 42,
            NullableQuotient = i.N / i.B,
            NullablePlus = i.N + 1,
            NullableRemainder = i.N % i.B,
            LongProduct = i.L * 3,
            LongQuotient = i.L / i.B,
            LongRemainder = i.L % i.B,
            IntToLong = (long)i.A + i.L,
            BigToLong = (long)i.Big,
            DecimalSum = i.Price + (i.Discount ?? 0m),
            DecimalProduct = i.Price * 3,
            DecimalHalf = i.Price / 2,
            DecimalEighth = i.Price / 8,
            DecimalThird = i.Price / 3,
            DecimalNullable = i.Discount * 2,
            IntToDecimal = (decimal)i.A,
            BigToDecimal = (decimal)i.Big,
            ImplicitIntToDecimal = i.Price + i.A,
            DoubleQuotient = i.X / 3.0,
            DoubleProduct = i.X * 2.5,
            DoubleNullable = i.Y * 2,
            IntToDouble = i.A / 2.0,
            DecimalToDouble = (double)i.Price,
            Truncated = (int)i.X,
            TruncatedNegative = (int)(-i.X),
            DecimalTruncated = (int)i.Price,
        });

    /// <summary>String functions, concatenation with nulls, ?? and ?:, unassigned properties.</summary>
    [Transform]
    public Dataset<Texts> Strings(Dataset<Item> items) =>
        items.Select(i => new Texts
        {
            Id = i.Id,
            Upper = i.Name.ToUpper(),
            Lower = i.Name.ToLower(),
            UpperInvariant = i.Name.ToUpperInvariant(),
            NullableLower = i.Tag == null ? null : i.Tag.ToLower(),
            ConditionalUpper = i.Tag?.ToUpper(),
            Trimmed = i.Name.Trim(),
            Length = i.Name.Length,
            NullableLength = i.Tag?.Length,
            Substring = i.Name.Length >= 3 ? i.Name.Substring(1, 2) : i.Name,
            SubstringFrom = i.Name.Length >= 1 ? i.Name.Substring(1) : "",
            SubstringColumn = i.Name.Length > i.Small ? i.Name.Substring(i.Small) : "-",
            Concat = i.Name + i.Tag,
            ConcatNulls = i.Tag + i.Tag,
            ConcatConstants = "<" + i.Tag + ">",
            Coalesced = i.Tag ?? "none",
            CoalescedInt = i.N ?? -1,
            Conditional = i.Flag ? "yes" : "no",
            NullCondition = i.Opt == true ? 1 : 0,
            NestedConditional = i.A > 0 ? "pos" : i.A < 0 ? "neg" : "zero",
            HasValueConditional = i.N.HasValue ? i.N.Value * 2 : -1,
        });

    /// <summary>Date parts, DateTime.Date, DateOnly.FromDateTime.</summary>
    [Transform]
    public Dataset<DateParts> Dates(Dataset<Item> items) =>
        items.Select(i => new DateParts
        {
            Id = i.Id,
            Year = i.At.Year,
            Month = i.At.Month,
            DayOfMonth = i.At.Day,
            DateYear = i.Day.Year,
            DateMonth = i.Day.Month,
            DateDay = i.Day.Day,
            NullableYear = i.Due?.Year,
            NullableMonth = i.Ship?.Month,
            Midnight = i.At.Date,
            NullableMidnight = i.Due?.Date,
            FromDateTime = DateOnly.FromDateTime(i.At),
            NullableFromDateTime = i.Due == null ? (DateOnly?)null : DateOnly.FromDateTime(i.Due.Value),
            Timestamp = i.At,
        });

    [S3Sink("s3://translation-tests/out/expressions/", Format = DataFormat.Parquet)]
    public Dataset<Item> Output(Dataset<Item> filtered) => filtered;
}

public sealed record Item
{
    public int Id { get; init; }

    public int A { get; init; }

    /// <summary>Never 0 in the random data (C# throws on int / 0); see SemanticRuleTests for zero divisors.</summary>
    public int B { get; init; }

    public int? N { get; init; }

    public int? N2 { get; init; }

    /// <summary>Edge values (int.MinValue, int.MaxValue): only compared and widened, never in arithmetic.</summary>
    public int Big { get; init; }

    /// <summary>0..4, a column substring start.</summary>
    public int Small { get; init; }

    public long L { get; init; }

    [Decimal(12, 2)]
    public decimal Price { get; init; }

    [Decimal(12, 2)]
    public decimal? Discount { get; init; }

    public double X { get; init; }

    public double? Y { get; init; }

    public required string Name { get; init; }

    public string? Tag { get; init; }

    public DateTime At { get; init; }

    public DateTime? Due { get; init; }

    public DateOnly Day { get; init; }

    public DateOnly? Ship { get; init; }

    public bool Flag { get; init; }

    public bool? Opt { get; init; }
}

public sealed record Flags
{
    public int Id { get; init; }
    public bool IntLt { get; init; }
    public bool IntGe { get; init; }
    public bool NullableGt { get; init; }
    public bool NotNullableLt { get; init; }
    public bool NullableLe { get; init; }
    public bool DecimalGe { get; init; }
    public bool DecimalLt { get; init; }
    public bool DoubleLe { get; init; }
    public bool NotDoubleLt { get; init; }
    public bool DoubleGt { get; init; }
    public bool DateGt { get; init; }
    public bool TimestampLt { get; init; }
    public bool IntEq { get; init; }
    public bool NullableEq { get; init; }
    public bool NullableNe { get; init; }
    public bool NullableEqNullable { get; init; }
    public bool StringEq { get; init; }
    public bool StringNe { get; init; }
    public bool StringEqColumn { get; init; }
    public bool DateEq { get; init; }
    public bool BoolEq { get; init; }
    public bool IsNull { get; init; }
    public bool IsNotNull { get; init; }
    public bool IsPattern { get; init; }
    public bool IsNotPattern { get; init; }
    public bool HasValue { get; init; }
    public bool AndOr { get; init; }
    public bool Not { get; init; }
    public bool StartsWith { get; init; }
    public bool EndsWith { get; init; }
    public bool Contains { get; init; }
    public bool ContainsEmpty { get; init; }
    public bool NullableContains { get; init; }
    public bool ConditionalAccess { get; init; }
    public bool BigEq { get; init; }
    public bool BigLt { get; init; }
}

public sealed record Calc
{
    public int Id { get; init; }
    public int Sum { get; init; }
    public int Difference { get; init; }
    public int Product { get; init; }
    public int Quotient { get; init; }
    public int Remainder { get; init; }
    public int Negated { get; init; }
    public int Constant { get; init; }
    public int? NullableQuotient { get; init; }
    public int? NullablePlus { get; init; }
    public int? NullableRemainder { get; init; }
    public long LongProduct { get; init; }
    public long LongQuotient { get; init; }
    public long LongRemainder { get; init; }
    public long IntToLong { get; init; }
    public long BigToLong { get; init; }
    [Decimal(18, 2)] public decimal DecimalSum { get; init; }
    [Decimal(18, 2)] public decimal DecimalProduct { get; init; }
    [Decimal(18, 2)] public decimal DecimalHalf { get; init; }
    [Decimal(18, 2)] public decimal DecimalEighth { get; init; }
    [Decimal(18, 2)] public decimal DecimalThird { get; init; }
    [Decimal(18, 2)] public decimal? DecimalNullable { get; init; }
    [Decimal(18, 2)] public decimal IntToDecimal { get; init; }
    [Decimal(18, 2)] public decimal BigToDecimal { get; init; }
    [Decimal(18, 2)] public decimal ImplicitIntToDecimal { get; init; }
    public double DoubleQuotient { get; init; }
    public double DoubleProduct { get; init; }
    public double? DoubleNullable { get; init; }
    public double IntToDouble { get; init; }
    public double DecimalToDouble { get; init; }
    public int Truncated { get; init; }
    public int TruncatedNegative { get; init; }
    public int DecimalTruncated { get; init; }
    /// <summary>Never assigned: 0 on both sides.</summary>
    public int UnsetInt { get; init; }
    /// <summary>Never assigned: 0 on both sides.</summary>
    [Decimal(12, 2)] public decimal UnsetDecimal { get; init; }
    /// <summary>Never assigned: null on both sides.</summary>
    public double? UnsetNullable { get; init; }
    /// <summary>Never assigned: false on both sides.</summary>
    public bool UnsetBool { get; init; }
}

public sealed record Texts
{
    public int Id { get; init; }
    public string? Upper { get; init; }
    public string? Lower { get; init; }
    public string? UpperInvariant { get; init; }
    public string? NullableLower { get; init; }
    public string? ConditionalUpper { get; init; }
    public string? Trimmed { get; init; }
    public int? Length { get; init; }
    public int? NullableLength { get; init; }
    public string? Substring { get; init; }
    public string? SubstringFrom { get; init; }
    public string? SubstringColumn { get; init; }
    public string? Concat { get; init; }
    public string? ConcatNulls { get; init; }
    public string? ConcatConstants { get; init; }
    public string? Coalesced { get; init; }
    public int CoalescedInt { get; init; }
    public string? Conditional { get; init; }
    public int NullCondition { get; init; }
    public string? NestedConditional { get; init; }
    public int HasValueConditional { get; init; }
    /// <summary>Never assigned: null on both sides.</summary>
    public string? Unset { get; init; }
}

public sealed record DateParts
{
    public int Id { get; init; }
    public int Year { get; init; }
    public int Month { get; init; }
    public int DayOfMonth { get; init; }
    public int DateYear { get; init; }
    public int DateMonth { get; init; }
    public int DateDay { get; init; }
    public int? NullableYear { get; init; }
    public int? NullableMonth { get; init; }
    public DateTime Midnight { get; init; }
    public DateTime? NullableMidnight { get; init; }
    public DateOnly FromDateTime { get; init; }
    public DateOnly? NullableFromDateTime { get; init; }
    public DateTime Timestamp { get; init; }
}

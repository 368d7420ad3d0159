using Pipeline.Generators.Helpers;

namespace Pipeline.Generators.Model;

/// <summary>
/// A scalar expression of the transform IR. <see cref="Type"/> is the C# result type mapped to a column type
/// (nullable when the C# type is a nullable value type or a string).
/// </summary>
/// <remarks>
/// Semantic choices are made once, by the translator, and are explicit in the tree (see docs/translation.md):
/// C# <c>==</c>/<c>!=</c> on nullable operands become <see cref="BinaryOp.NullSafeEqual"/>/<see cref="BinaryOp.NullSafeNotEqual"/>;
/// ordering comparisons on nullable operands are wrapped in <c>Coalesce(cmp, false)</c>; integer <c>/</c> keeps an
/// integral <see cref="Type"/>, which printers turn into truncating division. Printers print; they do not decide.
/// </remarks>
internal abstract record Expr(DataType Type);

/// <summary>A column of the current row. <see cref="Qualifier"/> is <c>l</c>/<c>r</c> inside a join, else null.</summary>
internal sealed record ColumnExpr(DataType Type, string? Qualifier, string Name) : Expr(Type);

/// <summary>A field of a struct-typed expression (<c>o.Customer.City</c>).</summary>
internal sealed record FieldExpr(DataType Type, Expr Target, string Field) : Expr(Type);

/// <summary>
/// A constant. <see cref="Value"/> is null for the null literal; otherwise invariant-culture text: digits for numbers,
/// <c>true</c>/<c>false</c>, the raw (unescaped) characters of a string.
/// </summary>
internal sealed record LiteralExpr(DataType Type, string? Value) : Expr(Type);

internal enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulo,
    Equal,
    NotEqual,
    NullSafeEqual,
    NullSafeNotEqual,
    LessThan,
    LessThanOrEqual,
    GreaterThan,
    GreaterThanOrEqual,
    And,
    Or,
    Concat,
}

internal sealed record BinaryExpr(DataType Type, BinaryOp Op, Expr Left, Expr Right) : Expr(Type);

internal enum UnaryOp
{
    Not,
    Negate,
}

internal sealed record UnaryExpr(DataType Type, UnaryOp Op, Expr Operand) : Expr(Type);

/// <summary><c>x == null</c> (or <c>x != null</c> when <see cref="Negated"/>).</summary>
internal sealed record IsNullExpr(DataType Type, Expr Operand, bool Negated) : Expr(Type);

internal enum FunctionKind
{
    /// <summary>(string, prefix) → bool.</summary>
    StartsWith,
    /// <summary>(string, suffix) → bool.</summary>
    EndsWith,
    /// <summary>(string, part) → bool.</summary>
    Contains,
    Upper,
    Lower,
    Trim,
    /// <summary>Length in characters.</summary>
    Length,
    /// <summary>(string, start, length?) with a 0-based start, as in C#.</summary>
    Substring,
    Year,
    Month,
    Day,
    /// <summary>Timestamp → date (<c>DateOnly.FromDateTime</c>).</summary>
    ToDate,
    /// <summary>Timestamp truncated to midnight, still a timestamp (<c>DateTime.Date</c>).</summary>
    TruncateToDay,
    /// <summary>First non-null argument (<c>??</c>).</summary>
    Coalesce,
}

internal sealed record FunctionExpr(DataType Type, FunctionKind Function, EquatableArray<Expr> Arguments) : Expr(Type);

/// <summary><c>c ? a : b</c>; a null condition selects <see cref="WhenFalse"/>.</summary>
internal sealed record ConditionalExpr(DataType Type, Expr Condition, Expr WhenTrue, Expr WhenFalse) : Expr(Type);

/// <summary>A numeric conversion, explicit or implicit in C# (int → long, int → decimal, double → int truncating).</summary>
internal sealed record CastExpr(DataType Type, Expr Operand) : Expr(Type);

using Pipeline.Generators.Helpers;

namespace Pipeline.Generators.Model;

/// <summary>
/// The engine-neutral query plan of one stage body. PySpark and DuckDB SQL are two printers of it.
/// Every node knows the columns it produces only through the stage's schema or its own outputs;
/// printers never need Roslyn.
/// </summary>
internal abstract record PlanNode;

/// <summary>A stage input, by the member name of the source or stage it is bound to.</summary>
internal sealed record InputNode(string Input) : PlanNode;

/// <summary><c>Where</c>: keeps rows for which <see cref="Predicate"/> is true (null counts as false).</summary>
internal sealed record FilterNode(PlanNode Child, Expr Predicate) : PlanNode;

/// <summary><c>Select</c> into a record: one expression per output column, in the target schema's column order.</summary>
internal sealed record ProjectNode(PlanNode Child, EquatableArray<NamedExpr> Columns) : PlanNode;

/// <summary><c>DistinctBy</c>: one row per distinct combination of the key columns (column names).</summary>
internal sealed record DistinctNode(PlanNode Child, EquatableArray<string> KeyColumns) : PlanNode;

/// <summary>
/// <c>GroupBy(key, (k, g) =&gt; new R { ... })</c>. Printers group by <see cref="Keys"/> (aliased <c>__k0</c>, <c>__k1</c>…),
/// compute <see cref="Aggregates"/> (aliased <c>__a0</c>…), then project <see cref="Outputs"/>, whose expressions
/// reference those aliases as unqualified <see cref="ColumnExpr"/>s.
/// </summary>
internal sealed record AggregateNode(
    PlanNode Child,
    EquatableArray<Expr> Keys,
    EquatableArray<AggregateCall> Aggregates,
    EquatableArray<NamedExpr> Outputs) : PlanNode
{
    public static string KeyAlias(int index) => "__k" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string AggregateAlias(int index) => "__a" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

internal enum JoinKind
{
    Inner,
    Left,
}

/// <summary>
/// <c>Join</c>/<c>LeftJoin</c> on key equality (null keys never match). Key and output expressions reference
/// the left input with qualifier <c>l</c> and the right input with qualifier <c>r</c>.
/// </summary>
internal sealed record JoinNode(
    PlanNode Left,
    PlanNode Right,
    JoinKind Kind,
    EquatableArray<Expr> LeftKeys,
    EquatableArray<Expr> RightKeys,
    EquatableArray<NamedExpr> Outputs) : PlanNode
{
    public const string LeftQualifier = "l";
    public const string RightQualifier = "r";
}

/// <summary><c>Union</c> (<see cref="Distinct"/> = true, set union) or <c>Concat</c> (all rows), matched by column name.</summary>
internal sealed record UnionNode(PlanNode Left, PlanNode Right, bool Distinct) : PlanNode;

/// <summary>An output column: its name in the produced dataset and the expression computing it.</summary>
internal sealed record NamedExpr(string Name, Expr Expression);

internal enum AggregateKind
{
    Count,
    Sum,
    Min,
    Max,
    Average,
}

/// <summary>An aggregate over the rows of a group; <see cref="Argument"/> is null for <c>Count()</c>.</summary>
internal sealed record AggregateCall(AggregateKind Kind, Expr? Argument, DataType Type);

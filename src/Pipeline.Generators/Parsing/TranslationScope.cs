using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Pipeline.Generators.Model;

using TypeKind = Pipeline.Generators.Model.TypeKind;

namespace Pipeline.Generators.Parsing;

/// <summary>
/// What the identifiers of a lambda mean while it is translated: row parameters (a dataset row, with the
/// qualifier its columns take), the key and group parameters of a GroupBy result selector.
/// </summary>
internal sealed class TranslationScope
{
    public Dictionary<IParameterSymbol, RowBinding> Rows { get; } = new(SymbolEqualityComparer.Default);

    public IParameterSymbol? KeyParameter { get; set; }

    /// <summary>For a composite key (<c>new { o.A, B = ... }</c>): member name → key index. Empty for a single key.</summary>
    public Dictionary<string, int> KeyMembers { get; } = new();

    public DataType? SingleKeyType { get; set; }

    public List<DataType> KeyTypes { get; } = new();

    public IParameterSymbol? GroupParameter { get; set; }

    /// <summary>The group's row schema, for the lambdas inside <c>g.Sum(x =&gt; ...)</c>.</summary>
    public SchemaSpec? GroupRowSchema { get; set; }

    /// <summary>Aggregates found so far; equal calls share one alias.</summary>
    public List<AggregateCall> Aggregates { get; } = new();

    public int AddAggregate(AggregateCall call)
    {
        var index = Aggregates.IndexOf(call);
        if (index < 0)
        {
            Aggregates.Add(call);
            index = Aggregates.Count - 1;
        }

        return index;
    }
}

/// <summary>
/// A lambda parameter that stands for a dataset row. <see cref="NullWhen"/> is set for the right row of a
/// <c>LeftJoin</c>, which is null when nothing matched: then its first key column is null, since null keys never match.
/// Every other row is never null.
/// </summary>
internal sealed record RowBinding(string? Qualifier, SchemaSpec Schema, Expr? NullWhen = null);

/// <summary>
/// A whole row (a lambda parameter) while translation walks through it. Never part of a finished model:
/// it only ever appears as the receiver of a member access.
/// </summary>
internal sealed record RowRefExpr(RowBinding Binding) : Expr(new DataType(TypeKind.Struct, false));

/// <summary>The composite key parameter of a GroupBy result selector, before a member of it is taken.</summary>
internal sealed record KeyRefExpr() : Expr(new DataType(TypeKind.Struct, false));

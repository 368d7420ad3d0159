using Pipeline.Generators.Helpers;

namespace Pipeline.Generators.Model;

/// <summary>A record type used as a dataset row. <see cref="TypeName"/> is the <c>global::</c>-qualified C# name.</summary>
internal sealed record SchemaSpec(string TypeName, string Name, EquatableArray<ColumnSpec> Columns)
{
    public ColumnSpec? FindColumn(string name)
    {
        foreach (var column in Columns)
        {
            if (column.Name == name)
            {
                return column;
            }
        }

        return null;
    }

    public ColumnSpec? FindProperty(string propertyName)
    {
        foreach (var column in Columns)
        {
            if (column.PropertyName == propertyName)
            {
                return column;
            }
        }

        return null;
    }
}

/// <summary>One column: the C# property, the column name in the data (snake_case unless overridden), its type and rules.</summary>
internal sealed record ColumnSpec(string PropertyName, string Name, DataType Type, ColumnRules Rules);

internal enum TypeKind
{
    String,
    Byte,
    Short,
    Int,
    Long,
    Float,
    Double,
    Decimal,
    Boolean,
    Date,
    Timestamp,
    Array,
    Struct,
}

/// <summary>
/// A column or expression type. Struct fields and array elements are nested <see cref="DataType"/>s
/// (through <see cref="Fields"/> and <see cref="Element"/>), so the whole type is one value.
/// </summary>
internal sealed record DataType(
    TypeKind Kind,
    bool Nullable,
    int Precision = 0,
    int Scale = 0,
    DataType? Element = null,
    EquatableArray<ColumnSpec> Fields = default)
{
    public static DataType Of(TypeKind kind, bool nullable = false) => new(kind, nullable);

    public bool IsIntegral => Kind is TypeKind.Byte or TypeKind.Short or TypeKind.Int or TypeKind.Long;

    public bool IsNumeric => IsIntegral || Kind is TypeKind.Float or TypeKind.Double or TypeKind.Decimal;

    public bool IsPrimitive => Kind is not (TypeKind.Array or TypeKind.Struct);

    public DataType WithNullable(bool nullable) => this with { Nullable = nullable };
}

/// <summary>Quality rules declared by property attributes. Numbers are kept as invariant-culture text.</summary>
internal sealed record ColumnRules(
    bool NotNull,
    bool Unique,
    string? Minimum,
    string? Maximum,
    EquatableArray<string> AllowedValues,
    string? Pattern,
    int? MaxLength)
{
    public static readonly ColumnRules None = new(false, false, null, null, EquatableArray<string>.Empty, null, null);

    public bool IsEmpty => this == None;
}

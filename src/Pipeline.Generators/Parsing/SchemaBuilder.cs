using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

using TypeKind = Pipeline.Generators.Model.TypeKind;

namespace Pipeline.Generators.Parsing;

/// <summary>
/// Turns record types into <see cref="SchemaSpec"/>s and C# types into <see cref="DataType"/>s.
/// Schemas are collected once per type, in first-use order, so the model lists them deterministically.
/// </summary>
internal sealed class SchemaBuilder
{
    private const int MaxNesting = 16;

    private readonly Dictionary<string, SchemaSpec> _schemas = new();
    private readonly List<SchemaSpec> _ordered = new();
    private readonly List<ParseProblem> _problems;
    private readonly CancellationToken _ct;

    public SchemaBuilder(List<ParseProblem> problems, CancellationToken ct)
    {
        _problems = problems;
        _ct = ct;
    }

    public EquatableArray<SchemaSpec> Schemas => _ordered.ToEquatableArray();

    public static string TypeName(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    /// <summary>The schema of a row type, built on first use. Returns null (and records a problem) when a column type is unsupported.</summary>
    public SchemaSpec? GetSchema(ITypeSymbol rowType, Location useSite)
    {
        var name = TypeName(rowType);
        if (_schemas.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var columns = BuildColumns(rowType, useSite, 0);
        if (columns is null)
        {
            return null;
        }

        var schema = new SchemaSpec(name, rowType.Name, columns.Value);
        _schemas[name] = schema;
        _ordered.Add(schema);
        return schema;
    }

    /// <summary>Public instance properties with a getter: inherited ones first, then each type's in declaration order.</summary>
    public static IEnumerable<IPropertySymbol> ColumnProperties(ITypeSymbol type)
    {
        var chain = new List<ITypeSymbol>();
        for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object; current = current.BaseType)
        {
            chain.Insert(0, current);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declaring in chain)
        {
            foreach (var member in declaring.GetMembers())
            {
                if (member is IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public, GetMethod: not null } property
                    && seen.Add(property.Name))
                {
                    yield return property;
                }
            }
        }
    }

    public static string ColumnName(IPropertySymbol property) =>
        AttributeReader.Find(property, KnownNames.ColumnAttribute) is { } column && AttributeReader.String(column, 0) is { Length: > 0 } name
            ? name
            : Naming.ToSnakeCase(property.Name);

    private EquatableArray<ColumnSpec>? BuildColumns(ITypeSymbol type, Location useSite, int depth)
    {
        var columns = new List<ColumnSpec>();
        var ok = true;
        foreach (var property in ColumnProperties(type))
        {
            _ct.ThrowIfCancellationRequested();
            var location = property.Locations.Length > 0 && property.Locations[0].IsInSource ? property.Locations[0] : useSite;
            var dataType = MapType(property.Type, property, location, depth);
            if (dataType is null)
            {
                ok = false;
                continue;
            }

            columns.Add(new ColumnSpec(property.Name, ColumnName(property), dataType, ReadRules(property)));
        }

        return ok ? columns.ToEquatableArray() : null;
    }

    /// <summary>Maps a C# type to a column type; <paramref name="property"/> supplies <c>[Decimal]</c> precision.</summary>
    public DataType? MapType(ITypeSymbol type, IPropertySymbol? property, Location location, int depth = 0)
    {
        if (depth > MaxNesting)
        {
            _problems.Add(new ParseProblem(ParserRuleIds.UnsupportedColumnType, location, $"Type '{type.ToDisplayString()}' nests more than {MaxNesting} levels (is it recursive?)"));
            return null;
        }

        var nullable = false;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullableType)
        {
            nullable = true;
            type = nullableType.TypeArguments[0];
        }
        else if (type.IsReferenceType)
        {
            nullable = type.NullableAnnotation != NullableAnnotation.NotAnnotated;
        }

        var kind = MapSimple(type);
        if (kind is TypeKind.Decimal)
        {
            var precision = 18;
            var scale = 2;
            if (property is not null && AttributeReader.Find(property, KnownNames.DecimalAttribute) is { } dec
                && dec.ConstructorArguments.Length == 2
                && dec.ConstructorArguments[0].Value is int p && dec.ConstructorArguments[1].Value is int s)
            {
                precision = p;
                scale = s;
            }

            if (precision < 1 || precision > 38 || scale < 0 || scale > precision)
            {
                _problems.Add(new ParseProblem(ParserRuleIds.UnsupportedColumnType, location, $"decimal({precision},{scale}) is not a valid Spark decimal: precision 1..38, scale 0..precision"));
                return null;
            }

            return new DataType(TypeKind.Decimal, nullable, precision, scale);
        }

        if (kind is { } simple)
        {
            return new DataType(simple, nullable);
        }

        if (ElementType(type) is { } element)
        {
            var elementType = MapType(element, null, location, depth + 1);
            return elementType is null ? null : new DataType(TypeKind.Array, nullable, Element: elementType);
        }

        if (type is INamedTypeSymbol { TypeKind: global::Microsoft.CodeAnalysis.TypeKind.Class or global::Microsoft.CodeAnalysis.TypeKind.Struct, SpecialType: SpecialType.None } named
            && named.ContainingNamespace?.ToDisplayString() != "System")
        {
            var fields = BuildColumns(named, location, depth + 1);
            return fields is null ? null : new DataType(TypeKind.Struct, nullable, Fields: fields.Value);
        }

        _problems.Add(new ParseProblem(ParserRuleIds.UnsupportedColumnType, location,
            $"Type '{type.ToDisplayString()}' has no column type; use string, int, long, short, byte, bool, float, double, decimal, DateOnly, DateTime, DateTimeOffset, a record, or an array/list of those"));
        return null;
    }

    public static TypeKind? MapSimple(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String: return TypeKind.String;
            case SpecialType.System_Byte: return TypeKind.Byte;
            case SpecialType.System_Int16: return TypeKind.Short;
            case SpecialType.System_Int32: return TypeKind.Int;
            case SpecialType.System_Int64: return TypeKind.Long;
            case SpecialType.System_Single: return TypeKind.Float;
            case SpecialType.System_Double: return TypeKind.Double;
            case SpecialType.System_Decimal: return TypeKind.Decimal;
            case SpecialType.System_Boolean: return TypeKind.Boolean;
            case SpecialType.System_DateTime: return TypeKind.Timestamp;
        }

        if (type.ContainingNamespace?.ToDisplayString() == "System")
        {
            switch (type.MetadataName)
            {
                case "DateOnly": return TypeKind.Date;
                case "DateTimeOffset": return TypeKind.Timestamp;
            }
        }

        return null;
    }

    private static ITypeSymbol? ElementType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol { Rank: 1 } array)
        {
            return array.ElementType;
        }

        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic)
        {
            var definition = generic.OriginalDefinition.ToDisplayString();
            if (definition is "System.Collections.Generic.List<T>" or "System.Collections.Generic.IList<T>"
                or "System.Collections.Generic.IReadOnlyList<T>" or "System.Collections.Generic.IEnumerable<T>"
                or "System.Collections.Generic.ICollection<T>" or "System.Collections.Generic.IReadOnlyCollection<T>"
                or "System.Collections.Immutable.ImmutableArray<T>")
            {
                return generic.TypeArguments[0];
            }
        }

        return null;
    }

    private static ColumnRules ReadRules(IPropertySymbol property)
    {
        var notNull = AttributeReader.Find(property, KnownNames.NotNullAttribute) is not null;
        var key = AttributeReader.Find(property, KnownNames.KeyAttribute) is not null;
        var unique = key || AttributeReader.Find(property, KnownNames.UniqueAttribute) is not null;
        string? min = null, max = null, pattern = null;
        int? maxLength = null;
        var allowed = EquatableArray<string>.Empty;
        if (AttributeReader.Find(property, KnownNames.RangeAttribute) is { ConstructorArguments.Length: 2 } range)
        {
            min = Number(range.ConstructorArguments[0].Value);
            max = Number(range.ConstructorArguments[1].Value);
        }

        if (AttributeReader.Find(property, KnownNames.AllowedValuesAttribute) is { } values)
        {
            var list = new List<string>();
            foreach (var value in AttributeReader.StringArray(values, 0))
            {
                if (value is not null)
                {
                    list.Add(value);
                }
            }

            allowed = list.ToEquatableArray();
        }

        if (AttributeReader.Find(property, KnownNames.PatternAttribute) is { } regex)
        {
            pattern = AttributeReader.String(regex, 0);
        }

        if (AttributeReader.Find(property, KnownNames.MaxLengthAttribute) is { ConstructorArguments.Length: 1 } length
            && length.ConstructorArguments[0].Value is int n)
        {
            maxLength = n;
        }

        var rules = new ColumnRules(notNull || key, unique, min, max, allowed, pattern, maxLength);
        return rules.IsEmpty ? ColumnRules.None : rules;
    }

    private static string? Number(object? value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        int i => i.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}

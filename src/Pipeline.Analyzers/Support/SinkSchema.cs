using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Pipeline.Generators.Parsing;

namespace Pipeline.Analyzers.Support;

/// <summary>One column of a sink's record type.</summary>
internal sealed record SchemaColumn(string PropertyName, string ColumnName, bool IsPrimitive, string TypeName);

/// <summary>The columns of the record type <c>T</c> of a stage returning <c>Dataset&lt;T&gt;</c>, named as the generator names them.</summary>
internal static class SinkSchema
{
    public static INamedTypeSymbol? RecordType(IMethodSymbol method, DslSymbols symbols)
    {
        if (method.ReturnType is INamedTypeSymbol { IsGenericType: true } returnType
            && SymbolEqualityComparer.Default.Equals(returnType.OriginalDefinition, symbols.Dataset)
            && returnType.TypeArguments[0] is INamedTypeSymbol record)
        {
            return record;
        }

        return null;
    }

    /// <summary>The columns exactly as the generator's <see cref="SchemaBuilder"/> derives them (same properties, names and types).</summary>
    public static List<SchemaColumn> Columns(INamedTypeSymbol record, DslSymbols symbols)
    {
        var columns = new List<SchemaColumn>();
        foreach (var property in SchemaBuilder.ColumnProperties(record))
        {
            columns.Add(new SchemaColumn(property.Name, SchemaBuilder.ColumnName(property), IsPrimitive(property.Type), property.Type.ToDisplayString()));
        }

        return columns;
    }

    /// <summary>Types that map to primitive column types, nullable or not (the generator's <see cref="SchemaBuilder.MapSimple"/>).</summary>
    public static bool IsPrimitive(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        return SchemaBuilder.MapSimple(type) is not null;
    }
}

using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Pipeline.Generators.Model;

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

    public static List<SchemaColumn> Columns(INamedTypeSymbol record, DslSymbols symbols)
    {
        var columns = new List<SchemaColumn>();
        var seen = new HashSet<string>();
        for (var type = record; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false, DeclaredAccessibility: Accessibility.Public } property
                    || property.GetMethod is null
                    || property.Name == "EqualityContract"
                    || !seen.Add(property.Name))
                {
                    continue;
                }

                var columnAttribute = DslSymbols.Find(property, symbols.Column);
                var name = columnAttribute is not null ? AttributeArguments.GetConstructorString(columnAttribute, 0) : null;
                columns.Add(new SchemaColumn(
                    property.Name,
                    string.IsNullOrEmpty(name) ? Naming.ToSnakeCase(property.Name) : name!,
                    IsPrimitive(property.Type),
                    property.Type.ToDisplayString()));
            }
        }

        return columns;
    }

    /// <summary>Types that map to primitive Spark types (string, numbers, decimal, bool, date, timestamp), nullable or not.</summary>
    public static bool IsPrimitive(ITypeSymbol type)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0];
        }

        if (type.TypeKind == Microsoft.CodeAnalysis.TypeKind.Enum)
        {
            return true;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_String:
            case SpecialType.System_Boolean:
            case SpecialType.System_Byte:
            case SpecialType.System_SByte:
            case SpecialType.System_Int16:
            case SpecialType.System_UInt16:
            case SpecialType.System_Int32:
            case SpecialType.System_UInt32:
            case SpecialType.System_Int64:
            case SpecialType.System_UInt64:
            case SpecialType.System_Single:
            case SpecialType.System_Double:
            case SpecialType.System_Decimal:
            case SpecialType.System_DateTime:
                return true;
        }

        var name = type.ToDisplayString();
        return name == "System.DateOnly" || name == "System.DateTimeOffset" || name == "System.Guid";
    }
}

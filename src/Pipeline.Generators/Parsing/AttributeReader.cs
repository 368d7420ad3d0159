using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pipeline.Generators.Parsing;

/// <summary>Reads DSL attributes from symbols by metadata name, and finds the syntax of an argument for diagnostics.</summary>
internal static class AttributeReader
{
    public static AttributeData? Find(ISymbol symbol, string metadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (Is(attribute.AttributeClass, metadataName))
            {
                return attribute;
            }
        }

        return null;
    }

    public static IEnumerable<AttributeData> FindAll(ISymbol symbol, string metadataName)
    {
        foreach (var attribute in symbol.GetAttributes())
        {
            if (Is(attribute.AttributeClass, metadataName))
            {
                yield return attribute;
            }
        }
    }

    public static bool Is(ITypeSymbol? type, string metadataName)
    {
        if (type is null)
        {
            return false;
        }

        var original = type.OriginalDefinition;
        var name = original.MetadataName;
        var ns = original.ContainingNamespace?.ToDisplayString() ?? "";
        return metadataName.Length == ns.Length + 1 + name.Length
            && metadataName.StartsWith(ns, System.StringComparison.Ordinal)
            && metadataName[ns.Length] == '.'
            && metadataName.EndsWith(name, System.StringComparison.Ordinal);
    }

    public static string? String(AttributeData attribute, int position) =>
        attribute.ConstructorArguments.Length > position ? attribute.ConstructorArguments[position].Value as string : null;

    /// <summary>True when the positional argument is there and is null (a null string, or a null params array).</summary>
    public static bool IsNull(AttributeData attribute, int position) =>
        attribute.ConstructorArguments.Length > position && attribute.ConstructorArguments[position].IsNull;

    /// <summary>The strings of an array argument; empty when it is missing or null (its Values would throw).</summary>
    public static ImmutableArray<string?> StringArray(AttributeData attribute, int position)
    {
        if (attribute.ConstructorArguments.Length <= position)
        {
            return ImmutableArray<string?>.Empty;
        }

        var argument = attribute.ConstructorArguments[position];
        if (argument.Kind != TypedConstantKind.Array || argument.IsNull)
        {
            return ImmutableArray<string?>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<string?>(argument.Values.Length);
        foreach (var value in argument.Values)
        {
            builder.Add(value.Value as string);
        }

        return builder.ToImmutable();
    }

    public static T Named<T>(AttributeData attribute, string name, T fallback)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is T value)
            {
                return value;
            }
        }

        return fallback;
    }

    public static bool HasNamed(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The location of a named argument, else of the positional argument, else of the attribute itself.</summary>
    public static Location Location(AttributeData attribute, string? namedArgument, int position, CancellationToken ct)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax(ct) is not AttributeSyntax syntax)
        {
            return Microsoft.CodeAnalysis.Location.None;
        }

        if (syntax.ArgumentList is { } list)
        {
            var positional = 0;
            foreach (var argument in list.Arguments)
            {
                if (argument.NameEquals is { } nameEquals)
                {
                    if (namedArgument is not null && nameEquals.Name.Identifier.ValueText == namedArgument)
                    {
                        return argument.Expression.GetLocation();
                    }

                    continue;
                }

                if (argument.NameColon is null && namedArgument is null && positional == position)
                {
                    return argument.Expression.GetLocation();
                }

                positional++;
            }
        }

        return syntax.GetLocation();
    }
}

using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Pipeline.Generators.Model;

namespace Pipeline.CodeFixes.Support;

/// <summary>Name matching shared by the "nearest name" fixes.</summary>
internal static class Names
{
    /// <summary>Lower case without underscores, so "order_date", "OrderDate" and "orderdate" are the same name.</summary>
    public static string Normalize(string name) => new string(name.Where(c => c != '_').Select(char.ToLowerInvariant).ToArray());

    /// <summary>Close enough to be a typo: at most a third of the longer name, and at least 2.</summary>
    public static bool IsClose(int distance, string a, string b) => distance <= Math.Max(2, Math.Max(a.Length, b.Length) / 3);

    /// <summary>The column name of a record property: <c>[Column("…")]</c>, else the property name in snake_case.</summary>
    public static string ColumnName(IPropertySymbol property) => ColumnAttributeName(property) ?? Naming.ToSnakeCase(property.Name);

    /// <summary>The name given by <c>[Column("…")]</c>, if any.</summary>
    public static string? ColumnAttributeName(IPropertySymbol property) => property.GetAttributes()
        .FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "Pipeline.Dsl.ColumnAttribute")
        ?.ConstructorArguments.FirstOrDefault().Value as string;

    /// <summary>Levenshtein distance.</summary>
    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

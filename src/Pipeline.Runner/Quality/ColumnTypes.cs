using System;
using System.Collections.Generic;

namespace Pipeline.Runner.Quality;

/// <summary>
/// What the quality SQL knows of a relation's column types. Known numeric and text columns are compared as they are;
/// anything else (an unknown column, a date, a caller that passed no types) goes through the type-agnostic
/// <c>TRY_CAST</c> forms, which give the same outcome on every value, only slower.
/// </summary>
internal sealed class ColumnTypes
{
    public static readonly ColumnTypes None = new(null);

    private static readonly HashSet<string> Numeric = new(StringComparer.OrdinalIgnoreCase)
    {
        "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT",
        "FLOAT", "REAL", "DOUBLE",
    };

    private readonly Dictionary<string, string>? _types;

    private ColumnTypes(IReadOnlyDictionary<string, string>? types)
    {
        if (types is null)
        {
            return;
        }

        // DuckDB resolves column names case-insensitively, and so do the rules' column references.
        _types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in types)
        {
            _types[pair.Key] = pair.Value;
        }
    }

    public static ColumnTypes Of(IReadOnlyDictionary<string, string>? types) => types is null ? None : new ColumnTypes(types);

    /// <summary>The DuckDB type of <paramref name="column"/>, or null when it is not known.</summary>
    public string? Of(string column) => _types is not null && _types.TryGetValue(column, out var type) ? type : null;

    /// <summary>Integers, floating point and DECIMAL(p,s): they compare with a DQDL number exactly, without a cast.</summary>
    public static bool IsNumeric(string? type) =>
        type is not null && (Numeric.Contains(type) || type.StartsWith("DECIMAL", StringComparison.OrdinalIgnoreCase));

    public static bool IsText(string? type) => string.Equals(type, "VARCHAR", StringComparison.OrdinalIgnoreCase);
}

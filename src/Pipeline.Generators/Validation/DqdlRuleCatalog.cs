using System.Collections.Generic;

namespace Pipeline.Generators.Validation;

/// <summary>What a rule type's parameters are.</summary>
internal enum DqdlParameterKind
{
    /// <summary>No parameters.</summary>
    None,
    /// <summary>Every parameter is a column of the evaluated dataset.</summary>
    Columns,
    /// <summary>The first parameter names a rule type (DetectAnomalies, analyzers); the rest are columns.</summary>
    RuleThenColumns,
    /// <summary>Parameters are not columns of the dataset: aliases, expressions, regexes, SQL, paths.</summary>
    Opaque,
}

/// <summary>Whether a rule type takes a condition (from <c>return_type</c> in DQDL's rules-config.json).</summary>
internal enum DqdlCondition
{
    Required,
    Forbidden,
    Optional,
}

/// <summary>One entry of the DQDL rule catalogue (DQDL <c>configuration/rules/rules-config.json</c>).</summary>
internal sealed record DqdlRuleType(
    string Name,
    DqdlParameterKind Parameters,
    int MinParameters,
    int MaxParameters,
    DqdlCondition Condition,
    bool WhereSupported,
    bool ThresholdSupported,
    bool AnalyzerOnly = false,
    bool Experimental = false);

/// <summary>The DQDL rule catalogue (glue-domain-notes c4).</summary>
internal static class DqdlRuleCatalog
{
    private const int Many = int.MaxValue;

    public static readonly IReadOnlyList<DqdlRuleType> All = new[]
    {
        new DqdlRuleType("RowCount", DqdlParameterKind.None, 0, 0, DqdlCondition.Required, true, false),
        new DqdlRuleType("RowCountMatch", DqdlParameterKind.Opaque, 1, 1, DqdlCondition.Required, false, false),
        new DqdlRuleType("ColumnCount", DqdlParameterKind.None, 0, 0, DqdlCondition.Required, false, false),
        new DqdlRuleType("Completeness", DqdlParameterKind.Columns, 1, 1, DqdlCondition.Required, true, false),
        new DqdlRuleType("IsComplete", DqdlParameterKind.Columns, 1, 1, DqdlCondition.Forbidden, true, false),
        new DqdlRuleType("ColumnDataType", DqdlParameterKind.Columns, 1, 1, DqdlCondition.Required, true, true),
        new DqdlRuleType("ColumnNamesMatchPattern", DqdlParameterKind.Opaque, 1, 1, DqdlCondition.Forbidden, false, false),
        new DqdlRuleType("ColumnExists", DqdlParameterKind.Columns, 1, 1, DqdlCondition.Forbidden, false, false),
        new DqdlRuleType("ColumnCorrelation", DqdlParameterKind.Columns, 2, 2, DqdlCondition.Required, true, false),
        new DqdlRuleType("Uniqueness", DqdlParameterKind.Columns, 1, Many, DqdlCondition.Required, true, false),
        new DqdlRuleType("IsUnique", DqdlParameterKind.Columns, 1, Many, DqdlCondition.Forbidden, true, false),
        new DqdlRuleType("Mean", DqdlParameterKind.Columns, 1, 1, DqdlCondition.Required, true, false),
        new DqdlRuleType("Sum", DqdlParameterKind.Columns, 1, 1, DqdlCondition.Required, true, false),
        new DqdlRuleType("StandardDeviation", DqdlParameterKind.Columns, 1, 1, DqdlCondition.Required, true, false),
        new DqdlRuleType("Variance", DqdlParameterKind.Columns, 1, 1, DqdlCondition.Required, true, false),
        new DqdlRuleType("Entropy", DqdlParameterKind.Columns, 1, 1, DqdlCondition.Required, true, false),
        new DqdlRuleType("DistinctValuesCount", DqdlParameterKind.Columns, 1, 1, DqdlCondition.Required, true, false),
        new DqdlRuleType("UniqueValueRatio", DqdlParameterKind.Columns, 1, 1, DqdlCondition.Required, true, false),
        new DqdlRuleType("ColumnLength", DqdlParameterKind.Columns, 1, 1, DqdlCondition.Required, true, false),
        new DqdlRuleType("IsPrimaryKey", DqdlParameterKind.Columns, 1, Many, DqdlCondition.Forbidden, true, false),
        new DqdlRuleType("ColumnValues", DqdlParameterKind.Columns, 1, 1, DqdlCondition.Required, true, true),
        new DqdlRuleType("DataFreshness", DqdlParameterKind.Columns, 1, 1, DqdlCondition.Required, true, false),
        new DqdlRuleType("CustomSql", DqdlParameterKind.Opaque, 1, 1, DqdlCondition.Optional, false, true),
        new DqdlRuleType("ReferentialIntegrity", DqdlParameterKind.Opaque, 2, 2, DqdlCondition.Required, false, false),
        new DqdlRuleType("DatasetMatch", DqdlParameterKind.Opaque, 2, 3, DqdlCondition.Required, false, false),
        new DqdlRuleType("SchemaMatch", DqdlParameterKind.Opaque, 1, 1, DqdlCondition.Required, false, false),
        new DqdlRuleType("AggregateMatch", DqdlParameterKind.Opaque, 2, 2, DqdlCondition.Required, false, false),
        new DqdlRuleType("DetectAnomalies", DqdlParameterKind.RuleThenColumns, 1, Many, DqdlCondition.Forbidden, false, false),
        new DqdlRuleType("AllStatistics", DqdlParameterKind.Opaque, 1, 1, DqdlCondition.Forbidden, false, false, AnalyzerOnly: true),
        new DqdlRuleType("FileFreshness", DqdlParameterKind.Opaque, 0, 1, DqdlCondition.Required, false, true, Experimental: true),
        new DqdlRuleType("FileSize", DqdlParameterKind.Opaque, 0, 1, DqdlCondition.Required, false, true, Experimental: true),
        new DqdlRuleType("FileMatch", DqdlParameterKind.Opaque, 1, 2, DqdlCondition.Optional, false, true, Experimental: true),
        new DqdlRuleType("FileUniqueness", DqdlParameterKind.Opaque, 0, 1, DqdlCondition.Required, false, true, Experimental: true),
    };

    private static readonly Dictionary<string, DqdlRuleType> ByName = Build();

    public static bool TryGet(string name, out DqdlRuleType ruleType) => ByName.TryGetValue(name, out ruleType!);

    /// <summary>The catalogue entry whose name equals <paramref name="name"/> ignoring case, for "did you mean" messages.</summary>
    public static DqdlRuleType? FindIgnoringCase(string name)
    {
        foreach (var rule in All)
        {
            if (string.Equals(rule.Name, name, System.StringComparison.OrdinalIgnoreCase))
            {
                return rule;
            }
        }

        return null;
    }

    public static string KnownNames()
    {
        var names = new List<string>();
        foreach (var rule in All)
        {
            if (!rule.AnalyzerOnly)
            {
                names.Add(rule.Name);
            }
        }

        return string.Join(", ", names);
    }

    private static Dictionary<string, DqdlRuleType> Build()
    {
        var map = new Dictionary<string, DqdlRuleType>(System.StringComparer.Ordinal);
        foreach (var rule in All)
        {
            map[rule.Name] = rule;
        }

        return map;
    }
}

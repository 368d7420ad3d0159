using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text.RegularExpressions;
using DuckDB.NET.Data;
using Pipeline.Generators.Validation;

namespace Pipeline.Runner.Quality;

/// <summary>
/// Evaluates DQDL rulesets locally on a DuckDB table or view, with DQDL's semantics (docs/quality-local.md):
/// dataset-level outcomes like Glue's <c>ruleOutcomes</c>, and a row predicate like Glue's <c>rowLevelOutcomes</c>.
/// </summary>
public static class QualityEvaluator
{
    private static readonly HashSet<string> NeedsReference = new(StringComparer.Ordinal)
    {
        "RowCountMatch", "ReferentialIntegrity", "DatasetMatch", "SchemaMatch", "AggregateMatch",
    };

    /// <summary>Rules with row-level outcomes (a row fails when its value fails the rule).</summary>
    private static readonly HashSet<string> RowLevel = new(StringComparer.Ordinal)
    {
        "IsComplete", "Completeness", "ColumnValues", "ColumnLength", "ColumnDataType", "DataFreshness",
    };

    /// <summary><c>is_excluded_at_row_level_in_composite_rules</c> in DQDL's rules-config.json.</summary>
    private static readonly HashSet<string> ExcludedAtRowLevelInComposites = new(StringComparer.Ordinal)
    {
        "Completeness", "Uniqueness", "ReferentialIntegrity", "DatasetMatch",
    };

    /// <summary>Evaluates every rule of <paramref name="ruleset"/> (a document <c>Rules = [ ... ]</c> or comma-separated rules)
    /// against <paramref name="relation"/> (a table or view name). <c>now()</c> is <paramref name="now"/>.</summary>
    /// <param name="columnTypes">The relation's DuckDB column types by name, when the caller knows them: numeric and text
    /// columns are then compared as they are instead of through <c>TRY_CAST</c> (exact, and cheaper on large data).</param>
    /// <remarks>Every statement goes through <see cref="Duck.Query{T}"/>: an observer on the connection sees them all.</remarks>
    public static QualityReport Evaluate(DuckDBConnection connection, string relation, string ruleset, DateTimeOffset now, IReadOnlyDictionary<string, string>? columnTypes = null)
    {
        if (connection is null)
        {
            throw new ArgumentNullException(nameof(connection));
        }

        var context = new Context(connection, QualitySql.Relation(relation), now.UtcDateTime, ColumnTypes.Of(columnTypes));
        var parse = Dqdl.Parse(ruleset ?? string.Empty);
        var outcomes = new List<RuleOutcome>();
        var broken = new HashSet<DqdlRuleNode>();
        foreach (var error in parse.Errors)
        {
            var node = parse.Rules.FirstOrDefault(r => error.Offset >= r.Offset && error.Offset < r.Offset + r.Length);
            if (node is not null && !broken.Add(node))
            {
                continue;
            }

            var text = node?.Text ?? Snippet(ruleset ?? string.Empty, error.Offset, error.Length);
            outcomes.Add(new RuleOutcome(text, RuleOutcome.Error, string.Empty,
                "invalid DQDL at offset " + error.Offset.ToString(CultureInfo.InvariantCulture) + ": " + error.Message));
        }

        // One scan: every rule that is an aggregate over the relation is planned into one SELECT, run once; the others
        // (GROUP BY, CustomSql, schema) run their own statement below.
        foreach (var node in parse.Rules)
        {
            if (!broken.Contains(node))
            {
                PlanNode(context, node);
            }
        }

        context.RunBatch();
        foreach (var node in parse.Rules)
        {
            if (broken.Contains(node))
            {
                continue;
            }

            var result = EvaluateNode(context, node);
            outcomes.Add(new RuleOutcome(node.Text, result.Outcome, result.Observed, result.Reason));
        }

        return new QualityReport(outcomes, context.TotalRows);
    }

    /// <summary>
    /// A DuckDB boolean expression over the relation's columns, TRUE for a row that passes every row-level rule (IsComplete,
    /// Completeness, ColumnValues, ColumnLength, ColumnDataType, DataFreshness; <c>where</c> clauses respected; composite
    /// rules combined with AND/OR over their row-level operands). Never NULL. Dataset-level rules, skipped rules and rules
    /// with DQDL errors mark no row. <c>now()</c> is the current time; see the overload to pin it.
    /// </summary>
    public static string RowLevelPassPredicate(string ruleset) => RowLevelPassPredicate(ruleset, DateTimeOffset.UtcNow);

    /// <inheritdoc cref="RowLevelPassPredicate(string)"/>
    /// <param name="columnTypes">As for <see cref="Evaluate(DuckDBConnection, string, string, DateTimeOffset, IReadOnlyDictionary{string, string})"/>;
    /// pass the same types to both so that the rows set aside are exactly the rows the report counts as failing.</param>
    public static string RowLevelPassPredicate(string ruleset, DateTimeOffset now, IReadOnlyDictionary<string, string>? columnTypes = null)
    {
        var types = ColumnTypes.Of(columnTypes);
        var parse = Dqdl.Parse(ruleset ?? string.Empty);
        var parts = new List<string>();
        foreach (var node in parse.Rules)
        {
            if (parse.Errors.Any(e => e.Offset >= node.Offset && e.Offset < node.Offset + node.Length))
            {
                continue;
            }

            var predicate = RowNode(node, now.UtcDateTime, types, inComposite: false);
            if (predicate is not null)
            {
                parts.Add(predicate);
            }
        }

        return parts.Count == 0 ? "TRUE" : string.Join(" AND ", parts);
    }

    // ---- row level -------------------------------------------------------------------------------------------

    private static string? RowNode(DqdlRuleNode node, DateTime nowUtc, ColumnTypes types, bool inComposite)
    {
        if (node is DqdlCompositeRule composite)
        {
            var operands = composite.Operands.Select(o => RowNode(o, nowUtc, types, inComposite: true)).Where(p => p is not null).ToList();
            if (operands.Count == 0)
            {
                return null;
            }

            return "(" + string.Join(composite.Operator == DqdlCompositeOperator.And ? " AND " : " OR ", operands) + ")";
        }

        var rule = (DqdlRule)node;
        if (!RowLevel.Contains(rule.Type) || (inComposite && ExcludedAtRowLevelInComposites.Contains(rule.Type)) || SkipReason(rule) is not null)
        {
            return null;
        }

        try
        {
            return RowPass(rule, RowPredicate(rule, nowUtc, types));
        }
        catch (QualityRuleException)
        {
            return null; // Evaluate reports it as an Error.
        }
    }

    /// <summary>TRUE/FALSE (never NULL): the row is outside the rule's where clause, or satisfies the predicate.</summary>
    private static string RowPass(DqdlRule rule, string predicate)
    {
        var pass = "COALESCE(" + predicate + ", FALSE)";
        return rule.Where is null ? pass : "(NOT COALESCE(" + QualitySql.SparkPredicate(rule.Where) + ", FALSE) OR " + pass + ")";
    }

    /// <summary>The per-row predicate of a row-level rule (may be NULL for a row; callers COALESCE it).</summary>
    private static string RowPredicate(DqdlRule rule, DateTime nowUtc, ColumnTypes types)
    {
        var column = QualitySql.Identifier(rule.Parameters[0].Value);
        var type = types.Of(rule.Parameters[0].Value);
        switch (rule.Type)
        {
            case "IsComplete":
            case "Completeness":
                return "(" + column + " IS NOT NULL)";
            case "ColumnValues":
                return QualitySql.ValuePredicate(column, rule.Condition!, nowUtc, type);
            case "ColumnLength":
                // NULLs have no length and are ignored, as Deequ's MinLength/MaxLength ignore them.
                return "(" + column + " IS NULL OR " + QualitySql.ValuePredicate("length(CAST(" + column + " AS VARCHAR))", RequireNumbers(rule.Condition!), nowUtc, "BIGINT") + ")";
            case "DataFreshness":
                return DataFreshnessPredicate(column, rule.Condition!, nowUtc);
            case "ColumnDataType":
                return DataTypePredicate(column, rule.Condition!);
            default:
                throw new QualityRuleException(rule.Type + " has no row-level outcome");
        }
    }

    private static DqdlConditionNode RequireNumbers(DqdlConditionNode condition)
    {
        foreach (var operand in condition.Operands)
        {
            if (QualitySql.Evaluate(operand, default).Kind != QualityValueKind.Number)
            {
                throw new QualityRuleException("'" + condition.Text + "' must compare with numbers");
            }
        }

        return condition;
    }

    /// <summary>Age of the value (seconds between now() and the value) compared with durations.</summary>
    private static string DataFreshnessPredicate(string column, DqdlConditionNode condition, DateTime nowUtc)
    {
        var age = "(epoch(" + QualitySql.Timestamp(nowUtc) + ") - epoch(TRY_CAST(" + column + " AS TIMESTAMP)))";
        var seconds = condition.Operands.Select(o =>
        {
            var v = QualitySql.Evaluate(o, nowUtc);
            if (v.Kind != QualityValueKind.Duration)
            {
                throw new QualityRuleException("DataFreshness compares with durations ('<n> days|hours|minutes')");
            }

            return (DqdlExpression)new DqdlNumber(v.Number, QualitySql.Format(v.Number));
        }).ToList();
        return QualitySql.ValuePredicate(age, condition with { Operands = seconds }, nowUtc);
    }

    private static readonly Dictionary<string, string> DataTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["String"] = "VARCHAR",
        ["Boolean"] = "BOOLEAN",
        ["Byte"] = "TINYINT",
        ["Short"] = "SMALLINT",
        ["Integer"] = "INTEGER",
        ["Int"] = "INTEGER",
        ["Long"] = "BIGINT",
        ["Float"] = "FLOAT",
        ["Double"] = "DOUBLE",
        ["Decimal"] = "DOUBLE",
        ["Date"] = "DATE",
        ["Timestamp"] = "TIMESTAMP",
    };

    /// <summary>ColumnDataType per row: the value's text converts to the type (NULL passes: completeness is another rule).</summary>
    private static string DataTypePredicate(string column, DqdlConditionNode condition)
    {
        var text = "CAST(" + column + " AS VARCHAR)";
        string Converts(DqdlExpression operand)
        {
            if (operand is not DqdlString { Value: var name } || !DataTypes.TryGetValue(name, out var sqlType))
            {
                throw new QualityRuleException("ColumnDataType expects one of " + string.Join(", ", DataTypes.Keys) + " but found " + Describe(operand));
            }

            var integral = sqlType is "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT";
            var cast = "TRY_CAST(trim(" + text + ") AS " + sqlType + ") IS NOT NULL";
            return sqlType == "VARCHAR" ? "TRUE"
                : integral ? "(regexp_full_match(trim(" + text + "), '[+-]?[0-9]+') AND " + cast + ")"
                : "(" + cast + ")";
        }

        var any = "(" + string.Join(" OR ", condition.Operands.Select(Converts)) + ")";
        return condition.Operator switch
        {
            DqdlOperator.Equal or DqdlOperator.In => "(" + column + " IS NULL OR " + any + ")",
            DqdlOperator.NotEqual or DqdlOperator.NotIn => "(" + column + " IS NULL OR NOT " + any + ")",
            _ => throw new QualityRuleException("ColumnDataType takes '= \"Type\"', '!=', 'in [...]' or 'not in [...]'"),
        };
    }

    private static string Describe(DqdlExpression operand) => operand switch
    {
        DqdlString s => "\"" + s.Value + "\"",
        DqdlNumber n => n.Text,
        DqdlKeyword k => k.Keyword,
        _ => "an expression",
    };

    // ---- dataset level ---------------------------------------------------------------------------------------

    private readonly record struct Result(string Outcome, string Observed, string? Reason)
    {
        public static Result Of(bool passed, string observed, string failure) =>
            new(passed ? RuleOutcome.Passed : RuleOutcome.Failed, observed, passed ? null : failure);
    }

    private static Result EvaluateNode(Context context, DqdlRuleNode node)
    {
        if (node is DqdlRule rule)
        {
            var skip = SkipReason(rule);
            if (skip is not null)
            {
                return new Result(RuleOutcome.Skipped, string.Empty, skip);
            }

            try
            {
                return context.Plans.TryGetValue(rule, out var plan) && context.BatchValues is { } values
                    ? plan(values)
                    : EvaluateRule(context, rule);
            }
            catch (QualityRuleException e)
            {
                return new Result(RuleOutcome.Error, string.Empty, e.Message);
            }
            catch (DuckDBException e)
            {
                return new Result(RuleOutcome.Error, string.Empty, "DuckDB: " + e.Message);
            }
        }

        var composite = (DqdlCompositeRule)node;
        var results = composite.Operands.Select(o => EvaluateNode(context, o)).ToList();
        var observed = string.Join("; ", results.Where(r => r.Observed.Length > 0).Select(r => r.Observed));
        bool Any(string outcome) => results.Any(r => r.Outcome == outcome);
        var failedReasons = string.Join("; ", results.Where(r => r.Reason is not null).Select(r => r.Reason));
        if (composite.Operator == DqdlCompositeOperator.And)
        {
            if (Any(RuleOutcome.Failed))
            {
                return new Result(RuleOutcome.Failed, observed, failedReasons);
            }
        }
        else if (Any(RuleOutcome.Passed))
        {
            return new Result(RuleOutcome.Passed, observed, null);
        }

        if (Any(RuleOutcome.Error))
        {
            return new Result(RuleOutcome.Error, observed, failedReasons);
        }

        if (Any(RuleOutcome.Skipped))
        {
            return new Result(RuleOutcome.Skipped, observed, failedReasons);
        }

        return composite.Operator == DqdlCompositeOperator.And
            ? new Result(RuleOutcome.Passed, observed, null)
            : new Result(RuleOutcome.Failed, observed, failedReasons);
    }

    /// <summary>Why a rule cannot run on one local table, or null.</summary>
    private static string? SkipReason(DqdlRule rule)
    {
        if (NeedsReference.Contains(rule.Type))
        {
            return rule.Type + " compares with another dataset (a DataSources alias); the local runner evaluates one table only";
        }

        if (rule.Type == "DetectAnomalies")
        {
            return "DetectAnomalies needs the metric history of previous Glue runs; the local runner keeps no history";
        }

        if (rule.Type.StartsWith("File", StringComparison.Ordinal))
        {
            return rule.Type + " checks files in S3, not the rows of a table";
        }

        if (DqdlTree.IsDynamic(rule.Condition) || DqdlTree.IsDynamic(rule.Threshold))
        {
            return "dynamic rule: it compares with the history of previous runs (last(k)), which the local runner does not keep";
        }

        return null;
    }

    private static Result EvaluateRule(Context context, DqdlRule rule)
    {
        var where = rule.Where is null ? string.Empty : " WHERE " + QualitySql.SparkPredicate(rule.Where);
        var relation = context.RelationSql;
        var condition = rule.Condition;
        string Col(int i) => QualitySql.Identifier(rule.Parameters[i].Value);

        switch (rule.Type)
        {
            case "RowCount":
            {
                var n = context.Scalar("SELECT count(*) FROM " + relation + where);
                return Metric("RowCount", n, condition!, context);
            }

            case "ColumnCount":
                return Metric("ColumnCount", context.Columns.Count, condition!, context);

            case "ColumnExists":
            {
                var name = rule.Parameters[0].Value;
                var exists = context.Columns.Any(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
                return Result.Of(exists, "ColumnExists = " + (exists ? "true" : "false"), "column '" + name + "' does not exist");
            }

            case "ColumnNamesMatchPattern":
            {
                var pattern = new Regex("^(?:" + rule.Parameters[0].Value + ")$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                var bad = context.Columns.Where(c => !pattern.IsMatch(c)).ToList();
                var ratio = context.Columns.Count == 0 ? double.NaN : (context.Columns.Count - bad.Count) / (double)context.Columns.Count;
                return Result.Of(bad.Count == 0 && context.Columns.Count > 0, "ColumnNamesMatchPattern = " + QualitySql.Format(ratio),
                    "columns not matching '" + rule.Parameters[0].Value + "': " + string.Join(", ", bad));
            }

            case "IsComplete":
            case "Completeness":
            case "ColumnValues":
            case "ColumnLength":
            case "ColumnDataType":
            case "DataFreshness":
            {
                var predicate = "COALESCE(" + RowPredicate(rule, context.NowUtc, context.Types) + ", FALSE)";
                var row = context.Row("SELECT count(*), count(*) FILTER (WHERE " + predicate + ") FROM " + relation + where);
                return RowLevelOutcome(context, rule, row[0], row[1]);
            }

            case "Uniqueness":
            case "IsUnique":
            case "IsPrimaryKey":
            case "UniqueValueRatio":
            case "DistinctValuesCount":
            case "Entropy":
            {
                var columns = rule.Parameters.Select(p => QualitySql.Identifier(p.Value)).ToList();
                var anyNotNull = string.Join(" OR ", columns.Select(c => c + " IS NOT NULL"));
                var filter = rule.Where is null ? " WHERE (" + anyNotNull + ")" : where + " AND (" + anyNotNull + ")";
                var sql = "WITH f AS (SELECT count(*) AS c FROM " + relation + filter + " GROUP BY " + string.Join(", ", columns) + "), "
                    + "t AS (SELECT CAST(sum(c) AS DOUBLE) AS n FROM f) "
                    + "SELECT coalesce(t.n, 0), count(f.c) FILTER (WHERE f.c = 1), count(f.c), "
                    + "CAST(-sum((f.c / t.n) * ln(f.c / t.n)) AS DOUBLE) FROM t LEFT JOIN f ON TRUE GROUP BY t.n";
                var row = context.Row(sql);
                return UniquenessOutcome(context, rule, row[0], row[1], row[2], row[3], () =>
                {
                    // IsPrimaryKey: every key column complete, and the key unique over all rows.
                    var allNotNull = string.Join(" AND ", columns.Select(c => c + " IS NOT NULL"));
                    var total = context.Row("SELECT count(*), count(*) FILTER (WHERE " + allNotNull + ") FROM " + relation + where);
                    return (total[0], total[1]);
                });
            }

            case "Mean":
            case "Sum":
            case "StandardDeviation":
            case "Variance":
            {
                var function = StatisticFunction(rule.Type);
                var value = context.Scalar("SELECT CAST(" + function + "(CAST(" + Col(0) + " AS DOUBLE)) AS DOUBLE) FROM " + relation + where);
                return Metric(rule.Type, value, condition!, context);
            }

            case "ColumnCorrelation":
            {
                var value = context.Scalar("SELECT CAST(corr(CAST(" + Col(0) + " AS DOUBLE), CAST(" + Col(1) + " AS DOUBLE)) AS DOUBLE) FROM " + relation + where);
                return Metric("ColumnCorrelation", value, condition!, context);
            }

            case "CustomSql":
                return CustomSql(context, rule);

            default:
                return new Result(RuleOutcome.Skipped, string.Empty, rule.Type + " is not supported by the local runner");
        }
    }

    /// <summary>IsComplete, Completeness, ColumnValues, ColumnLength, ColumnDataType, DataFreshness: <paramref name="n"/> rows in
    /// scope (the <c>where</c>), <paramref name="ok"/> of them passing.</summary>
    private static Result RowLevelOutcome(Context context, DqdlRule rule, double n, double ok)
    {
        var condition = rule.Condition;
        var fraction = n == 0 ? double.NaN : ok / n;
        var failed = (n - ok).ToString(CultureInfo.InvariantCulture) + " of " + n.ToString(CultureInfo.InvariantCulture) + " rows";
        if (rule.Type == "Completeness")
        {
            return Metric("Completeness", fraction, condition!, context);
        }

        if (rule.Type == "IsComplete")
        {
            return Result.Of(n > 0 && ok == n, "Completeness = " + QualitySql.Format(fraction),
                n == 0 ? NoRows : failed + " are NULL");
        }

        var observed = "Compliance = " + QualitySql.Format(fraction);
        if (rule.Threshold is not null)
        {
            return Result.Of(QualitySql.Check(fraction, rule.Threshold, context.NowUtc), observed,
                n == 0 ? NoRows : failed + " fail '" + Describe(rule) + "'; the fraction passing does not satisfy 'with threshold " + rule.Threshold.Text + "'");
        }

        return Result.Of(n > 0 && ok == n, observed, n == 0 ? NoRows : failed + " fail '" + Describe(rule) + "'");
    }

    /// <summary>
    /// The uniqueness family from the key frequencies: <paramref name="n"/> rows with a non-NULL key (in the <c>where</c>),
    /// <paramref name="unique"/> keys seen once, <paramref name="distinct"/> keys; <paramref name="total"/> (IsPrimaryKey only)
    /// gives the rows in scope and those with every key column non-NULL.
    /// </summary>
    private static Result UniquenessOutcome(Context context, DqdlRule rule, double n, double unique, double distinct, double entropy,
        Func<(double Rows, double Complete)> total)
    {
        var condition = rule.Condition;
        var uniqueness = n == 0 ? double.NaN : unique / n;
        switch (rule.Type)
        {
            case "Uniqueness":
                return Metric("Uniqueness", uniqueness, condition!, context);
            case "IsUnique":
                return Result.Of(n > 0 && unique == n, "Uniqueness = " + QualitySql.Format(uniqueness),
                    n == 0 ? NoRows : (n - unique).ToString(CultureInfo.InvariantCulture) + " of " + n.ToString(CultureInfo.InvariantCulture) + " non-null rows have a duplicated value");
            case "UniqueValueRatio":
                return Metric("UniqueValueRatio", distinct == 0 ? double.NaN : unique / distinct, condition!, context);
            case "DistinctValuesCount":
                return Metric("DistinctValuesCount", distinct, condition!, context);
            case "Entropy":
                return Metric("Entropy", n == 0 ? double.NaN : entropy, condition!, context);
            default:
            {
                // IsPrimaryKey: every key column complete, and the key unique over all rows.
                var (rows, complete) = total();
                var completeness = rows == 0 ? double.NaN : complete / rows;
                var uniqueOverAll = rows == 0 ? double.NaN : unique / rows;
                var passed = rows > 0 && complete == rows && unique == rows;
                return Result.Of(passed, "Completeness = " + QualitySql.Format(completeness) + ", Uniqueness = " + QualitySql.Format(uniqueOverAll),
                    rows == 0 ? NoRows : "the key has NULLs or duplicated values");
            }
        }
    }

    // ---- one scan --------------------------------------------------------------------------------------------

    /// <summary>Plans every rule of <paramref name="node"/> (composite operands included) that the one-scan batch can compute.</summary>
    private static void PlanNode(Context context, DqdlRuleNode node)
    {
        if (node is DqdlCompositeRule composite)
        {
            foreach (var operand in composite.Operands)
            {
                PlanNode(context, operand);
            }

            return;
        }

        var rule = (DqdlRule)node;
        if (SkipReason(rule) is not null || context.Plans.ContainsKey(rule))
        {
            return;
        }

        try
        {
            var plan = Plan(context, rule);
            if (plan is not null)
            {
                context.Plans.Add(rule, plan);
            }
        }
        catch (QualityRuleException)
        {
            // Not batched: EvaluateRule reports the same error.
        }
    }

    /// <summary>
    /// The aggregates a rule needs, added to the batch (<c>where</c> → <c>FILTER (WHERE ...)</c>), and how its result follows
    /// from their values; null when the rule needs its own statement (GROUP BY, CustomSql, the schema).
    /// </summary>
    private static Func<double[], Result>? Plan(Context context, DqdlRule rule)
    {
        var where = rule.Where is null ? null : QualitySql.SparkPredicate(rule.Where);
        var condition = rule.Condition;
        string Filter(string? predicate)
        {
            var filter = where is null ? predicate : predicate is null ? where : where + " AND " + predicate;
            return filter is null ? string.Empty : " FILTER (WHERE " + filter + ")";
        }

        int Count(string? predicate) => context.Add("count(*)" + Filter(predicate));
        int Statistic(string call) => context.Add("CAST(" + call + Filter(null) + " AS DOUBLE)");
        string Col(int i) => QualitySql.Identifier(rule.Parameters[i].Value);

        switch (rule.Type)
        {
            case "RowCount":
            {
                var n = Count(null);
                return v => Metric("RowCount", v[n], condition!, context);
            }

            case "IsComplete":
            case "Completeness":
            case "ColumnValues":
            case "ColumnLength":
            case "ColumnDataType":
            case "DataFreshness":
            {
                var n = Count(null);
                var ok = Count("COALESCE(" + RowPredicate(rule, context.NowUtc, context.Types) + ", FALSE)");
                return v => RowLevelOutcome(context, rule, v[n], v[ok]);
            }

            case "IsUnique":
            case "IsPrimaryKey":
            case "DistinctValuesCount":
            {
                // Uniqueness, UniqueValueRatio and Entropy (where duplicates are expected) and several key columns keep
                // their GROUP BY (EvaluateRule).
                if (rule.Parameters.Count != 1)
                {
                    return null;
                }

                // count(c) counts the rows with a non-NULL key; when every such key is distinct, each is seen once
                // (unique = n), which decides the rule without a GROUP BY. Otherwise (the key has duplicates: the rule
                // fails) EvaluateRule counts the frequencies for the observed value.
                var column = Col(0);
                var n = context.Add("count(" + column + ")" + Filter(null));
                var distinct = context.Add("count(DISTINCT " + column + ")" + Filter(null));
                var rows = rule.Type == "IsPrimaryKey" ? Count(null) : -1;
                return v =>
                {
                    if (rule.Type != "DistinctValuesCount" && v[distinct] != v[n])
                    {
                        return EvaluateRule(context, rule);
                    }

                    return UniquenessOutcome(context, rule, v[n], v[distinct], v[distinct], double.NaN, () => (v[rows], v[n]));
                };
            }

            case "Mean":
            case "Sum":
            case "StandardDeviation":
            case "Variance":
            {
                var function = StatisticFunction(rule.Type);
                var value = Statistic(function + "(CAST(" + Col(0) + " AS DOUBLE))");
                return v => Metric(rule.Type, v[value], condition!, context);
            }

            case "ColumnCorrelation":
            {
                var value = Statistic("corr(CAST(" + Col(0) + " AS DOUBLE), CAST(" + Col(1) + " AS DOUBLE))");
                return v => Metric("ColumnCorrelation", v[value], condition!, context);
            }

            default:
                return null;
        }
    }

    private const string NoRows = "no rows to evaluate (an empty dataset fails, as in Glue/Deequ)";

    private static string Describe(DqdlRule rule) => rule.Condition is null ? rule.Type : rule.Type + " " + rule.Condition.Text;

    private static Result Metric(string name, double value, DqdlConditionNode condition, Context context)
    {
        var observed = name + " = " + QualitySql.Format(value);
        var passed = QualitySql.Check(value, condition, context.NowUtc);
        var reason = double.IsNaN(value)
            ? name + " is undefined (no rows, or only NULLs, to evaluate)"
            : name + " = " + QualitySql.Format(value) + " does not satisfy '" + condition.Text + "'";
        return Result.Of(passed, observed, reason);
    }

    /// <summary>
    /// CustomSql with a condition: the statement returns one number, compared like a metric. Without a condition: the
    /// statement selects the passing rows of <c>primary</c>; compliance = returned rows / all rows, which must be 1, or
    /// satisfy 'with threshold'.
    /// </summary>
    private static Result CustomSql(Context context, DqdlRule rule)
    {
        var sql = QualitySql.ReplacePrimary(rule.Parameters[0].Value, context.RelationSql).Trim().TrimEnd(';');
        if (rule.Condition is not null)
        {
            var value = context.Scalar(sql, allowEmpty: true);
            return Metric("CustomSql", value, rule.Condition, context);
        }

        var returned = context.Scalar("SELECT count(*) FROM (" + sql + ") AS custom_sql");
        var n = (double)context.TotalRows;
        var fraction = n == 0 ? double.NaN : returned / n;
        var observed = "CustomSql.Compliance = " + QualitySql.Format(fraction);
        if (rule.Threshold is not null)
        {
            return Result.Of(QualitySql.Check(fraction, rule.Threshold, context.NowUtc), observed,
                "the fraction of rows returned does not satisfy 'with threshold " + rule.Threshold.Text + "'");
        }

        return Result.Of(n > 0 && returned >= n, observed,
            n == 0 ? NoRows : returned.ToString(CultureInfo.InvariantCulture) + " of " + n.ToString(CultureInfo.InvariantCulture) + " rows returned");
    }

    private static string Snippet(string text, int offset, int length)
    {
        offset = Math.Max(0, Math.Min(offset, text.Length));
        length = Math.Max(0, Math.Min(length, text.Length - offset));
        return text.Substring(offset, length);
    }

    /// <summary>The connection, the relation and what is computed once per evaluation.</summary>
    private sealed class Context
    {
        private readonly DuckDBConnection _connection;
        private readonly List<string> _aggregates = new();
        private readonly Dictionary<string, int> _aggregateIndex = new(StringComparer.Ordinal);
        private IReadOnlyList<string>? _columns;
        private long? _rows;

        public Context(DuckDBConnection connection, string relationSql, DateTime nowUtc, ColumnTypes types)
        {
            _connection = connection;
            RelationSql = relationSql;
            NowUtc = nowUtc;
            Types = types;
            Add("count(*)"); // m0: the relation's row count (QualityReport.Rows)
        }

        public string RelationSql { get; }

        public DateTime NowUtc { get; }

        public ColumnTypes Types { get; }

        public IReadOnlyList<string> Columns => _columns ??= ReadColumns();

        public long TotalRows => _rows ??= (long)(BatchValues?[0] ?? Scalar("SELECT count(*) FROM " + RelationSql));

        /// <summary>How each batched rule's result follows from the batch's values (by rule instance).</summary>
        public Dictionary<DqdlRule, Func<double[], Result>> Plans { get; } = new(ReferenceEqualityComparer.Instance);

        /// <summary>The values of the batched aggregates after <see cref="RunBatch"/>; null when the batch failed.</summary>
        public double[]? BatchValues { get; private set; }

        /// <summary>Adds an aggregate to the one-scan batch (identical aggregates are computed once); its index in the values.</summary>
        public int Add(string aggregate)
        {
            if (!_aggregateIndex.TryGetValue(aggregate, out var index))
            {
                index = _aggregates.Count;
                _aggregates.Add(aggregate);
                _aggregateIndex.Add(aggregate, index);
            }

            return index;
        }

        /// <summary>
        /// Computes every batched aggregate in one <c>SELECT ... FROM relation</c>. If DuckDB rejects it (an unknown column,
        /// a bad <c>where</c>, a cast error...), <see cref="BatchValues"/> stays null and each rule runs its own statement, so
        /// that the error is reported on the rule that caused it, and only there.
        /// </summary>
        public void RunBatch()
        {
            var sql = "SELECT " + string.Join(", ", _aggregates) + " FROM " + RelationSql;
            try
            {
                BatchValues = Row(sql);
            }
            catch (Exception e) when (e is DuckDBException or QualityRuleException)
            {
                BatchValues = null;
            }
        }

        /// <summary>The first column of the first row as a double (NULL → NaN).</summary>
        public double Scalar(string sql, bool allowEmpty = false) => Row(sql, allowEmpty)[0];

        public double[] Row(string sql, bool allowEmpty = false)
        {
            return _connection.Query(sql, reader =>
            {
                if (!reader.Read())
                {
                    if (allowEmpty)
                    {
                        return new[] { double.NaN };
                    }

                    throw new QualityRuleException("the query returned no row");
                }

                var values = new double[reader.FieldCount];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = ToDouble(reader.IsDBNull(i) ? null : reader.GetValue(i));
                }

                return values;
            });
        }

        private IReadOnlyList<string> ReadColumns()
        {
            var sql = "SELECT * FROM " + RelationSql + " LIMIT 0";
            return _connection.Query(sql, reader =>
            {
                var names = new List<string>(reader.FieldCount);
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    names.Add(reader.GetName(i));
                }

                return names;
            });
        }

        private static double ToDouble(object? value) => value switch
        {
            null => double.NaN,
            bool b => b ? 1 : 0,
            BigInteger big => (double)big,
            IConvertible convertible => TryConvert(convertible),
            _ => throw new QualityRuleException("expected a number but the query returned a " + value.GetType().Name),
        };

        private static double TryConvert(IConvertible value)
        {
            try
            {
                return value.ToDouble(CultureInfo.InvariantCulture);
            }
            catch (Exception e) when (e is FormatException or InvalidCastException)
            {
                throw new QualityRuleException("expected a number but the query returned '" + value + "'");
            }
        }
    }

    /// <summary>The DuckDB aggregate of a statistic rule (population figures, as documented in docs/quality-local.md).</summary>
    private static string StatisticFunction(string ruleType) => ruleType switch
    {
        "Mean" => "avg",
        "Sum" => "sum",
        "StandardDeviation" => "stddev_pop",
        _ => "var_pop",
    };
}

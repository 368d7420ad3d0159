using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text;
using DuckDB.NET.Data;
using Pipeline.Dsl;
using Pipeline.Runner;
using Xunit.Sdk;

namespace Pipeline.Translation.Tests;

/// <summary>
/// Runs a pipeline's stages twice — as plain C# over <see cref="Dataset{T}"/> (the oracle) and as the generated DuckDB
/// SQL from <c>Descriptor.LocalPlan</c> on an in-memory DuckDB, exactly as the local runner does — and compares the
/// results as multisets of rows in the plan's column order.
/// </summary>
/// <remarks>
/// Normalisation (the only places where values are not compared exactly), all demanded by the output schema:
/// <list type="bullet">
/// <item>DECIMAL(p,s) columns: the C# value is rounded to scale s with <see cref="MidpointRounding.AwayFromZero"/>, which is what
/// DuckDB's CAST to the column type does (C# decimals carry more digits than the column).</item>
/// <item>DOUBLE/FLOAT columns: equal within a relative tolerance of 1e-9 (absolute below magnitude 1), since sums and averages
/// depend on evaluation order; NaN equals NaN and infinities must match exactly.</item>
/// <item>TIMESTAMP columns: compared exactly; DuckDB stores microseconds, so the random data is generated at microsecond precision.</item>
/// <item>Integers of any width compare as <see cref="long"/>; DATE as <see cref="DateOnly"/>.</item>
/// </list>
/// </remarks>
internal static class DuckDbOracleHarness
{
    public const double RelativeTolerance = 1e-9;

    public static LocalPlan Plan(Type pipeline)
    {
        var descriptor = (PipelineDescriptor)pipeline.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        return LocalPlan.Parse(descriptor.LocalPlan ?? throw new InvalidOperationException(pipeline.Name + " has no local plan"));
    }

    /// <summary>Runs both sides for the given stages (all stages when none are named) and asserts they agree.</summary>
    public static void AssertAgree(Type pipeline, Sources sources, params string[] stages)
    {
        var plan = Plan(pipeline);
        var csharp = new CSharpSide(pipeline, plan, sources);
        using var sql = new SqlSide(plan, sources);
        foreach (var stage in stages.Length == 0 ? plan.Stages : plan.Stages.Where(s => stages.Contains(s.Name)))
        {
            var expected = csharp.Rows(stage.Name);
            var actual = sql.Rows(stage.Name);
            AssertSameRows(stage, expected, actual);
        }
    }

    /// <summary>The C# result of one stage, normalised to the plan's columns.</summary>
    public static List<object?[]> RunCSharp(Type pipeline, Sources sources, string stage) =>
        new CSharpSide(pipeline, Plan(pipeline), sources).Rows(stage);

    /// <summary>The SQL result of one stage (and the stages it reads), normalised to the plan's columns.</summary>
    public static List<object?[]> RunSql(Type pipeline, Sources sources, string stage)
    {
        using var sql = new SqlSide(Plan(pipeline), sources);
        return sql.Rows(stage);
    }

    /// <summary>A column's value by name from normalised rows of <paramref name="stage"/>.</summary>
    public static object? Value(Type pipeline, string stage, object?[] row, string column)
    {
        var columns = Plan(pipeline).Stages.Single(s => s.Name == stage).Columns;
        var index = columns.ToList().FindIndex(c => c.Name == column || c.Property == column);
        if (index < 0)
        {
            throw new ArgumentException($"{stage} has no column {column}");
        }

        return row[index];
    }

    public static void AssertSameRows(LocalStage stage, List<object?[]> expected, List<object?[]> actual)
    {
        var unmatchedActual = new List<object?[]>(actual);
        var unmatchedExpected = new List<object?[]>();
        foreach (var row in expected)
        {
            var index = unmatchedActual.FindIndex(candidate => RowsEqual(stage.Columns, row, candidate));
            if (index < 0)
            {
                unmatchedExpected.Add(row);
            }
            else
            {
                unmatchedActual.RemoveAt(index);
            }
        }

        if (unmatchedExpected.Count == 0 && unmatchedActual.Count == 0)
        {
            return;
        }

        var message = new StringBuilder();
        message.AppendLine($"Stage '{stage.Name}': C# and DuckDB disagree ({expected.Count} C# rows, {actual.Count} SQL rows; {unmatchedExpected.Count} C# rows and {unmatchedActual.Count} SQL rows without a partner).");
        message.AppendLine("columns: " + string.Join(" | ", stage.Columns.Select(c => c.Name + " " + c.Type)));
        foreach (var row in unmatchedExpected.Take(8))
        {
            message.AppendLine("  C# only : " + Format(row));
            var closest = ClosestDifference(stage.Columns, row, unmatchedActual);
            if (closest is not null)
            {
                message.AppendLine("  nearest SQL row differs in " + closest);
            }
        }

        foreach (var row in unmatchedActual.Take(8))
        {
            message.AppendLine("  SQL only: " + Format(row));
        }

        message.AppendLine("SQL: " + stage.Sql);
        throw new XunitException(message.ToString());
    }

    private static string? ClosestDifference(IReadOnlyList<LocalColumn> columns, object?[] row, List<object?[]> candidates)
    {
        object?[]? best = null;
        var bestCount = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var differences = Enumerable.Range(0, columns.Count).Count(i => !ValuesEqual(columns[i].Type, row[i], candidate[i]));
            if (differences < bestCount)
            {
                best = candidate;
                bestCount = differences;
            }
        }

        if (best is null)
        {
            return null;
        }

        return string.Join(", ", Enumerable.Range(0, columns.Count)
            .Where(i => !ValuesEqual(columns[i].Type, row[i], best[i]))
            .Select(i => $"{columns[i].Name}: C# {FormatValue(row[i])} vs SQL {FormatValue(best[i])}"));
    }

    public static string Format(object?[] row) => "(" + string.Join(", ", row.Select(FormatValue)) + ")";

    private static string FormatValue(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s.Replace("\t", "\\t").Replace("\n", "\\n") + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static bool RowsEqual(IReadOnlyList<LocalColumn> columns, object?[] a, object?[] b)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (!ValuesEqual(columns[i].Type, a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool ValuesEqual(string type, object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        if (a is double x && b is double y)
        {
            if (double.IsNaN(x) || double.IsNaN(y) || double.IsInfinity(x) || double.IsInfinity(y))
            {
                return x.Equals(y);
            }

            return Math.Abs(x - y) <= RelativeTolerance * Math.Max(1.0, Math.Max(Math.Abs(x), Math.Abs(y)));
        }

        return a.Equals(b);
    }

    /// <summary>A value as the column's type normalises it (see the class remarks).</summary>
    public static object? Normalize(string type, object? value)
    {
        if (value is null or DBNull)
        {
            return null;
        }

        var upper = type.ToUpperInvariant();
        if (upper.StartsWith("DECIMAL(", StringComparison.Ordinal))
        {
            var scale = int.Parse(upper[(upper.IndexOf(',') + 1)..upper.IndexOf(')')], CultureInfo.InvariantCulture);
            return Math.Round(Convert.ToDecimal(value, CultureInfo.InvariantCulture), scale, MidpointRounding.AwayFromZero);
        }

        return upper switch
        {
            "TINYINT" or "SMALLINT" or "INTEGER" or "BIGINT" or "HUGEINT" => Convert.ToInt64(value, CultureInfo.InvariantCulture),
            "DOUBLE" or "FLOAT" => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            "BOOLEAN" => Convert.ToBoolean(value, CultureInfo.InvariantCulture),
            "DATE" => value switch
            {
                DateOnly d => d,
                DateTime t => DateOnly.FromDateTime(t),
                _ => DateOnly.Parse(value.ToString()!, CultureInfo.InvariantCulture),
            },
            "TIMESTAMP" => value switch
            {
                DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Unspecified),
                DateTimeOffset o => o.DateTime,
                _ => DateTime.Parse(value.ToString()!, CultureInfo.InvariantCulture),
            },
            "VARCHAR" => value is string s ? s : Convert.ToString(value, CultureInfo.InvariantCulture),
            _ => value,
        };
    }

    /// <summary>A SQL literal of a C# value, for the column type.</summary>
    private static string SqlLiteral(string type, object? value)
    {
        var text = value switch
        {
            null => null,
            string s => s,
            bool b => b ? "true" : "false",
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => throw new NotSupportedException($"no SQL literal for {value.GetType()}"),
        };

        return text is null ? $"CAST(NULL AS {type})" : $"CAST('{text.Replace("'", "''")}' AS {type})";
    }

    private sealed class CSharpSide
    {
        private readonly Type _pipeline;
        private readonly LocalPlan _plan;
        private readonly object _instance;
        private readonly Dictionary<string, object> _datasets = new();

        public CSharpSide(Type pipeline, LocalPlan plan, Sources sources)
        {
            _pipeline = pipeline;
            _plan = plan;
            _instance = Activator.CreateInstance(pipeline)!;
            foreach (var source in plan.Sources)
            {
                var rowType = pipeline.GetProperty(source.Name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!.PropertyType.GetGenericArguments()[0];
                var rows = sources.Get(source.Name);
                var typed = typeof(Enumerable).GetMethod(nameof(Enumerable.Cast))!.MakeGenericMethod(rowType).Invoke(null, new object[] { rows })!;
                var from = typeof(Pipeline.Dsl.Dataset).GetMethods().Single(m => m.Name == "From" && m.GetParameters()[0].ParameterType.IsGenericType).MakeGenericMethod(rowType);
                _datasets[source.Relation] = from.Invoke(null, new[] { typed })!;
            }
        }

        public List<object?[]> Rows(string stageName)
        {
            var stage = _plan.Stages.Single(s => s.Name == stageName);
            var result = (IEnumerable)Resolve(stage.Relation);
            var rows = new List<object?[]>();
            foreach (var row in result)
            {
                rows.Add(stage.Columns.Select(c => Normalize(c.Type, row!.GetType().GetProperty(c.Property)!.GetValue(row))).ToArray());
            }

            return rows;
        }

        private object Resolve(string relation)
        {
            if (_datasets.TryGetValue(relation, out var existing))
            {
                return existing;
            }

            var stage = _plan.Stages.Single(s => s.Relation == relation);
            var method = _pipeline.GetMethod(stage.Name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)!;
            var arguments = stage.Inputs.Select(Resolve).ToArray();
            try
            {
                var value = method.Invoke(_instance, arguments)!;
                _datasets[relation] = value;
                return value;
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }
        }
    }

    private sealed class SqlSide : IDisposable
    {
        private readonly LocalPlan _plan;
        private readonly DuckDBConnection _connection;
        private readonly HashSet<string> _created = new();

        public SqlSide(LocalPlan plan, Sources sources)
        {
            _plan = plan;
            _connection = new DuckDBConnection("DataSource=:memory:");
            _connection.Open();
            foreach (var source in plan.Sources)
            {
                var columns = string.Join(", ", source.Columns.Select(c => Quote(c.Name) + " " + c.Type));
                Execute($"CREATE TABLE {Quote(source.Relation)} ({columns})");
                var rows = sources.Get(source.Name).Cast<object>().ToList();
                for (var start = 0; start < rows.Count; start += 500)
                {
                    var values = rows.Skip(start).Take(500).Select(row =>
                        "(" + string.Join(", ", source.Columns.Select(c => SqlLiteral(c.Type, row.GetType().GetProperty(c.Property)!.GetValue(row)))) + ")");
                    Execute($"INSERT INTO {Quote(source.Relation)} VALUES {string.Join(", ", values)}");
                }

                _created.Add(source.Relation);
            }
        }

        public List<object?[]> Rows(string stageName)
        {
            var stage = _plan.Stages.Single(s => s.Name == stageName);
            Ensure(stage.Relation);
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT * FROM " + Quote(stage.Relation);
            using var reader = command.ExecuteReader();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[stage.Columns.Count];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : Normalize(stage.Columns[i].Type, reader.GetValue(i));
                }

                rows.Add(row);
            }

            return rows;
        }

        /// <summary>Creates a stage's relation the way PipelineExecutor does, after the relations it reads.</summary>
        private void Ensure(string relation)
        {
            if (_created.Contains(relation))
            {
                return;
            }

            var stage = _plan.Stages.Single(s => s.Relation == relation);
            foreach (var input in stage.Inputs)
            {
                Ensure(input);
            }

            var projection = string.Join(", ", stage.Columns.Select(c => $"CAST(q.{Quote(c.Name)} AS {c.Type}) AS {Quote(c.Name)}"));
            Execute($"CREATE TABLE {Quote(stage.Relation)} AS SELECT {projection} FROM ({stage.Sql}) AS q");
            _created.Add(relation);
        }

        private void Execute(string sql)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        public void Dispose() => _connection.Dispose();
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}

/// <summary>In-memory rows per source (by the source property's name).</summary>
internal sealed class Sources
{
    private readonly Dictionary<string, IEnumerable> _rows = new();

    public static Sources Of(params (string Name, IEnumerable Rows)[] sources)
    {
        var result = new Sources();
        foreach (var (name, rows) in sources)
        {
            result._rows[name] = rows;
        }

        return result;
    }

    public IEnumerable Get(string name) => _rows.TryGetValue(name, out var rows) ? rows : Array.Empty<object>();
}

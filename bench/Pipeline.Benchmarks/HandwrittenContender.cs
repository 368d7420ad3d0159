using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using DuckDB.NET.Data;

namespace Pipeline.Benchmarks;

/// <summary>
/// Contender b: the same logic hand-written as one DuckDB SQL script — idiomatic (handwritten.sql) or exact and tuned
/// with everything the generated SQL knows (handwritten-tuned.sql).
/// </summary>
internal static class HandwrittenContender
{
    /// <summary>The characters C#'s Trim() removes (char.IsWhiteSpace), spelled as the generated SQL spells them.</summary>
    private static readonly IEnumerable<int> WhiteSpace = Enumerable.Range(0, char.MaxValue + 1).Where(c => char.IsWhiteSpace((char)c));

    public static string ScriptPath(string contender) =>
        Path.Combine(AppContext.BaseDirectory, contender == Contender.HandwrittenTuned ? "handwritten-tuned.sql" : "handwritten.sql");

    /// <summary>The script's steps: (name, SQL), split at <c>-- @step name</c> lines.</summary>
    public static List<(string Name, string Sql)> Steps(string contender, string raw, string output)
    {
        var text = File.ReadAllText(ScriptPath(contender))
            .Replace("{{RAW}}", raw.Replace("'", "''", StringComparison.Ordinal), StringComparison.Ordinal)
            .Replace("{{OUT}}", output.Replace("'", "''", StringComparison.Ordinal), StringComparison.Ordinal)
            .Replace("{{PATTERN}}", Workload.BenchPattern, StringComparison.Ordinal)
            .Replace("{{WS}}", string.Join(" || ", WhiteSpace.Select(c => $"chr({c})")), StringComparison.Ordinal);
        var steps = new List<(string, string)>();
        string? name = null;
        var sql = new StringBuilder();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("-- @step ", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    steps.Add((name, sql.ToString().Trim()));
                }

                name = line.Substring("-- @step ".Length).Trim();
                sql.Clear();
            }
            else if (name is not null)
            {
                sql.Append(line).Append('\n');
            }
        }

        if (name is not null)
        {
            steps.Add((name, sql.ToString().Trim()));
        }

        return steps;
    }

    public static ChildResult Run(BenchOptions o, string contender)
    {
        var output = Workload.SinkDirectory(o, contender);
        Workload.Clean(o.OutputDirectory(contender)); // not timed
        Directory.CreateDirectory(o.OutputDirectory(contender));
        var steps = Steps(contender, o.RawDirectory, output);
        var clock = new StepClock();
        var total = Stopwatch.StartNew();

        using var connection = new DuckDBConnection("DataSource=:memory:" + (o.MemoryLimit is { } limit ? ";memory_limit=" + limit : ""));
        connection.Open();
        long rows = 0;
        long duckBytes = 0;
        var note = "";
        foreach (var (name, sql) in steps)
        {
            if (name.StartsWith("quality", StringComparison.Ordinal))
            {
                clock.Time(name, () =>
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = sql;
                    using var reader = command.ExecuteReader();
                    reader.Read();
                    rows = Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
                    var failed = new List<string>();
                    for (var i = 1; i < reader.FieldCount; i++)
                    {
                        var bad = Convert.ToInt64(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                        if (bad != 0)
                        {
                            failed.Add($"{reader.GetName(i)}: {bad} rows fail");
                        }
                    }

                    if (rows == 0)
                    {
                        failed.Add("RowCount > 0");
                    }

                    if (failed.Count > 0)
                    {
                        throw new InvalidOperationException("handwritten: quality failed, nothing written: " + string.Join("; ", failed));
                    }

                    note = $"{reader.FieldCount - 1} rules + RowCount checked in one pass";
                });
                duckBytes = Math.Max(duckBytes, DuckDbMemory(connection));
            }
            else
            {
                clock.Time(name, () => Execute(connection, sql));
                duckBytes = Math.Max(duckBytes, DuckDbMemory(connection));
            }
        }

        total.Stop();
        var input = CountLines(o); // not timed: the script does not need it
        return new ChildResult(contender, input, rows, total.Elapsed.TotalSeconds, ProcessStats.PeakRss(), duckBytes,
            GC.GetGCMemoryInfo().HeapSizeBytes, clock.Steps, note + (o.MemoryLimit is null ? "" : $"; memory_limit={o.MemoryLimit}"));
    }

    private static long CountLines(BenchOptions o) => o.Rows;

    private static long DuckDbMemory(DuckDBConnection connection)
    {
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT CAST(coalesce(sum(memory_usage_bytes), 0) AS BIGINT) FROM duckdb_memory()";
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (DuckDBException)
        {
            return -1;
        }
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

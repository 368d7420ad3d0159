using System;
using System.Collections.Generic;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using DuckDB.NET.Data;

namespace Pipeline.Runner;

/// <summary>
/// Small helpers over a DuckDB connection, and SQL quoting. Every statement the runner sends goes through
/// <see cref="Query{T}"/>, so a connection given an observer (<see cref="Observe"/>; the benchmark's profile) sees each
/// statement with its duration, exactly as a run issues them.
/// </summary>
internal static class Duck
{
    private static readonly ConditionalWeakTable<DuckDBConnection, Action<string, TimeSpan>> Observers = new();

    public static DuckDBConnection OpenInMemory()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return connection;
    }

    /// <summary>
    /// The settings every run's database needs: bounded memory (DuckDB spills to <paramref name="tempDirectory"/> past
    /// the limit instead of growing without bound), and the time zone UTC, since timestamps are UTC instants whatever
    /// zone the machine is in (docs/translation.md, "Time").
    /// </summary>
    public static void ConfigureForRun(DuckDBConnection connection, string memoryLimit, string tempDirectory)
    {
        System.IO.Directory.CreateDirectory(tempDirectory);
        connection.Execute($"SET memory_limit = {Literal(memoryLimit)}; SET temp_directory = {Literal(tempDirectory)}; SET preserve_insertion_order = false; SET TimeZone = 'UTC'");
    }

    /// <summary>Reports every later statement on <paramref name="connection"/> to <paramref name="observer"/>, with its duration.</summary>
    public static void Observe(DuckDBConnection connection, Action<string, TimeSpan> observer) => Observers.AddOrUpdate(connection, observer);

    /// <summary>Runs <paramref name="sql"/> and hands its reader to <paramref name="read"/> (timed, reading included).</summary>
    public static T Query<T>(this DuckDBConnection connection, string sql, Func<DbDataReader, T> read)
    {
        Observers.TryGetValue(connection, out var observer);
        var start = observer is null ? 0 : Stopwatch.GetTimestamp();
        try
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            return read(reader);
        }
        finally
        {
            observer?.Invoke(sql, Stopwatch.GetElapsedTime(start));
        }
    }

    public static void Execute(this DuckDBConnection connection, string sql) =>
        connection.Query(sql, reader =>
        {
            // Drain every result: a script of several statements runs all of them, as ExecuteNonQuery would.
            while (reader.NextResult())
            {
            }

            return 0;
        });

    public static T? Scalar<T>(this DuckDBConnection connection, string sql)
    {
        var value = connection.Query(sql, reader => reader.Read() && !reader.IsDBNull(0) ? reader.GetValue(0) : null);
        return value is null ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static List<object?[]> Rows(this DuckDBConnection connection, string sql) =>
        connection.Query(sql, reader =>
        {
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }

                rows.Add(row);
            }

            return rows;
        });

    public static long Count(this DuckDBConnection connection, string relation) =>
        connection.Scalar<long>("SELECT count(*) FROM " + Identifier(relation));

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    public static string PathList(IEnumerable<string> paths)
    {
        var parts = new List<string>();
        foreach (var path in paths)
        {
            parts.Add(Literal(path));
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}

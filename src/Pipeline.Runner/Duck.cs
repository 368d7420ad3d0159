using System;
using System.Collections.Generic;
using DuckDB.NET.Data;

namespace Pipeline.Runner;

/// <summary>Small helpers over a DuckDB connection, and SQL quoting.</summary>
internal static class Duck
{
    public static DuckDBConnection OpenInMemory()
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        return connection;
    }

    public static void Execute(this DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static T? Scalar<T>(this DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static List<object?[]> Rows(this DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
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
    }

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

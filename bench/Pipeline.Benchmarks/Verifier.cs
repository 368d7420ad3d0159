using System;
using System.Collections.Generic;
using System.IO;
using DuckDB.NET.Data;

namespace Pipeline.Benchmarks;

/// <summary>
/// Reads a contender's output back and fingerprints the result set: row count, distinct ids, sum of amounts,
/// time range, partitions, and an order-independent hash over every column (partition values included).
/// </summary>
internal static class Verifier
{
    public static string Fingerprint(BenchOptions o, string contender)
    {
        var directory = Workload.SinkDirectory(o, contender).Replace("'", "''", StringComparison.Ordinal);
        if (!Directory.Exists(Workload.SinkDirectory(o, contender)))
        {
            throw new InvalidOperationException($"{contender}: no output folder {directory}");
        }

        var source = contender == Contender.Linq
            ? $"read_json('{directory}/**/*.json', format = 'newline_delimited', hive_partitioning = true, columns = {{order_id: 'VARCHAR', customer_id: 'VARCHAR', amount: 'DECIMAL(12,2)', currency: 'VARCHAR', channel: 'VARCHAR', status: 'VARCHAR', created_at: 'TIMESTAMP', order_date: 'DATE'}})"
            : $"read_parquet('{directory}/**/*.parquet', hive_partitioning = true)";
        var sql = $"""
            SELECT count(*), count(DISTINCT order_id), CAST(sum(amount) AS VARCHAR),
                   CAST(min(created_at) AS VARCHAR) || ' .. ' || CAST(max(created_at) AS VARCHAR),
                   count(DISTINCT (year, month, day)),
                   CAST(bit_xor(hash(order_id, customer_id, CAST(amount AS DECIMAL(12,2)), currency, channel, status,
                        CAST(created_at AS TIMESTAMP), CAST(order_date AS DATE),
                        CAST(year AS INTEGER), CAST(month AS INTEGER), CAST(day AS INTEGER))) AS VARCHAR)
            FROM {source}
            """;
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        reader.Read();
        return $"rows={reader.GetValue(0)} distinct_ids={reader.GetValue(1)} sum_amount={reader.GetValue(2)} created_at={reader.GetValue(3)} partitions={reader.GetValue(4)} hash={reader.GetValue(5)}";
    }

    public static string DuckDbVersion()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT version()";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "?";
    }
}

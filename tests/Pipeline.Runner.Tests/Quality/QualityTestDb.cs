using System;
using DuckDB.NET.Data;
using Pipeline.Runner.Quality;
using Xunit;

namespace Pipeline.Runner.Tests.Quality;

internal static class QualityTestDb
{
    public static readonly DateTimeOffset Now = new(2024, 6, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>t: 4 rows with NULLs, an empty string, a blank string, numbers as text and timestamps.</summary>
    public const string Sample = """
        CREATE TABLE t (id INTEGER, name VARCHAR, amount DOUBLE, code VARCHAR, ts TIMESTAMP, grp VARCHAR, qty VARCHAR);
        INSERT INTO t VALUES
          (1, 'alice', 10.0, 'EUR', TIMESTAMP '2024-06-10 10:00:00', 'a', '1'),
          (2, 'bob',   20.0, 'USD', TIMESTAMP '2024-06-09 12:00:00', 'a', '2'),
          (3, NULL,    30.0, 'GBP', TIMESTAMP '2024-06-01 00:00:00', 'b', '3.5'),
          (4, '  ',    40.0, '',    NULL,                            'b', 'x');
        """;

    public static DuckDBConnection Open(string sql)
    {
        var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        Execute(connection, sql);
        return connection;
    }

    public static void Execute(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static RuleOutcome One(DuckDBConnection connection, string rule, string relation = "t")
    {
        var report = QualityEvaluator.Evaluate(connection, relation, rule, Now);
        return Assert.Single(report.Rules);
    }
}

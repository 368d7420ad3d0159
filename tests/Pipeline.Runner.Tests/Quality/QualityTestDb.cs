using System;
using System.Collections.Generic;
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

    /// <summary>
    /// Evaluates one rule the way a caller without column types does, and again with the relation's types (as the runner
    /// passes them, which compares numeric and text columns without casts): both must give the same outcome, observed
    /// value and row-level pass count.
    /// </summary>
    public static RuleOutcome One(DuckDBConnection connection, string rule, string relation = "t")
    {
        var report = QualityEvaluator.Evaluate(connection, relation, rule, Now);
        var types = Types(connection, relation);
        var typed = QualityEvaluator.Evaluate(connection, relation, rule, Now, types);
        var outcome = Assert.Single(report.Rules);
        var typedOutcome = Assert.Single(typed.Rules);
        // An Error's reason quotes the SQL DuckDB rejected, which differs by construction; the outcome must not.
        var same = outcome.Outcome == RuleOutcome.Error ? typedOutcome.Outcome == RuleOutcome.Error : outcome == typedOutcome;
        Assert.True(same, $"{rule}: without types {outcome}, with types {typedOutcome}");
        if (outcome.Outcome != RuleOutcome.Error)
        {
            var untypedPass = Scalar(connection, "SELECT count(*) FROM " + QualitySql.Relation(relation) + " WHERE " + QualityEvaluator.RowLevelPassPredicate(rule, Now));
            var typedPass = Scalar(connection, "SELECT count(*) FROM " + QualitySql.Relation(relation) + " WHERE " + QualityEvaluator.RowLevelPassPredicate(rule, Now, types));
            Assert.True(untypedPass == typedPass, $"{rule}: {untypedPass} rows pass without types, {typedPass} with types");
        }

        return outcome;
    }

    /// <summary>The relation's DuckDB column types, by name.</summary>
    public static Dictionary<string, string> Types(DuckDBConnection connection, string relation)
    {
        var types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var command = connection.CreateCommand();
        command.CommandText = "DESCRIBE SELECT * FROM " + QualitySql.Relation(relation);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            types[reader.GetString(0)] = reader.GetString(1);
        }

        return types;
    }

    private static long Scalar(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

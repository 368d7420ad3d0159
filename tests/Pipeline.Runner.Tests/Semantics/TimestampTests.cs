using System.IO;
using System.Linq;
using Pipeline.Runner.Tests.Runs;
using Xunit;

namespace Pipeline.Runner.Tests.Semantics;

/// <summary>
/// Timestamps are instants in UTC (docs/translation.md, "Time"): a value with an offset is converted to UTC, one without
/// is taken as UTC — as C# (DateTimeOffset.UtcDateTime) and the Glue job (spark.sql.session.timeZone=UTC) read them.
/// </summary>
public class TimestampTests
{
    [Fact]
    public void A_timestamp_with_an_offset_is_the_utc_instant_and_lands_in_the_utc_day()
    {
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        // 01:00 on 1 December at +02:00 is 23:00 on 30 November in UTC: the order belongs to the 30 November partition.
        fixture.WriteLines("raw/orders/2024-12-01.json",
            """{"order_id": "ORD-300001", "customer_id": "C001", "amount": 10.5, "currency": "EUR", "status": "placed", "channel": "web", "created_at": "2024-12-01T01:00:00+02:00"}""",
            """{"order_id": "ORD-300002", "customer_id": "C001", "amount": 11.5, "currency": "EUR", "status": "placed", "channel": "web", "created_at": "2024-11-30T22:30:00-03:00"}""");

        var report = new PipelineExecutor(fixture.ExampleResolver()).Run(RunFixture.Plan("orders-daily"));

        Assert.True(report.Outcome == RunOutcome.Succeeded, report.Error);
        var sink = Path.Combine(fixture.Output, "acme-curated", "orders");
        using var db = new DuckDB.NET.Data.DuckDBConnection("DataSource=:memory:");
        db.Open();
        using var query = db.CreateCommand();
        query.CommandText = $"SELECT order_id, strftime(created_at, '%Y-%m-%d %H:%M'), year, month, day FROM read_parquet('{sink.Replace("'", "''")}/**/*.parquet', hive_partitioning = true) WHERE order_id LIKE 'ORD-3%' ORDER BY order_id";
        var rows = new System.Collections.Generic.List<string>();
        using (var reader = query.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetValue(2)}/{reader.GetValue(3)}/{reader.GetValue(4)}");
            }
        }

        // 22:30 on 30 November at −03:00 is 01:30 on 1 December in UTC.
        Assert.Equal(new[] { "ORD-300001 2024-11-30 23:00 2024/11/30", "ORD-300002 2024-12-01 01:30 2024/12/1" }, rows);
        Assert.Equal(0, report.Sources.Single().Malformed);
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using RetailLake;
using Xunit;

namespace Pipeline.Translation.Tests;

/// <summary>The example's own transforms (examples/RetailLake), C# against DuckDB, on its bundled sample data and on random rows.</summary>
public sealed class RetailLakeTests
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static string Data(params string[] parts) => Path.Combine(new[] { AppContext.BaseDirectory, "RetailLakeData" }.Concat(parts).ToArray());

    internal static List<RawOrder> SampleRawOrders() =>
        Directory.GetFiles(Data("raw", "orders"), "*.json").OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(File.ReadAllLines).Where(l => l.Trim().Length > 0)
            .Select(l => JsonSerializer.Deserialize<RawOrder>(l, Json)!).ToList();

    internal static List<CuratedOrder> SampleCuratedOrders()
    {
        var rows = new List<CuratedOrder>();
        foreach (var file in Directory.GetFiles(Data("catalog", "orders"), "*.json", SearchOption.AllDirectories))
        {
            // Partition values come from the path (year=2024/month=11/day=01), as Glue and the runner read them.
            var parts = Path.GetDirectoryName(file)!.Split(Path.DirectorySeparatorChar).Where(p => p.Contains('=')).ToDictionary(p => p.Split('=')[0], p => int.Parse(p.Split('=')[1], CultureInfo.InvariantCulture));
            foreach (var line in File.ReadAllLines(file).Where(l => l.Trim().Length > 0))
            {
                var row = JsonSerializer.Deserialize<CuratedOrder>(line, Json)!;
                rows.Add(row with { Year = parts["year"], Month = parts["month"], Day = parts["day"] });
            }
        }

        return rows;
    }

    internal static List<Customer> SampleCustomers()
    {
        var lines = File.ReadAllLines(Data("catalog", "customers", "customers.csv")).Skip(1).Where(l => l.Length > 0);
        return lines.Select(line =>
        {
            var fields = SplitCsv(line);
            return new Customer
            {
                CustomerId = fields[0],
                Name = fields[1],
                Segment = fields[2].Length == 0 ? null : fields[2],
                Country = fields[3],
            };
        }).ToList();
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }

    [Fact]
    public void OrdersDailyOnSampleData()
    {
        var raw = SampleRawOrders();
        Assert.Equal(30, raw.Count);
        var sources = Sources.Of(("Orders", raw));
        DuckDbOracleHarness.AssertAgree(typeof(OrdersDaily), sources);
        // The data README's expected result, so the comparison is not vacuous.
        Assert.Equal(20, DuckDbOracleHarness.RunSql(typeof(OrdersDaily), sources, "Clean").Count);
    }

    [Fact]
    public void CustomerRevenueOnSampleData()
    {
        var sources = Sources.Of(("Orders", SampleCuratedOrders()), ("Customers", SampleCustomers()));
        DuckDbOracleHarness.AssertAgree(typeof(CustomerRevenue), sources);
        Assert.NotEmpty(DuckDbOracleHarness.RunSql(typeof(CustomerRevenue), sources, "Revenue"));
    }

    [Theory]
    [MemberData(nameof(RandomAgreementTests.Seeds), MemberType = typeof(RandomAgreementTests))]
    public void OrdersDailyOnRandomData(int seed) =>
        DuckDbOracleHarness.AssertAgree(typeof(OrdersDaily), Sources.Of(("Orders", new RandomData(seed).RawOrders(120))));

    [Theory]
    [MemberData(nameof(RandomAgreementTests.Seeds), MemberType = typeof(RandomAgreementTests))]
    public void CustomerRevenueOnRandomData(int seed)
    {
        var data = new RandomData(seed);
        DuckDbOracleHarness.AssertAgree(typeof(CustomerRevenue), Sources.Of(("Orders", data.CuratedOrders(150)), ("Customers", data.RetailCustomers())));
    }

    [Fact]
    public void EmptyInputs()
    {
        DuckDbOracleHarness.AssertAgree(typeof(OrdersDaily), Sources.Of(("Orders", new List<RawOrder>())));
        DuckDbOracleHarness.AssertAgree(typeof(CustomerRevenue), Sources.Of(("Orders", new List<CuratedOrder>()), ("Customers", SampleCustomers())));
    }
}

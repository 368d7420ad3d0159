using System;
using System.Collections.Generic;
using System.Linq;
using Pipeline.Translation.Tests.Pipelines;
using RetailLake;

namespace Pipeline.Translation.Tests;

/// <summary>
/// Seeded random rows: nulls in every nullable column, edge values, empty and unicode strings, dates around month
/// and year boundaries, timestamps at microsecond precision (what DuckDB stores). Values stay where the C# oracle
/// neither throws (no int / 0) nor overflows (int.MinValue/MaxValue only in <see cref="Item.Big"/>, which no
/// arithmetic touches; overflow is tested on its own in SemanticRuleTests).
/// </summary>
internal sealed class RandomData
{
    public static readonly int[] Seeds = { 1, 7, 42, 1234, 98765 };

    private static readonly string[] Names =
    {
        "", " ", "a", "ab", "abc", "alpha", " alpha ", "Beta", "MiXeD CaSe", "café", "Ünïcödé", "日本語テキスト", "x y z",
        "a'quote", "tab\tinside", "\tpadded\n", "ends ", "é", "ÀÉÎÕÜ", "\u00A0nbsp\u00A0", "Ωmega",
    };

    private static readonly string?[] Tags = { null, null, "", "a", "A", "tag", "tx", "tag-é", " a ", "t", "alpha" };

    private static readonly DateTime[] Moments =
    {
        new(2023, 12, 31, 23, 59, 59), new(2024, 1, 1, 0, 0, 0), new(2024, 2, 29, 12, 34, 56), new(2024, 3, 1, 0, 0, 0),
        new(2024, 1, 31, 23, 59, 59), new(2024, 11, 30, 23, 59, 59), new(2000, 2, 29, 6, 0, 0), new(1999, 12, 31, 23, 0, 0),
        new(1970, 1, 1, 0, 0, 0), new(2024, 6, 15, 12, 0, 0),
    };

    private readonly Random _random;

    public RandomData(int seed) => _random = new Random(seed);

    private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];

    private bool Chance(double p) => _random.NextDouble() < p;

    private int SmallInt() => Chance(0.4) ? Pick(new[] { 0, -1, 1, 2, -2, 7, -7, 13, -13, 100, -100 }) : _random.Next(-50, 51);

    private decimal Money() => Chance(0.4)
        ? Pick(new[] { 0m, 0.01m, -0.01m, 0.05m, -0.05m, 0.10m, 1.15m, 2.25m, -2.25m, 0.04m, 1.00m, -0.12m, 999.99m, 0.03m })
        : _random.Next(-100_000, 100_001) / 100m;

    private double Real() => Chance(0.4)
        ? Pick(new[] { 0.0, -0.5, 0.5, 1.5, -1.5, 2.5, -2.7, 1e6 + 0.25, -1e-3, 123.456, 0.1 })
        : Math.Round(_random.NextDouble() * 2000 - 1000, 6);

    private DateTime Moment()
    {
        var baseline = Chance(0.5) ? Pick(Moments) : new DateTime(2020, 1, 1).AddSeconds(_random.Next(0, 200_000_000));
        // Microsecond precision: DuckDB's TIMESTAMP resolution.
        return baseline.AddTicks(_random.Next(0, 1_000_000) * 10L * (Chance(0.3) ? 0 : 1));
    }

    private DateOnly Date() => DateOnly.FromDateTime(Moment());

    public List<Item> Items(int count)
    {
        var rows = new List<Item>();
        for (var id = 1; id <= count; id++)
        {
            rows.Add(new Item
            {
                Id = id,
                A = SmallInt(),
                B = Pick(new[] { -7, -3, -2, -1, 1, 2, 3, 5, 7 }),
                N = Chance(0.25) ? null : SmallInt(),
                N2 = Chance(0.25) ? null : SmallInt(),
                Big = Pick(new[] { int.MaxValue, int.MinValue, 0, -1, 1, 123456 }),
                Small = _random.Next(0, 5),
                L = Chance(0.3) ? Pick(new[] { 0L, -1L, 1L, 10_000_000_000L, -10_000_000_001L }) : _random.NextInt64(-1_000_000_000_000, 1_000_000_000_000),
                Price = Money(),
                Discount = Chance(0.3) ? null : Money(),
                X = Real(),
                Y = Chance(0.25) ? null : Chance(0.1) ? 0.0 : Real(),
                Name = Pick(Names),
                Tag = Pick(Tags),
                At = Moment(),
                Due = Chance(0.3) ? null : Moment(),
                Day = Date(),
                Ship = Chance(0.3) ? null : Date(),
                Flag = Chance(0.5),
                Opt = Chance(0.3) ? null : Chance(0.5),
            });
        }

        return rows;
    }

    /// <summary>Orders; a fifth of them are whole-row copies of an earlier one (so DistinctBy's surviving row is determined).</summary>
    public List<OrderRow> Orders(int count)
    {
        var rows = new List<OrderRow>();
        for (var i = 0; i < count; i++)
        {
            if (rows.Count > 0 && Chance(0.2))
            {
                rows.Add(Pick(rows) with { });
                continue;
            }

            rows.Add(new OrderRow
            {
                Id = rows.Count + 1,
                Customer = Chance(0.2) ? null : Pick(new[] { "C1", "C2", "C3", "C4", "C5", "C6", "c1", "C 1", "é" }),
                Region = Pick(new[] { "north", "south", "east", "", "Nörth" }),
                Qty = _random.Next(-3, 11),
                Amount = Money(),
                Weight = Real(),
                Score = Chance(0.3) ? null : _random.Next(-5, 101),
                Day = Date(),
            });
        }

        return rows;
    }

    public List<CustomerRow> Customers(int count)
    {
        var rows = new List<CustomerRow>();
        for (var i = 0; i < count; i++)
        {
            rows.Add(new CustomerRow
            {
                Id = Pick(new[] { "C1", "C2", "C3", "C4", "C5", "C7", "C8", "c1", "é" }),
                Segment = Chance(0.3) ? null : Pick(new[] { "consumer", "business", "vip", "" }),
                Tier = Chance(0.3) ? null : _random.Next(0, 4),
                Country = Pick(new[] { "north", "south", "de", "", "Nörth" }),
            });
        }

        return rows;
    }

    public List<RawOrder> RawOrders(int count)
    {
        var rows = new List<RawOrder>();
        for (var i = 0; i < count; i++)
        {
            if (rows.Count > 0 && Chance(0.15))
            {
                rows.Add(Pick(rows) with { });
                continue;
            }

            rows.Add(new RawOrder
            {
                OrderId = Pick(new[] { "ORD-", " ORD-", "ORD-" }) + _random.Next(100000, 100000 + count).ToString(System.Globalization.CultureInfo.InvariantCulture) + Pick(new[] { "", " ", "\t" }),
                CustomerId = Chance(0.2) ? null : Pick(new[] { "C001", "C002", "C003", "C004", "C005" }),
                Amount = Money(),
                Currency = Pick(new[] { "EUR", "eur", " usd ", "GBP", "" }),
                Status = Pick(new[] { "placed", "shipped", "test", "TEST", "cancelled", "Placed" }),
                Channel = Chance(0.25) ? null : Pick(new[] { "web", "Web ", " app", "STORE", "" }),
                CreatedAt = Moment(),
            });
        }

        // Same order id ⇒ same row: DistinctBy's survivor is unspecified in SQL.
        return rows.GroupBy(r => r.OrderId.Trim()).SelectMany(g => g.Select(_ => g.First())).ToList();
    }

    public List<CuratedOrder> CuratedOrders(int count)
    {
        var rows = new List<CuratedOrder>();
        for (var i = 0; i < count; i++)
        {
            var day = Date();
            rows.Add(new CuratedOrder
            {
                OrderId = "ORD-" + i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
                CustomerId = Pick(new[] { "C001", "C002", "C003", "C004", "C009" }),
                Amount = Money(),
                Currency = Pick(new[] { "EUR", "USD" }),
                OrderDate = Chance(0.5) ? new DateOnly(2024, 11, 1) : day,
                Year = day.Year,
                Month = day.Month,
                Day = day.Day,
            });
        }

        return rows;
    }

    public List<Customer> RetailCustomers()
    {
        var rows = new List<Customer>();
        foreach (var id in new[] { "C001", "C002", "C003", "C004", "C005" })
        {
            rows.Add(new Customer
            {
                CustomerId = id,
                Name = Pick(Names),
                Segment = Chance(0.3) ? null : Pick(new[] { "Consumer", "business", "VIP", "" }),
                Country = Pick(new[] { "pt", "de", "fr", "gb", "" }),
            });
        }

        return rows;
    }
}

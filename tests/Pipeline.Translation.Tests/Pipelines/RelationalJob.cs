using System;
using Pipeline.Dsl;

namespace Pipeline.Translation.Tests.Pipelines;

/// <summary>Every operator: DistinctBy, GroupBy (single, computed and composite keys, all aggregates), Join, LeftJoin, Union, Concat.</summary>
// Bookmarks off: the translation oracles feed every stage all of its rows (no increments, so PIPE108 does not apply).
[GlueJob("translation-relational", TimeoutMinutes = 10, Bookmarks = false)]
[Tag("owner", "translation-tests")]
[Tag("cost-center", "engineering")]
public sealed partial class RelationalJob
{
    [S3Source("s3://translation-tests/orders/", Format = DataFormat.Json)]
    public partial Dataset<OrderRow> Orders { get; }

    [CatalogSource("translation", "customers", Location = "s3://translation-tests/customers/")]
    public partial Dataset<CustomerRow> Customers { get; }

    /// <summary>Duplicates in the random data are whole-row copies, so which row survives does not matter.</summary>
    [Transform]
    public Dataset<OrderRow> Distinct(Dataset<OrderRow> orders) => orders.DistinctBy(o => o.Id);

    [Transform]
    public Dataset<OrderRow> DistinctPair(Dataset<OrderRow> orders) => orders.DistinctBy(o => new { o.Id, o.Region });

    [Transform]
    public Dataset<RegionStats> ByRegion(Dataset<OrderRow> distinct) =>
        distinct.GroupBy(
            o => o.Region,
            (k, g) => new RegionStats
            {
                Region = k,
                Orders = g.Count(),
                Rows = g.LongCount(),
                Quantity = g.Sum(x => x.Qty),
                Amount = g.Sum(x => x.Amount),
                Weight = g.Sum(x => x.Weight),
                MinScore = g.Min(x => x.Score),
                MaxScore = g.Max(x => x.Score),
                MinQty = g.Min(x => x.Qty),
                MaxWeight = g.Max(x => x.Weight),
                MinAmount = g.Min(x => x.Amount),
                FirstDay = g.Min(x => x.Day),
                LastDay = g.Max(x => x.Day),
                AverageQty = g.Average(x => x.Qty),
                AverageWeight = g.Average(x => x.Weight),
                AverageAmount = g.Average(x => x.Amount),
            });

    [Transform]
    public Dataset<CustomerStats> ByRegionCustomer(Dataset<OrderRow> orders) =>
        orders.GroupBy(
            o => new { o.Region, o.Customer },
            (k, g) => new CustomerStats
            {
                Region = k.Region,
                Customer = k.Customer,
                Orders = g.Count(),
                Amount = g.Sum(x => x.Amount),
                AverageWeight = g.Average(x => x.Weight),
            });

    [Transform]
    public Dataset<Bucket> ByBucket(Dataset<OrderRow> orders) =>
        orders.GroupBy(
            o => o.Qty % 3,
            (k, g) => new Bucket { Key = k, Orders = g.Count(), Quantity = g.Sum(x => x.Qty) });

    [Transform]
    public Dataset<OrderCustomer> Joined(Dataset<OrderRow> orders, Dataset<CustomerRow> customers) =>
        orders.Join(
            customers,
            o => o.Customer,
            c => c.Id,
            (o, c) => new OrderCustomer
            {
                OrderId = o.Id,
                Customer = c.Id,
                Segment = c.Segment ?? "none",
                Tier = c.Tier,
                Amount = o.Amount,
                Label = o.Region + "/" + c.Country,
            });

    [Transform]
    public Dataset<OrderCustomer> LeftJoined(Dataset<OrderRow> orders, Dataset<CustomerRow> customers) =>
        orders.LeftJoin(
            customers,
            o => o.Customer,
            c => c.Id,
            (o, c) => new OrderCustomer
            {
                OrderId = o.Id,
                Customer = c == null ? null : c.Id,
                Segment = c == null ? "unmatched" : c.Segment,
                Tier = c == null ? -1 : c.Tier,
                Amount = o.Amount,
                Label = c != null ? c.Country : "?",
            });

    /// <summary>Composite keys; the random data keeps key parts non-null (see SemanticRuleTests.CompositeJoinKeyWithNull).</summary>
    [Transform]
    public Dataset<OrderCustomer> CompositeJoined(Dataset<OrderRow> orders, Dataset<CustomerRow> customers) =>
        orders.Join(
            customers,
            o => new { K = o.Customer, R = o.Region },
            c => new { K = c.Id, R = c.Country },
            (o, c) => new OrderCustomer { OrderId = o.Id, Customer = c.Id, Segment = c.Segment, Tier = c.Tier, Amount = o.Amount });

    [Transform]
    public Dataset<OrderRow> Unioned(Dataset<OrderRow> orders) =>
        orders.Where(o => o.Qty > 2).Union(orders.Where(o => o.Region == "north"));

    [Transform]
    public Dataset<OrderRow> Concatenated(Dataset<OrderRow> orders) =>
        orders.Where(o => o.Qty > 2).Concat(orders.Where(o => o.Region == "north"));

    [S3Sink("s3://translation-tests/out/relational/", Format = DataFormat.Parquet)]
    public Dataset<RegionStats> Output(Dataset<RegionStats> byRegion) => byRegion;
}

public sealed record OrderRow
{
    public int Id { get; init; }
    public string? Customer { get; init; }
    public required string Region { get; init; }
    public int Qty { get; init; }
    [Decimal(12, 2)] public decimal Amount { get; init; }
    public double Weight { get; init; }
    public int? Score { get; init; }
    public DateOnly Day { get; init; }
}

public sealed record CustomerRow
{
    public required string Id { get; init; }
    public string? Segment { get; init; }
    public int? Tier { get; init; }
    public required string Country { get; init; }
}

public sealed record RegionStats
{
    public required string Region { get; init; }
    public int Orders { get; init; }
    public long Rows { get; init; }
    public int Quantity { get; init; }
    [Decimal(18, 2)] public decimal Amount { get; init; }
    public double Weight { get; init; }
    public int? MinScore { get; init; }
    public int? MaxScore { get; init; }
    public int MinQty { get; init; }
    public double MaxWeight { get; init; }
    [Decimal(12, 2)] public decimal MinAmount { get; init; }
    public DateOnly FirstDay { get; init; }
    public DateOnly LastDay { get; init; }
    public double AverageQty { get; init; }
    public double AverageWeight { get; init; }
    [Decimal(12, 2)] public decimal AverageAmount { get; init; }
}

public sealed record CustomerStats
{
    public required string Region { get; init; }
    public string? Customer { get; init; }
    public int Orders { get; init; }
    [Decimal(18, 2)] public decimal Amount { get; init; }
    public double AverageWeight { get; init; }
}

public sealed record Bucket
{
    public int Key { get; init; }
    public int Orders { get; init; }
    public int Quantity { get; init; }
}

public sealed record OrderCustomer
{
    public int OrderId { get; init; }
    public string? Customer { get; init; }
    public string? Segment { get; init; }
    public int? Tier { get; init; }
    [Decimal(12, 2)] public decimal Amount { get; init; }
    public string? Label { get; init; }
}

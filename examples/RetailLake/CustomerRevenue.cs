using System;
using Pipeline.Dsl;

namespace RetailLake;

/// <summary>
/// Revenue per customer segment and day: curated orders (one day's partitions) joined to the customer table,
/// aggregated and written as Parquet partitioned by order date; the days new orders touch are recomputed from all
/// orders. Rows failing the quality rules are quarantined instead of failing the job.
/// </summary>
[GlueJob("customer-revenue",
    Description = "Daily revenue per customer segment",
    Schedule = "cron(0 4 * * ? *)",
    WorkerType = WorkerType.G2X,
    Workers = 5,
    TimeoutMinutes = 90)]
[Tag("owner", "data-platform")]
[Tag("cost-center", "retail-analytics")]
public sealed partial class CustomerRevenue
{
    [CatalogSource("retail_curated", "orders",
        PushDownPredicate = "year = 2024 AND month = 11",
        Location = "s3://acme-curated/orders/")]
    public partial Dataset<CuratedOrder> Orders { get; }

    [CatalogSource("retail", "customers", Location = "s3://acme-raw/customers/")]
    public partial Dataset<Customer> Customers { get; }

    [Transform]
    public Dataset<OrderWithSegment> Enriched(Dataset<CuratedOrder> orders, Dataset<Customer> customers) =>
        orders.Join(
            customers,
            o => o.CustomerId,
            c => c.CustomerId,
            (o, c) => new OrderWithSegment
            {
                OrderId = o.OrderId,
                CustomerId = o.CustomerId,
                // A blank CSV field is empty text (as C# reads it), not null: both mean "no segment".
                Segment = c.Segment == null || c.Segment == "" ? "unassigned" : c.Segment.ToLower(),
                Country = c.Country.ToUpper(),
                Amount = o.Amount,
                OrderDate = o.OrderDate,
            });

    [Transform]
    public Dataset<DailySegmentRevenue> Revenue(Dataset<OrderWithSegment> enriched) =>
        enriched.GroupBy(
            x => new { x.Segment, x.OrderDate },
            (k, g) => new DailySegmentRevenue
            {
                Segment = k.Segment,
                OrderDate = k.OrderDate,
                Orders = g.Count(),
                Revenue = g.Sum(x => x.Amount),
                AverageOrder = g.Average(x => x.Amount),
            });

    // Orders arrive in increments: a late order for a day already written changes that day's totals. Overwriting the
    // day's partition makes the job recompute the days the new orders touch from all orders (PIPE108).
    [S3Sink("s3://acme-analytics/customer-revenue/", Format = DataFormat.Parquet, Compression = Compression.Snappy, Database = "retail_analytics",
        Mode = WriteMode.OverwritePartitions)]
    [PartitionBy("OrderDate")]
    [Quality("RowCount > 0")]
    [Quality("ColumnCount = 5")]
    [OnQualityFailure(QualityAction.Quarantine, QuarantinePath = "s3://acme-quarantine/customer-revenue/")]
    public Dataset<DailySegmentRevenue> SegmentRevenue(Dataset<DailySegmentRevenue> revenue) => revenue;
}

/// <summary>The curated orders table (written by <see cref="OrdersDaily"/>), as registered in the catalog.</summary>
public sealed record CuratedOrder
{
    public required string OrderId { get; init; }

    public required string CustomerId { get; init; }

    [Decimal(12, 2)]
    public decimal Amount { get; init; }

    public required string Currency { get; init; }

    public DateOnly OrderDate { get; init; }

    public int Year { get; init; }

    public int Month { get; init; }

    public int Day { get; init; }
}

/// <summary>The customer master table.</summary>
public sealed record Customer
{
    [Key]
    public required string CustomerId { get; init; }

    public required string Name { get; init; }

    /// <summary>consumer, business or vip; null until marketing assigns one.</summary>
    public string? Segment { get; init; }

    public required string Country { get; init; }
}

/// <summary>An order with its customer's segment.</summary>
public sealed record OrderWithSegment
{
    public required string OrderId { get; init; }

    public required string CustomerId { get; init; }

    public required string Segment { get; init; }

    public required string Country { get; init; }

    [Decimal(12, 2)]
    public decimal Amount { get; init; }

    public DateOnly OrderDate { get; init; }
}

/// <summary>Revenue of one segment on one day.</summary>
public sealed record DailySegmentRevenue
{
    [NotNull]
    [AllowedValues("consumer", "business", "vip", "unassigned")]
    public required string Segment { get; init; }

    [NotNull]
    public DateOnly OrderDate { get; init; }

    [Range(1, 1_000_000)]
    public int Orders { get; init; }

    [Range(0, 100_000_000)]
    [Decimal(18, 2)]
    public decimal Revenue { get; init; }

    [Range(0, 100_000)]
    [Decimal(12, 2)]
    public decimal AverageOrder { get; init; }
}

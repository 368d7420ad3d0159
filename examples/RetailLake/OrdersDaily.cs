using System;
using Pipeline.Dsl;

namespace RetailLake;

/// <summary>
/// Daily curation of the raw order feed: drops test orders, refunds booked as negative amounts and orders without a
/// customer, normalises currency and channel, removes duplicate deliveries of the same order (within a delivery and,
/// by merging on the order id, across deliveries) and writes the result as Parquet partitioned by order date.
/// </summary>
[GlueJob("orders-daily",
    Description = "Curates raw JSON orders into partitioned Parquet",
    Schedule = "cron(0 2 * * ? *)",
    WorkerType = WorkerType.G1X,
    Workers = 10,
    TimeoutMinutes = 60)]
[Tag("owner", "data-platform")]
[Tag("cost-center", "retail-analytics")]
public sealed partial class OrdersDaily
{
    [S3Source("s3://acme-raw/orders/", Format = DataFormat.Json)]
    public partial Dataset<RawOrder> Orders { get; }

    [Transform]
    public Dataset<Order> Clean(Dataset<RawOrder> orders) =>
        orders
            .Where(o => o.Amount > 0 && o.Status != "test" && o.CustomerId != null)
            .Select(o => new Order
            {
                OrderId = o.OrderId.Trim(),
                CustomerId = o.CustomerId,
                Amount = o.Amount,
                Currency = o.Currency.Trim().ToUpper(),
                Channel = o.Channel == null ? "unknown" : o.Channel.Trim().ToLower(),
                Status = o.Status.ToLower(),
                CreatedAt = o.CreatedAt,
                OrderDate = DateOnly.FromDateTime(o.CreatedAt),
                Year = o.CreatedAt.Year,
                Month = o.CreatedAt.Month,
                Day = o.CreatedAt.Day,
            })
            .DistinctBy(o => o.OrderId);

    // DistinctBy only dedupes one delivery; merging by order id replaces an order delivered again in a later file.
    [S3Sink("s3://acme-curated/orders/", Format = DataFormat.Parquet, Compression = Compression.Snappy, Database = "retail_curated", Table = "orders",
        Mode = WriteMode.Merge, Key = nameof(Order.OrderId))]
    [PartitionBy("Year", "Month", "Day")]
    [Quality("RowCount > 0")]
    [OnQualityFailure(QualityAction.Fail)]
    public Dataset<Order> Curated(Dataset<Order> clean) => clean;
}

/// <summary>An order as the shop's export writes it (one JSON object per line).</summary>
public sealed record RawOrder
{
    public required string OrderId { get; init; }

    /// <summary>Null for guest checkouts that were never linked to a customer.</summary>
    public string? CustomerId { get; init; }

    /// <summary>Negative for refunds, which this feed also carries.</summary>
    public decimal Amount { get; init; }

    /// <summary>ISO 4217 code, in whatever case the shop sent.</summary>
    public required string Currency { get; init; }

    /// <summary>placed, shipped, cancelled — or "test" for QA orders.</summary>
    public required string Status { get; init; }

    public string? Channel { get; init; }

    public DateTime CreatedAt { get; init; }
}

/// <summary>A curated order: one row per order id, partitioned by the day it was placed.</summary>
public sealed record Order
{
    [Key]
    [MaxLength(32)]
    [Pattern("^ORD-[0-9]{6}$")]
    public required string OrderId { get; init; }

    /// <summary>Nullable in the type because the raw column is; the rule says it never is.</summary>
    [NotNull]
    [MaxLength(32)]
    public string? CustomerId { get; init; }

    [Range(0, 100_000)]
    [Decimal(12, 2)]
    public decimal Amount { get; init; }

    [AllowedValues("EUR", "USD", "GBP")]
    public required string Currency { get; init; }

    [AllowedValues("web", "app", "store", "unknown")]
    public required string Channel { get; init; }

    public required string Status { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateOnly OrderDate { get; init; }

    public int Year { get; init; }

    public int Month { get; init; }

    public int Day { get; init; }
}

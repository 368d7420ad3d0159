namespace Pipeline.Generators.Tests;

/// <summary>Pipeline sources the generator tests compile.</summary>
internal static class TestPipelines
{
    public const string Records = """
        using System;
        using Pipeline.Dsl;

        namespace Shop;

        public sealed record RawOrder
        {
            [Column("order_id")] public string? OrderId { get; init; }
            public string? CustomerId { get; init; }
            public decimal Amount { get; init; }
            public string? Status { get; init; }
            public string? Currency { get; init; }
            public DateTime CreatedAt { get; init; }
            public int? Quantity { get; init; }
        }

        public sealed record Order
        {
            [Key] public required string OrderId { get; init; }
            [NotNull] public required string CustomerId { get; init; }
            [Range(0, 100000)][Decimal(12, 2)] public decimal Amount { get; init; }
            [AllowedValues("EUR", "USD")] public string? Currency { get; init; }
            public DateOnly OrderDate { get; init; }
            public int Year { get; init; }
            public int Month { get; init; }
            public int Day { get; init; }
            public long Units { get; init; }
            public bool Large { get; init; }
        }
        """;

    public const string OrdersDaily = """
        using System;
        using Pipeline.Dsl;

        namespace Shop;

        [GlueJob("orders-daily", Schedule = "cron(0 2 * * ? *)", WorkerType = WorkerType.G1X, Workers = 10, TimeoutMinutes = 60)]
        [Tag("owner", "data-platform")]
        [Tag("cost-center", "retail")]
        public sealed partial class OrdersDaily
        {
            private const decimal LargeOrder = 1000m;

            [S3Source("s3://acme-raw/orders/", Format = DataFormat.Json)]
            public partial Dataset<RawOrder> Orders { get; }

            [Transform]
            public Dataset<Order> Clean(Dataset<RawOrder> orders) =>
                orders
                    .Where(o => o.Amount > 0 && o.Status != "test" && o.CustomerId != null && !o.OrderId!.StartsWith("TMP"))
                    .Select(o => new Order
                    {
                        OrderId = o.OrderId!.Trim(),
                        CustomerId = o.CustomerId!,
                        Amount = o.Amount,
                        Currency = o.Currency == null ? "EUR" : o.Currency.ToUpper(),
                        OrderDate = DateOnly.FromDateTime(o.CreatedAt),
                        Year = o.CreatedAt.Year,
                        Month = o.CreatedAt.Month,
                        Day = o.CreatedAt.Day,
                        Units = o.Quantity ?? 1,
                        Large = o.Amount >= LargeOrder,
                    })
                    .DistinctBy(o => o.OrderId);

            [S3Sink("s3://acme-curated/orders/", Format = DataFormat.Parquet, Compression = Compression.Snappy, Database = "retail_curated")]
            [PartitionBy("Year", "Month", "Day")]
            [Quality("RowCount > 0")]
            [OnQualityFailure(QualityAction.Fail)]
            public Dataset<Order> Curated(Dataset<Order> clean) => clean;
        }
        """;

    public const string CustomerRevenue = """
        using System;
        using Pipeline.Dsl;

        namespace Shop;

        public sealed record CatalogOrder
        {
            public required string OrderId { get; init; }
            public required string CustomerId { get; init; }
            public decimal Amount { get; init; }
            public DateOnly OrderDate { get; init; }
        }

        public sealed record Customer
        {
            public required string CustomerId { get; init; }
            public string? Segment { get; init; }
        }

        public sealed record OrderWithSegment
        {
            public required string CustomerId { get; init; }
            public string? Segment { get; init; }
            public decimal Amount { get; init; }
            public DateOnly OrderDate { get; init; }
        }

        public sealed record SegmentRevenue
        {
            public string? Segment { get; init; }
            public DateOnly OrderDate { get; init; }
            public int Orders { get; init; }
            public decimal Revenue { get; init; }
            public decimal AverageOrder { get; init; }
        }

        [GlueJob("customer-revenue", TimeoutMinutes = 30, Workers = 4, GlueVersion = "5.0")]
        public partial class CustomerRevenue
        {
            [CatalogSource("retail", "orders", PushDownPredicate = "order_date >= '2024-01-01'")]
            public partial Dataset<CatalogOrder> Orders { get; }

            [CatalogSource("retail", "customers")]
            public partial Dataset<Customer> Customers { get; }

            [Transform]
            public Dataset<OrderWithSegment> Enriched(Dataset<CatalogOrder> orders, Dataset<Customer> customers) =>
                orders.LeftJoin(customers, o => o.CustomerId, c => c.CustomerId, (o, c) => new OrderWithSegment
                {
                    CustomerId = o.CustomerId,
                    Segment = c == null ? "unknown" : c.Segment,
                    Amount = o.Amount,
                    OrderDate = o.OrderDate,
                });

            [S3Sink("s3://acme-curated/segment-revenue/", Database = "retail_curated", Mode = WriteMode.OverwritePartitions)]
            [PartitionBy("OrderDate")]
            [Quality("Completeness \"segment\" > 0.9, ColumnValues \"orders\" > 0")]
            [OnQualityFailure(QualityAction.Quarantine, QuarantinePath = "s3://acme-quarantine/segment-revenue/")]
            public Dataset<SegmentRevenue> SegmentRevenue(Dataset<OrderWithSegment> enriched) =>
                enriched.GroupBy(x => new { x.Segment, x.OrderDate }, (k, g) => new SegmentRevenue
                {
                    Segment = k.Segment,
                    OrderDate = k.OrderDate,
                    Orders = g.Count(),
                    Revenue = g.Sum(x => x.Amount),
                    AverageOrder = g.Average(x => x.Amount),
                });
        }
        """;
}

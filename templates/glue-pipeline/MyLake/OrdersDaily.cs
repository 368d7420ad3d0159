using System;
using Pipeline.Dsl;

namespace MyLake;

/// <summary>
/// Cleans the raw order feed once a day: drops test orders and refunds, normalizes the currency and writes the
/// orders as Parquet partitioned by day. `dotnet build` writes its Glue script, DQDL ruleset, Terraform and dashboard
/// to pipeline-artifacts/; `dotnet run` runs it locally on data/.
/// </summary>
[GlueJob("orders-daily", Schedule = "cron(0 2 * * ? *)", WorkerType = WorkerType.G1X, Workers = 2, TimeoutMinutes = 60)]
[Tag("owner", "data-platform")]
[Tag("cost-center", "analytics")]
public sealed partial class OrdersDaily
{
    [S3Source("s3://example-raw/orders/", Format = DataFormat.Json)]
    public partial Dataset<RawOrder> Orders { get; }

    [Transform]
    public Dataset<Order> Clean(Dataset<RawOrder> orders) =>
        orders.Where(o => o.Amount > 0 && o.Status != "test")
              .Select(o => new Order
              {
                  OrderId = o.OrderId.Trim(),
                  Amount = o.Amount,
                  Currency = o.Currency.ToUpper(),
                  Year = o.CreatedAt.Year,
                  Month = o.CreatedAt.Month,
                  Day = o.CreatedAt.Day,
              })
              .DistinctBy(o => o.OrderId);

    [S3Sink("s3://example-curated/orders/", Format = DataFormat.Parquet, Compression = Compression.Snappy, Database = "curated")]
    [PartitionBy(nameof(Order.Year), nameof(Order.Month), nameof(Order.Day))]
    [Quality("RowCount > 0")]
    [OnQualityFailure(QualityAction.Fail)]
    public Dataset<Order> Curated(Dataset<Order> clean) => clean;
}

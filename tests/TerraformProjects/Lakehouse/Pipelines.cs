using System;
using Pipeline.Dsl;

namespace Lakehouse;

/// <summary>Started by new files in the partner's drop bucket (EVENT trigger); bad rows are quarantined.</summary>
[GlueJob("partner-shipments", Start = JobStart.OnNewData, BatchSize = 10, BatchWindowSeconds = 300, Workers = 2, TimeoutMinutes = 30)]
[Tag("owner", "lake-team")]
[Tag("cost-center", "cc-9000")]
public sealed partial class PartnerShipments
{
    [S3Source("s3://partner-drop/shipments/", Format = DataFormat.Csv)]
    public partial Dataset<RawShipment> Shipments { get; }

    [Transform]
    public Dataset<Shipment> Clean(Dataset<RawShipment> shipments) =>
        shipments.Where(s => s.Weight > 0)
                 .Select(s => new Shipment { ShipmentId = s.ShipmentId.Trim(), Carrier = s.Carrier.ToUpper(), Weight = s.Weight, ShippedOn = s.ShippedOn });

    [S3Sink("s3://lh-curated/shipments/", Database = "lh_curated", Table = "shipments")]
    [PartitionBy("ShippedOn")]
    [Quality("RowCount > 0")]
    [Quality("IsUnique \"shipment_id\"")]
    [OnQualityFailure(QualityAction.Quarantine, QuarantinePath = "s3://lh-curated/quarantine/shipments/")]
    public Dataset<Shipment> Curated(Dataset<Shipment> clean) => clean;
}

/// <summary>Daily carrier volumes from the curated shipments (runs after partner-shipments in its workflow).</summary>
[GlueJob("carrier-volumes", GlueVersion = "5.0", Schedule = "cron(0 6 * * ? *)", Workers = 3, TimeoutMinutes = 45)]
[Tag("owner", "lake-team")]
[Tag("cost-center", "cc-9000")]
public sealed partial class CarrierVolumes
{
    [CatalogSource("lh_curated", "shipments", Location = "s3://lh-curated/shipments/")]
    public partial Dataset<Shipment> Shipments { get; }

    [Transform]
    public Dataset<CarrierVolume> Volumes(Dataset<Shipment> shipments) =>
        shipments.GroupBy(s => new { s.Carrier, s.ShippedOn }, (k, g) => new CarrierVolume { Carrier = k.Carrier, ShippedOn = k.ShippedOn, Shipments = g.Count(), Weight = g.Sum(x => x.Weight) });

    // Shipments arrive in increments: each run recomputes the days its new shipments touch and replaces them (PIPE108).
    [S3Sink("s3://lh-analytics/carrier-volumes/", Database = "lh_analytics", Table = "carrier_volumes", Mode = WriteMode.OverwritePartitions)]
    [PartitionBy("ShippedOn")]
    [Quality("RowCount > 0")]
    public Dataset<CarrierVolume> Report(Dataset<CarrierVolume> volumes) => volumes;
}

public sealed record RawShipment
{
    public required string ShipmentId { get; init; }

    public required string Carrier { get; init; }

    public decimal Weight { get; init; }

    public DateOnly ShippedOn { get; init; }
}

public sealed record Shipment
{
    [Key]
    public required string ShipmentId { get; init; }

    public required string Carrier { get; init; }

    [Decimal(12, 3)]
    public decimal Weight { get; init; }

    public DateOnly ShippedOn { get; init; }
}

public sealed record CarrierVolume
{
    public required string Carrier { get; init; }

    public DateOnly ShippedOn { get; init; }

    public int Shipments { get; init; }

    [Decimal(18, 3)]
    public decimal Weight { get; init; }
}

using System.Linq;
using System.Text.Json.Nodes;
using Pipeline.Generators.Emit;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;
using JsonObject = System.Text.Json.Nodes.JsonObject;

namespace Pipeline.Terraform.Tests;

/// <summary><c>[PartitionProjection]</c>: the sink's catalog table carries Athena's projection parameters, exactly.</summary>
public class PartitionProjectionTests
{
    private static PipelineSpec ProjectedOrders()
    {
        var spec = Specs.OrdersDaily();
        var stages = spec.Stages.Select(s => s.Sink is null ? s : s with
        {
            Sink = s.Sink with
            {
                Projection = new[]
                {
                    new PartitionProjectionSpec("year", ProjectionKind.Integer, "2020,2035", 0, null, null, EquatableArray<string>.Empty),
                    new PartitionProjectionSpec("month", ProjectionKind.Integer, "1,12", 0, null, null, EquatableArray<string>.Empty),
                    new PartitionProjectionSpec("day", ProjectionKind.Integer, "1,31", 0, null, null, EquatableArray<string>.Empty),
                }.ToEquatableArray(),
            },
        });
        return spec with { Stages = stages.ToEquatableArray() };
    }

    private static JsonObject Table(PipelineSpec spec) =>
        TerraformChecks.Parse(TerraformEmitter.EmitPipeline(spec))["resource"]!["aws_glue_catalog_table"]!["orders_daily_curated"]!.AsObject();

    [Fact]
    public void Projection_parameters_are_exact_and_the_template_escapes_athena_placeholders()
    {
        var parameters = Table(ProjectedOrders())["parameters"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        Assert.Equal(
            new System.Collections.Generic.Dictionary<string, string>
            {
                ["EXTERNAL"] = "TRUE",
                ["classification"] = "parquet",
                ["compressionType"] = "snappy",
                ["useGlueParquetWriter"] = "true",
                ["parquet.compression"] = "SNAPPY",
                ["projection.enabled"] = "true",
                ["projection.year.type"] = "integer",
                ["projection.year.range"] = "2020,2035",
                ["projection.month.type"] = "integer",
                ["projection.month.range"] = "1,12",
                ["projection.day.type"] = "integer",
                ["projection.day.range"] = "1,31",
                // $${year} is Terraform's escape: Athena receives ${year}; the bucket stays the environment's.
                ["storage.location.template"] = "s3://${local.bucket_acme_curated}/orders/year=$${year}/month=$${month}/day=$${day}/",
            },
            parameters);
        Assert.Equal("s3://${local.bucket_acme_curated}/orders/", Table(ProjectedOrders())["storage_descriptor"]!["location"]!.GetValue<string>());
    }

    [Fact]
    public void Date_and_enum_projections_and_digits()
    {
        var spec = ProjectedOrders();
        var stages = spec.Stages.Select(s => s.Sink is null ? s : s with
        {
            Sink = s.Sink with
            {
                PartitionKeys = new[] { "status", "order_date", "day" }.ToEquatableArray(),
                Projection = new[]
                {
                    new PartitionProjectionSpec("status", ProjectionKind.Enum, null, 0, null, null, new[] { "paid", "shipped" }.ToEquatableArray()),
                    new PartitionProjectionSpec("order_date", ProjectionKind.Date, "2024-01-01,NOW", 0, "yyyy-MM-dd", "DAYS", EquatableArray<string>.Empty),
                    new PartitionProjectionSpec("day", ProjectionKind.Integer, "1,31", 2, null, null, EquatableArray<string>.Empty),
                }.ToEquatableArray(),
            },
        });
        var parameters = Table(spec with { Stages = stages.ToEquatableArray() })["parameters"]!.AsObject()
            .Where(p => p.Key.StartsWith("projection.", System.StringComparison.Ordinal) || p.Key.StartsWith("storage.", System.StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>());
        Assert.Equal(
            new System.Collections.Generic.Dictionary<string, string>
            {
                ["projection.enabled"] = "true",
                ["projection.status.type"] = "enum",
                ["projection.status.values"] = "paid,shipped",
                ["projection.order_date.type"] = "date",
                ["projection.order_date.range"] = "2024-01-01,NOW",
                ["projection.order_date.format"] = "yyyy-MM-dd",
                ["projection.order_date.interval.unit"] = "DAYS",
                ["projection.day.type"] = "integer",
                ["projection.day.range"] = "1,31",
                ["projection.day.digits"] = "2",
                ["storage.location.template"] = "s3://${local.bucket_acme_curated}/orders/status=$${status}/order_date=$${order_date}/day=$${day}/",
            },
            parameters);
    }

    [Fact]
    public void Projected_table_matches_baseline_and_keeps_the_module_valid()
    {
        var spec = ProjectedOrders();
        var text = TerraformEmitter.EmitPipeline(spec);
        Baseline.AssertMatches(text, nameof(Projected_table_matches_baseline_and_keeps_the_module_valid), "orders-daily.tf.json");
        var files = Specs.Module(spec).Where(p => p.Key.EndsWith(".tf.json", System.StringComparison.Ordinal)).Select(p => TerraformChecks.Parse(p.Value)).ToList();
        Assert.Empty(TerraformChecks.UnresolvedReferences(files));
        Assert.Empty(TerraformChecks.Cycles(files));
        Assert.All(files, f => Assert.Empty(TerraformChecks.UndocumentedArguments(f, SharedReference.TerraformDocs)));
    }

    [Fact]
    public void Without_projection_the_table_has_no_projection_parameters() =>
        Assert.DoesNotContain(Table(Specs.OrdersDaily())["parameters"]!.AsObject(), p => p.Key.StartsWith("projection.", System.StringComparison.Ordinal));
}

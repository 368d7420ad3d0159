using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Generators.Emit;

namespace Pipeline.Terraform.Tests;

public class DashboardEmitterTests
{
    public static TheoryData<string> Pipelines => new() { "orders-daily", "customer-revenue" };

    private static void AssertWidgets(JsonObject body, string expectedRegion, string job)
    {
        var widgets = body["widgets"]!.AsArray();
        Assert.InRange(widgets.Count, 5, 500);
        foreach (var widget in widgets.Select(w => w!.AsObject()))
        {
            var type = widget["type"]!.GetValue<string>();
            Assert.Contains(type, new[] { "metric", "text", "log", "alarm", "explorer" });
            var x = widget["x"]!.GetValue<int>();
            var width = widget["width"]!.GetValue<int>();
            Assert.InRange(x, 0, 23);
            Assert.InRange(x + width, 1, 24);
            if (type is "metric" or "log")
            {
                Assert.Equal(expectedRegion, widget["properties"]!["region"]!.GetValue<string>());
            }
        }

        var metrics = widgets.Where(w => w!["type"]!.GetValue<string>() == "metric")
            .SelectMany(w => w!["properties"]!["metrics"]!.AsArray()).Select(m => m!.ToJsonString()).ToList();
        Assert.Contains(metrics, m => m.Contains("\"glue.driver.aggregate.elapsedTime\",\"JobName\",\"" + job + "\",\"JobRunId\",\"ALL\",\"Type\",\"count\""));
        Assert.Contains(metrics, m => m.Contains("glue.driver.aggregate.recordsRead"));
        Assert.Contains(metrics, m => m.Contains("recordsWritten"));
        Assert.Contains(metrics, m => m.Contains("glue.driver.aggregate.numFailedTasks"));
        Assert.Contains(metrics, m => m.Contains("glue.error.ALL"));
        Assert.Contains(metrics, m => m.Contains("Glue Data Quality") && m.Contains("glue.data.quality.rules.passed"));
        Assert.Contains(metrics, m => m.Contains("Glue Data Quality") && m.Contains("glue.data.quality.rules.failed"));
        var log = widgets.Single(w => w!["type"]!.GetValue<string>() == "log")!;
        Assert.StartsWith("SOURCE '/aws-glue/jobs/" + job + "/", log["properties"]!["query"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Standalone_body_parses_and_every_widget_has_the_default_region(string name)
    {
        var spec = Specs.ByName(name);
        var body = TerraformChecks.Parse(DashboardEmitter.Emit(spec));
        AssertWidgets(body, DashboardEmitter.DefaultRegion, spec.Job.Name);
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Embedded_body_is_the_same_dashboard_with_the_region_variable(string name)
    {
        var spec = Specs.ByName(name);
        var file = TerraformChecks.Parse(TerraformEmitter.EmitPipeline(spec));
        var dashboard = file["resource"]!["aws_cloudwatch_dashboard"]![spec.Job.Identifier]!;
        Assert.Equal(DashboardEmitter.DashboardName(spec), dashboard["dashboard_name"]!.GetValue<string>());
        Assert.Matches("^[A-Za-z0-9_-]{1,255}$", dashboard["dashboard_name"]!.GetValue<string>());

        var embedded = dashboard["dashboard_body"]!.GetValue<string>();
        Assert.Contains("\"region\": \"${var.aws_region}\"", embedded);
        Assert.Equal(new[] { "var.aws_region" }, TerraformChecks.Interpolations(embedded).SelectMany(TerraformChecks.References).Distinct());
        var body = TerraformChecks.Parse(embedded);
        AssertWidgets(body, "${var.aws_region}", spec.Job.Name);

        // What Terraform renders for a region equals the standalone body for that region.
        Assert.Equal(DashboardEmitter.Emit(spec, "eu-west-1"), embedded.Replace("${var.aws_region}", "eu-west-1"));
    }

    [Fact]
    public void Log_widget_reads_the_groups_the_terraform_creates()
    {
        var spec = Specs.CustomerRevenue();
        var file = TerraformChecks.Parse(Specs.Module()["terraform/glue.tf.json"]);
        var groups = file["resource"]!["aws_cloudwatch_log_group"]!.AsObject().Where(g => g.Key.StartsWith("customer_revenue_", StringComparison.Ordinal)).Select(g => g.Value!["name"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { "/aws-glue/jobs/customer-revenue/error", "/aws-glue/jobs/customer-revenue/output" }, groups);
        var query = TerraformChecks.Parse(DashboardEmitter.Emit(spec))["widgets"]!.AsArray()
            .Single(w => w!["type"]!.GetValue<string>() == "log")!["properties"]!["query"]!.GetValue<string>();
        foreach (var group in groups)
        {
            Assert.Contains("SOURCE '" + group + "'", query);
        }
    }
}

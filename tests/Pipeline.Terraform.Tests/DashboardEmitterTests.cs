using System;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Generators.Emit;
using static Pipeline.Generators.Helpers.EquatableArray;


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
        Assert.StartsWith("SOURCE '", log["properties"]!["query"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Standalone_body_parses_and_every_widget_has_the_environments_region(string name)
    {
        // Was us-east-1 whatever the stack's region: the file must name the region the environments deploy to.
        var spec = Specs.ByName(name);
        var body = TerraformChecks.Parse(Specs.Dashboard(spec));
        Assert.All(Specs.Stack().Environments, e => Assert.Equal("eu-west-1", e.Region));
        AssertWidgets(body, "eu-west-1", spec.Job.Name);
        Assert.DoesNotContain("us-east-1", Specs.Dashboard(spec));
    }

    [Fact]
    public void Environments_in_several_regions_get_one_standalone_dashboard_each()
    {
        var stack = Specs.Stack() with
        {
            Environments = new[]
            {
                new Pipeline.Generators.Model.EnvironmentSpec("dev", null, "eu-west-1", "-dev", 2, false, null),
                new Pipeline.Generators.Model.EnvironmentSpec("prod", null, "us-west-2", "", 0, true, null),
            }.ToEquatableArray(),
        };
        var files = ArtifactEmitter.EmitShared(stack).Where(a => a.Path.StartsWith("dashboards/", StringComparison.Ordinal)).ToDictionary(a => a.Path, a => a.Content);
        Assert.Contains("\"region\": \"us-west-2\"", files["dashboards/orders-daily.prod.json"]);
        Assert.Contains("\"region\": \"eu-west-1\"", files["dashboards/orders-daily.dev.json"]);
        Assert.DoesNotContain("dashboards/orders-daily.json", files.Keys);
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
        var references = TerraformChecks.Interpolations(embedded).SelectMany(TerraformChecks.References).Distinct().ToList();
        Assert.Contains("var.aws_region", references);
        Assert.All(references.Where(r => r != "var.aws_region"), r => Assert.StartsWith("aws_cloudwatch_log_group." + spec.Job.Identifier + "_", r));

        // What Terraform renders (the region, the groups' names) equals the standalone body.
        var rendered = embedded.Replace("${var.aws_region}", "eu-west-1");
        foreach (var group in TerraformEmitter.LogGroups(spec.Job.Name, spec.Job.GlueVersion, Specs.Stack().Settings.Name))
        {
            rendered = rendered.Replace("${aws_cloudwatch_log_group." + spec.Job.Identifier + "_" + group.Suffix + ".name}", group.Name);
        }

        Assert.Equal(Specs.Dashboard(spec), rendered);
    }

    [Fact]
    public void Log_widget_reads_the_groups_the_terraform_creates()
    {
        var spec = Specs.CustomerRevenue();
        var file = TerraformChecks.Parse(Specs.Module()["terraform/glue.tf.json"]);
        var groups = file["resource"]!["aws_cloudwatch_log_group"]!.AsObject().Where(g => g.Key.StartsWith("customer_revenue_", StringComparison.Ordinal)).Select(g => g.Value!["name"]!.GetValue<string>()).ToList();
        // Under the stack's security configuration (CloudWatch encryption) Glue writes to the role-and-configuration groups.
        Assert.Equal(new[] { "/aws-glue/jobs-glue-customer-revenue-acme-lake/error", "/aws-glue/jobs-glue-customer-revenue-acme-lake/output" }, groups);
        var query = TerraformChecks.Parse(Specs.Dashboard(spec))["widgets"]!.AsArray()
            .Single(w => w!["type"]!.GetValue<string>() == "log")!["properties"]!["query"]!.GetValue<string>();
        foreach (var group in groups)
        {
            Assert.Contains("SOURCE '" + group + "'", query);
        }
    }
}

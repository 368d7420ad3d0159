using System;
using System.Collections.Immutable;
using System.Linq;
using System.Text.Json.Nodes;
using Pipeline.Generators.Emit;
using Pipeline.Generators.Model;
using Pipeline.Generators.Parsing;
using static Pipeline.Generators.Helpers.EquatableArray;

namespace Pipeline.Terraform.Tests;

/// <summary>
/// A project without any stack attributes (every default), and the review findings about defaults: empty blocks that
/// terraform init rejects, "unassigned" owner tags, buckets the stack only reads, schedules that ignore the environment.
/// </summary>
public class StackDefaultsTests
{
    private static PipelineSpec Tagged(PipelineSpec spec, string owner, string costCenter) => spec with
    {
        Job = spec.Job with { Tags = new[] { new TagSpec("owner", owner), new TagSpec("cost-center", costCenter) }.ToEquatableArray() },
    };

    /// <summary>The stack of a project with no [PipelineStack], [DataZone] or [DeploymentEnvironment].</summary>
    private static StackSpec Undeclared(params PipelineSpec[] pipelines) => ArtifactEmitter.BuildStack(
        ImmutableArray.Create(pipelines),
        new StackAttributes(StackParser.DefaultSettings("Minimal.Lake"), Pipeline.Generators.Helpers.EquatableArray<ZoneSpec>.Empty, StackParser.DefaultEnvironments().ToEquatableArray()));

    private static JsonObject DefaultTags(StackSpec stack) =>
        TerraformChecks.Parse(TerraformEmitter.EmitStack(stack).Single(a => a.Path == "terraform/main.tf.json").Content)["provider"]!["aws"]!["default_tags"]!["tags"]!.AsObject();

    [Fact] // terraform init: "Missing block label" on "data": {} in glue.tf.json of a project without crawled zones
    public void No_file_has_an_empty_block()
    {
        var stack = Undeclared(Specs.OrdersDaily());
        Assert.Empty(TerraformEmitter.CrawledZones(stack));
        foreach (var artifact in TerraformEmitter.EmitStack(stack).Where(a => a.Path.EndsWith(".tf.json", StringComparison.Ordinal)))
        {
            var file = TerraformChecks.Parse(artifact.Content);
            foreach (var (section, value) in file)
            {
                if (value is JsonObject blocks && section != "//")
                {
                    Assert.True(blocks.Count > 0, $"{artifact.Path}: empty \"{section}\"");
                    if (section is "data" or "resource")
                    {
                        Assert.All(blocks, type => Assert.True(type.Value!.AsObject().Count > 0, $"{artifact.Path}: empty {section} {type.Key}"));
                    }
                }
            }
        }
    }

    [Fact] // review: without [PipelineStack] the default tags said Owner/CostCenter = "unassigned"
    public void Default_tags_come_from_the_jobs_when_the_stack_declares_none()
    {
        var tags = DefaultTags(Undeclared(Tagged(Specs.OrdersDaily(), "data-platform", "cc-1"), Tagged(Specs.CustomerRevenue(), "data-platform", "cc-1")));
        Assert.Equal("data-platform", tags["Owner"]!.GetValue<string>());
        Assert.Equal("cc-1", tags["CostCenter"]!.GetValue<string>());

        // Jobs that disagree: no stack-wide value (each job's resources carry their own), and never "unassigned".
        var mixed = DefaultTags(Undeclared(Tagged(Specs.OrdersDaily(), "data-platform", "cc-1"), Tagged(Specs.CustomerRevenue(), "marketing", "cc-1")));
        Assert.Null(mixed["Owner"]);
        Assert.Equal("cc-1", mixed["CostCenter"]!.GetValue<string>());
        Assert.DoesNotContain("unassigned", TerraformEmitter.EmitStack(Undeclared(Specs.OrdersDaily())).Single(a => a.Path == "terraform/main.tf.json").Content);
    }

    [Fact] // review: a bucket the pipelines only read (another team's drop) got our lifecycle, notifications and policy
    public void A_bucket_that_is_only_read_is_referenced_not_managed()
    {
        var stack = Undeclared(Specs.OrdersDaily());
        var raw = stack.Zones.Single(z => z.Bucket == "acme-raw");
        Assert.False(raw.Managed);
        Assert.True(stack.Zones.Single(z => z.Bucket == "acme-curated").Managed);
        var module = TerraformEmitter.EmitStack(stack).ToDictionary(a => a.Path, a => a.Content);
        var storage = TerraformChecks.Parse(module["terraform/storage.tf.json"]);
        foreach (var (type, instances) in storage["resource"]!.AsObject())
        {
            Assert.DoesNotContain(instances!.AsObject(), i => i.Key == TerraformEmitter.ZoneResource(raw));
        }

        var main = TerraformChecks.Parse(module["terraform/main.tf.json"]);
        Assert.Equal("${var.bucket_acme_raw}", main["locals"]!["bucket_acme_raw"]!.GetValue<string>());
    }

    [Fact] // review: the crawler's schedule ignored schedules_enabled (dev crawled on schedule)
    public void Crawler_schedule_is_off_where_the_environment_turns_schedules_off()
    {
        var glue = TerraformChecks.Parse(Specs.Module()["terraform/glue.tf.json"]);
        var crawler = glue["resource"]!["aws_glue_crawler"]!["zone_raw_crawler"]!;
        Assert.Equal("${var.schedules_enabled ? \"cron(0 1 * * ? *)\" : null}", crawler["schedule"]!.GetValue<string>());
    }
}

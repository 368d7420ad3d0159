using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Pipeline.Generators.Emit;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;
using JsonArray = System.Text.Json.Nodes.JsonArray;
using JsonObject = System.Text.Json.Nodes.JsonObject;

namespace Pipeline.Terraform.Tests;

/// <summary>
/// <c>Start = JobStart.OnNewData</c>: a Glue workflow whose start trigger is an EVENT trigger, fed by an EventBridge rule on
/// the source prefixes through a target whose role may only <c>glue:notifyEvent</c> that workflow.
/// </summary>
public class EventTriggerTests
{
    /// <summary>orders-daily started by new data under s3://acme-raw/orders/ (batches of 10 events or 5 minutes).</summary>
    internal static PipelineSpec NewDataOrders(string? sourcePath = null)
    {
        var spec = Specs.OrdersDaily();
        var job = spec.Job with { Schedule = null, Start = JobStartKind.OnNewData, BatchSize = 10, BatchWindowSeconds = 300 };
        var sources = sourcePath is null ? spec.Sources : new[] { spec.Sources[0] with { Path = sourcePath } }.ToEquatableArray();
        return spec with { Job = job, Sources = sources };
    }

    private static Dictionary<string, JsonObject> Module(params PipelineSpec[] pipelines) =>
        Specs.Module(pipelines).Where(p => p.Key.EndsWith(".tf.json", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => TerraformChecks.Parse(p.Value));

    private static JsonObject Workflows(params PipelineSpec[] pipelines) => Module(pipelines)["terraform/workflows.tf.json"];

    private static JsonObject Resource(JsonObject file, string type, string name) =>
        file["resource"]?[type]?[name] as JsonObject ?? throw new Xunit.Sdk.XunitException($"missing resource {type}.{name}");

    private static string[] Strings(JsonNode? node) => node is JsonArray array ? array.Select(a => a!.GetValue<string>()).ToArray() : Array.Empty<string>();

    private static void AssertValidModule(Dictionary<string, JsonObject> module)
    {
        var files = module.Values.ToList();
        Assert.Empty(TerraformChecks.UnresolvedReferences(files));
        Assert.Empty(TerraformChecks.Cycles(files));
        Assert.All(files, f => Assert.Empty(TerraformChecks.UndocumentedArguments(f, SharedReference.TerraformDocs)));
    }

    [Fact]
    public void Event_workflow_matches_baseline()
    {
        foreach (var artifact in TerraformEmitter.EmitStack(Specs.Stack(Specs.CustomerRevenue(), NewDataOrders())))
        {
            if (artifact.Path is "terraform/workflows.tf.json" or "terraform/notifications.tf.json")
            {
                Baseline.AssertMatches(artifact.Content, nameof(Event_workflow_matches_baseline), artifact.Path.Replace("terraform/", ""));
            }
        }
    }

    [Fact]
    public void Standalone_job_started_by_new_data_gets_its_own_workflow_with_an_event_trigger()
    {
        var module = Module(NewDataOrders());
        var workflows = module["terraform/workflows.tf.json"];
        var workflow = Assert.Single(workflows["resource"]!["aws_glue_workflow"]!.AsObject());
        Assert.Equal("wf_orders_daily", workflow.Key);
        var trigger = Assert.Single(workflows["resource"]!["aws_glue_trigger"]!.AsObject()).Value!;
        Assert.Equal("EVENT", trigger["type"]!.GetValue<string>());
        Assert.Equal("${aws_glue_workflow.wf_orders_daily.name}", trigger["workflow_name"]!.GetValue<string>());
        Assert.Equal(10, trigger["event_batching_condition"]!["batch_size"]!.GetValue<int>());
        Assert.Equal(300, trigger["event_batching_condition"]!["batch_window"]!.GetValue<int>());
        Assert.Equal(new[] { "${aws_glue_job.orders_daily.name}" }, trigger["actions"]!.AsArray().Select(a => a!["job_name"]!.GetValue<string>()));
        Assert.Null(trigger["schedule"]);
        Assert.Null(workflows["variable"]); // no schedule variable
        AssertValidModule(module);
    }

    [Fact]
    public void Dependent_jobs_stay_conditional_in_the_workflow_started_by_the_event_trigger()
    {
        var pipelines = new[] { Specs.CustomerRevenue(), NewDataOrders() };
        Assert.Single(Specs.Stack(pipelines).Dependencies);
        var workflows = Workflows(pipelines);
        var workflowName = "${aws_glue_workflow.wf_orders_daily.name}";
        var triggers = workflows["resource"]!["aws_glue_trigger"]!.AsObject();
        Assert.All(triggers, t => Assert.Equal(workflowName, t.Value!["workflow_name"]!.GetValue<string>()));

        // Exactly one start (no predicate), and it is the EVENT trigger running the upstream job.
        var start = Assert.Single(triggers, t => t.Value!["predicate"] is null).Value!;
        Assert.Equal("EVENT", start["type"]!.GetValue<string>());
        Assert.Equal(new[] { "${aws_glue_job.orders_daily.name}" }, start["actions"]!.AsArray().Select(a => a!["job_name"]!.GetValue<string>()));

        // Every other trigger is CONDITIONAL on SUCCEEDED; the job → job graph is acyclic and reaches every job from the start.
        var edges = new List<PipelineDependency>();
        foreach (var (_, trigger) in triggers.Where(t => t.Value!["predicate"] is not null))
        {
            Assert.Equal("CONDITIONAL", trigger!["type"]!.GetValue<string>());
            foreach (var condition in trigger["predicate"]!["conditions"]!.AsArray())
            {
                Assert.Equal("SUCCEEDED", condition!["state"]!.GetValue<string>());
                edges.AddRange(trigger["actions"]!.AsArray().Select(a => new PipelineDependency(condition["job_name"]!.GetValue<string>(), a!["job_name"]!.GetValue<string>(), "")));
            }
        }

        Assert.Equal(new[] { "${aws_glue_job.orders_daily.name}->${aws_glue_job.customer_revenue.name}" }, edges.Select(e => e.Upstream + "->" + e.Downstream));
        Assert.Null(StackGraph.FindCycle(edges));
        AssertValidModule(Module(pipelines));
    }

    [Fact]
    public void Rule_matches_object_created_events_of_the_source_bucket_and_prefix()
    {
        var workflows = Workflows(NewDataOrders());
        var rule = Resource(workflows, "aws_cloudwatch_event_rule", "wf_orders_daily_new_data");
        Assert.Equal("acme-lake-orders-daily-new-data", rule["name"]!.GetValue<string>());
        Assert.Null(rule["//"]); // acme-raw is managed: storage.tf.json turns its EventBridge notifications on
        var pattern = JsonNode.Parse(rule["event_pattern"]!.GetValue<string>())!;
        Assert.Equal(new[] { "aws.s3" }, Strings(pattern["source"]));
        Assert.Equal(new[] { "Object Created" }, Strings(pattern["detail-type"]));
        Assert.Equal(new[] { "${local.bucket_acme_raw}" }, Strings(pattern["detail"]!["bucket"]!["name"]));
        Assert.Equal("orders/", Assert.Single(pattern["detail"]!["object"]!["key"]!.AsArray())!["prefix"]!.GetValue<string>());

        var storage = Module(NewDataOrders())["terraform/storage.tf.json"];
        Assert.Contains(storage["resource"]!["aws_s3_bucket_notification"]!.AsObject(),
            n => n.Value!["bucket"]!.GetValue<string>() == "${aws_s3_bucket.zone_raw.id}" && n.Value["eventbridge"]!.GetValue<bool>());
    }

    [Fact]
    public void Sources_in_several_buckets_are_alternatives_and_an_unmanaged_bucket_is_called_out()
    {
        var spec = NewDataOrders();
        var second = spec.Sources[0] with { Name = "Returns", Id = "returns", Path = "s3://partner-drop/returns/in" };
        spec = spec with { Sources = new[] { spec.Sources[0], second }.ToEquatableArray() };
        var stack = Pipeline.Generators.Parsing.StackParser.Build(
            System.Collections.Immutable.ImmutableArray.Create(spec),
            new Pipeline.Generators.Parsing.StackAttributes(
                new StackSettings("acme-lake", "data-platform", "cc-1234", 90, 90, 30, 365),
                new[] { new ZoneSpec("partner", "partner-drop", false, true, null, null), new ZoneSpec("raw", "acme-raw", true, true, null, null) }.ToEquatableArray(),
                Pipeline.Generators.Parsing.StackParser.DefaultEnvironments().ToEquatableArray()));
        var workflows = TerraformChecks.Parse(TerraformEmitter.EmitStack(stack).Single(a => a.Path == "terraform/workflows.tf.json").Content);
        var rule = Resource(workflows, "aws_cloudwatch_event_rule", "wf_orders_daily_new_data");
        Assert.Contains("partner-drop", rule["//"]!.GetValue<string>());
        Assert.Contains("enable Amazon EventBridge notifications", rule["//"]!.GetValue<string>());
        var alternatives = JsonNode.Parse(rule["event_pattern"]!.GetValue<string>())!["detail"]!["$or"]!.AsArray();
        Assert.Equal(
            new[] { "${local.bucket_acme_raw} orders/", "${local.bucket_partner_drop} returns/in/" },
            alternatives.Select(a => Strings(a!["bucket"]!["name"]).Single() + " " + a["object"]!["key"]![0]!["prefix"]!.GetValue<string>()));
    }

    [Fact]
    public void Target_is_the_workflow_with_retries_the_dead_letter_queue_and_an_alarm()
    {
        var module = Module(NewDataOrders());
        var workflows = module["terraform/workflows.tf.json"];
        var target = Resource(workflows, "aws_cloudwatch_event_target", "wf_orders_daily_new_data");
        Assert.Equal("${aws_cloudwatch_event_rule.wf_orders_daily_new_data.name}", target["rule"]!.GetValue<string>());
        Assert.Equal("${aws_glue_workflow.wf_orders_daily.arn}", target["arn"]!.GetValue<string>());
        Assert.Equal("${aws_iam_role.wf_orders_daily_new_data.arn}", target["role_arn"]!.GetValue<string>());
        Assert.InRange(target["retry_policy"]!["maximum_retry_attempts"]!.GetValue<int>(), 1, 185);
        Assert.Equal("${aws_sqs_queue.alerts_dlq.arn}", target["dead_letter_config"]!["arn"]!.GetValue<string>());

        // The dead-letter queue admits this rule too; its failed invocations are alarmed like the alert rules'.
        var notifications = module["terraform/notifications.tf.json"];
        var dlq = notifications["data"]!["aws_iam_policy_document"]!["alerts_dlq_policy"]!["statement"]![0]!;
        Assert.Contains("${aws_cloudwatch_event_rule.wf_orders_daily_new_data.arn}", Strings(dlq["condition"]![0]!["values"]));
        var topic = notifications["data"]!["aws_iam_policy_document"]!["alerts_topic_policy"]!["statement"]![0]!;
        Assert.DoesNotContain("${aws_cloudwatch_event_rule.wf_orders_daily_new_data.arn}", Strings(topic["condition"]![0]!["values"]));
        var alarm = Resource(workflows, "aws_cloudwatch_metric_alarm", "wf_orders_daily_new_data_failed_invocations");
        Assert.Equal("${aws_cloudwatch_event_rule.wf_orders_daily_new_data.name}", alarm["dimensions"]!["RuleName"]!.GetValue<string>());
        Assert.Equal(new[] { "${aws_sns_topic.alerts.arn}" }, Strings(alarm["alarm_actions"]));
    }

    [Fact]
    public void Target_role_is_trusted_by_eventbridge_of_this_account_and_may_only_notify_that_workflow()
    {
        var workflows = Workflows(Specs.CustomerRevenue(), NewDataOrders());
        var documents = workflows["data"]!["aws_iam_policy_document"]!.AsObject();
        var role = Resource(workflows, "aws_iam_role", "wf_orders_daily_new_data");
        Assert.Equal("${data.aws_iam_policy_document.wf_orders_daily_new_data_assume_role.json}", role["assume_role_policy"]!.GetValue<string>());

        var trust = Assert.Single(documents["wf_orders_daily_new_data_assume_role"]!["statement"]!.AsArray())!;
        Assert.Equal(new[] { "sts:AssumeRole" }, Strings(trust["actions"]));
        var principal = Assert.Single(trust["principals"]!.AsArray())!;
        Assert.Equal("Service", principal["type"]!.GetValue<string>());
        Assert.Equal(new[] { "events.amazonaws.com" }, Strings(principal["identifiers"]));
        var condition = Assert.Single(trust["condition"]!.AsArray())!;
        Assert.Equal(("StringEquals", "aws:SourceAccount"), (condition["test"]!.GetValue<string>(), condition["variable"]!.GetValue<string>()));
        Assert.Equal(new[] { "${var.aws_account_id}" }, Strings(condition["values"]));

        var policy = Resource(workflows, "aws_iam_policy", "wf_orders_daily_new_data");
        Assert.Equal("${data.aws_iam_policy_document.wf_orders_daily_new_data.json}", policy["policy"]!.GetValue<string>());
        var statement = Assert.Single(documents["wf_orders_daily_new_data"]!["statement"]!.AsArray())!;
        Assert.Equal("Allow", statement["effect"]!.GetValue<string>());
        Assert.Equal(new[] { "glue:notifyEvent" }, Strings(statement["actions"]));
        // The ARN from the workflow's name: a document reading the resource's arn is re-read on any pending change of it.
        Assert.Equal(new[] { "arn:${var.aws_partition}:glue:${var.aws_region}:${var.aws_account_id}:workflow/acme-lake-orders-daily" }, Strings(statement["resources"]));
        Assert.Null(statement["condition"]);
        Assert.DoesNotContain(documents, d => d.Value!.ToJsonString().Contains("\"*\"", StringComparison.Ordinal) || d.Value.ToJsonString().Contains(":*", StringComparison.Ordinal));
        var attachment = Resource(workflows, "aws_iam_role_policy_attachment", "wf_orders_daily_new_data");
        Assert.Equal("${aws_iam_role.wf_orders_daily_new_data.name}", attachment["role"]!.GetValue<string>());
        Assert.Equal("${aws_iam_policy.wf_orders_daily_new_data.arn}", attachment["policy_arn"]!.GetValue<string>());
    }

    [Fact]
    public void A_scheduled_root_keeps_the_schedule_and_the_event_start_of_a_dependent_job_is_replaced()
    {
        // orders-daily scheduled upstream; customer-revenue (downstream) declares OnNewData on a catalog location.
        var downstream = Specs.CustomerRevenue();
        downstream = downstream with { Job = downstream.Job with { Start = JobStartKind.OnNewData } };
        var workflows = Workflows(downstream, Specs.OrdersDaily());
        Assert.Null(workflows["resource"]!["aws_cloudwatch_event_rule"]);
        var after = Resource(workflows, "aws_glue_trigger", "customer_revenue_after_upstream");
        Assert.Equal("CONDITIONAL", after["type"]!.GetValue<string>());
        Assert.Contains("Start = OnNewData of customer-revenue is replaced by its upstream", after["//"]!.GetValue<string>());
        Assert.Equal("SCHEDULED", Resource(workflows, "aws_glue_trigger", "wf_orders_daily_start")["type"]!.GetValue<string>());
    }

    [Fact]
    public void Stacks_without_event_starts_are_unchanged()
    {
        var workflows = Workflows(Specs.All());
        Assert.Null(workflows["data"]);
        Assert.Null(workflows["resource"]!["aws_cloudwatch_event_rule"]);
        Assert.DoesNotContain(workflows["resource"]!["aws_glue_trigger"]!.AsObject(), t => t.Value!["type"]!.GetValue<string>() == "EVENT");
    }
}

using System;
using System.Collections.Generic;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

internal static partial class TerraformEmitter
{
    /// <summary>One Glue workflow: a connected group of dependent pipelines, started by its roots (pipelines with no upstream).</summary>
    internal sealed record WorkflowPlan(string Identifier, string Name, List<string> Members, List<string> Roots, string? Schedule)
    {
        /// <summary>
        /// The roots declared <c>Start = OnNewData</c> when the workflow starts on new data (no root is scheduled): its start
        /// trigger is then an EVENT trigger fed by an EventBridge rule on their S3 source prefixes. Empty otherwise.
        /// </summary>
        public List<string> NewDataRoots { get; init; } = new();

        public bool StartsOnNewData => NewDataRoots.Count > 0;

        /// <summary>The workflow's EventBridge rule (and target, role, alarm) resource name.</summary>
        public string NewDataResource => Identifier + "_new_data";
    }

    /// <summary>
    /// Groups the pipelines joined by dependencies into workflows (members and roots sorted ordinally). The start trigger
    /// uses the schedule of the first scheduled root; the schedules of dependent pipelines are replaced by their upstream.
    /// </summary>
    internal static List<WorkflowPlan> Workflows(StackSpec stack)
    {
        var component = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string Find(string node)
        {
            while (component[node] != node)
            {
                node = component[node];
            }

            return node;
        }

        foreach (var edge in stack.Dependencies)
        {
            foreach (var node in new[] { edge.Upstream, edge.Downstream })
            {
                if (!component.ContainsKey(node))
                {
                    component[node] = node;
                }
            }

            var a = Find(edge.Upstream);
            var b = Find(edge.Downstream);
            if (a != b)
            {
                component[string.CompareOrdinal(a, b) < 0 ? b : a] = string.CompareOrdinal(a, b) < 0 ? a : b;
            }
        }

        var groups = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var node in component.Keys)
        {
            var key = Find(node);
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = new List<string>();
            }

            members.Add(node);
        }

        // Glue EVENT triggers only exist inside a workflow: a standalone job started by new data gets a workflow of its own.
        foreach (var pipeline in stack.Pipelines)
        {
            if (pipeline.StartsOnNewData && !component.ContainsKey(pipeline.Name))
            {
                groups[pipeline.Name] = new List<string> { pipeline.Name };
            }
        }

        var plans = new List<WorkflowPlan>();
        foreach (var members in groups.Values)
        {
            var roots = new List<string>();
            foreach (var member in members)
            {
                if (Upstreams(stack, member).Count == 0)
                {
                    roots.Add(member);
                }
            }

            string? schedule = null;
            foreach (var root in roots)
            {
                schedule ??= FindPipeline(stack, root)?.Schedule;
            }

            // Start: the first scheduled root's schedule; else new data when a root starts on new data; else on demand.
            var newDataRoots = new List<string>();
            if (schedule is null)
            {
                foreach (var root in roots)
                {
                    if (FindPipeline(stack, root) is { StartsOnNewData: true })
                    {
                        newDataRoots.Add(root);
                    }
                }
            }

            var identifier = "wf_" + Naming.ToIdentifier(roots[0]).TrimStart('_');
            plans.Add(new WorkflowPlan(identifier, stack.Settings.Name + "-" + roots[0], members, roots, schedule) { NewDataRoots = newDataRoots });
        }

        return plans;
    }

    internal static List<string> Upstreams(StackSpec stack, string pipeline)
    {
        var upstreams = new List<string>();
        foreach (var edge in stack.Dependencies)
        {
            if (edge.Downstream == pipeline)
            {
                upstreams.Add(edge.Upstream);
            }
        }

        return upstreams;
    }

    private static StackPipeline? FindPipeline(StackSpec stack, string name)
    {
        foreach (var pipeline in stack.Pipelines)
        {
            if (pipeline.Name == name)
            {
                return pipeline;
            }
        }

        return null;
    }

    /// <summary>The schedule variables (name → declared cron) of the stack: one per standalone scheduled job and per scheduled workflow.</summary>
    internal static SortedDictionary<string, string> ScheduleVariables(StackSpec stack)
    {
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var inWorkflow = new HashSet<string>(StringComparer.Ordinal);
        foreach (var workflow in Workflows(stack))
        {
            inWorkflow.UnionWith(workflow.Members);
            if (workflow.Schedule is not null)
            {
                variables[workflow.Identifier + "_schedule"] = workflow.Schedule;
            }
        }

        foreach (var pipeline in stack.Pipelines)
        {
            if (!inWorkflow.Contains(pipeline.Name) && pipeline.Schedule is not null)
            {
                variables[pipeline.Identifier + "_schedule"] = pipeline.Schedule;
            }
        }

        return variables;
    }

    /// <summary>
    /// Triggers: a standalone pipeline gets a scheduled trigger (or an on-demand one); dependent pipelines run in a Glue
    /// workflow whose start trigger runs the roots and whose conditional triggers start each pipeline once all its
    /// upstream jobs have succeeded.
    /// </summary>
    private static string EmitWorkflows(StackSpec stack)
    {
        var root = new JsonObject { ["//"] = "Generated by Pipeline; do not edit. Triggers and workflows of the stack's jobs." };
        var variables = new JsonObject();
        var resource = new JsonObject();
        var schedules = ScheduleVariables(stack);
        foreach (var schedule in schedules)
        {
            variables[schedule.Key] = Variable(
                Literal("AWS cron expression of the trigger " + schedule.Key.Substring(0, schedule.Key.Length - "_schedule".Length) + " (declared: " + schedule.Value + ")."),
                "string",
                Literal(schedule.Value),
                "${can(regex(\"^cron\\\\(.+\\\\)$\", var." + schedule.Key + "))}",
                "The schedule must be an AWS cron(...) expression.");
        }

        var triggers = new JsonObject();
        var documents = new JsonObject();
        var inWorkflow = new HashSet<string>(StringComparer.Ordinal);
        foreach (var workflow in Workflows(stack))
        {
            inWorkflow.UnionWith(workflow.Members);
            resource.Object("aws_glue_workflow")[workflow.Identifier] = new JsonObject
            {
                ["name"] = Literal(workflow.Name),
                ["description"] = Literal("Runs " + string.Join(", ", workflow.Members) + " in dependency order, starting with " + string.Join(", ", workflow.Roots) + "."),
                ["max_concurrent_runs"] = 1,
            };
            var workflowName = "${aws_glue_workflow." + workflow.Identifier + ".name}";
            var actions = new JsonArray();
            foreach (var start in workflow.Roots)
            {
                actions.Add(new JsonObject { ["job_name"] = JobNameRef(stack, start) });
            }

            var startTrigger = new JsonObject();
            var replaced = new List<string>();
            foreach (var start in workflow.Roots)
            {
                if (FindPipeline(stack, start) is { StartsOnNewData: true } && !workflow.StartsOnNewData)
                {
                    replaced.Add(start);
                }
            }

            if (workflow.StartsOnNewData)
            {
                startTrigger["//"] = Literal("Starts when new objects land under the S3 source prefixes of " + string.Join(", ", workflow.NewDataRoots)
                    + " (EventBridge rule " + workflow.NewDataResource + "); batching declared by " + workflow.NewDataRoots[0] + ".");
            }
            else if (replaced.Count > 0)
            {
                startTrigger["//"] = Literal("Start = OnNewData of " + string.Join(", ", replaced) + " is replaced by the workflow's start trigger (a workflow has one start trigger; a scheduled root wins).");
            }

            foreach (var pair in new JsonObject
            {
                ["name"] = Literal(workflow.Name + "-start"),
                ["description"] = Literal("Starts the workflow " + workflow.Name + " with its upstream jobs."),
                ["workflow_name"] = workflowName,
            })
            {
                startTrigger[pair.Key] = pair.Value;
            }

            if (workflow.Schedule is not null)
            {
                startTrigger["type"] = "SCHEDULED";
                startTrigger["schedule"] = "${var." + workflow.Identifier + "_schedule}";
                startTrigger["enabled"] = "${var.schedules_enabled}";
                startTrigger["start_on_creation"] = "${var.schedules_enabled}";
            }
            else if (workflow.StartsOnNewData)
            {
                // EVENT: the workflow is started by glue:notifyEvent calls of the EventBridge rule below (the provider docs
                // name only ON_DEMAND/SCHEDULED start triggers, but an EVENT trigger is a workflow's start trigger too).
                var first = FindPipeline(stack, workflow.NewDataRoots[0])!;
                startTrigger["description"] = Literal("Starts the workflow " + workflow.Name + " when new data lands in the sources of " + string.Join(", ", workflow.NewDataRoots) + ".");
                startTrigger["type"] = "EVENT";
                startTrigger["event_batching_condition"] = new JsonObject { ["batch_size"] = first.BatchSize, ["batch_window"] = first.BatchWindowSeconds };
            }
            else
            {
                startTrigger["type"] = "ON_DEMAND";
            }

            startTrigger["actions"] = actions;
            triggers[workflow.Identifier + "_start"] = startTrigger;
            if (workflow.StartsOnNewData)
            {
                AddNewDataRule(stack, workflow, resource, documents);
            }

            foreach (var member in workflow.Members)
            {
                var upstreams = Upstreams(stack, member);
                if (upstreams.Count == 0)
                {
                    continue;
                }

                var conditions = new JsonArray();
                foreach (var upstream in upstreams)
                {
                    conditions.Add(new JsonObject { ["job_name"] = JobNameRef(stack, upstream), ["state"] = "SUCCEEDED", ["logical_operator"] = "EQUALS" });
                }

                var pipeline = FindPipeline(stack, member);
                var trigger = new JsonObject();
                if (pipeline?.Schedule is not null)
                {
                    trigger["//"] = Literal("The declared schedule " + pipeline.Schedule + " of " + member + " is replaced by its upstream: it runs once " + string.Join(" and ", upstreams) + " succeeded.");
                }
                else if (pipeline is { StartsOnNewData: true })
                {
                    trigger["//"] = Literal("Start = OnNewData of " + member + " is replaced by its upstream: it runs once " + string.Join(" and ", upstreams) + " succeeded (they write its input).");
                }

                trigger["name"] = Literal(member + "-after-upstream");
                trigger["description"] = Literal("Runs " + member + " after " + string.Join(" and ", upstreams) + " succeeded.");
                trigger["workflow_name"] = workflowName;
                trigger["type"] = "CONDITIONAL";
                trigger["start_on_creation"] = true;
                trigger["predicate"] = new JsonObject { ["logical"] = upstreams.Count > 1 ? "AND" : "ANY", ["conditions"] = conditions };
                trigger["actions"] = JsonArray.Of(new JsonObject { ["job_name"] = JobNameRef(stack, member) });
                triggers[Naming.ToIdentifier(member).TrimStart('_') + "_after_upstream"] = trigger;
            }
        }

        foreach (var pipeline in stack.Pipelines)
        {
            if (inWorkflow.Contains(pipeline.Name))
            {
                continue;
            }

            if (pipeline.Schedule is not null)
            {
                triggers[pipeline.Identifier + "_schedule"] = new JsonObject
                {
                    ["name"] = Literal(pipeline.Name + "-schedule"),
                    ["description"] = Literal("Runs " + pipeline.Name + " on its declared schedule."),
                    ["type"] = "SCHEDULED",
                    ["schedule"] = "${var." + pipeline.Identifier + "_schedule}",
                    ["enabled"] = "${var.schedules_enabled}",
                    ["start_on_creation"] = "${var.schedules_enabled}",
                    ["actions"] = JsonArray.Of(new JsonObject { ["job_name"] = JobNameRef(stack, pipeline.Name) }),
                };
            }
            else
            {
                triggers[pipeline.Identifier + "_on_demand"] = new JsonObject
                {
                    ["name"] = Literal(pipeline.Name + "-on-demand"),
                    ["description"] = Literal("Starts " + pipeline.Name + " on request (aws glue start-trigger)."),
                    ["type"] = "ON_DEMAND",
                    ["actions"] = JsonArray.Of(new JsonObject { ["job_name"] = JobNameRef(stack, pipeline.Name) }),
                };
            }
        }

        if (documents.Count > 0)
        {
            root["data"] = new JsonObject { ["aws_iam_policy_document"] = documents };
        }

        if (variables.Count > 0)
        {
            root["variable"] = variables;
        }

        if (triggers.Count > 0)
        {
            resource["aws_glue_trigger"] = triggers;
        }

        root["resource"] = resource;
        return SerializeModule(root);
    }

    /// <summary>The EventBridge rules that start workflows on new data (their ARNs may send to the dead-letter queue).</summary>
    internal static List<string> NewDataRuleResources(StackSpec stack)
    {
        var names = new List<string>();
        foreach (var workflow in Workflows(stack))
        {
            if (workflow.StartsOnNewData)
            {
                names.Add(workflow.NewDataResource);
            }
        }

        return names;
    }

    /// <summary>
    /// The path from S3 to the workflow's EVENT trigger: an EventBridge rule matching <c>Object Created</c> events of the
    /// source buckets and prefixes (managed buckets send them: storage.tf.json sets <c>eventbridge = true</c>), a target
    /// that calls <c>glue:notifyEvent</c> on the workflow with a role only EventBridge of this account may assume, a retry
    /// policy, the alerts dead-letter queue and an alarm on failed invocations.
    /// </summary>
    private static void AddNewDataRule(StackSpec stack, WorkflowPlan workflow, JsonObject resource, JsonObject documents)
    {
        var name = workflow.NewDataResource;
        var workflowArn = "${aws_glue_workflow." + workflow.Identifier + ".arn}";

        // bucket → prefixes ("" = the whole bucket), sorted.
        var byBucket = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var root in workflow.NewDataRoots)
        {
            foreach (var path in FindPipeline(stack, root)!.NewDataPaths)
            {
                if (ParseS3(path) is not { } location)
                {
                    continue;
                }

                if (!byBucket.TryGetValue(location.Bucket, out var prefixes))
                {
                    byBucket[location.Bucket] = prefixes = new SortedSet<string>(StringComparer.Ordinal);
                }

                prefixes.Add(location.Prefix);
            }
        }

        // The bucket names are the environment's (${local.bucket_…}); the pattern is built with tokens, escaped, then the
        // tokens are replaced by the references (bucket names never contain quotes or template characters).
        var tokens = new List<(string Token, string Reference)>();
        var matches = new List<JsonObject>();
        var unmanaged = new List<string>();
        foreach (var pair in byBucket)
        {
            var token = "PIPELINE-BUCKET-TOKEN-" + tokens.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            tokens.Add((token, BucketRef(pair.Key)));
            var match = new JsonObject { ["bucket"] = new JsonObject { ["name"] = JsonArray.Of(token) } };
            if (!pair.Value.Contains(""))
            {
                var keys = new JsonArray();
                foreach (var prefix in pair.Value)
                {
                    keys.Add(new JsonObject { ["prefix"] = prefix });
                }

                match["object"] = new JsonObject { ["key"] = keys };
            }

            matches.Add(match);
            if (ZoneOfBucket(stack, pair.Key) is not { Managed: true })
            {
                unmanaged.Add(pair.Key);
            }
        }

        JsonObject detail;
        if (matches.Count == 1)
        {
            detail = matches[0];
        }
        else
        {
            var any = new JsonArray();
            foreach (var match in matches)
            {
                any.Add(match);
            }

            detail = new JsonObject { ["$or"] = any };
        }

        var pattern = Literal(JsonWriter.SerializeCompact(new JsonObject
        {
            ["source"] = JsonArray.Of("aws.s3"),
            ["detail-type"] = JsonArray.Of("Object Created"),
            ["detail"] = detail,
        }));
        foreach (var (token, reference) in tokens)
        {
            pattern = pattern.Replace(token, reference);
        }

        var rule = new JsonObject();
        if (unmanaged.Count > 0)
        {
            rule["//"] = Literal("The bucket(s) " + string.Join(", ", unmanaged) + " are not managed by this stack: enable Amazon EventBridge notifications on them (aws_s3_bucket_notification { eventbridge = true } or the console), or this rule never fires.");
        }

        rule["name"] = Literal(Truncate(stack.Settings.Name + "-" + workflow.Roots[0] + "-new-data", 64));
        rule["description"] = Literal("New objects under the S3 sources of " + string.Join(", ", workflow.NewDataRoots) + " start the Glue workflow " + workflow.Name + ".");
        rule["event_pattern"] = pattern;
        resource.Object("aws_cloudwatch_event_rule")[name] = rule;

        // The target's role: only EventBridge of this account, only glue:notifyEvent on this workflow.
        var trust = new JsonObject
        {
            ["sid"] = "EventBridgeAssumeRole",
            ["effect"] = "Allow",
            ["actions"] = JsonArray.Of("sts:AssumeRole"),
            ["principals"] = JsonArray.Of(new JsonObject { ["type"] = "Service", ["identifiers"] = JsonArray.Of("events.amazonaws.com") }),
            ["condition"] = JsonArray.Of(Condition("StringEquals", "aws:SourceAccount", AccountRef)),
        };
        documents[name + "_assume_role"] = new JsonObject { ["statement"] = JsonArray.Of(trust) };
        // The ARN from the workflow's name, not its resource: a policy document that reads a resource attribute is re-read
        // (and shown as "known after apply") whenever that resource has any pending change.
        documents[name] = new JsonObject { ["statement"] = JsonArray.Of(Statement("NotifyWorkflow", new[] { "glue:notifyEvent" }, new[] { GlueArn("workflow/" + Literal(workflow.Name)) })) };

        var roleName = Literal(Truncate("events-" + workflow.Name, 64));
        resource.Object("aws_iam_role")[name] = new JsonObject
        {
            ["name"] = roleName,
            ["description"] = Literal("Role of the EventBridge rule that starts the Glue workflow " + workflow.Name + " on new data (generated, least privilege)."),
            ["assume_role_policy"] = "${data.aws_iam_policy_document." + name + "_assume_role.json}",
            ["max_session_duration"] = 3600,
        };
        resource.Object("aws_iam_policy")[name] = new JsonObject
        {
            ["name"] = roleName,
            ["description"] = Literal("Lets EventBridge notify the Glue workflow " + workflow.Name + " of new data, and nothing else."),
            ["policy"] = "${data.aws_iam_policy_document." + name + ".json}",
        };
        resource.Object("aws_iam_role_policy_attachment")[name] = new JsonObject
        {
            ["role"] = "${aws_iam_role." + name + ".name}",
            ["policy_arn"] = "${aws_iam_policy." + name + ".arn}",
        };

        resource.Object("aws_cloudwatch_event_target")[name] = new JsonObject
        {
            ["rule"] = "${aws_cloudwatch_event_rule." + name + ".name}",
            ["target_id"] = "glue-workflow",
            ["arn"] = workflowArn,
            ["role_arn"] = "${aws_iam_role." + name + ".arn}",
            ["retry_policy"] = new JsonObject { ["maximum_event_age_in_seconds"] = 86400, ["maximum_retry_attempts"] = 185 },
            ["dead_letter_config"] = new JsonObject { ["arn"] = "${aws_sqs_queue.alerts_dlq.arn}" },
        };

        resource.Object("aws_cloudwatch_metric_alarm")[name + "_failed_invocations"] = Alarm(
            Literal(Truncate(stack.Settings.Name + "-" + workflow.Roots[0] + "-new-data-failed-invocations", 255)),
            "New-data events of the rule " + name + " could not start the Glue workflow " + workflow.Name + ".",
            "AWS/Events",
            "FailedInvocations",
            "RuleName",
            "${aws_cloudwatch_event_rule." + name + ".name}");
    }

    private static ZoneSpec? ZoneOfBucket(StackSpec stack, string bucket)
    {
        foreach (var zone in stack.Zones)
        {
            if (zone.Bucket == bucket)
            {
                return zone;
            }
        }

        return null;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value.Substring(0, length);

    private static string JobNameRef(StackSpec stack, string pipeline) =>
        "${aws_glue_job." + (FindPipeline(stack, pipeline)?.Identifier ?? Naming.ToIdentifier(pipeline)) + ".name}";
}

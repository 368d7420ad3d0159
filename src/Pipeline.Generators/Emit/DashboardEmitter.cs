using System.Collections.Generic;
using System.Text;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

/// <summary>
/// The CloudWatch dashboard body of a pipeline (<c>dashboards/&lt;job&gt;.json</c>, also embedded in the Terraform):
/// run duration, records read/written, failures, data-quality rules passed/failed and the job's error log lines.
/// </summary>
/// <remarks>
/// Region and log groups: dashboards are global, so every metric and log widget names its region; the log widget names
/// the job's log groups, whose names depend on the stack (security configuration). The body is one function of the spec
/// (<see cref="EmitTemplate"/>) with tokens for both: <see cref="TerraformEmitter"/> replaces them with
/// <c>${var.aws_region}</c> and the log-group resources' names; the standalone <c>dashboards/&lt;job&gt;.json</c>, written
/// with the stack's files, with the environments' region and the groups' exact names.
/// Metrics: classic job metrics use their full dimension set (<c>JobName</c>, <c>JobRunId=ALL</c>, <c>Type=count</c>);
/// observability and data-quality metrics, whose dimension sets vary, are selected with <c>SEARCH</c>
/// (glue-domain-notes d2–d4).
/// </remarks>
internal static class DashboardEmitter
{
    /// <summary>Stands for the region in <see cref="EmitTemplate"/> (no JSON or Terraform template characters).</summary>
    public const string RegionToken = "PIPELINE-REGION-TOKEN";

    /// <summary>Stands for the job's i-th log group (in <see cref="TerraformEmitter.LogGroupSuffixes"/> order).</summary>
    public static string LogGroupToken(int index) => "PIPELINE-LOG-GROUP-TOKEN-" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The body with <see cref="RegionToken"/> and <see cref="LogGroupToken"/>s in place of the region and groups.</summary>
    public static string EmitTemplate(PipelineSpec spec)
    {
        var groups = new List<string>();
        for (var i = 0; i < TerraformEmitter.LogGroupSuffixes(spec.Job).Count; i++)
        {
            groups.Add(LogGroupToken(i));
        }

        return Emit(spec, RegionToken, groups);
    }

    private const int Period = 300;

    public static string DashboardPath(string jobName) => "dashboards/" + jobName + ".json";

    /// <summary>
    /// The standalone dashboard files of every pipeline: <c>dashboards/&lt;job&gt;.json</c> in the environments' region, or
    /// <c>dashboards/&lt;job&gt;.&lt;environment&gt;.json</c> per environment when they deploy to different regions.
    /// </summary>
    public static List<Artifact> EmitFiles(StackSpec stack)
    {
        var regions = new SortedSet<string>(System.StringComparer.Ordinal);
        foreach (var environment in stack.Environments)
        {
            regions.Add(environment.Region);
        }

        var files = new List<Artifact>();
        foreach (var pipeline in stack.Pipelines)
        {
            // A stack built without the templates (StackParser.Build instead of ArtifactEmitter.BuildStack) has no body to
            // write: no file rather than an empty one.
            if (pipeline.DashboardTemplate.Length == 0)
            {
                continue;
            }

            var groups = TerraformEmitter.LogGroups(pipeline.Name, pipeline.GlueVersion, stack.Settings.Name);
            string Body(string region)
            {
                var body = pipeline.DashboardTemplate.Replace(RegionToken, region);
                for (var i = 0; i < groups.Count; i++)
                {
                    body = body.Replace(LogGroupToken(i), groups[i].Name);
                }

                return body;
            }

            if (regions.Count == 1)
            {
                files.Add(new Artifact(DashboardPath(pipeline.Name), Body(regions.Min!)));
            }
            else
            {
                foreach (var environment in stack.Environments)
                {
                    files.Add(new Artifact("dashboards/" + pipeline.Name + "." + environment.Name + ".json", Body(environment.Region)));
                }
            }
        }

        return files;
    }

    /// <summary>Dashboard names allow <c>A-Z a-z 0-9 - _</c>, 1–255 characters; anything else becomes <c>_</c>.</summary>
    public static string DashboardName(PipelineSpec spec)
    {
        var builder = new StringBuilder();
        foreach (var c in spec.Job.Name)
        {
            builder.Append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ? c : '_');
        }

        var name = builder.Length == 0 ? "pipeline" : builder.ToString();
        return name.Length <= 255 ? name : name.Substring(0, 255);
    }

    public static string Emit(PipelineSpec spec, string region, IReadOnlyList<string> logGroups)
    {
        var job = spec.Job.Name;
        var widgets = new JsonArray
        {
            new JsonObject
            {
                ["type"] = "text",
                ["x"] = 0,
                ["y"] = 0,
                ["width"] = 24,
                ["height"] = 2,
                ["properties"] = new JsonObject { ["markdown"] = Header(spec) },
            },
            MetricWidget(0, 2, "Run duration", region, "Sum", JsonArray.Of(
                ClassicMetric(job, "glue.driver.aggregate.elapsedTime", "m1", "Elapsed time (ms)"))),
            MetricWidget(12, 2, "Records read / written", region, "Sum", JsonArray.Of(
                ClassicMetric(job, "glue.driver.aggregate.recordsRead", "m1", "Records read"),
                Search("Glue", "glue.driver.throughput.recordsWritten", "JobName=\"" + job + "\"", "e1", "Records written"))),
            MetricWidget(0, 8, "Failures", region, "Sum", JsonArray.Of(
                ClassicMetric(job, "glue.driver.aggregate.numFailedTasks", "m1", "Failed tasks"),
                Search("Glue", "glue.error.ALL", "JobName=\"" + job + "\"", "e1", "Errors (all categories)"))),
            MetricWidget(12, 8, "Data quality rules", region, "Sum", JsonArray.Of(
                Search("\"Glue Data Quality\"", "glue.data.quality.rules.passed", "\"" + job + "\"", "e1", "Rules passed"),
                Search("\"Glue Data Quality\"", "glue.data.quality.rules.failed", "\"" + job + "\"", "e2", "Rules failed"))),
            new JsonObject
            {
                ["type"] = "log",
                ["x"] = 0,
                ["y"] = 14,
                ["width"] = 24,
                ["height"] = 6,
                ["properties"] = new JsonObject
                {
                    ["title"] = "Errors and exceptions in the job logs",
                    ["region"] = region,
                    ["view"] = "table",
                    ["query"] = LogQuery(logGroups),
                },
            },
        };

        var body = new JsonObject
        {
            ["start"] = "-P7D",
            ["periodOverride"] = "inherit",
            ["widgets"] = widgets,
        };
        return JsonWriter.Serialize(body);
    }

    private static string Header(PipelineSpec spec)
    {
        var job = spec.Job;
        var builder = new StringBuilder();
        builder.Append("# ").Append(job.Name).Append('\n');
        if (job.Description.Length > 0)
        {
            builder.Append(job.Description).Append('\n');
        }

        builder.Append("Glue ").Append(job.GlueVersion)
            .Append(" | ").Append(job.WorkerType).Append(" x ").Append(job.Workers.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(" | schedule: ").Append(string.IsNullOrWhiteSpace(job.Schedule) ? "on demand" : job.Schedule!.Trim());
        return builder.ToString();
    }

    private static JsonObject MetricWidget(int x, int y, string title, string region, string stat, JsonArray metrics) => new()
    {
        ["type"] = "metric",
        ["x"] = x,
        ["y"] = y,
        ["width"] = 12,
        ["height"] = 6,
        ["properties"] = new JsonObject
        {
            ["title"] = title,
            ["region"] = region,
            ["view"] = "timeSeries",
            ["stacked"] = false,
            ["stat"] = stat,
            ["period"] = Period,
            ["metrics"] = metrics,
        },
    };

    /// <summary>A classic job metric over all runs: the full dimension set, <c>Type=count</c> deltas summed.</summary>
    private static JsonArray ClassicMetric(string job, string metric, string id, string label) => JsonArray.Of(
        "Glue", metric, "JobName", job, "JobRunId", "ALL", "Type", "count",
        new JsonObject { ["id"] = id, ["label"] = label, ["stat"] = "Sum" });

    private static JsonArray Search(string namespaceSchema, string metric, string filter, string id, string label) => JsonArray.Of(
        new JsonObject
        {
            ["expression"] = "SEARCH('{" + namespaceSchema + "} MetricName=\"" + metric + "\" " + filter + "', 'Sum', " + Period.ToString(System.Globalization.CultureInfo.InvariantCulture) + ")",
            ["id"] = id,
            ["label"] = label,
        });

    private static string LogQuery(IReadOnlyList<string> logGroups)
    {
        var builder = new StringBuilder();
        foreach (var group in logGroups)
        {
            builder.Append("SOURCE '").Append(group).Append("' | ");
        }

        builder.Append("fields @timestamp, @logStream, @message | filter @message like /(?i)(error|exception|failed)/ | sort @timestamp desc | limit 100");
        return builder.ToString();
    }
}

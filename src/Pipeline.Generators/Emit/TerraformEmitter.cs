using System;
using System.Collections.Generic;
using System.Globalization;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

/// <summary>
/// Terraform JSON (<c>*.tf.json</c>) for the hashicorp/aws provider: <see cref="EmitStack"/> writes
/// <c>terraform/main.tf.json</c> once per project (provider pin, provider, shared variables) and
/// <see cref="EmitPipeline"/> writes <c>terraform/&lt;job&gt;.tf.json</c> per pipeline (script object, security
/// configuration, log groups, least-privilege role, catalog tables, data-quality rulesets, job, trigger, dashboard).
/// </summary>
/// <remarks>
/// <para>Choices, so the files of several pipelines can live in one Terraform module:</para>
/// <list type="bullet">
/// <item>Resource and variable names start with the job <see cref="JobSpec.Identifier"/>; shared values (region, account,
/// partition, environment, artifacts bucket, log retention) are variables in <c>main.tf.json</c>; the per-pipeline KMS key
/// (and, for a catalog source that declares no <c>Location</c>, the table's data location) are variables named
/// <c>&lt;job&gt;_…</c>.</item>
/// <item>Script: uploaded from <c>${path.module}/../glue/&lt;job&gt;.py</c> under the key
/// <c>scripts/&lt;job name&gt;/&lt;filemd5&gt;.py</c>, with <c>source_hash</c> = the same <c>filemd5</c>. The hash is taken by
/// Terraform from the file on disk, so the key always matches the bytes uploaded (no coupling to the PySpark emitter), a
/// changed script gets a new key and the job's <c>script_location</c> follows. <c>etag</c> is not used: with SSE-KMS the
/// object's ETag is not its MD5 and would show a perpetual diff (s3_object docs).</item>
/// <item>Catalog databases are not created here: a database is usually shared by several pipelines, so a per-pipeline
/// <c>aws_glue_catalog_database</c> would be declared twice in the module and fail. Databases are referenced by name and
/// are a platform prerequisite; tables (one per sink) are owned by the pipeline that writes them.</item>
/// <item>Names of AWS objects (job, role, security configuration, log groups) come from the job name without an
/// environment suffix; environments are expected in separate accounts (the provider pins <c>allowed_account_ids</c>)
/// and are told apart by the <c>Environment</c> default tag.</item>
/// <item>Every literal taken from the model goes through <see cref="Literal"/>, which escapes Terraform template
/// sequences (<c>${</c>, <c>%{</c>), so only the references written here are interpolated.</item>
/// </list>
/// </remarks>
internal static partial class TerraformEmitter
{
    /// <summary>
    /// hashicorp/aws provider constraint: 5.100 (the newest 5.x, applied by the Terraform tier of the tests) up to the current
    /// major 6.x. The generated configuration uses only arguments both have (no per-resource <c>region</c>, a v6 addition).
    /// </summary>
    public const string AwsProviderVersion = ">= 5.100, < 7.0";

    public const string RequiredTerraformVersion = ">= 1.6.0";

    internal const string RegionRef = "${var.aws_region}";
    internal const string AccountRef = "${var.aws_account_id}";
    internal const string PartitionRef = "${var.aws_partition}";

    /// <summary>Shared resources every pipeline file uses; declared by the stack files (<see cref="EmitStack"/>).</summary>
    internal const string KmsKeyArnRef = "${aws_kms_key.stack.arn}";
    internal const string SecurityConfigurationRef = "${aws_glue_security_configuration.stack.name}";
    internal const string ScriptsBucketRef = "${local." + ScriptsBucketLocal + "}";
    internal const string TempBucketRef = "${local." + TempBucketLocal + "}";
    internal const string LogBucketRef = "${local." + LogBucketLocal + "}";
    internal const string ScriptsBucketLocal = "scripts_bucket";
    internal const string TempBucketLocal = "temp_bucket";
    internal const string LogBucketLocal = "log_bucket";

    /// <summary>
    /// A data bucket as the pipeline files reference it: <c>${local.bucket_acme_raw}</c>, which the stack's main file binds
    /// to the managed bucket's id or to the variable naming an existing bucket, per environment.
    /// </summary>
    internal static string BucketLocal(string bucket) => "bucket_" + Naming.ToIdentifier(bucket).TrimStart('_');

    internal static string BucketRef(string bucket) => "${local." + BucketLocal(bucket) + "}";

    /// <summary>Artifact paths, relative to the artifacts folder; every emitter and the build agree through these.</summary>
    public static string ScriptPath(PipelineSpec spec) => "glue/" + spec.Job.Name + ".py";

    public static string TerraformPath(PipelineSpec spec) => "terraform/" + spec.Job.Name + ".tf.json";

    public const string SharedTerraformPath = "terraform/main.tf.json";

    public static string EmitPipeline(PipelineSpec spec)
    {
        var job = spec.Job;
        var id = job.Identifier;
        var kmsKeyRef = KmsKeyArnRef;
        var tags = Tags(job);

        var root = new JsonObject
        {
            ["//"] = Literal("Generated by Pipeline from " + QualifiedClassName(spec) + "; do not edit. Needs the shared files of this folder (main, kms, storage, glue, notifications, workflows)."),
        };

        // Variables: the job's size per environment (tfvars) and the data locations of undeclared catalog sources.
        var variables = root.Object("variable");
        variables[WorkersVariable(job)] = Variable(
            Literal("Number of " + job.WorkerType + " workers of the Glue job " + job.Name + " (the maximum with auto scaling)."),
            "number",
            job.Workers,
            "${var." + WorkersVariable(job) + " >= 2 && var." + WorkersVariable(job) + " <= 1000}",
            "The number of workers must be between 2 and 1000.");
        foreach (var source in spec.Sources)
        {
            if (source.Kind == SourceKind.Catalog && ParseS3(source.Location) is null)
            {
                var name = CatalogLocationVariable(spec, source);
                variables[name] = Variable(
                    Literal("S3 location (s3://bucket/prefix/) of the data of catalog table " + source.Database + "." + source.Table + ", read by " + job.Name + "."),
                    "string",
                    null,
                    "${can(regex(\"^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/([^*?]+/)?$\", var." + name + "))}",
                    "The location must be an s3:// URI of a bucket and an optional prefix ending in a slash.");
            }
        }

        var data = root.Object("data");
        var resource = root.Object("resource");
        var rulesets = DqdlEmitter.Emit(spec);
        var logGroups = LogGroupSuffixes(job);

        // Script.
        var scriptSource = "${path.module}/../" + Literal(ScriptPath(spec));
        var scriptHash = "${filemd5(\"" + scriptSource + "\")}";
        resource.Object("aws_s3_object")[id + "_script"] = new JsonObject
        {
            ["bucket"] = ScriptsBucketRef,
            ["key"] = "scripts/" + Literal(job.Name) + "/" + scriptHash + ".py",
            ["source"] = scriptSource,
            ["source_hash"] = scriptHash,
            ["content_type"] = "text/x-python",
            ["server_side_encryption"] = "aws:kms",
            ["kms_key_id"] = kmsKeyRef,
            ["tags"] = tags,
        };

        // IAM.
        AddIam(spec, data, resource, rulesets, logGroups, kmsKeyRef, tags);

        // Catalog tables of the sinks.
        var sinks = Sinks(spec);
        if (sinks.Count > 0)
        {
            var tables = resource.Object("aws_glue_catalog_table");
            foreach (var sink in sinks)
            {
                tables[SinkResourceName(spec, sink)] = CatalogTable(spec, sink);
            }
        }

        // Data-quality rulesets, one per sink with rules.
        if (rulesets.Count > 0)
        {
            var resources = resource.Object("aws_glue_data_quality_ruleset");
            foreach (var ruleset in rulesets)
            {
                var sink = FindStage(spec, ruleset.SinkName);
                var table = "aws_glue_catalog_table." + SinkResourceName(spec, sink);
                resources[SinkResourceName(spec, sink)] = new JsonObject
                {
                    ["name"] = Literal(ruleset.Name),
                    ["description"] = Literal("Data-quality rules of " + job.Name + " for " + sink.Sink!.Database + "." + sink.Sink.Table + "."),
                    ["ruleset"] = Literal(ruleset.Text),
                    ["target_table"] = new JsonObject
                    {
                        ["catalog_id"] = AccountRef,
                        ["database_name"] = "${" + table + ".database_name}",
                        ["table_name"] = "${" + table + ".name}",
                    },
                    ["tags"] = tags,
                };
            }
        }

        // The job. Its log groups are created up front by glue.tf.json (retention and key from the stack settings).
        var dependsOn = new JsonArray { "aws_iam_role_policy_attachment." + id + "_job" };
        foreach (var group in logGroups)
        {
            dependsOn.Add("aws_cloudwatch_log_group." + id + "_" + group);
        }

        resource.Object("aws_glue_job")[id] = new JsonObject
        {
            ["name"] = Literal(job.Name),
            ["description"] = Literal(job.Description),
            ["role_arn"] = "${aws_iam_role." + id + "_job.arn}",
            ["glue_version"] = Literal(job.GlueVersion),
            ["worker_type"] = Literal(job.WorkerType),
            ["number_of_workers"] = "${var." + WorkersVariable(job) + "}",
            ["timeout"] = job.TimeoutMinutes,
            ["max_retries"] = job.MaxRetries,
            ["execution_class"] = Literal(job.ExecutionClass),
            ["security_configuration"] = SecurityConfigurationRef,
            ["command"] = new JsonObject
            {
                ["name"] = "glueetl",
                ["script_location"] = "s3://" + ScriptsBucketRef + "/${aws_s3_object." + id + "_script.key}",
                ["python_version"] = "3",
            },
            ["execution_property"] = new JsonObject { ["max_concurrent_runs"] = job.MaxConcurrentRuns },
            ["default_arguments"] = DefaultArguments(spec),
            ["tags"] = tags,
            ["depends_on"] = dependsOn,
        };

        // Dashboard: the same body as dashboards/<job>.json, with the region taken from var.aws_region and the log groups
        // from their resources.
        var logGroupNames = new List<string>();
        foreach (var group in logGroups)
        {
            logGroupNames.Add("${aws_cloudwatch_log_group." + id + "_" + group + ".name}");
        }

        var body = Literal(DashboardEmitter.EmitTemplate(spec)).Replace(DashboardEmitter.RegionToken, RegionRef);
        for (var i = 0; i < logGroupNames.Count; i++)
        {
            body = body.Replace(DashboardEmitter.LogGroupToken(i), logGroupNames[i]);
        }
        resource.Object("aws_cloudwatch_dashboard")[id] = new JsonObject
        {
            ["dashboard_name"] = DashboardEmitter.DashboardName(spec),
            ["dashboard_body"] = body,
        };

        // Outputs.
        var outputs = root.Object("output");
        outputs[id + "_job_name"] = Output("Name of the Glue job.", "${aws_glue_job." + id + ".name}");
        outputs[id + "_role_arn"] = Output("ARN of the job's IAM role.", "${aws_iam_role." + id + "_job.arn}");
        outputs[id + "_script_location"] = Output("S3 location of the uploaded job script.", "s3://" + ScriptsBucketRef + "/${aws_s3_object." + id + "_script.key}");
        outputs[id + "_dashboard_name"] = Output("Name of the CloudWatch dashboard.", "${aws_cloudwatch_dashboard." + id + ".dashboard_name}");
        return SerializeModule(root);
    }

    /// <summary>
    /// Serializes one <c>.tf.json</c> file without empty blocks: <c>terraform init</c> rejects an empty <c>"data": {}</c>
    /// ("Missing block label"), so a block type or a top-level section with nothing in it is left out, never written empty.
    /// </summary>
    internal static string SerializeModule(JsonObject root)
    {
        var empty = new List<string>();
        foreach (var section in root)
        {
            if (section.Value is not JsonObject blocks)
            {
                continue;
            }

            if (section.Key is "data" or "resource")
            {
                var emptyTypes = new List<string>();
                foreach (var type in blocks)
                {
                    if (type.Value is JsonObject { Count: 0 })
                    {
                        emptyTypes.Add(type.Key);
                    }
                }

                foreach (var type in emptyTypes)
                {
                    blocks.Remove(type);
                }
            }

            if (blocks.Count == 0)
            {
                empty.Add(section.Key);
            }
        }

        foreach (var key in empty)
        {
            root.Remove(key);
        }

        return JsonWriter.Serialize(root);
    }

    /// <summary>The per-environment size variable of a job (set by <c>environments/*.tfvars.json</c>).</summary>
    internal static string WorkersVariable(JobSpec job) => job.Identifier + "_number_of_workers";

    /// <summary>
    /// Escapes Terraform template sequences in a literal (<c>${</c> → <c>$${</c>, <c>%{</c> → <c>%%{</c>), so text from
    /// the model (paths, descriptions, DQDL, dashboard queries) is never interpreted by Terraform.
    /// </summary>
    public static string Literal(string value) => value.Replace("${", "$${").Replace("%{", "%%{");

    /// <summary>A log group of a job: the resource-name suffix and, given the security configuration, the exact name.</summary>
    internal sealed record LogGroup(string Suffix, string Name);

    /// <summary>
    /// The log groups a job writes to under the stack's security configuration, which encrypts CloudWatch Logs
    /// (glue-domain-notes d6; JobRun.LogGroupName in the Glue API model):
    /// <list type="bullet">
    /// <item>every version: the run's <c>output</c> and <c>error</c> groups under <c>/aws-glue/jobs-&lt;role&gt;-&lt;security
    /// configuration&gt;/</c> (Glue 5's real-time logs are these groups);</item>
    /// <item>Glue ≤ 4.0 continuous logs: the group named by <c>--continuous-log-logGroup</c>
    /// (<see cref="ContinuousLogGroup"/>) with the security configuration's name appended.</item>
    /// </list>
    /// Role names are per job, so each pipeline owns its groups and its role is granted exactly these.
    /// </summary>
    internal static IReadOnlyList<LogGroup> LogGroups(string jobName, string glueVersion, string securityConfiguration)
    {
        var run = "/aws-glue/jobs-" + RoleName(jobName) + "-" + securityConfiguration;
        var groups = new List<LogGroup>();
        if (GlueMajorVersion(glueVersion) < 5)
        {
            groups.Add(new LogGroup("continuous_logs", ContinuousLogGroup(jobName) + "-" + securityConfiguration));
        }

        groups.Add(new LogGroup("error_logs", run + "/error"));
        groups.Add(new LogGroup("output_logs", run + "/output"));
        return groups;
    }

    /// <summary>The resource-name suffixes of <see cref="LogGroups(string, string, string)"/> (which need the stack).</summary>
    internal static IReadOnlyList<string> LogGroupSuffixes(JobSpec job)
    {
        var suffixes = new List<string>();
        foreach (var group in LogGroups(job.Name, job.GlueVersion, "-"))
        {
            suffixes.Add(group.Suffix);
        }

        return suffixes;
    }

    /// <summary>The group a Glue ≤ 4.0 job is told to log to continuously (Glue appends the security configuration).</summary>
    internal static string ContinuousLogGroup(string jobName) => "/aws-glue/jobs/" + jobName + "/logs-v2";

    internal static int GlueMajorVersion(JobSpec job) => GlueMajorVersion(job.GlueVersion);

    internal static int GlueMajorVersion(string text)
    {
        var dot = text.IndexOf('.');
        return int.TryParse(dot < 0 ? text : text.Substring(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : 0;
    }

    private static JsonObject DefaultArguments(PipelineSpec spec)
    {
        var job = spec.Job;
        var arguments = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["--job-language"] = "python",
            ["--job-bookmark-option"] = job.Bookmarks ? "job-bookmark-enable" : "job-bookmark-disable",
            ["--enable-metrics"] = "",
            ["--enable-observability-metrics"] = "true",
            ["--enable-continuous-cloudwatch-log"] = "true",
            ["--TempDir"] = "s3://" + TempBucketRef + "/" + TempPrefix(job),
            ["--enable-spark-ui"] = "true",
            ["--spark-event-logs-path"] = "s3://" + LogBucketRef + "/" + SparkUiPrefix(job),
        };
        if (job.AutoScaling)
        {
            arguments["--enable-auto-scaling"] = "true";
        }

        // Only a sink that overwrites partitions runs Spark SQL on the catalog (MSCK REPAIR TABLE after the DataFrame
        // writer), and only then does the job need the Data Catalog as its Hive metastore.
        foreach (var sink in Sinks(spec))
        {
            if (sink.Sink!.Mode != WriteModeKind.Append && sink.Sink.PartitionKeys.Count > 0)
            {
                arguments["--enable-glue-datacatalog"] = "true";
            }
        }

        // The S3 locations the script reads and writes (it hard-codes none): the environment's URIs, from the same bucket
        // locals the IAM policy and the catalog tables use, so script, policy and tfvars always name the same buckets.
        foreach (var argument in PySparkEmitter.PathArguments(spec))
        {
            arguments["--" + argument.Name] = EnvironmentS3Uri(argument.DeclaredUri);
        }

        // Glue 5 logs in real time to the run's groups (LogGroups); Glue <= 4 continuously to a per-job group.
        if (GlueMajorVersion(job) < 5)
        {
            arguments["--continuous-log-logGroup"] = Literal(ContinuousLogGroup(job.Name));
        }

        var result = new JsonObject();
        foreach (var pair in arguments)
        {
            result[pair.Key] = pair.Value;
        }

        return result;
    }

    /// <summary>
    /// A declared <c>s3://bucket/prefix</c> as the current environment names it: <c>s3://${local.bucket_…}/prefix/</c>
    /// (the prefix as a folder, like the IAM grant and the catalog table location).
    /// </summary>
    internal static string EnvironmentS3Uri(string uri) =>
        ParseS3(uri) is { } location ? "s3://" + BucketRef(location.Bucket) + "/" + Literal(location.Prefix) : Literal(uri);

    /// <summary>The job's Spark UI event-log prefix in the log bucket (already template-escaped).</summary>
    internal static string SparkUiPrefix(JobSpec job) => "sparkui/" + Literal(job.Name) + "/";

    /// <summary>The job's temporary prefix in the temp bucket (already template-escaped).</summary>
    internal static string TempPrefix(JobSpec job) => "temp/" + Literal(job.Name) + "/";

    /// <summary>The provider's <c>default_tags</c> keys (main.tf.json), merged by the provider into every resource's tags.</summary>
    internal static readonly string[] DefaultTagKeys = { "CostCenter", "Environment", "ManagedBy", "Owner", "Stack" };

    /// <summary>
    /// A tag key as IAM (and people) compare keys: case-insensitively, and here also without separators, so a job's
    /// <c>owner</c>/<c>cost-center</c> tags and the stack's <c>Owner</c>/<c>CostCenter</c> default tags are one key each.
    /// </summary>
    internal static string TagKeyIdentity(string key) => key.Replace("-", "").Replace("_", "").Replace(" ", "").ToLowerInvariant();

    /// <summary>
    /// A resource tag key as written: the default tag's exact spelling when the key is the same tag (so the provider merges
    /// the two and the resource's value wins), else the declared key. IAM rejects a role whose merged tags repeat a key
    /// in another case ("Duplicate tag keys found").
    /// </summary>
    internal static string ResourceTagKey(string key)
    {
        foreach (var known in DefaultTagKeys)
        {
            if (TagKeyIdentity(known) == TagKeyIdentity(key))
            {
                return known;
            }
        }

        return key;
    }

    private static JsonObject Tags(JobSpec job)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var tag in job.Tags)
        {
            var key = ResourceTagKey(tag.Key);
            if (seen.Add(TagKeyIdentity(key)))
            {
                sorted[key] = tag.Value;
            }
        }

        if (seen.Add(TagKeyIdentity("Pipeline")))
        {
            sorted["Pipeline"] = job.Name;
        }

        var result = new JsonObject();
        foreach (var pair in sorted)
        {
            result[Literal(pair.Key)] = Literal(pair.Value);
        }

        return result;
    }

    internal static JsonObject Variable(string description, string type, object? defaultValue, string condition, string errorMessage)
    {
        var variable = new JsonObject { ["description"] = description, ["type"] = type };
        if (defaultValue is not null)
        {
            variable["default"] = defaultValue;
        }

        variable["validation"] = new JsonObject { ["condition"] = condition, ["error_message"] = errorMessage };
        return variable;
    }

    internal static JsonObject Output(string description, string value) => new() { ["description"] = description, ["value"] = value };

    private static string QualifiedClassName(PipelineSpec spec) => spec.Namespace.Length == 0 ? spec.ClassName : spec.Namespace + "." + spec.ClassName;

    internal static List<StageSpec> Sinks(PipelineSpec spec)
    {
        var sinks = new List<StageSpec>();
        foreach (var stage in spec.Stages)
        {
            if (stage.Sink is not null)
            {
                sinks.Add(stage);
            }
        }

        return sinks;
    }

    private static StageSpec FindStage(PipelineSpec spec, string name)
    {
        foreach (var stage in spec.Stages)
        {
            if (stage.Name == name)
            {
                return stage;
            }
        }

        throw new InvalidOperationException("No stage named " + name);
    }

    internal static string SinkResourceName(PipelineSpec spec, StageSpec sink) => spec.Job.Identifier + "_" + Naming.ToIdentifier(sink.Id).TrimStart('_');

    internal static string CatalogLocationVariable(PipelineSpec spec, SourceSpec source) =>
        spec.Job.Identifier + "_" + Naming.ToIdentifier(source.Id).TrimStart('_') + "_location";
}

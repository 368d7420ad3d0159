using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pipeline.Generators.Emit;
using static Pipeline.Generators.Helpers.EquatableArray;
using Pipeline.Generators.Model;

namespace Pipeline.Terraform.Tests;

public class TerraformEmitterTests
{
    public static TheoryData<string> Pipelines => new() { "orders-daily", "customer-revenue" };

    private static JsonObject Pipeline(string name) => TerraformChecks.Parse(TerraformEmitter.EmitPipeline(Specs.ByName(name)));

    private static JsonObject Shared() => TerraformChecks.Parse(Specs.Module()["terraform/main.tf.json"]);

    /// <summary>Every .tf.json file of the module (shared files and both pipelines).</summary>
    internal static List<JsonObject> ModuleFiles() =>
        Specs.Module().Where(p => p.Key.EndsWith(".tf.json", StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => TerraformChecks.Parse(p.Value)).ToList();

    private static JsonObject Resource(JsonObject file, string type, string name) =>
        file["resource"]?[type]?[name] as JsonObject ?? throw new Xunit.Sdk.XunitException($"missing resource {type}.{name}");

    // ------------------------------------------------------------ golden files

    [Fact]
    public void OrdersDaily_matches_baselines()
    {
        var spec = Specs.OrdersDaily();
        Baseline.AssertMatches(TerraformEmitter.EmitPipeline(spec), nameof(OrdersDaily_matches_baselines), "orders-daily.tf.json");
        Baseline.AssertMatches(Specs.Dashboard(spec), nameof(OrdersDaily_matches_baselines), "orders-daily.dashboard.json");
    }

    [Fact]
    public void CustomerRevenue_matches_baselines()
    {
        var spec = Specs.CustomerRevenue();
        Baseline.AssertMatches(TerraformEmitter.EmitPipeline(spec), nameof(CustomerRevenue_matches_baselines), "customer-revenue.tf.json");
        Baseline.AssertMatches(Specs.Dashboard(spec), nameof(CustomerRevenue_matches_baselines), "customer-revenue.dashboard.json");
    }

    [Fact]
    public void Shared_matches_baseline()
    {
        foreach (var artifact in TerraformEmitter.EmitStack(Specs.Stack()))
        {
            Baseline.AssertMatches(artifact.Content, nameof(Shared_matches_baseline), artifact.Path.Replace("terraform/", "").Replace('/', '_'));
        }
    }

    // ------------------------------------------------------------ validity against the provider and the API

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Outputs_parse_as_json_and_are_pure_ascii(string name)
    {
        var spec = Specs.ByName(name);
        foreach (var text in Specs.Module().Values.Append(Specs.Dashboard(spec)))
        {
            using var _ = JsonDocument.Parse(text);
            Assert.All(text, c => Assert.True(c == '\n' || (c >= 0x20 && c <= 0x7E), $"U+{(int)c:X4}"));
            Assert.EndsWith("}\n", text);
            Assert.DoesNotContain("\r", text);
        }
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Every_resource_and_argument_is_documented_by_the_provider(string name)
    {
        var file = Pipeline(name);
        Assert.True(((JsonObject)file["resource"]!).Count >= 8);
        Assert.Empty(TerraformChecks.UndocumentedArguments(file, SharedReference.TerraformDocs));
        foreach (var shared in ModuleFiles())
        {
            Assert.Empty(TerraformChecks.UndocumentedArguments(shared, SharedReference.TerraformDocs));
        }
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Glue_job_settings_agree_with_the_glue_api_model(string name)
    {
        using var model = JsonDocument.Parse(File.ReadAllText(SharedReference.GlueApiModel));
        var shapes = model.RootElement.GetProperty("shapes");
        string[] Enum(string shape) => shapes.GetProperty(shape).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).ToArray();
        string Pattern(string shape) => shapes.GetProperty(shape).GetProperty("pattern").GetString()!;

        var job = Resource(Pipeline(name), "aws_glue_job", Specs.ByName(name).Job.Identifier);
        Assert.Contains(job["worker_type"]!.GetValue<string>(), Enum("WorkerType"));
        Assert.Contains(job["execution_class"]!.GetValue<string>(), Enum("ExecutionClass"));
        Assert.Matches(Pattern("GlueVersionString"), job["glue_version"]!.GetValue<string>());
        Assert.Matches(Pattern("PythonVersionString"), job["command"]!["python_version"]!.GetValue<string>());
        Assert.Equal("glueetl", job["command"]!["name"]!.GetValue<string>());
        var timeout = job["timeout"]!.GetValue<int>();
        Assert.InRange(timeout, 1, 10079);
        Assert.Equal("${var." + Specs.ByName(name).Job.Identifier + "_number_of_workers}", job["number_of_workers"]!.GetValue<string>());
        Assert.InRange(Pipeline(name)["variable"]![Specs.ByName(name).Job.Identifier + "_number_of_workers"]!["default"]!.GetValue<int>(), 2, 1000);
        Assert.InRange(job["max_retries"]!.GetValue<int>(), 0, 10);
        Assert.InRange(job["execution_property"]!["max_concurrent_runs"]!.GetValue<int>(), 1, 1000);
        Assert.NotNull(job["security_configuration"]);
        Assert.NotEmpty(job["tags"]!.AsObject());
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Every_reference_resolves_and_there_are_no_cycles(string name)
    {
        var files = TerraformEmitterTests.ModuleFiles();
        Assert.Empty(TerraformChecks.UnresolvedReferences(files));
        Assert.Empty(TerraformChecks.Cycles(files));
        var references = TerraformChecks.Dependencies(Pipeline(name)).ToList();
        Assert.Contains("var.aws_region", references);
        Assert.Contains("local.scripts_bucket", references);
        Assert.Contains("aws_kms_key.stack", references);
    }

    [Fact]
    public void All_pipelines_and_the_shared_file_form_one_module_without_duplicates()
    {
        var files = ModuleFiles();
        var addresses = new List<string>();
        foreach (var file in files)
        {
            foreach (var section in new[] { "variable", "output" })
            {
                addresses.AddRange((file[section] as JsonObject ?? new JsonObject()).Select(p => section + "." + p.Key));
            }

            foreach (var section in new[] { "resource", "data" })
            {
                foreach (var (type, instances) in file[section] as JsonObject ?? new JsonObject())
                {
                    addresses.AddRange(instances!.AsObject().Select(p => section + "." + type + "." + p.Key));
                }
            }
        }

        Assert.Equal(addresses.Count, addresses.Distinct().Count());
        Assert.Empty(TerraformChecks.UnresolvedReferences(files));
        Assert.Contains("resource.aws_glue_catalog_database.curated", addresses);
        Assert.Contains("resource.aws_glue_catalog_database.marts", addresses);
    }

    [Fact]
    public void Shared_file_pins_the_provider_and_declares_the_shared_variables()
    {
        var shared = Shared();
        Assert.Equal("hashicorp/aws", shared["terraform"]!["required_providers"]!["aws"]!["source"]!.GetValue<string>());
        // 5.100 (the provider the Terraform tier applies with) up to the current major.
        Assert.Equal(">= 5.100, < 7.0", shared["terraform"]!["required_providers"]!["aws"]!["version"]!.GetValue<string>());
        Assert.NotNull(shared["terraform"]!["required_version"]);
        Assert.Equal("${var.aws_region}", shared["provider"]!["aws"]!["region"]!.GetValue<string>());
        Assert.NotEmpty(shared["provider"]!["aws"]!["default_tags"]!["tags"]!.AsObject());
        var variables = shared["variable"]!.AsObject();
        foreach (var name in new[] { "aws_region", "environment", "scripts_bucket", "temp_bucket", "log_bucket", "bucket_acme_raw", "schedules_enabled", "aws_account_id", "aws_partition" })
        {
            var variable = variables[name]!.AsObject();
            Assert.False(string.IsNullOrWhiteSpace(variable["description"]?.GetValue<string>()), name);
            Assert.NotNull(variable["type"]);
            Assert.StartsWith("${", variable["validation"]!["condition"]!.GetValue<string>());
            Assert.EndsWith(".", variable["validation"]!["error_message"]!.GetValue<string>());
        }

        Assert.Equal("acme-raw", variables["bucket_acme_raw"]!["default"]!.GetValue<string>());
        Assert.Empty(TerraformChecks.UnresolvedReferences(ModuleFiles()));
    }

    // ------------------------------------------------------------ resources

    [Fact]
    public void Job_arguments_follow_the_spec()
    {
        var orders = Resource(Pipeline("orders-daily"), "aws_glue_job", "orders_daily");
        var args = orders["default_arguments"]!.AsObject();
        Assert.Equal("job-bookmark-enable", args["--job-bookmark-option"]!.GetValue<string>());
        Assert.Equal("true", args["--enable-auto-scaling"]!.GetValue<string>());
        Assert.Equal("python", args["--job-language"]!.GetValue<string>());
        Assert.Equal("", args["--enable-metrics"]!.GetValue<string>());
        // The scripts never query the catalog through Spark SQL: no Glue Data Catalog as the Hive metastore.
        Assert.Null(args["--enable-glue-datacatalog"]);
        Assert.Equal("true", args["--enable-observability-metrics"]!.GetValue<string>());
        Assert.Equal("true", args["--enable-continuous-cloudwatch-log"]!.GetValue<string>());
        Assert.Equal("s3://${local.temp_bucket}/temp/orders-daily/", args["--TempDir"]!.GetValue<string>());
        Assert.Equal("true", args["--enable-spark-ui"]!.GetValue<string>());
        Assert.Equal("s3://${local.log_bucket}/sparkui/orders-daily/", args["--spark-event-logs-path"]!.GetValue<string>());
        Assert.Equal("/aws-glue/jobs/orders-daily/logs-v2", args["--continuous-log-logGroup"]!.GetValue<string>());
        Assert.Equal("s3://${local.bucket_acme_raw}/orders/", args["--source_orders_path"]!.GetValue<string>());
        Assert.Equal("s3://${local.bucket_acme_curated}/orders/", args["--sink_curated_path"]!.GetValue<string>());
        Assert.Equal("s3://${local.bucket_acme_curated}/quarantine/orders/", args["--quarantine_curated_path"]!.GetValue<string>());
        Assert.Equal(args.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal), args.Select(p => p.Key));
        Assert.Equal("4.0", orders["glue_version"]!.GetValue<string>());
        Assert.Equal(60, orders["timeout"]!.GetValue<int>());

        var revenue = Resource(Pipeline("customer-revenue"), "aws_glue_job", "customer_revenue");
        var revenueArgs = revenue["default_arguments"]!.AsObject();
        Assert.Equal("job-bookmark-disable", revenueArgs["--job-bookmark-option"]!.GetValue<string>());
        Assert.Null(revenueArgs["--enable-auto-scaling"]);
        // Glue 5 logs in real time to the run's groups, which the security configuration names (no custom prefix).
        Assert.Null(revenueArgs["--custom-logGroup-prefix"]);
        Assert.Equal("s3://${local.bucket_acme_marts}/customer_revenue/", revenueArgs["--sink_revenue_path"]!.GetValue<string>());
        Assert.Null(revenueArgs["--source_orders_path"]); // catalog sources: the location is the table's
        Assert.Null(revenueArgs["--quarantine_revenue_path"]); // the Fail action writes no quarantine
        Assert.Equal("FLEX", revenue["execution_class"]!.GetValue<string>());
    }

    [Fact]
    public void Script_object_is_content_addressed_and_kms_encrypted()
    {
        var file = Pipeline("orders-daily");
        var script = Resource(file, "aws_s3_object", "orders_daily_script");
        const string hash = "${filemd5(\"${path.module}/../glue/orders-daily.py\")}";
        Assert.Equal("scripts/orders-daily/" + hash + ".py", script["key"]!.GetValue<string>());
        Assert.Equal(hash, script["source_hash"]!.GetValue<string>());
        Assert.Equal("${path.module}/../glue/orders-daily.py", script["source"]!.GetValue<string>());
        Assert.Equal("aws:kms", script["server_side_encryption"]!.GetValue<string>());
        Assert.Equal("${aws_kms_key.stack.arn}", script["kms_key_id"]!.GetValue<string>());
        Assert.Null(script["etag"]);
        var job = Resource(file, "aws_glue_job", "orders_daily");
        Assert.Equal("s3://${local.scripts_bucket}/${aws_s3_object.orders_daily_script.key}", job["command"]!["script_location"]!.GetValue<string>());
    }

    [Fact]
    public void Standalone_pipelines_get_a_scheduled_or_on_demand_trigger_in_the_shared_file()
    {
        Assert.Null(Pipeline("orders-daily")["resource"]!["aws_glue_trigger"]);
        var triggers = TerraformChecks.Parse(Specs.Module(Specs.OrdersDaily())["terraform/workflows.tf.json"])["resource"]!["aws_glue_trigger"]!;
        var trigger = triggers["orders_daily_schedule"]!;
        Assert.Equal("SCHEDULED", trigger["type"]!.GetValue<string>());
        Assert.Equal("${var.orders_daily_schedule}", trigger["schedule"]!.GetValue<string>());
        Assert.Equal("${var.schedules_enabled}", trigger["enabled"]!.GetValue<string>());
        // Activated on creation exactly when enabled: a trigger created in an environment without schedules stays off.
        Assert.Equal("${var.schedules_enabled}", trigger["start_on_creation"]!.GetValue<string>());
        Assert.Equal("${aws_glue_job.orders_daily.name}", trigger["actions"]![0]!["job_name"]!.GetValue<string>());
        var onDemand = TerraformChecks.Parse(Specs.Module(Specs.CustomerRevenue())["terraform/workflows.tf.json"])["resource"]!["aws_glue_trigger"]!["customer_revenue_on_demand"]!;
        Assert.Equal("ON_DEMAND", onDemand["type"]!.GetValue<string>());
    }

    [Fact]
    public void Sink_table_has_hive_types_formats_and_partitions_outside_the_columns()
    {
        var table = Resource(Pipeline("orders-daily"), "aws_glue_catalog_table", "orders_daily_curated");
        Assert.Equal("orders", table["name"]!.GetValue<string>());
        Assert.Equal("${aws_glue_catalog_database.curated.name}", table["database_name"]!.GetValue<string>());
        Assert.Equal("EXTERNAL_TABLE", table["table_type"]!.GetValue<string>());
        Assert.Equal("parquet", table["parameters"]!["classification"]!.GetValue<string>());
        var storage = table["storage_descriptor"]!;
        Assert.Equal("s3://${local.bucket_acme_curated}/orders/", storage["location"]!.GetValue<string>());
        Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe", storage["ser_de_info"]!["serialization_library"]!.GetValue<string>());
        Assert.Equal("org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat", storage["input_format"]!.GetValue<string>());
        var columns = storage["columns"]!.AsArray().ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!["type"]!.GetValue<string>());
        Assert.Equal(
            new[] { "id", "customer_id", "amount", "status", "tags", "shipping", "order_date" },
            storage["columns"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("decimal(18,2)", columns["amount"]);
        Assert.Equal("array<string>", columns["tags"]);
        Assert.Equal("struct<city:string,zip:string>", columns["shipping"]);
        Assert.Equal("date", columns["order_date"]);
        Assert.Equal(
            new[] { "year:int", "month:int", "day:int" },
            table["partition_keys"]!.AsArray().Select(c => c!["name"]!.GetValue<string>() + ":" + c["type"]!.GetValue<string>()));

        var revenue = Resource(Pipeline("customer-revenue"), "aws_glue_catalog_table", "customer_revenue_revenue");
        Assert.Null(revenue["partition_keys"]);
        Assert.Equal("s3://${local.bucket_acme_marts}/customer_revenue/", revenue["storage_descriptor"]!["location"]!.GetValue<string>());
        Assert.Equal("org.apache.hadoop.hive.ql.io.orc.OrcSerde", revenue["storage_descriptor"]!["ser_de_info"]!["serialization_library"]!.GetValue<string>());
        Assert.Equal("ZSTD", revenue["parameters"]!["orc.compress"]!.GetValue<string>());
        Assert.Equal(5, revenue["storage_descriptor"]!["columns"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("Byte", "tinyint")]
    [InlineData("Short", "smallint")]
    [InlineData("Int", "int")]
    [InlineData("Long", "bigint")]
    [InlineData("Float", "float")]
    [InlineData("Double", "double")]
    [InlineData("Boolean", "boolean")]
    [InlineData("Date", "date")]
    [InlineData("Timestamp", "timestamp")]
    [InlineData("String", "string")]
    [InlineData("Decimal", "decimal(38,18)")]
    public void Hive_types(string kind, string expected) =>
        Assert.Equal(expected, TerraformEmitter.HiveType(DataType.Of(Enum.Parse<TypeKind>(kind))));

    [Fact]
    public void Nested_hive_types()
    {
        var inner = new DataType(TypeKind.Struct, false, Fields: new[] { new ColumnSpec("A", "a", new DataType(TypeKind.Decimal, false, 10, 3), ColumnRules.None) }.ToEquatableArrayForTest());
        Assert.Equal("array<struct<a:decimal(10,3)>>", TerraformEmitter.HiveType(new DataType(TypeKind.Array, false, Element: inner)));
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Data_quality_rulesets_embed_the_dqdl_and_target_the_sink_table(string name)
    {
        var spec = Specs.ByName(name);
        var file = Pipeline(name);
        var rulesets = DqdlEmitter.Emit(spec);
        Assert.NotEmpty(rulesets);
        var resources = file["resource"]!["aws_glue_data_quality_ruleset"]!.AsObject();
        Assert.Equal(rulesets.Count, resources.Count);
        foreach (var ruleset in rulesets)
        {
            var resource = resources.Select(p => p.Value!).Single(r => r["name"]!.GetValue<string>() == ruleset.Name);
            Assert.Equal(ruleset.Text, resource["ruleset"]!.GetValue<string>());
            var table = resource["target_table"]!["table_name"]!.GetValue<string>();
            Assert.Matches(@"^\$\{aws_glue_catalog_table\.[a-z0-9_]+\.name\}$", table);
        }
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Log_groups_are_owned_encrypted_and_retained(string name)
    {
        var spec = Specs.ByName(name);
        var glue = TerraformChecks.Parse(Specs.Module()["terraform/glue.tf.json"]);
        var groups = glue["resource"]!["aws_cloudwatch_log_group"]!.AsObject().Where(p => p.Key.StartsWith(spec.Job.Identifier + "_", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(groups);
        foreach (var (_, group) in groups)
        {
            // The names Glue writes to under the security configuration (CloudWatch encryption): the role-and-configuration
            // groups of the run and, up to Glue 4, the continuous-log group with the configuration's suffix.
            Assert.Matches("^(/aws-glue/jobs-glue-" + spec.Job.Name + "-acme-lake/(error|output)|/aws-glue/jobs/" + spec.Job.Name + "/logs-v2-acme-lake)$", group!["name"]!.GetValue<string>());
            Assert.Equal(365, group["retention_in_days"]!.GetValue<int>());
            Assert.Equal("${aws_kms_key.stack.arn}", group["kms_key_id"]!.GetValue<string>());
        }

        Assert.Equal("${aws_glue_security_configuration.stack.name}", Resource(Pipeline(name), "aws_glue_job", spec.Job.Identifier)["security_configuration"]!.GetValue<string>());
        var security = Resource(glue, "aws_glue_security_configuration", "stack")["encryption_configuration"]!;
        Assert.Equal("SSE-KMS", security["s3_encryption"]!["s3_encryption_mode"]!.GetValue<string>());
        Assert.Equal("SSE-KMS", security["cloudwatch_encryption"]!["cloudwatch_encryption_mode"]!.GetValue<string>());
        Assert.Equal("CSE-KMS", security["job_bookmarks_encryption"]!["job_bookmarks_encryption_mode"]!.GetValue<string>());
    }

    [Fact]
    public void Catalog_source_without_location_gets_a_validated_variable()
    {
        var variables = Pipeline("customer-revenue")["variable"]!.AsObject();
        Assert.NotNull(variables["customer_revenue_orders_location"]);
        Assert.Null(variables["customer_revenue_customers_location"]);
        Assert.NotNull(variables["customer_revenue_number_of_workers"]);
        Assert.Null(Pipeline("orders-daily")["variable"]!["orders_daily_orders_location"]);
    }

    [Fact]
    public void Model_text_is_escaped_for_terraform_templates()
    {
        var spec = Specs.OrdersDaily();
        spec = spec with { Job = spec.Job with { Description = "costs ${var.secret} and %{ if true }x%{ endif }" } };
        var text = TerraformEmitter.EmitPipeline(spec);
        var file = TerraformChecks.Parse(text);
        Assert.Equal("costs $${var.secret} and %%{ if true }x%%{ endif }", Resource(file, "aws_glue_job", "orders_daily")["description"]!.GetValue<string>());
        var files = ModuleFiles();
        files.Add(file);
        Assert.Empty(TerraformChecks.UnresolvedReferences(files));
        Assert.Equal("a$${b}%%{c", TerraformEmitter.Literal("a${b}%{c"));
    }

    // ------------------------------------------------------------ IAM

    private static (HashSet<string> Arns, HashSet<string> Prefixes) DeclaredS3(PipelineSpec spec)
    {
        var arns = new HashSet<string>(StringComparer.Ordinal);
        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        void Add(string? uri)
        {
            if (uri is null)
            {
                return;
            }

            var match = Regex.Match(uri, "^s3://([^/]+)/?(.*)$");
            Assert.True(match.Success, uri);
            var prefix = match.Groups[2].Value;
            prefix = prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/";
            var bucket = "${local.bucket_" + match.Groups[1].Value.Replace('-', '_') + "}";
            arns.Add(bucket);
            arns.Add(bucket + "/" + prefix + "*");
            prefixes.Add(prefix);
            prefixes.Add(prefix + "*");
        }

        var id = spec.Job.Identifier;
        foreach (var source in spec.Sources)
        {
            if (source.Kind == SourceKind.S3)
            {
                Add(source.Path);
            }
            else if (source.Location is not null)
            {
                Add(source.Location);
            }
            else
            {
                var variable = $"var.{id}_{source.Id}_location";
                arns.Add("${trimprefix(" + variable + ", \"s3://\")}*");
                arns.Add("${regex(\"^s3://([^/]+)/\", " + variable + ")[0]}");
                prefixes.Add("${regex(\"^s3://[^/]+/(.*)$\", " + variable + ")[0]}");
                prefixes.Add("${regex(\"^s3://[^/]+/(.*)$\", " + variable + ")[0]}*");
            }
        }

        foreach (var stage in spec.Stages.Where(s => s.Sink is not null))
        {
            Add(stage.Sink!.Path);
            Add(stage.Sink.QuarantinePath);
        }

        // Malformed input rows: only the job's own _malformed/<job>/ prefix in its first sink's bucket.
        Add(PySparkEmitter.MalformedRowsUri(spec));

        arns.Add("${local.scripts_bucket}/${aws_s3_object." + id + "_script.key}");
        arns.Add("${local.temp_bucket}");
        arns.Add("${local.temp_bucket}/temp/" + spec.Job.Name + "/*");
        arns.Add("${local.log_bucket}");
        arns.Add("${local.log_bucket}/sparkui/" + spec.Job.Name + "/*");
        foreach (var folder in new[] { "temp/", "sparkui/" })
        {
            prefixes.Add(folder + spec.Job.Name + "/");
            prefixes.Add(folder + spec.Job.Name + "/*");
        }
        return (arns, prefixes);
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Iam_is_least_privilege_and_traces_to_declared_paths(string name)
    {
        var spec = Specs.ByName(name);
        var file = Pipeline(name);
        var (arns, prefixes) = DeclaredS3(spec);
        Assert.Empty(TerraformChecks.IamProblems(file, arns, prefixes));

        // Every declared location is actually granted (the checks above only bound the grants from above).
        var granted = TerraformChecks.Strings(file["data"]!["aws_iam_policy_document"]![spec.Job.Identifier + "_job"])
            .Where(s => s.StartsWith(TerraformChecks.S3ArnPrefix, StringComparison.Ordinal))
            .Select(s => s.Substring(TerraformChecks.S3ArnPrefix.Length))
            .ToHashSet();
        Assert.Equal(arns.OrderBy(a => a, StringComparer.Ordinal), granted.OrderBy(a => a, StringComparer.Ordinal));

        var policyText = file["data"]!.ToJsonString();
        Assert.DoesNotContain("iam:PassRole", policyText, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Trust_policy_admits_only_glue_for_this_account()
    {
        var trust = Pipeline("orders-daily")["data"]!["aws_iam_policy_document"]!["orders_daily_assume_role"]!["statement"]!.AsArray().Single()!;
        Assert.Equal(new[] { "sts:AssumeRole" }, trust["actions"]!.AsArray().Select(a => a!.GetValue<string>()));
        var principal = trust["principals"]!.AsArray().Single()!;
        Assert.Equal("Service", principal["type"]!.GetValue<string>());
        Assert.Equal(new[] { "glue.amazonaws.com" }, principal["identifiers"]!.AsArray().Select(a => a!.GetValue<string>()));
        var condition = trust["condition"]!.AsArray().Single()!;
        Assert.Equal("aws:SourceAccount", condition["variable"]!.GetValue<string>());
        Assert.Equal("${var.aws_account_id}", condition["values"]![0]!.GetValue<string>());
        var role = Resource(Pipeline("orders-daily"), "aws_iam_role", "orders_daily_job");
        Assert.Equal("${data.aws_iam_policy_document.orders_daily_assume_role.json}", role["assume_role_policy"]!.GetValue<string>());
        var policy = Resource(Pipeline("orders-daily"), "aws_iam_policy", "orders_daily_job");
        Assert.Equal("${data.aws_iam_policy_document.orders_daily_job.json}", policy["policy"]!.GetValue<string>());
        Assert.Equal("${aws_iam_policy.orders_daily_job.arn}", Resource(Pipeline("orders-daily"), "aws_iam_role_policy_attachment", "orders_daily_job")["policy_arn"]!.GetValue<string>());
    }

    [Fact]
    public void Catalog_grants_name_exactly_the_touched_tables()
    {
        var statements = Pipeline("customer-revenue")["data"]!["aws_iam_policy_document"]!["customer_revenue_job"]!["statement"]!.AsArray();
        string[] Resources(string sid) => statements.Single(s => s!["sid"]!.GetValue<string>() == sid)!["resources"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray();
        const string glue = "arn:${var.aws_partition}:glue:${var.aws_region}:${var.aws_account_id}:";
        Assert.Equal(
            new[] { glue + "catalog", glue + "database/crm", glue + "database/curated", glue + "table/crm/customers", glue + "table/curated/orders" },
            Resources("ReadCatalogSources"));
        Assert.Equal(new[] { glue + "catalog", glue + "database/marts", glue + "table/marts/customer_revenue" }, Resources("MaintainSinkTables"));
        var actions = statements.Single(s => s!["sid"]!.GetValue<string>() == "MaintainSinkTables")!["actions"]!.AsArray().Select(a => a!.GetValue<string>()).ToArray();
        Assert.Contains("glue:CreateTable", actions);
        Assert.Contains("glue:UpdateTable", actions);
        Assert.Contains("glue:BatchCreatePartition", actions);
        var metrics = statements.Single(s => s!["sid"]!.GetValue<string>() == "PutJobMetrics")!;
        Assert.Equal(new[] { "Glue", "Glue Data Quality" }, metrics["condition"]![0]!["values"]!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void Only_a_job_that_overwrites_partitions_uses_the_catalog_as_its_metastore()
    {
        var spec = Specs.OrdersDaily();
        var overwriting = spec with
        {
            Stages = spec.Stages.Select(s => s.Sink is null ? s : s with { Sink = s.Sink with { Mode = WriteModeKind.OverwritePartitions } }).ToEquatableArray(),
        };
        string? Argument(PipelineSpec s) =>
            TerraformChecks.Parse(TerraformEmitter.EmitPipeline(s))["resource"]!["aws_glue_job"]![s.Job.Identifier]!["default_arguments"]!["--enable-glue-datacatalog"]?.GetValue<string>();
        Assert.Null(Argument(spec));
        Assert.Contains("MSCK REPAIR TABLE", PySparkEmitter.Emit(overwriting));
        Assert.Equal("true", Argument(overwriting));
    }

    // ------------------------------------------------------------ tags

    [Fact] // apply: IAM CreateRole "Duplicate tag keys found" (default tag Owner + the job's owner)
    public void Tag_keys_of_every_resource_are_unique_case_insensitively_after_the_default_tags_are_merged()
    {
        var tagged = Specs.OrdersDaily() with
        {
            Job = Specs.OrdersDaily().Job with
            {
                Tags = new[] { new TagSpec("owner", "data-platform"), new TagSpec("cost-center", "cc-1234"), new TagSpec("team", "orders") }.ToEquatableArray(),
            },
        };
        var module = Specs.Module(tagged, Specs.CustomerRevenue());
        var defaults = TerraformChecks.Parse(module["terraform/main.tf.json"])["provider"]!["aws"]!["default_tags"]!["tags"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Equal(defaults.Count, defaults.Select(k => k.ToLowerInvariant()).Distinct().Count());
        var checkedResources = 0;
        foreach (var text in module.Values)
        {
            var file = TerraformChecks.Parse(text);
            foreach (var (type, instances) in (file["resource"] as JsonObject) ?? new JsonObject())
            {
                foreach (var (name, body) in instances!.AsObject())
                {
                    if (body!["tags"] is not JsonObject tags)
                    {
                        continue;
                    }

                    // The provider merges default_tags by exact key (the resource's value wins); IAM then compares keys
                    // ignoring case. Separators are compared away too: owner/Owner and cost-center/CostCenter are one tag.
                    var merged = defaults.Where(d => !tags.ContainsKey(d)).Concat(tags.Select(t => t.Key)).ToList();
                    var identities = merged.Select(TerraformEmitter.TagKeyIdentity).ToList();
                    Assert.True(identities.Count == identities.Distinct().Count(), $"{type}.{name}: {string.Join(", ", merged)}");
                    checkedResources++;
                }
            }
        }

        Assert.True(checkedResources > 5);
        var role = TerraformChecks.Parse(module["terraform/orders-daily.tf.json"])["resource"]!["aws_iam_role"]!["orders_daily_job"]!["tags"]!.AsObject();
        Assert.Equal("data-platform", role["Owner"]!.GetValue<string>());
        Assert.Equal("cc-1234", role["CostCenter"]!.GetValue<string>());
        Assert.Equal("orders", role["team"]!.GetValue<string>());
    }

    // ------------------------------------------------------------ determinism

    [Fact]
    public void Output_is_identical_under_turkish_and_invariant_cultures()
    {
        string EmitAll() => string.Concat(Specs.All().SelectMany(s => new[] { TerraformEmitter.EmitPipeline(s), Specs.Dashboard(s) })) + string.Concat(Specs.Module().Values);
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            var invariant = EmitAll();
            CultureInfo.CurrentCulture = new CultureInfo("tr-TR");
            Assert.Equal("ı", "I".ToLower(CultureInfo.CurrentCulture));
            var turkish = EmitAll();
            Assert.Equal(invariant, turkish);
            Assert.Equal(invariant, EmitAll());
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }
}

internal static class TestExtensions
{
    public static Pipeline.Generators.Helpers.EquatableArray<T> ToEquatableArrayForTest<T>(this IEnumerable<T> items)
        where T : IEquatable<T> => new(items);
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Pipeline.Generators.Emit;
using static Pipeline.Generators.Helpers.EquatableArray;
using Pipeline.Generators.Helpers;
using JsonObject = System.Text.Json.Nodes.JsonObject;
using JsonArray = System.Text.Json.Nodes.JsonArray;
using Pipeline.Generators.Model;

namespace Pipeline.Terraform.Tests;

/// <summary>
/// The scanner rules of guardrails Table A that the generated stack claims (docs/deploy.md maps each row
/// to the test here), asserted directly on the parsed JSON, plus the workflow and environment contracts.
/// </summary>
public class StackGuardrailTests
{
    private static List<JsonObject> Files() => TerraformEmitterTests.ModuleFiles();

    /// <summary>Every instance of a resource (or data) type across the module: address → body.</summary>
    private static List<(string Name, JsonObject Body)> All(string type, string section = "resource") =>
        Files().SelectMany(f => (f[section]?[type] as JsonObject ?? new JsonObject()).Select(p => (p.Key, p.Value!.AsObject()))).ToList();

    private static JsonObject Document(string name) => All("aws_iam_policy_document", "data").Single(d => d.Name == name).Body;

    private static IEnumerable<JsonObject> Statements(JsonObject document) => document["statement"]!.AsArray().Select(s => s!.AsObject());

    private static string[] Strings(JsonNode? node) => node is JsonArray array ? array.Select(a => a!.GetValue<string>()).ToArray() : Array.Empty<string>();

    private static string BucketOf(JsonObject companion) => companion["bucket"]!.GetValue<string>();

    private static List<string> ManagedBuckets() => All("aws_s3_bucket").Select(b => "${aws_s3_bucket." + b.Name + ".id}").ToList();

    private static void EveryBucketHas(string companionType, Func<JsonObject, bool>? check = null, bool exceptLogBucket = false)
    {
        var companions = All(companionType);
        foreach (var bucket in ManagedBuckets())
        {
            if (exceptLogBucket && bucket.Contains("zone_logs", StringComparison.Ordinal))
            {
                continue;
            }

            var companion = companions.Where(c => BucketOf(c.Body) == bucket).Select(c => c.Body).SingleOrDefault();
            Assert.True(companion is not null, $"{bucket} has no {companionType}");
            if (check is not null)
            {
                Assert.True(check(companion!), $"{companionType} of {bucket} does not satisfy the rule");
            }
        }
    }

    // ------------------------------------------------------------ A1 Glue

    [Fact] // A1.1 CKV_AWS_99
    public void A1_1_security_configuration_encrypts_s3_logs_and_bookmarks_with_the_key()
    {
        var config = All("aws_glue_security_configuration").Single().Body["encryption_configuration"]!;
        Assert.Equal("SSE-KMS", config["s3_encryption"]!["s3_encryption_mode"]!.GetValue<string>());
        Assert.Equal("SSE-KMS", config["cloudwatch_encryption"]!["cloudwatch_encryption_mode"]!.GetValue<string>());
        Assert.Equal("CSE-KMS", config["job_bookmarks_encryption"]!["job_bookmarks_encryption_mode"]!.GetValue<string>());
        foreach (var block in new[] { "s3_encryption", "cloudwatch_encryption", "job_bookmarks_encryption" })
        {
            Assert.Equal("${aws_kms_key.stack.arn}", config[block]!["kms_key_arn"]!.GetValue<string>());
        }
    }

    [Fact] // A1.2 CKV_AWS_195, A1.3 CT.GLUE.PR.1
    public void A1_2_every_job_and_crawler_has_the_security_configuration()
    {
        var components = All("aws_glue_job").Concat(All("aws_glue_crawler")).ToList();
        Assert.Equal(3, components.Count);
        Assert.All(components, c => Assert.Equal("${aws_glue_security_configuration.stack.name}", c.Body["security_configuration"]!.GetValue<string>()));
    }

    [Fact] // A1.5 Glue.1, A1.6 Glue.4, A1.8 glue-job-logging-enabled, C3 timeout
    public void A1_5_jobs_are_tagged_pinned_logged_and_time_limited()
    {
        foreach (var (_, job) in All("aws_glue_job"))
        {
            Assert.Contains(job["tags"]!.AsObject(), t => !t.Key.StartsWith("aws:", StringComparison.Ordinal));
            Assert.True(double.Parse(job["glue_version"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) >= 3.0);
            Assert.Equal("true", job["default_arguments"]!["--enable-continuous-cloudwatch-log"]!.GetValue<string>());
            Assert.InRange(job["timeout"]!.GetValue<int>(), 1, 10079);
        }
    }

    [Fact] // A1.4 / X2: the per-catalog singleton is a platform resource
    public void X2_no_data_catalog_encryption_settings_are_emitted() =>
        Assert.Empty(All("aws_glue_data_catalog_encryption_settings"));

    // ------------------------------------------------------------ A2 S3

    [Fact] // A2.1 CKV_AWS_19, A2.2 CKV_AWS_145, A2.31 AWS-0132, A2.52 S3.17, A2.58
    public void A2_2_data_buckets_use_the_customer_managed_key_with_bucket_keys()
    {
        EveryBucketHas("aws_s3_bucket_server_side_encryption_configuration", sse =>
            sse["rule"]!["apply_server_side_encryption_by_default"]!["sse_algorithm"]!.GetValue<string>() == "aws:kms"
            && sse["rule"]!["apply_server_side_encryption_by_default"]!["kms_master_key_id"]!.GetValue<string>() == "${aws_kms_key.stack.arn}"
            && sse["rule"]!["bucket_key_enabled"]!.GetValue<bool>(), exceptLogBucket: true);
    }

    [Fact] // X1: the access-log bucket is SSE-S3, says why, and carries the logging.s3 grant that exempts it in trivy
    public void X1_log_bucket_is_sse_s3_with_a_documented_exemption()
    {
        var sse = All("aws_s3_bucket_server_side_encryption_configuration").Single(s => s.Name == "zone_logs").Body;
        Assert.Equal("AES256", sse["rule"]!["apply_server_side_encryption_by_default"]!["sse_algorithm"]!.GetValue<string>());
        Assert.Contains("X1", All("aws_s3_bucket").Single(b => b.Name == "zone_logs").Body["//"]!.GetValue<string>());
        var grants = Statements(Document("zone_logs_bucket_policy")).Where(s => s["effect"]!.GetValue<string>() == "Allow").ToList();
        Assert.NotEmpty(grants);
        foreach (var grant in grants)
        {
            Assert.Equal(new[] { "logging.s3.amazonaws.com" }, Strings(grant["principals"]![0]!["identifiers"]));
            Assert.Equal(new[] { "s3:PutObject" }, Strings(grant["actions"]));
        }
    }

    [Fact] // apply: PutBucketLogging failed with InvalidTargetBucketForLogging (the grant named no zone prefix, nothing waited)
    public void Every_logged_bucket_may_deliver_exactly_its_prefix_and_waits_for_the_log_bucket_policy()
    {
        var statements = Statements(Document("zone_logs_bucket_policy")).ToList();
        foreach (var (name, logging) in All("aws_s3_bucket_logging"))
        {
            var prefix = logging["target_prefix"]!.GetValue<string>();
            Assert.Equal(new[] { "aws_s3_bucket_policy.zone_logs" }, Strings(logging["depends_on"]));
            var grant = Assert.Single(statements, s => Strings(s["resources"]).SequenceEqual(new[] { "${aws_s3_bucket.zone_logs.arn}/" + prefix + "*" }));
            Assert.Equal("Allow", grant["effect"]!.GetValue<string>());
            var conditions = grant["condition"]!.AsArray().ToDictionary(c => c!["variable"]!.GetValue<string>(), c => Strings(c!["values"]).Single());
            Assert.Equal("${aws_s3_bucket." + name + ".arn}", conditions["aws:SourceArn"]);
            Assert.Equal("${var.aws_account_id}", conditions["aws:SourceAccount"]);
        }

        // Allows before the Deny (the emulator stops at a "*" principal), the Deny still there.
        Assert.Equal("Deny", statements[^1]["effect"]!.GetValue<string>());
    }

    [Fact] // review: uploads with another key or without SSE-KMS were accepted by the data buckets
    public void Data_bucket_policies_deny_uploads_with_another_key_or_encryption()
    {
        foreach (var (name, _) in All("aws_s3_bucket").Where(b => b.Name != "zone_logs"))
        {
            var denies = Statements(Document(name + "_bucket_policy")).Where(s => s["effect"]!.GetValue<string>() == "Deny" && Strings(s["actions"]).SequenceEqual(new[] { "s3:PutObject" })).ToList();
            var conditions = denies.SelectMany(d => d["condition"]!.AsArray()).Select(c => c!["test"]!.GetValue<string>() + " " + c!["variable"]!.GetValue<string>() + " " + Strings(c["values"]).Single()).ToList();
            Assert.Contains("StringNotEqualsIfExists s3:x-amz-server-side-encryption-aws-kms-key-id ${aws_kms_key.stack.arn}", conditions);
            Assert.Contains("StringNotEqualsIfExists s3:x-amz-server-side-encryption aws:kms", conditions);
        }
    }

    [Fact] // bucket names without an account part collide in S3's global namespace
    public void Managed_bucket_names_end_in_the_account_id()
    {
        Assert.All(All("aws_s3_bucket"), b => Assert.Matches(@"^\$\{var\.[a-z0-9_]+\}-\$\{var\.aws_account_id\}$", b.Body["bucket"]!.GetValue<string>()));
    }

    [Fact] // A2.3 CKV_AWS_18, A2.33 AWS-0089, A2.45 S3.9
    public void A2_3_every_data_bucket_logs_to_the_log_bucket() =>
        EveryBucketHas("aws_s3_bucket_logging", l => l["target_bucket"]!.GetValue<string>() == "${local.log_bucket}", exceptLogBucket: true);

    [Fact] // A2.4 CKV_AWS_21, A2.34 AWS-0090, A2.50 S3.14, A2.35/X5 (no mfa_delete)
    public void A2_4_every_bucket_is_versioned_without_mfa_delete() =>
        EveryBucketHas("aws_s3_bucket_versioning", v => v["versioning_configuration"]!["status"]!.GetValue<string>() == "Enabled" && v["versioning_configuration"]!["mfa_delete"] is null);

    [Fact] // A2.6 CKV2_AWS_6, A2.7-A2.10 CKV_AWS_53..56, A2.25-A2.29 AWS-0086/87/91/93/94, A2.44 S3.8, A2.59
    public void A2_6_every_bucket_blocks_all_public_access() =>
        EveryBucketHas("aws_s3_bucket_public_access_block", p =>
            new[] { "block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets" }.All(k => p[k]?.GetValue<bool>() == true));

    [Fact] // A2.11 CKV2_AWS_61, A2.12 CKV_AWS_300, A2.46 S3.10, A2.49 S3.13
    public void A2_12_every_bucket_has_an_unfiltered_lifecycle_that_aborts_uploads_and_expires_old_versions()
    {
        EveryBucketHas("aws_s3_bucket_lifecycle_configuration", l => l["rule"]!.AsArray().Any(r =>
            r!["status"]!.GetValue<string>() == "Enabled" && r["filter"] is JsonObject { Count: 0 }
            && r["abort_incomplete_multipart_upload"]!["days_after_initiation"]!.GetValue<int>() > 0
            && r["noncurrent_version_expiration"]!["noncurrent_days"]!.GetValue<int>() > 0));
        var raw = All("aws_s3_bucket_lifecycle_configuration").Single(l => l.Name == "zone_raw").Body["rule"]![0]!["transition"]!.AsArray();
        Assert.Equal(new[] { "INTELLIGENT_TIERING:30", "GLACIER_IR:90" }, raw.Select(t => t!["storage_class"]!.GetValue<string>() + ":" + t["days"]!.GetValue<int>()));
        Assert.Null(All("aws_s3_bucket_lifecycle_configuration").Single(l => l.Name == "zone_scripts").Body["rule"]![0]!["transition"]);
        Assert.Equal(30, All("aws_s3_bucket_lifecycle_configuration").Single(l => l.Name == "zone_temp").Body["rule"]![0]!["expiration"]!["days"]!.GetValue<int>());
    }

    [Fact] // A2.13 CKV2_AWS_62, A2.47 S3.11
    public void A2_13_every_bucket_sends_events_to_eventbridge() =>
        EveryBucketHas("aws_s3_bucket_notification", n => n["eventbridge"]!.GetValue<bool>());

    [Fact] // A2.14 CKV2_AWS_65, A2.48 S3.12; A2.15-A2.18/A2.30 (no ACL resources at all)
    public void A2_14_acls_are_disabled_and_never_granted()
    {
        EveryBucketHas("aws_s3_bucket_ownership_controls", o => o["rule"]!["object_ownership"]!.GetValue<string>() == "BucketOwnerEnforced");
        Assert.Empty(All("aws_s3_bucket_acl"));
        Assert.All(All("aws_s3_bucket"), b => Assert.Null(b.Body["acl"]));
    }

    [Fact] // A2.20 CKV_AWS_70, A2.21 CKV_AWS_93, A2.41 S3.5, A2.57, A2.61
    public void A2_41_every_bucket_policy_denies_insecure_transport_and_allows_no_one_broadly()
    {
        EveryBucketHas("aws_s3_bucket_policy");
        foreach (var (name, _) in All("aws_s3_bucket"))
        {
            var statements = Statements(Document(name + "_bucket_policy")).ToList();
            var tls = statements.Single(s => s["sid"]!.GetValue<string>() == "DenyInsecureTransport");
            Assert.Equal("Deny", tls["effect"]!.GetValue<string>());
            Assert.Equal(new[] { "s3:*" }, Strings(tls["actions"]));
            Assert.Equal(new[] { "${aws_s3_bucket." + name + ".arn}", "${aws_s3_bucket." + name + ".arn}/*" }, Strings(tls["resources"]));
            var condition = tls["condition"]![0]!;
            Assert.Equal("Bool", condition["test"]!.GetValue<string>());
            Assert.Equal("aws:SecureTransport", condition["variable"]!.GetValue<string>());
            Assert.Equal(new[] { "false" }, Strings(condition["values"]));
            foreach (var allow in statements.Where(s => s["effect"]!.GetValue<string>() == "Allow"))
            {
                Assert.Equal("Service", allow["principals"]![0]!["type"]!.GetValue<string>());
                Assert.NotNull(allow["condition"]);
                Assert.DoesNotContain(Strings(allow["actions"]), a => a.Contains('*'));
            }
        }
    }

    [Fact] // A2.37 AWS-0320: bucket names without dots (variable defaults and validation)
    public void A2_37_bucket_names_are_dns_compliant()
    {
        var variables = TerraformChecks.Parse(Specs.Module()["terraform/main.tf.json"])["variable"]!.AsObject();
        foreach (var (name, variable) in variables.Where(v => v.Key.EndsWith("bucket", StringComparison.Ordinal) || v.Key.StartsWith("bucket_", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain('.', variable!["default"]!.GetValue<string>());
            Assert.Contains("[a-z0-9-]", variable["validation"]!["condition"]!.GetValue<string>());
        }
    }

    // ------------------------------------------------------------ A3 KMS

    [Fact] // A3.1 CKV_AWS_7, A3.2 CKV_AWS_227, A3.4 CKV2_AWS_64, A3.5 AWS-0065, A3.6 KMS.4
    public void A3_1_key_rotates_is_enabled_and_has_an_explicit_policy()
    {
        var key = All("aws_kms_key").Single().Body;
        Assert.True(key["enable_key_rotation"]!.GetValue<bool>());
        Assert.True(key["is_enabled"]!.GetValue<bool>());
        Assert.Equal("SYMMETRIC_DEFAULT", key["customer_master_key_spec"]!.GetValue<string>());
        Assert.Equal("${data.aws_iam_policy_document.kms_key_policy.json}", key["policy"]!.GetValue<string>());
        Assert.StartsWith("alias/", All("aws_kms_alias").Single().Body["name"]!.GetValue<string>());
    }

    [Fact] // A3.3 CKV_AWS_33, A3.8 KMS.5: no wildcard principal; services scoped by condition; roles named
    public void A3_3_key_policy_names_its_users_and_no_one_else()
    {
        var statements = Statements(Document("kms_key_policy")).ToList();
        foreach (var statement in statements)
        {
            var principal = statement["principals"]![0]!;
            Assert.DoesNotContain("*", Strings(principal["identifiers"]));
            Assert.DoesNotContain(Strings(statement["actions"]), a => a.Contains('*'));
            if (principal["type"]!.GetValue<string>() == "Service")
            {
                Assert.NotNull(statement["condition"]);
            }
        }

        var admin = statements.Single(s => s["sid"]!.GetValue<string>() == "KeyAdministration");
        Assert.DoesNotContain("kms:Decrypt", Strings(admin["actions"]));
        var roles = Strings(statements.Single(s => s["sid"]!.GetValue<string>() == "PipelineRolesUseKey")["principals"]![0]!["identifiers"]);
        Assert.Equal(new[] { "${aws_iam_role.orders_daily_job.arn}", "${aws_iam_role.customer_revenue_job.arn}", "${aws_iam_role.zone_raw_crawler.arn}" }.OrderBy(r => r, StringComparer.Ordinal), roles.OrderBy(r => r, StringComparer.Ordinal));

        // Key users get exactly encrypt, decrypt and data keys.
        foreach (var sid in new[] { "DeployerUsesKey", "PipelineRolesUseKey" })
        {
            Assert.Equal(new[] { "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey" }, Strings(statements.Single(s => s["sid"]!.GetValue<string>() == sid)["actions"]));
        }

        // apply/review: the deployer (who uploads the SSE-KMS scripts) was not a key user, so the uploads were denied.
        var deployer = statements.Single(s => s["sid"]!.GetValue<string>() == "DeployerUsesKey")["principals"]![0]!;
        Assert.Equal("AWS", deployer["type"]!.GetValue<string>());
        Assert.Equal("${distinct(concat([data.aws_iam_session_context.deployer.issuer_arn], var.deployer_principal_arns))}", deployer["identifiers"]!.GetValue<string>());

        // Services: only those that write to the stack's encrypted topic, queue and log groups, each scoped to its sources.
        var services = statements.SelectMany(s => Strings(s["principals"]![0]!["identifiers"])).Where(i => i.EndsWith(".amazonaws.com", StringComparison.Ordinal)).ToHashSet();
        Assert.Equal(new HashSet<string> { "logs.${var.aws_region}.amazonaws.com", "events.amazonaws.com", "cloudwatch.amazonaws.com" }, services);
        foreach (var statement in statements.Where(s => s["principals"]![0]!["type"]!.GetValue<string>() == "Service" && !Strings(s["principals"]![0]!["identifiers"]).Single().StartsWith("logs.", StringComparison.Ordinal)))
        {
            Assert.Contains(statement["condition"]!.AsArray(), c => c!["variable"]!.GetValue<string>() == "aws:SourceArn");
        }
    }

    [Fact] // review: producers writing raw data and readers of curated data had no way to use the key
    public void Declared_zone_producers_and_readers_use_the_key_only_through_s3_for_their_bucket()
    {
        var stack = Specs.Stack() with
        {
            Zones = Specs.Stack().Zones.Select(z => z.Name switch
            {
                "raw" => z with { Producers = new[] { "ingest-service" }.ToEquatableArray() },
                "curated" => z with { Readers = new[] { "arn:aws:iam::111122223333:role/bi-reader", "athena-analyst" }.ToEquatableArray() },
                _ => z,
            }).ToEquatableArray(),
        };
        var kms = TerraformChecks.Parse(TerraformEmitter.EmitStack(stack).Single(a => a.Path == "terraform/kms.tf.json").Content);
        var statements = kms["data"]!["aws_iam_policy_document"]!["kms_key_policy"]!["statement"]!.AsArray();
        var producers = statements.Single(s => s!["sid"]!.GetValue<string>() == "ZoneRawProducers")!;
        Assert.Equal(new[] { "arn:${var.aws_partition}:iam::${var.aws_account_id}:role/ingest-service" }, Strings(producers["principals"]![0]!["identifiers"]));
        Assert.Equal(new[] { "kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey" }, Strings(producers["actions"]));
        var readers = statements.Single(s => s!["sid"]!.GetValue<string>() == "ZoneCuratedReaders")!;
        Assert.Equal(new[] { "arn:${var.aws_partition}:iam::${var.aws_account_id}:role/athena-analyst", "arn:aws:iam::111122223333:role/bi-reader" }, Strings(readers["principals"]![0]!["identifiers"]).OrderBy(a => a, StringComparer.Ordinal));
        Assert.Equal(new[] { "kms:Decrypt" }, Strings(readers["actions"]));
        var conditions = readers["condition"]!.AsArray().Select(c => c!["variable"]!.GetValue<string>() + "=" + string.Join(",", Strings(c!["values"]))).ToList();
        Assert.Contains("kms:ViaService=s3.${var.aws_region}.amazonaws.com", conditions);
        Assert.Contains("kms:EncryptionContext:aws:s3:arn=arn:${var.aws_partition}:s3:::${local.bucket_acme_curated},arn:${var.aws_partition}:s3:::${local.bucket_acme_curated}/*", conditions);
    }

    // ------------------------------------------------------------ A4 IAM

    [Fact] // A4.1 CKV_AWS_60, A4.2 CKV_AWS_61: roles are trusted only by Glue, with a source-account condition
    public void A4_1_every_role_is_trusted_only_by_glue_for_this_account()
    {
        foreach (var (name, role) in All("aws_iam_role"))
        {
            var reference = role["assume_role_policy"]!.GetValue<string>();
            Assert.Matches(@"^\$\{data\.aws_iam_policy_document\.[a-z0-9_]+_assume_role\.json\}$", reference);
            var trust = Statements(Document(reference["${data.aws_iam_policy_document.".Length..^".json}".Length])).Single();
            Assert.Equal("Service", trust["principals"]![0]!["type"]!.GetValue<string>());
            Assert.Equal(new[] { "glue.amazonaws.com" }, Strings(trust["principals"]![0]!["identifiers"]));
            Assert.Equal("aws:SourceAccount", trust["condition"]![0]!["variable"]!.GetValue<string>());
        }
    }

    [Fact] // A4.3 CKV_AWS_62, A4.4 CKV_AWS_63, A4.13 CKV2_AWS_40, A4.16 AWS-0345, A4.22 IAM.21, A4.24, A4.18 AWS-0342, A4.29, A3.9/A3.10 KMS.1/2, A4.5/A4.25(X8)
    public void A4_4_identity_policies_have_no_wildcard_actions_passrole_or_unscoped_resources()
    {
        var identity = All("aws_iam_policy_document", "data").Where(d => !TerraformChecks.IsResourcePolicy(d.Name) && !d.Name.EndsWith("_assume_role", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, identity.Count);
        foreach (var (name, document) in identity)
        {
            foreach (var statement in Statements(document))
            {
                Assert.Equal("Allow", statement["effect"]!.GetValue<string>());
                Assert.Null(statement["not_actions"]);
                Assert.Null(statement["not_resources"]);
                var actions = Strings(statement["actions"]);
                Assert.DoesNotContain(actions, a => a.Contains('*'));
                Assert.DoesNotContain(actions, a => a.Equals("iam:PassRole", StringComparison.OrdinalIgnoreCase));
                var resources = Strings(statement["resources"]);
                if (resources.Contains("*"))
                {
                    Assert.Equal(new[] { "cloudwatch:PutMetricData" }, actions);
                    Assert.Equal("cloudwatch:namespace", statement["condition"]![0]!["variable"]!.GetValue<string>());
                }

                if (actions.Any(a => a.StartsWith("kms:", StringComparison.Ordinal)))
                {
                    Assert.Equal(new[] { "${aws_kms_key.stack.arn}" }, resources);
                }
            }
        }
    }

    [Fact] // A4.11 CKV_AWS_274, A4.12 CKV2_AWS_56, A4.28: no AWS-managed policies; A4.27: no inline policies; A4.14/A4.19: no users
    public void A4_27_roles_get_customer_managed_policies_only()
    {
        Assert.Empty(All("aws_iam_role_policy"));
        Assert.Empty(All("aws_iam_user_policy"));
        Assert.All(All("aws_iam_role"), r => Assert.Null(r.Body["managed_policy_arns"]));
        var attachments = All("aws_iam_role_policy_attachment");
        Assert.Equal(All("aws_iam_role").Count, attachments.Count);
        Assert.All(attachments, a => Assert.Matches(@"^\$\{aws_iam_policy\.[a-z0-9_]+\.arn\}$", a.Body["policy_arn"]!.GetValue<string>()));
    }

    // ------------------------------------------------------------ A5/A6 SNS, SQS; A8 EventBridge; C5-C7, C16

    [Fact] // A5.1 CKV_AWS_26, A5.4 AWS-0136, A5.5 AWS-0095, A5.6 SNS.1; A6.1 CKV_AWS_27, A6.2 CKV2_AWS_73, A6.6/A6.7 AWS-0096/0135, A6.11 (X7)
    public void A5_4_topic_and_queue_use_the_customer_managed_key()
    {
        Assert.Equal("${aws_kms_key.stack.arn}", All("aws_sns_topic").Single().Body["kms_master_key_id"]!.GetValue<string>());
        Assert.Equal("${aws_kms_key.stack.arn}", All("aws_sqs_queue").Single().Body["kms_master_key_id"]!.GetValue<string>());
    }

    [Fact] // A5.2 CKV_AWS_169, A5.3 CKV_AWS_385, A5.8 SNS.4, A5.10; A6.3-A6.5, A6.8, A6.10, A6.12
    public void A5_10_topic_and_queue_policies_admit_only_the_stack_services_with_conditions()
    {
        foreach (var name in new[] { "alerts_topic_policy", "alerts_dlq_policy" })
        {
            foreach (var statement in Statements(Document(name)))
            {
                Assert.Equal("Allow", statement["effect"]!.GetValue<string>());
                Assert.Equal("Service", statement["principals"]![0]!["type"]!.GetValue<string>());
                Assert.NotNull(statement["condition"]);
                Assert.DoesNotContain(Strings(statement["actions"]), a => a.Contains('*'));
            }
        }

        var dlq = Statements(Document("alerts_dlq_policy")).Single();
        Assert.Equal(new[] { "events.amazonaws.com" }, Strings(dlq["principals"]![0]!["identifiers"]));
        Assert.Equal("ArnEquals", dlq["condition"]![0]!["test"]!.GetValue<string>());
        Assert.Equal(All("aws_cloudwatch_event_rule").Select(r => "${aws_cloudwatch_event_rule." + r.Name + ".arn}").OrderBy(a => a, StringComparer.Ordinal), Strings(dlq["condition"]![0]!["values"]).OrderBy(a => a, StringComparer.Ordinal));
    }

    [Fact] // A8.5, C5, C6: every rule targets the topic with a retry policy and the DLQ
    public void A8_5_every_rule_has_a_target_with_retry_policy_and_dead_letter_queue()
    {
        var targets = All("aws_cloudwatch_event_target");
        var rules = All("aws_cloudwatch_event_rule");
        Assert.Equal(new[] { "crawler_failures", "data_quality", "job_failures" }, rules.Select(r => r.Name).OrderBy(n => n, StringComparer.Ordinal));
        foreach (var (name, _) in rules)
        {
            var target = targets.Single(t => t.Body["rule"]!.GetValue<string>() == "${aws_cloudwatch_event_rule." + name + ".name}").Body;
            Assert.Equal("${aws_sns_topic.alerts.arn}", target["arn"]!.GetValue<string>());
            Assert.InRange(target["retry_policy"]!["maximum_retry_attempts"]!.GetValue<int>(), 1, 185);
            Assert.Equal("${aws_sqs_queue.alerts_dlq.arn}", target["dead_letter_config"]!["arn"]!.GetValue<string>());
        }

        var pattern = System.Text.Json.JsonDocument.Parse(rules.Single(r => r.Name == "job_failures").Body["event_pattern"]!.GetValue<string>()).RootElement;
        Assert.Equal("Glue Job State Change", pattern.GetProperty("detail-type")[0].GetString());
        Assert.Equal(new[] { "FAILED", "TIMEOUT", "STOPPED" }, pattern.GetProperty("detail").GetProperty("state").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(new[] { "orders-daily", "customer-revenue" }.OrderBy(n => n, StringComparer.Ordinal), pattern.GetProperty("detail").GetProperty("jobName").EnumerateArray().Select(e => e.GetString()));
        var dq = System.Text.Json.JsonDocument.Parse(rules.Single(r => r.Name == "data_quality").Body["event_pattern"]!.GetValue<string>()).RootElement;
        Assert.Equal("aws.glue-dataquality", dq.GetProperty("source")[0].GetString());
    }

    [Fact] // A7.4 CKV_AWS_319, A7.7 CloudWatch.15, A7.9 CloudWatch.17, A7.10 (alarm actions), C16
    public void A7_7_alarms_watch_the_dlq_and_every_rule_and_notify_the_topic()
    {
        var alarms = All("aws_cloudwatch_metric_alarm");
        Assert.Contains(alarms, a => a.Body["metric_name"]!.GetValue<string>() == "ApproximateNumberOfMessagesVisible");
        Assert.Equal(All("aws_cloudwatch_event_rule").Count, alarms.Count(a => a.Body["metric_name"]!.GetValue<string>() == "FailedInvocations"));
        Assert.All(alarms, a =>
        {
            Assert.True(a.Body["actions_enabled"]!.GetValue<bool>());
            Assert.Equal(new[] { "${aws_sns_topic.alerts.arn}" }, Strings(a.Body["alarm_actions"]));
        });
    }

    [Fact] // A7.1 CKV_AWS_158, A7.2 CKV_AWS_66, A7.3 CKV_AWS_338, A7.5 AWS-0017, A7.8 CloudWatch.16, A7.10, A7.11
    public void A7_1_every_log_group_is_encrypted_and_retained_a_year_as_a_literal()
    {
        var groups = All("aws_cloudwatch_log_group");
        Assert.True(groups.Count >= 4);
        Assert.All(groups, g =>
        {
            Assert.Equal("${aws_kms_key.stack.arn}", g.Body["kms_key_id"]!.GetValue<string>());
            Assert.Contains(g.Body["retention_in_days"]!.GetValue<int>(), StackSettings.AllowedLogRetention);
        });
    }

    [Fact] // A10.1 CKV_AWS_41: no credentials in the provider
    public void A10_1_provider_has_no_static_credentials()
    {
        var provider = TerraformChecks.Parse(Specs.Module()["terraform/main.tf.json"])["provider"]!["aws"]!.AsObject();
        Assert.Null(provider["access_key"]);
        Assert.Null(provider["secret_key"]);
        var tags = provider["default_tags"]!["tags"]!;
        Assert.Equal("data-platform", tags["Owner"]!.GetValue<string>());
        Assert.Equal("cc-1234", tags["CostCenter"]!.GetValue<string>());
    }

    // ------------------------------------------------------------ workflow

    /// <summary>Two sources (S3 + a catalog table), a dependent pipeline that joins catalog tables (no JDBC).</summary>
    private static PipelineSpec[] DependentPipelines()
    {
        var upstream = Specs.OrdersDaily();
        var extra = new SourceSpec("Customers", "customers", SourceKind.Catalog, upstream.Sources[0].SchemaType, null, FileFormat.Parquet, CsvOptions.Default, "crm", "customers", null, false)
        {
            Location = "s3://acme-crm/customers/",
        };
        upstream = upstream with { Sources = new[] { upstream.Sources[0], extra }.ToEquatableArray() };
        return new[] { Specs.CustomerRevenue(), upstream };
    }

    [Fact]
    public void Dependent_pipeline_runs_in_a_workflow_whose_acyclic_trigger_graph_starts_with_the_upstream_job()
    {
        var pipelines = DependentPipelines();
        Assert.Equal(2, pipelines[1].Sources.Count);
        var stack = Specs.Stack(pipelines);
        Assert.Equal(new[] { new PipelineDependency("orders-daily", "customer-revenue", "table curated.orders") }, stack.Dependencies);

        var module = Specs.Module(pipelines);
        var workflows = TerraformChecks.Parse(module["terraform/workflows.tf.json"]);
        var triggers = workflows["resource"]!["aws_glue_trigger"]!.AsObject();
        var workflow = workflows["resource"]!["aws_glue_workflow"]!.AsObject().Single();
        var inWorkflow = triggers.Where(t => t.Value!["workflow_name"]?.GetValue<string>() == "${aws_glue_workflow." + workflow.Key + ".name}").ToList();
        Assert.Equal(triggers.Count, inWorkflow.Count);

        // The start trigger (the only one not waiting on a predicate) runs exactly the upstream job.
        var starts = inWorkflow.Where(t => t.Value!["predicate"] is null).ToList();
        var start = Assert.Single(starts).Value!;
        Assert.Equal("SCHEDULED", start["type"]!.GetValue<string>());
        Assert.Equal(new[] { "${aws_glue_job.orders_daily.name}" }, start["actions"]!.AsArray().Select(a => a!["job_name"]!.GetValue<string>()));

        // Trigger graph: job → jobs started by triggers watching it. Acyclic, and every job is reachable from the start.
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (_, trigger) in inWorkflow.Where(t => t.Value!["predicate"] is not null))
        {
            Assert.Equal("CONDITIONAL", trigger!["type"]!.GetValue<string>());
            foreach (var condition in trigger["predicate"]!["conditions"]!.AsArray())
            {
                Assert.Equal("SUCCEEDED", condition!["state"]!.GetValue<string>());
                var from = condition["job_name"]!.GetValue<string>();
                edges.TryAdd(from, new List<string>());
                edges[from].AddRange(trigger["actions"]!.AsArray().Select(a => a!["job_name"]!.GetValue<string>()));
            }
        }

        Assert.Null(StackGraph.FindCycle(edges.SelectMany(e => e.Value.Select(to => new PipelineDependency(e.Key, to, "")))));
        var reached = new HashSet<string>(StringComparer.Ordinal) { "${aws_glue_job.orders_daily.name}" };
        var queue = new Queue<string>(reached);
        while (queue.Count > 0)
        {
            foreach (var next in edges.TryGetValue(queue.Dequeue(), out var targets) ? targets : new List<string>())
            {
                if (reached.Add(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        Assert.Equal(new[] { "${aws_glue_job.customer_revenue.name}", "${aws_glue_job.orders_daily.name}" }, reached.OrderBy(r => r, StringComparer.Ordinal));
        var files = module.Where(p => p.Key.EndsWith(".tf.json", StringComparison.Ordinal)).Select(p => TerraformChecks.Parse(p.Value)).ToList();
        Assert.Empty(TerraformChecks.UnresolvedReferences(files));
        Assert.Empty(TerraformChecks.Cycles(files));
        Assert.All(files, f => Assert.Empty(TerraformChecks.UndocumentedArguments(f, SharedReference.TerraformDocs)));
    }

    [Fact]
    public void Dependency_cycles_are_found_and_drop_the_workflows()
    {
        var cycle = StackGraph.FindCycle(new[] { new PipelineDependency("b", "a", ""), new PipelineDependency("a", "b", ""), new PipelineDependency("b", "c", "") });
        Assert.Equal(new[] { "a", "b" }, cycle);
        var io = new[]
        {
            new PipelineIo("a", new[] { "s3://x/b-out/" }.ToEquatableArray(), EquatableArray<string>.Empty, new[] { "s3://x/a-out/" }.ToEquatableArray(), EquatableArray<string>.Empty),
            new PipelineIo("b", new[] { "s3://x/a-out/part/" }.ToEquatableArray(), EquatableArray<string>.Empty, new[] { "s3://x/b-out/" }.ToEquatableArray(), EquatableArray<string>.Empty),
            new PipelineIo("c", new[] { "s3://x/a-out_archive/" }.ToEquatableArray(), EquatableArray<string>.Empty, EquatableArray<string>.Empty, EquatableArray<string>.Empty),
        };
        var edges = StackGraph.Dependencies(io);
        Assert.Equal(new[] { "a->b", "b->a" }, edges.Select(e => e.Upstream + "->" + e.Downstream));
    }

    // ------------------------------------------------------------ environments

    [Fact]
    public void Environments_set_only_declared_variables_with_per_environment_buckets_and_sizes()
    {
        var module = Specs.Module();
        var declared = TerraformChecks.Declared(module.Where(p => p.Key.EndsWith(".tf.json", StringComparison.Ordinal)).Select(p => TerraformChecks.Parse(p.Value)));
        foreach (var environment in new[] { "dev", "staging", "prod" })
        {
            var values = TerraformChecks.Parse(module["terraform/environments/" + environment + ".tfvars.json"]);
            Assert.All(values, v => Assert.Contains("var." + v.Key, declared));
            Assert.Equal(environment, values["environment"]!.GetValue<string>());
        }

        var dev = TerraformChecks.Parse(module["terraform/environments/dev.tfvars.json"]);
        Assert.Equal("acme-raw-dev", dev["bucket_acme_raw"]!.GetValue<string>());
        Assert.Equal(2, dev["orders_daily_number_of_workers"]!.GetValue<int>());
        Assert.False(dev["schedules_enabled"]!.GetValue<bool>());
        var prod = TerraformChecks.Parse(module["terraform/environments/prod.tfvars.json"]);
        Assert.Equal("acme-raw", prod["bucket_acme_raw"]!.GetValue<string>());
        Assert.Equal(10, prod["orders_daily_number_of_workers"]!.GetValue<int>());
    }

    [Fact]
    public void Zones_are_declared_or_inferred_from_the_pipelines_buckets()
    {
        var stack = Specs.Stack();
        Assert.Equal(
            new[] { "acme-crm", "acme-marts", "curated", "logs", "raw", "scripts", "temp" },
            stack.Zones.Select(z => z.Name));
        Assert.False(stack.FindZone("acme-marts")!.Declared);
        Assert.Equal("acme-lake-logs", stack.FindZone("logs")!.Bucket);
        var crawler = All("aws_glue_crawler").Single().Body;
        Assert.Equal("LOG", crawler["schema_change_policy"]!["update_behavior"]!.GetValue<string>());
        Assert.Equal("DEPRECATE_IN_DATABASE", crawler["schema_change_policy"]!["delete_behavior"]!.GetValue<string>());
        Assert.Equal("${aws_glue_catalog_database.raw_db.name}", crawler["database_name"]!.GetValue<string>());
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pipeline.Generators.Emit;

namespace Pipeline.Terraform.Tests;

/// <summary>
/// The Glue script takes every S3 location from a job argument; the job's <c>default_arguments</c> must set each one to
/// the environment's URI, on a bucket (and prefix) the job's own IAM policy grants, so the script, the policy and the
/// per-environment tfvars always name the same buckets.
/// </summary>
public class JobPathArgumentTests
{
    public static TheoryData<string> Pipelines => new() { "orders-daily", "customer-revenue" };

    private static readonly string[] Environments = { "dev", "staging", "prod" };

    /// <summary>The options the script resolves with <c>getResolvedOptions</c>, read from the script text.</summary>
    private static List<string> ResolvedOptions(string script)
    {
        var call = Regex.Match(script, @"^args = getResolvedOptions\(sys\.argv, \[(.*?)\]\)$", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(call.Success, "the script resolves no options");
        return Regex.Matches(call.Groups[1].Value, @"""([^""]+)""").Select(m => m.Groups[1].Value).ToList();
    }

    private static JsonArray PolicyStatements(JsonObject file, string id) =>
        file["data"]!["aws_iam_policy_document"]![id + "_job"]!["statement"]!.AsArray();

    /// <summary>Whether a statement allows <paramref name="action"/> on <paramref name="arn"/> (resource wildcards as IAM reads them).</summary>
    private static bool Allows(JsonArray statements, string action, string arn) => statements.Any(s =>
        s!["effect"]!.GetValue<string>() == "Allow"
        && s["actions"]!.AsArray().Any(a => a!.GetValue<string>() == action)
        && s["resources"]!.AsArray().Any(r => Regex.IsMatch(arn, "^" + Regex.Escape(r!.GetValue<string>()).Replace(@"\*", ".*") + "$")));

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Every_path_argument_the_script_reads_is_set_by_the_job_on_a_bucket_its_role_is_granted(string name)
    {
        var spec = Specs.ByName(name);
        var script = PySparkEmitter.Emit(spec);
        var file = TerraformChecks.Parse(TerraformEmitter.EmitPipeline(spec));
        var arguments = file["resource"]!["aws_glue_job"]![spec.Job.Identifier]!["default_arguments"]!.AsObject();
        var statements = PolicyStatements(file, spec.Job.Identifier);

        var options = ResolvedOptions(script);
        Assert.Equal("JOB_NAME", options[0]);
        var paths = options.Skip(1).ToList();
        Assert.NotEmpty(paths);

        // The script reads no option it did not resolve, and every path option it resolves is used.
        var reads = Regex.Matches(script, @"args\[""([^""]+)""\]").Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(options.ToHashSet(StringComparer.Ordinal), reads);
        Assert.Superset(paths.ToHashSet(StringComparer.Ordinal), reads);

        foreach (var option in paths)
        {
            Assert.Matches("^((source|sink|quarantine)_[a-z0-9_]+_path|malformed_path)$", option);
            var value = arguments["--" + option]?.GetValue<string>();
            Assert.True(value is not null, $"the job does not set --{option}, which the script requires");

            // s3://${local.bucket_x}/prefix/: the bucket is the environment's (a local bound per environment), never a literal.
            var uri = Regex.Match(value!, @"^s3://(\$\{local\.(bucket_[a-z0-9_]+)\})/((?:[^*?]+/)?)$");
            Assert.True(uri.Success, $"--{option} = {value} is not an s3:// URI on a stack bucket local");
            var bucket = uri.Groups[1].Value;
            var prefix = uri.Groups[3].Value;

            // The role may list the prefix and read (source) or write (sink, quarantine) its objects.
            var objects = TerraformChecks.S3ArnPrefix + bucket + "/" + prefix + "part-00000.snappy.parquet";
            Assert.True(Allows(statements, "s3:GetObject", objects), $"--{option}: the role may not read {objects}");
            if (!option.StartsWith("source_", StringComparison.Ordinal))
            {
                Assert.True(Allows(statements, "s3:PutObject", objects), $"--{option}: the role may not write {objects}");
                Assert.True(Allows(statements, "s3:DeleteObject", objects), $"--{option}: the role may not overwrite {objects}");
            }

            var listing = statements.Where(s => s!["actions"]!.AsArray().Any(a => a!.GetValue<string>() == "s3:ListBucket")
                && s["resources"]!.AsArray().Any(r => r!.GetValue<string>() == TerraformChecks.S3ArnPrefix + bucket)).ToList();
            var list = Assert.Single(listing);
            if (list!["condition"] is JsonArray conditions)
            {
                Assert.Contains(prefix + "*", conditions.SelectMany(c => c!["values"]!.AsArray()).Select(v => v!.GetValue<string>()));
            }
        }

        // Every path argument the job sets is one the script reads (no stale or misspelled argument).
        var set = arguments.Select(p => p.Key.Substring(2)).Where(k => k.EndsWith("_path", StringComparison.Ordinal) && !k.Contains('-'));
        Assert.Equal(paths.OrderBy(p => p, StringComparer.Ordinal), set.OrderBy(p => p, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Pipelines))]
    public void Path_arguments_resolve_per_environment_to_the_buckets_of_the_tfvars(string name)
    {
        var spec = Specs.ByName(name);
        var module = Specs.Module();
        var file = TerraformChecks.Parse(module[TerraformEmitter.TerraformPath(spec)]);
        var main = TerraformChecks.Parse(module["terraform/main.tf.json"]);
        var storage = TerraformChecks.Parse(module["terraform/storage.tf.json"]);
        var arguments = file["resource"]!["aws_glue_job"]![spec.Job.Identifier]!["default_arguments"]!.AsObject();
        var policy = string.Join("\n", TerraformChecks.Strings(file["data"]!["aws_iam_policy_document"]![spec.Job.Identifier + "_job"]));
        var declared = PySparkEmitter.PathArguments(spec).ToDictionary(a => a.Name, a => a.DeclaredUri);

        const string Account = "123456789012";
        foreach (var environment in Environments)
        {
            var tfvars = TerraformChecks.Parse(module["terraform/environments/" + environment + ".tfvars.json"]);

            // local.bucket_x -> the managed bucket's id (its name is a variable) or the variable of an existing bucket.
            string Resolve(string local)
            {
                var expression = main["locals"]![local]!.GetValue<string>();
                var managed = Regex.Match(expression, @"^\$\{aws_s3_bucket\.([a-z0-9_]+)\.id\}$");
                if (managed.Success)
                {
                    expression = storage["resource"]!["aws_s3_bucket"]![managed.Groups[1].Value]!["bucket"]!.GetValue<string>();
                }

                // A managed bucket is <base name>-<account id>; an existing one is the variable's value.
                var variable = Regex.Match(expression, @"^\$\{var\.([a-z0-9_]+)\}(-\$\{var\.aws_account_id\})?$");
                Assert.True(variable.Success, $"{local} = {expression} is not bound to a variable");
                var name = tfvars[variable.Groups[1].Value]?.GetValue<string>()
                    ?? main["variable"]![variable.Groups[1].Value]!["default"]!.GetValue<string>();
                return variable.Groups[2].Success ? name + "-" + Account : name;
            }

            foreach (var (key, value) in arguments.Where(p => declared.ContainsKey(p.Key.TrimStart('-'))))
            {
                var option = key.Substring(2);
                var match = Regex.Match(value!.GetValue<string>(), @"^s3://\$\{local\.([a-z0-9_]+)\}/(.*)$");
                Assert.True(match.Success, value.GetValue<string>());
                Assert.Contains("${local." + match.Groups[1].Value + "}", policy);

                // The argument is the declared location with the environment's bucket name (prod: the declared one).
                var bucket = Resolve(match.Groups[1].Value);
                var location = Regex.Match(declared[option], "^s3://([^/]+)/?(.*)$");
                var expectedBucket = (environment == "prod" ? location.Groups[1].Value : location.Groups[1].Value + "-" + environment) + "-" + Account;
                Assert.Equal(expectedBucket, bucket);
                var prefix = location.Groups[2].Value;
                Assert.Equal(prefix.Length == 0 || prefix.EndsWith('/') ? prefix : prefix + "/", match.Groups[2].Value);
            }
        }
    }
}

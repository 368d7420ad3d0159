using System.Collections.Generic;
using System.IO;

namespace Pipeline.Terraform.Tests;

/// <summary>Each Terraform check must be able to fail: feed it a broken file and expect the problem.</summary>
public class CheckerSelfTests
{
    [Fact]
    public void Docs_check_reports_unknown_arguments_nested_blocks_and_types()
    {
        var file = TerraformChecks.Parse("""
            {
              "resource": {
                "aws_glue_job": { "x": { "name": "a", "bogus_argument": 1, "command": { "script_location": "s3://b/k", "not_a_command_arg": "y" } } },
                "aws_made_up_thing": { "y": { "name": "b" } }
              },
              "data": { "aws_iam_policy_document": { "z": { "statement": [ { "effect": "Allow", "principals": [ { "type": "Service", "identifierz": [] } ] } ] } } }
            }
            """);
        var problems = TerraformChecks.UndocumentedArguments(file, SharedReference.TerraformDocs);
        Assert.Contains(problems, p => p.Contains("'bogus_argument'"));
        Assert.Contains(problems, p => p.Contains("command") && p.Contains("'not_a_command_arg'"));
        Assert.Contains(problems, p => p.Contains("aws_made_up_thing") && p.Contains("no provider doc"));
        Assert.Contains(problems, p => p.Contains("'identifierz'"));
        Assert.Equal(4, problems.Count);
    }

    [Fact]
    public void Doc_parser_reads_nested_sections()
    {
        var doc = TerraformChecks.ParseArgumentReference(File.ReadAllText(TerraformChecks.DocFile(SharedReference.TerraformDocs, "aws_glue_catalog_table")));
        Assert.Contains("storage_descriptor", doc.Top);
        Assert.DoesNotContain("serialization_library", doc.Top);
        Assert.Contains("serialization_library", doc.Sections["ser_de_info"]);
        Assert.Contains("type", doc.Sections["columns"]);
        var trigger = TerraformChecks.ParseArgumentReference(File.ReadAllText(TerraformChecks.DocFile(SharedReference.TerraformDocs, "aws_glue_trigger")));
        Assert.Contains("job_name", trigger.Sections["actions"]);
        Assert.Contains("start_on_creation", trigger.Top);
    }

    [Fact]
    public void Reference_check_reports_missing_targets_and_skips_escaped_templates()
    {
        var files = new List<System.Text.Json.Nodes.JsonObject>
        {
            TerraformChecks.Parse("""
                {
                  "variable": { "present": { "type": "string" } },
                  "resource": {
                    "aws_s3_object": { "a": { "bucket": "${var.present}", "key": "${var.absent}", "source": "$${var.escaped}" } },
                    "aws_glue_job": { "b": { "name": "${aws_s3_object.missing.key}", "depends_on": ["aws_iam_role.nope"] } }
                  }
                }
                """),
        };
        var problems = TerraformChecks.UnresolvedReferences(files);
        Assert.Contains("unresolved reference: var.absent", problems);
        Assert.Contains("unresolved reference: aws_s3_object.missing", problems);
        Assert.Contains("unresolved reference: aws_iam_role.nope", problems);
        Assert.Equal(3, problems.Count);
        Assert.Equal(new[] { "filemd5(\"${path.module}/x\")" }, TerraformChecks.Interpolations("k/${filemd5(\"${path.module}/x\")}.py"));
    }

    [Fact]
    public void Cycle_check_reports_cycles()
    {
        var files = new List<System.Text.Json.Nodes.JsonObject>
        {
            TerraformChecks.Parse("""
                { "resource": { "aws_iam_role": { "a": { "name": "${aws_iam_role_policy.b.name}" } },
                                "aws_iam_role_policy": { "b": { "role": "${aws_iam_role.a.name}" } } } }
                """),
        };
        Assert.NotEmpty(TerraformChecks.Cycles(files));
    }

    [Fact]
    public void Iam_check_reports_wildcards_passrole_and_untraced_s3()
    {
        var file = TerraformChecks.Parse("""
            { "data": { "aws_iam_policy_document": { "p": { "statement": [
              { "sid": "A", "effect": "Allow", "actions": ["s3:*"], "resources": ["arn:${var.aws_partition}:s3:::ok/prefix/*"] },
              { "sid": "B", "effect": "Allow", "actions": ["iam:PassRole"], "resources": ["arn:aws:iam::1:role/x"] },
              { "sid": "C", "effect": "Allow", "actions": ["s3:GetObject"], "resources": ["arn:${var.aws_partition}:s3:::elsewhere/*"] },
              { "sid": "D", "effect": "Allow", "actions": ["glue:GetTable"], "resources": ["*"] },
              { "sid": "E", "effect": "Allow", "actions": ["s3:ListBucket"], "resources": ["arn:${var.aws_partition}:s3:::ok"] },
              { "sid": "F", "effect": "Allow", "actions": ["*"], "resources": ["arn:${var.aws_partition}:s3:::ok"] }
            ] } } } }
            """);
        var problems = TerraformChecks.IamProblems(file, new HashSet<string> { "ok", "ok/prefix/*" }, new HashSet<string> { "prefix/" });
        Assert.Contains(problems, p => p.StartsWith("p/A") && p.Contains("wildcard action s3:*"));
        Assert.Contains(problems, p => p.StartsWith("p/B") && p.Contains("iam:PassRole"));
        Assert.Contains(problems, p => p.StartsWith("p/C") && p.Contains("elsewhere/*"));
        Assert.Contains(problems, p => p.StartsWith("p/D") && p.Contains("Resource \"*\""));
        Assert.Contains(problems, p => p.StartsWith("p/E") && p.Contains("without an s3:prefix condition"));
        Assert.Contains(problems, p => p.StartsWith("p/F") && p.Contains("wildcard action *"));
    }
}

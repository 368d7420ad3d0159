using System;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;
using Pipeline.Generators.Emit;

namespace Pipeline.Terraform.Tests;

/// <summary>
/// <c>ci/deploy.yml</c>: parsed by a real YAML parser (PyYAML, through python3) and checked for the deploy path's structure:
/// OIDC (no keys), one plan per environment uploaded, applies chained in the declared order, each bound to its environment,
/// one state per environment.
/// </summary>
public class DeployWorkflowTests
{
    private static JsonObject Parse(string yaml)
    {
        var start = new ProcessStartInfo("python3", new[] { "-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))" })
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        process.StandardInput.Write(yaml);
        process.StandardInput.Close();
        var json = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, "ci/deploy.yml is not valid YAML: " + error);
        return JsonNode.Parse(json)!.AsObject();
    }

    [Fact]
    public void Deploy_workflow_plans_every_environment_and_applies_them_in_order_with_oidc()
    {
        var stack = Specs.Stack();
        var artifact = ArtifactEmitter.EmitShared(stack).Single(a => a.Path == "ci/deploy.yml");
        Assert.DoesNotContain("\t", artifact.Content);
        var workflow = Parse(artifact.Content);

        // YAML 1.1 reads a bare `on` key as true; GitHub reads it as the trigger list. Either way it must be there.
        Assert.NotNull(workflow["on"] ?? workflow["True"] ?? workflow["true"]);
        Assert.Equal("write", workflow["permissions"]!["id-token"]!.GetValue<string>());
        Assert.Equal("read", workflow["permissions"]!["contents"]!.GetValue<string>());
        Assert.DoesNotContain("AWS_SECRET_ACCESS_KEY", artifact.Content);
        Assert.DoesNotContain("aws-access-key-id", artifact.Content);

        var jobs = workflow["jobs"]!.AsObject();
        var environments = stack.Environments.Select(e => e.Name).ToList();
        Assert.Equal(new[] { "build" }.Concat(environments.Select(e => "plan-" + e)).Concat(environments.Select(e => "apply-" + e)), jobs.Select(j => j.Key));
        string? previous = null;
        foreach (var environment in environments)
        {
            var plan = jobs["plan-" + environment]!;
            Assert.Equal("build", plan["needs"]!.GetValue<string>());
            var planSteps = plan["steps"]!.AsArray();
            Assert.Contains(planSteps, s => s!["run"]?.GetValue<string>().Contains("-var-file=environments/" + environment + ".tfvars.json") == true);
            Assert.Contains(planSteps, s => s!["with"]?["name"]?.GetValue<string>() == "plan-" + environment && s["uses"]!.GetValue<string>().StartsWith("actions/upload-artifact", StringComparison.Ordinal));

            var apply = jobs["apply-" + environment]!;
            Assert.Equal(environment, apply["environment"]!.GetValue<string>());
            var needs = apply["needs"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
            Assert.Contains("plan-" + environment, needs);
            if (previous is not null)
            {
                Assert.Contains("apply-" + previous, needs);
            }

            foreach (var job in new[] { plan, apply })
            {
                var steps = job["steps"]!.AsArray();
                var credentials = steps.Single(s => s!["uses"]?.GetValue<string>().StartsWith("aws-actions/configure-aws-credentials", StringComparison.Ordinal) == true)!;
                Assert.Equal("${{ vars.AWS_DEPLOY_ROLE_ARN }}", credentials["with"]!["role-to-assume"]!.GetValue<string>());
                var init = steps.Single(s => s!["run"]?.GetValue<string>().Contains("terraform init") == true)!["run"]!.GetValue<string>();
                Assert.Contains("key=acme-lake/" + environment + "/terraform.tfstate", init);
            }

            Assert.Contains(apply["steps"]!.AsArray(), s => s!["run"]?.GetValue<string>() == "terraform apply " + environment + ".tfplan");
            previous = environment;
        }
    }
}

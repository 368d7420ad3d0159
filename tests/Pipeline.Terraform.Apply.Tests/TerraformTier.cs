using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Pipeline.Terraform.Apply.Tests;

/// <summary>
/// Runs <c>terraform_tier.py</c> over one project's artifacts: terraform init from the offline provider, validate, and per
/// environment plan, apply, a no-changes re-plan and destroy against a local AWS emulator (moto). What the emulator
/// cannot do is applied nowhere or last, and listed in the test output with the reason (see the script's header).
/// Where terraform, the provider or moto is missing, the test is reported as skipped with the reason: never passed.
/// </summary>
internal static class TerraformTier
{
    /// <summary>The hashicorp/aws version the tier applies with (the module's pin allows it and the current major).</summary>
    public const string ProviderVersion = "5.100.0";

    public static void Run(string projectFolder, ITestOutputHelper output, [CallerFilePath] string source = "")
    {
        var testFolder = Path.GetDirectoryName(source)!;
        var repository = Path.GetFullPath(Path.Combine(testFolder, "..", ".."));
        var artifacts = Path.Combine(repository, projectFolder, "pipeline-artifacts");

        Skip.If(FindOnPath("terraform") is null, "terraform is not on PATH; the Terraform tier needs Terraform 1.11.");
        Skip.If(FindOnPath("moto_server") is null, "moto_server is not on PATH; the Terraform tier needs the moto AWS emulator.");
        var pluginDirectory = FindPluginDirectory();
        Skip.If(pluginDirectory is null, $"no offline copy of the hashicorp/aws {ProviderVersion} provider (registry.terraform.io/hashicorp/aws/{ProviderVersion}) was found; set PIPELINE_TF_PLUGIN_DIR to the folder holding registry.terraform.io.");
        Xunit.Assert.True(File.Exists(Path.Combine(artifacts, "terraform", "main.tf.json")), $"{artifacts} has no terraform/main.tf.json: build {projectFolder} first.");

        var work = Path.Combine(Path.GetTempPath(), "pipeline-tf-tier-" + Path.GetFileName(projectFolder) + "-" + Guid.NewGuid().ToString("N")[..8]);
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(testFolder, "terraform_tier.py"), "--artifacts", artifacts, "--work", work, "--plugin-dir", pluginDirectory! })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string? reportLine = null;
        while (process.StandardOutput.ReadLine() is { } line)
        {
            if (line.StartsWith("REPORT ", StringComparison.Ordinal))
            {
                reportLine = line["REPORT ".Length..];
            }
            else
            {
                Log(output, projectFolder + ": " + line);
            }
        }

        process.WaitForExit();
        Xunit.Assert.True(reportLine is not null, $"the tier printed no report (exit {process.ExitCode}):\n{stderr.Result}");
        var report = JsonNode.Parse(reportLine!)!.AsObject();
        try
        {
            Check(report, projectFolder, output);
            Directory.Delete(work, recursive: true);
        }
        catch
        {
            Log(output, "work folder kept for inspection (terraform logs under env-*/logs): " + work);
            throw;
        }
    }

    private static void Check(JsonObject report, string project, ITestOutputHelper output)
    {
        Xunit.Assert.True(report["error"] is null, project + ": " + report["error"]);
        var validate = report["validate"]!;
        var diagnostics = string.Join("\n", validate["diagnostics"]!.AsArray().Select(d => $"{d!["severity"]}: {d["summary"]} {d["detail"]} ({d["address"]}{d["range"]})"));
        Xunit.Assert.True(validate["errors"]!.GetValue<int>() == 0 && validate["warnings"]!.GetValue<int>() == 0, "terraform validate:\n" + diagnostics);

        // The emulator's limits, in the open.
        foreach (var (type, reason) in report["skipped_types"]!.AsObject())
        {
            Log(output, $"{project}: not applied (emulator): {type}: {reason}");
        }

        foreach (var (type, reason) in report["deferred_types"]!.AsObject())
        {
            Log(output, $"{project}: applied last (emulator): {type}: {reason}");
        }

        var environments = report["environments"]!.AsObject();
        Xunit.Assert.NotEmpty(environments);
        foreach (var (name, outcomeNode) in environments)
        {
            var outcome = outcomeNode!.AsObject();
            Xunit.Assert.True(outcome["error"] is null, $"{project} {name}: {outcome["error"]}");
            var skipped = outcome["skipped"]!.AsArray().Select(s => s!.GetValue<string>()).ToList();
            Log(output, $"{project} {name}: planned {outcome["planned"]}, applied {outcome["applied"]}, not applied: {(skipped.Count == 0 ? "none" : string.Join(", ", skipped))}");
            foreach (var drift in outcome["emulator_drift"]!.AsArray())
            {
                Log(output, $"{project} {name}: re-plan shows {drift!["address"]} {string.Join(", ", drift["attributes"]!.AsArray().Select(a => a!.GetValue<string>()))} as changed: {drift["reason"]}");
            }

            var changes = outcome["changes_after_apply"]!.AsArray();
            Xunit.Assert.True(changes.Count == 0, $"{project} {name}: the re-plan after apply is not empty (perpetual diff):\n{changes.ToJsonString()}");
            Xunit.Assert.True(outcome["applied"]!.GetValue<int>() > 0, $"{project} {name}: nothing was applied");
            Xunit.Assert.Equal(outcome["planned"]!.GetValue<int>(), outcome["applied"]!.GetValue<int>() + skipped.Count);
            Xunit.Assert.True(outcome["destroyed"]!.GetValue<bool>(), $"{project} {name}: destroy did not finish");
        }
    }

    private static void Log(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        Console.WriteLine(line);
    }

    private static string? FindOnPath(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>The folder that holds <c>registry.terraform.io/hashicorp/aws/5.100.0</c>: PIPELINE_TF_PLUGIN_DIR or a usual place.</summary>
    private static string? FindPluginDirectory()
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("PIPELINE_TF_PLUGIN_DIR") is { Length: > 0 } configured)
        {
            candidates.Add(configured);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        candidates.AddRange(new[]
        {
            "/opt/tf-plugins", Path.Combine(home, ".terraform.d", "plugins"), Path.Combine(home, ".local", "share", "terraform", "plugins"),
            "/usr/local/share/terraform/plugins", "/usr/share/terraform/plugins",
        });
        return candidates.FirstOrDefault(c => Directory.Exists(Path.Combine(c, "registry.terraform.io", "hashicorp", "aws", ProviderVersion)));
    }
}

/// <summary>The bundled example: two pipelines, a workflow, declared zones and environments.</summary>
public class RetailLakeTier(ITestOutputHelper output)
{
    [SkippableFact]
    public void Applies_with_no_changes_after_apply_in_every_environment() => TerraformTier.Run("examples/RetailLake", output);
}

/// <summary>One pipeline and no stack attributes: every default (zones, environments, tags derived from the job).</summary>
public class MinimalLakeTier(ITestOutputHelper output)
{
    [SkippableFact]
    public void Applies_with_no_changes_after_apply_in_every_environment() => TerraformTier.Run("tests/TerraformProjects/MinimalLake", output);
}

/// <summary>Several zones with key users, an unmanaged source bucket, an event-started job, a quarantine sink, Glue 5.</summary>
public class LakehouseTier(ITestOutputHelper output)
{
    [SkippableFact]
    public void Applies_with_no_changes_after_apply_in_every_environment() => TerraformTier.Run("tests/TerraformProjects/Lakehouse", output);
}

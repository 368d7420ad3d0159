using System;
using System.Collections;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace Pipeline.Build.Tests;

/// <summary>
/// Builds the real example (examples/RetailLake) with the real generator and task, twice, under two cultures, into two
/// artifact folders, and checks the folders are identical byte for byte. Slow (two full compiles of the example).
/// </summary>
[Trait("Category", "E2E")]
public sealed class RetailLakeBuildTests : IDisposable
{
    private static readonly string[] ExpectedFiles =
    {
        "glue/orders-daily.py",
        "glue/customer-revenue.py",
        "terraform/main.tf.json",
        "terraform/orders-daily.tf.json",
        "terraform/customer-revenue.tf.json",
        "terraform/kms.tf.json",
        "terraform/storage.tf.json",
        "terraform/glue.tf.json",
        "terraform/notifications.tf.json",
        "terraform/workflows.tf.json",
        "terraform/environments/dev.tfvars.json",
        "terraform/environments/staging.tfvars.json",
        "terraform/environments/prod.tfvars.json",
    };

    private readonly string _temp = Path.Combine(Path.GetTempPath(), "pipeline-e2e", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact]
    public void Example_builds_to_identical_artifacts_under_any_culture_and_rebuilds_incrementally()
    {
        var repo = RepoRoot();
        var project = Path.Combine(repo, "examples", "RetailLake", "RetailLake.csproj");
        var a = Path.Combine(_temp, "a") + Path.DirectorySeparatorChar;
        var b = Path.Combine(_temp, "b") + Path.DirectorySeparatorChar;

        // 1. A fresh compile under en-US.
        var first = Build(repo, project, a, "en_US.UTF-8", "en", recompile: true);
        Assert.Contains($"Pipeline: {CountFiles(a)} artifacts written to {a}", first);
        foreach (var file in ExpectedFiles)
        {
            Assert.True(File.Exists(Path.Combine(a, file)), $"missing {file}; found:\n{string.Join("\n", Tree(a))}");
        }

        Assert.Contains(Tree(a), f => f.StartsWith("quality/", StringComparison.Ordinal) && f.EndsWith(".dqdl", StringComparison.Ordinal));
        Assert.Contains(Tree(a), f => f.StartsWith("dashboards/", StringComparison.Ordinal) && f.EndsWith(".json", StringComparison.Ordinal));
        Assert.All(Tree(a), f => Assert.DoesNotContain('\r', File.ReadAllText(Path.Combine(a, f))));

        // 2. Nothing changed: the target is skipped and no file is touched. (When the example had to be recompiled
        //    anyway — someone edited the generator between the two builds — there is nothing to check.)
        var intermediate = IntermediateAssembly(repo);
        var compiled = File.GetLastWriteTimeUtc(intermediate);
        var stamps = Tree(a).ToDictionary(f => f, f => File.GetLastWriteTimeUtc(Path.Combine(a, f)));
        var second = Build(repo, project, a, "en_US.UTF-8", "en", recompile: false, "-v:n");
        if (File.GetLastWriteTimeUtc(intermediate) == compiled)
        {
            Assert.True(
                second.Contains("Skipping target \"WritePipelineArtifacts\"", StringComparison.Ordinal),
                "WritePipelineArtifacts ran although the assembly did not change:\n" +
                string.Join("\n", second.Split('\n').Where(l => l.Contains("Pipeline", StringComparison.Ordinal))));
            Assert.All(stamps, s => Assert.Equal(s.Value, File.GetLastWriteTimeUtc(Path.Combine(a, s.Key))));
        }

        // 3. A fresh compile under tr-TR (dotted/dotless i, comma decimal separator): the same bytes.
        Build(repo, project, b, "tr_TR.UTF-8", "tr", recompile: true);
        Assert.Equal(Tree(a), Tree(b));
        foreach (var file in Tree(a))
        {
            Assert.True(
                File.ReadAllBytes(Path.Combine(a, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, file))),
                $"{file} differs between an en-US and a tr-TR build");
        }

        // The files on disk are exactly the generator's golden files for the example (tests/Pipeline.Generators.Tests),
        // so what reaches the disk is what the emitters were reviewed to produce.
        var baselines = Path.Combine(repo, "tests", "Pipeline.Generators.Tests", "Baselines", "RetailLake");
        foreach (var file in Tree(a))
        {
            var baseline = Path.Combine(baselines, file.Replace('/', '_') + ".txt");
            Assert.True(File.Exists(baseline), $"no golden file for {file}");
            Assert.Equal(File.ReadAllText(baseline), File.ReadAllText(Path.Combine(a, file)));
        }

        // 4. The program reports the folder of the build it belongs to (the last one: b) and every file in it.
        // It runs every pipeline on the sample data (into a fresh local lake, so earlier runs' bookmarks do not matter).
        var run = Run(repo, "dotnet", $"\"{Path.Combine(repo, "examples", "RetailLake", "bin", "Release", "net10.0", "RetailLake.dll")}\" --output \"{Path.Combine(_temp, "lake")}\"", "en_US.UTF-8", "en");
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains(b, run.Output);
        Assert.All(Tree(b), f => Assert.Contains(f, run.Output));
        Assert.Contains("orders-daily", run.Output);
        Assert.Contains("customer-revenue", run.Output);
        Assert.True(Directory.Exists(Path.Combine(_temp, "lake", "acme-curated", "orders", "year=2024", "month=11", "day=1")), run.Output);

        // 5. The same program with reflection-based JSON turned off, as in file-based apps (`dotnet run app.cs`) and
        // trimmed builds: the runner's plan, config, bookmarks and journal all go through source-generated JSON. The
        // second run reads the bookmarks the first one wrote and has nothing new to do.
        var copy = Path.Combine(_temp, "no-reflection");
        CopyDirectory(Path.Combine(repo, "examples", "RetailLake", "bin", "Release", "net10.0"), copy);
        var runtimeConfig = Path.Combine(copy, "RetailLake.runtimeconfig.json");
        File.WriteAllText(runtimeConfig, File.ReadAllText(runtimeConfig).Replace(
            "\"configProperties\": {", "\"configProperties\": {\n      \"System.Text.Json.JsonSerializer.IsReflectionEnabledByDefault\": false,", StringComparison.Ordinal));
        Assert.Contains("IsReflectionEnabledByDefault", File.ReadAllText(runtimeConfig));
        for (var attempt = 1; attempt <= 2; attempt++)
        {
            var strict = Run(repo, "dotnet", $"\"{Path.Combine(copy, "RetailLake.dll")}\" --output \"{Path.Combine(_temp, "lake-no-reflection")}\"", "en_US.UTF-8", "en");
            Assert.True(strict.ExitCode == 0, $"run {attempt} without reflection-based JSON:\n{strict.Output}");
            Assert.Contains(attempt == 1 ? "IsUnique" : "nothing to do", strict.Output);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }

    private static string Build(string repo, string project, string artifacts, string locale, string uiLanguage, bool recompile, string extraArguments = "")
    {
        if (recompile)
        {
            // Deleting the compiled assembly makes CoreCompile (and with it the generator) run again, now under
            // this culture; UseSharedCompilation=false keeps it out of a compiler server started under another one.
            var intermediate = IntermediateAssembly(repo);
            if (File.Exists(intermediate))
            {
                File.Delete(intermediate);
            }
        }

        var result = Run(repo, "dotnet",
            $"build \"{project}\" -c Release -nodeReuse:false -p:UseSharedCompilation=false \"-p:PipelineArtifactsDir={artifacts}\" {extraArguments}",
            locale, uiLanguage);
        Assert.True(result.ExitCode == 0, $"dotnet build failed ({locale}):\n{Tail(result.Output)}");
        return result.Output;
    }

    private static (int ExitCode, string Output) Run(string workingDirectory, string fileName, string arguments, string locale, string uiLanguage)
    {
        var start = new ProcessStartInfo(fileName, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // A build started from inside `dotnet test` must not inherit the outer build's MSBuild settings.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        start.Environment["LANG"] = locale;
        start.Environment["LC_ALL"] = locale;
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = uiLanguage;
        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var lockObject = new object();
        process.OutputDataReceived += (_, e) => { lock (lockObject) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (lockObject) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit((int)TimeSpan.FromMinutes(15).TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after 15 minutes\n" + output);
        }

        process.WaitForExit();
        return (process.ExitCode, output.ToString());
    }

    private static string IntermediateAssembly(string repo) =>
        Path.Combine(repo, "examples", "RetailLake", "obj", "Release", "net10.0", "RetailLake.dll");

    private static int CountFiles(string directory) => Tree(directory).Length;

    /// <summary>The artifact files (not the manifest) as sorted relative paths.</summary>
    private static string[] Tree(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(directory, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f != ".pipeline-artifacts")
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToArray();

    private static string Tail(string text)
    {
        var lines = text.Split('\n');
        return string.Join("\n", lines.Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase)).Take(40)) +
            "\n…\n" + string.Join("\n", lines.Skip(Math.Max(0, lines.Length - 40)));
    }

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pipeline.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    }
}

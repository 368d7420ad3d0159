using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using Xunit;

namespace Pipeline.Package.Tests;

/// <summary>
/// The template package as a user meets it: `dotnet new install` from the packed .nupkg into a private template hive
/// (--debug:custom-hive, and a private DOTNET_CLI_HOME, so the machine's templates are untouched), `dotnet new
/// glue-pipeline -n Acme.Lake` in a folder outside the repository, then `dotnet test` of the generated solution,
/// which builds the pipeline with the packed Pipeline package and runs it locally with Pipeline.Runner.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class TemplateTests(PackagesFixture packages)
{
    [Fact]
    public void Template_package_references_the_packages_of_its_own_version()
    {
        using var zip = ZipFile.OpenRead(packages.PackagePath("Pipeline.Templates"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("content/glue-pipeline/.template.config/template.json", entries);
        Assert.Contains("content/glue-pipeline/MyLake/MyLake.csproj", entries);
        Assert.Contains("content/glue-pipeline/MyLake.Tests/MyLake.Tests.csproj", entries);
        Assert.DoesNotContain(entries, e => e.Contains("/bin/", StringComparison.Ordinal) || e.Contains("/obj/", StringComparison.Ordinal));
        using var reader = new StreamReader(zip.GetEntry("content/glue-pipeline/.template.config/template.json")!.Open());
        var json = reader.ReadToEnd();
        Assert.Contains($"\"defaultValue\": \"{packages.Version}\"", json);
        Assert.Contains("\"shortName\": \"glue-pipeline\"", json);
    }

    [Fact]
    public void Dotnet_new_glue_pipeline_makes_a_solution_whose_test_runs_the_pipeline_locally()
    {
        var workspace = packages.NewWorkspace("template");
        var hive = Path.Combine(packages.Temp, "template-hive");
        var environment = new Dictionary<string, string> { ["DOTNET_CLI_HOME"] = Path.Combine(packages.Temp, "cli-home") };

        var install = DotNet.Ok(workspace, $"new install \"{packages.PackagePath("Pipeline.Templates")}\" --debug:custom-hive \"{hive}\"", environment);
        Assert.Contains("glue-pipeline", install.Output);
        DotNet.Ok(workspace, $"new glue-pipeline -n Acme.Lake --debug:custom-hive \"{hive}\"", environment);

        var solution = Path.Combine(workspace, "Acme.Lake");
        foreach (var file in new[]
                 {
                     "Acme.Lake.slnx", "Acme.Lake/Acme.Lake.csproj", "Acme.Lake/OrdersDaily.cs", "Acme.Lake/Records.cs",
                     "Acme.Lake/Stack.cs", "Acme.Lake/Program.cs", "Acme.Lake/pipeline.local.json",
                     "Acme.Lake/data/raw/orders/2024-11-01.json", "Acme.Lake.Tests/Acme.Lake.Tests.csproj",
                     "Acme.Lake.Tests/OrdersDailyTests.cs",
                 })
        {
            Assert.True(File.Exists(Path.Combine(solution, file)), $"{file} missing in the generated solution");
        }

        var project = File.ReadAllText(Path.Combine(solution, "Acme.Lake", "Acme.Lake.csproj"));
        Assert.Contains($"<PackageReference Include=\"Pipeline\" Version=\"{packages.Version}\" />", project);
        Assert.Contains($"<PackageReference Include=\"Pipeline.Runner\" Version=\"{packages.Version}\" />", project);
        Assert.Contains("namespace Acme.Lake;", File.ReadAllText(Path.Combine(solution, "Acme.Lake", "OrdersDaily.cs")));

        // Builds the pipeline (artifacts written) and runs its test, which runs the pipeline on the sample data.
        var test = DotNet.Ok(solution, "test -nodeReuse:false", environment);
        Assert.DoesNotContain("warning", test.Output, StringComparison.Ordinal);
        Assert.Contains("Passed!  - Failed:     0, Passed:     1", test.Output);
        var artifacts = Path.Combine(solution, "Acme.Lake", "pipeline-artifacts");
        Assert.True(File.Exists(Path.Combine(artifacts, "glue", "orders-daily.py")), test.ToString());
        Assert.True(File.Exists(Path.Combine(artifacts, "quality", "orders-daily.dqdl")), test.ToString());
        Assert.True(File.Exists(Path.Combine(artifacts, "terraform", "orders-daily.tf.json")), test.ToString());
        Assert.True(File.Exists(Path.Combine(artifacts, "terraform", "storage.tf.json")), "the stack file's terraform is missing");
    }
}

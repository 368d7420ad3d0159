using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace Pipeline.Package.Tests;

/// <summary>
/// A new user's first ten minutes, with the packed packages: a console project in a temp folder outside the repository,
/// `dotnet add package Pipeline` (+ Pipeline.Runner), one pipeline, `dotnet build` writes the artifacts, `dotnet run` runs
/// the pipeline on a small local file, a pipeline with a mistake fails the build with the rule's id, file, line and
/// help link, and `dotnet format analyzers` applies the packed code fix.
/// </summary>
[Collection(PackagesCollection.Name)]
public sealed class ConsumerProjectTests(PackagesFixture packages)
{
    private const string Pipeline = """
        using Pipeline.Dsl;

        namespace Lake;

        [GlueJob("orders-daily", Schedule = "cron(0 2 * * ? *)", WorkerType = WorkerType.G1X, Workers = 2, TimeoutMinutes = 60)]
        [Tag("owner", "data-platform")]
        [Tag("cost-center", "retail-analytics")]
        public sealed partial class OrdersDaily
        {
            [S3Source("s3://acme-raw/orders/", Format = DataFormat.Json)]
            public partial Dataset<RawOrder> Orders { get; }

            [S3Sink("s3://acme-curated/orders/", Format = DataFormat.Parquet, Database = "retail_curated")]
            [Quality("RowCount > 0")]
            public Dataset<Order> Curated(Dataset<RawOrder> orders) =>
                orders.Where(o => o.Amount > 0).Select(o => new Order { OrderId = o.OrderId.Trim(), Amount = o.Amount });
        }

        public sealed record RawOrder
        {
            public required string OrderId { get; init; }
            public decimal Amount { get; init; }
        }

        public sealed record Order
        {
            [Key] public required string OrderId { get; init; }
            [Range(0, 100_000)] public decimal Amount { get; init; }
        }
        """;

    [Fact]
    public void New_project_adds_the_packages_builds_artifacts_runs_locally_and_reports_rule_violations_with_help_links()
    {
        var workspace = packages.NewWorkspace("consumer");
        var project = Path.Combine(workspace, "Lake");
        DotNet.Ok(workspace, "new console -n Lake -o Lake");

        // What the README tells a developer of this repository to type (a user leaves out --source).
        DotNet.Ok(project, $"add package Pipeline --version {packages.Version} --source \"{packages.Feed}\"");
        DotNet.Ok(project, $"add package Pipeline.Runner --version {packages.Version}");

        DotNet.WriteFile(Path.Combine(project, "Program.cs"), "return Pipeline.Runner.PipelineRunner.Run(args);\n");
        DotNet.WriteFile(Path.Combine(project, "OrdersDaily.cs"), Pipeline);
        DotNet.WriteFile(Path.Combine(project, "data", "raw", "orders", "part-0.json"), """
            {"order_id": " A-1 ", "amount": 10.5}
            {"order_id": "A-2", "amount": 0}
            {"order_id": "A-3", "amount": 7}

            """);
        DotNet.WriteFile(Path.Combine(project, "pipeline.local.json"), """
            { "input": "data", "output": "pipeline-output", "locations": { "s3://acme-raw/orders/": "raw/orders/" } }
            """);

        // 1. dotnet build: the generator and analyzers load from the package (no CS8032/CS8784/CS9057, no warning at
        //    all) and the task from tasks/ writes the artifacts.
        var build = DotNet.Ok(project, "build -nodeReuse:false");
        foreach (var id in new[] { "CS8032", "CS8784", "CS9057", "AD0001", "CS9248", "warning" })
        {
            Assert.DoesNotContain(id, build.Output, StringComparison.Ordinal);
        }

        var artifacts = Path.Combine(project, "pipeline-artifacts");
        Assert.Contains($"Pipeline: {Directory.GetFiles(artifacts, "*", SearchOption.AllDirectories).Length - 1} artifacts written to {artifacts}{Path.DirectorySeparatorChar}", build.Output);
        var glue = File.ReadAllText(Path.Combine(artifacts, "glue", "orders-daily.py"));
        Assert.Contains("s3://acme-raw/orders/", glue);
        Assert.Contains("s3://acme-curated/orders/", glue);
        var dqdl = File.ReadAllText(Path.Combine(artifacts, "quality", "orders-daily.dqdl"));
        Assert.Contains("IsUnique \"order_id\"", dqdl);
        Assert.Contains("RowCount > 0", dqdl);
        var terraform = Directory.GetFiles(Path.Combine(artifacts, "terraform"), "*.tf.json");
        Assert.Contains(terraform, f => Path.GetFileName(f) == "orders-daily.tf.json");
        Assert.Contains(terraform, f => Path.GetFileName(f) == "main.tf.json");
        foreach (var json in terraform.Append(Path.Combine(artifacts, "dashboards", "orders-daily.json")))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(json));
            Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        }

        Assert.Contains("\"timeout\": 60", File.ReadAllText(Path.Combine(artifacts, "terraform", "orders-daily.tf.json")));

        // 2. dotnet run: the pipeline runs locally on the sample file (A-2 has no amount and is filtered out).
        var run = DotNet.Ok(project, "run --no-build");
        Assert.Contains("orders-daily", run.Output);
        Assert.Contains("succeeded", run.Output);
        Assert.Matches(new Regex(@"Curated: 2 rows"), run.Output);
        var sink = Path.Combine(project, "pipeline-output", "acme-curated", "orders");
        Assert.True(Directory.Exists(sink) && Directory.GetFiles(sink, "*.parquet").Length > 0, run.ToString());

        // 3. A mistake (no timeout) fails the build with PIPE001 at the [GlueJob] attribute, with its help link.
        var broken = Pipeline.Replace(", TimeoutMinutes = 60", "", StringComparison.Ordinal);
        Assert.NotEqual(Pipeline, broken);
        DotNet.WriteFile(Path.Combine(project, "OrdersDaily.cs"), broken);
        var line = Array.FindIndex(broken.ReplaceLineEndings("\n").Split('\n'), l => l.StartsWith("[GlueJob(", StringComparison.Ordinal)) + 1;
        var failed = DotNet.Run(project, "build -nodeReuse:false");
        Assert.True(failed.ExitCode != 0, "the build of a pipeline without a timeout succeeded:\n" + failed);
        Assert.Contains($"{Path.Combine(project, "OrdersDaily.cs")}({line},2): error PIPE001: Job 'orders-daily' has no timeout", failed.Output);
        // The help link opens the page the package ships (no site is published: PipelineRulesHelpUrl is empty).
        var helpLink = Regex.Match(failed.Output, @"error PIPE001: [^\n]*\((?<link>file://[^)\s]+)\)").Groups["link"].Value;
        Assert.True(helpLink.Length > 0, "PIPE001 has no file help link:\n" + failed.Output);
        var page = new Uri(helpLink).LocalPath;
        Assert.EndsWith(Path.Combine("pipeline", packages.Version.ToLowerInvariant(), "docs", "rules", "PIPE001.md"), page);
        Assert.True(File.Exists(page), page + " does not exist");
        Assert.StartsWith("# PIPE001 ", File.ReadAllLines(page)[0]);

        // 4. The packed code fix repairs it in a real Workspaces host (`dotnet format analyzers`), and the build passes again.
        var format = DotNet.Ok(project, "format analyzers --diagnostics PIPE001 --severity error");
        var formatted = File.ReadAllText(Path.Combine(project, "OrdersDaily.cs"));
        Assert.True(formatted.Contains("Workers = 2, TimeoutMinutes = 60)]", StringComparison.Ordinal), format + "\n" + formatted);
        DotNet.Ok(project, "build -nodeReuse:false");
    }
}

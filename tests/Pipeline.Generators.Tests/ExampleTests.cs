using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Pipeline.Generators.Emit;
using Xunit;

namespace Pipeline.Generators.Tests;

/// <summary>The bundled example, compiled from its real sources: generated C# and every artifact against golden files.</summary>
public class ExampleTests
{
    [Fact]
    public void RetailLake_generates_exactly_its_baselines()
    {
        // Program.cs is the runner entry point (it needs the local runner's assembly); the pipelines and the stack are the rest.
        var sources = Directory.GetFiles(ExampleDirectory(), "*.cs", SearchOption.TopDirectoryOnly)
            .Where(p => Path.GetFileName(p) != "Program.cs")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(File.ReadAllText)
            .ToArray();
        Assert.True(sources.Length >= 2, "the example's sources were not found");

        var (result, output, diagnostics) = GeneratorHarness.Run(sources);
        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));

        var hints = result.Results.Single().GeneratedSources.Select(g => g.HintName).OrderBy(h => h, StringComparer.Ordinal).ToArray();
        Assert.Equal(new[] { "Pipeline.Shared.g.cs", "RetailLake.CustomerRevenue.Artifacts.g.cs", "RetailLake.CustomerRevenue.Pipeline.g.cs", "RetailLake.OrdersDaily.Artifacts.g.cs", "RetailLake.OrdersDaily.Pipeline.g.cs" }, hints);

        var specs = new System.Collections.Generic.List<Pipeline.Generators.Model.PipelineSpec>();
        foreach (var className in new[] { "RetailLake.OrdersDaily", "RetailLake.CustomerRevenue" })
        {
            var spec = GeneratorOutputTests.ParseSpec(output, className);
            specs.Add(spec);
            foreach (var artifact in ArtifactEmitter.Emit(spec))
            {
                Baseline.Verify("RetailLake", artifact.Path.Replace('/', '_'), artifact.Content);
            }
        }

        var stack = ArtifactEmitter.BuildStack(
            System.Collections.Immutable.ImmutableArray.CreateRange(specs),
            Pipeline.Generators.Parsing.StackParser.ReadAttributes(output.Assembly, System.Threading.CancellationToken.None));
        Assert.Equal("retail-lake", stack.Settings.Name);
        Assert.Equal(new[] { new Pipeline.Generators.Model.PipelineDependency("orders-daily", "customer-revenue", "table retail_curated.orders") }, stack.Dependencies);
        foreach (var artifact in ArtifactEmitter.EmitShared(stack))
        {
            Baseline.Verify("RetailLake", artifact.Path.Replace('/', '_'), artifact.Content);
        }
    }

    private static string ExampleDirectory([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "examples", "RetailLake"));
}

using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Pipeline.Generators.Emit;
using Pipeline.Generators.Parsing;
using Xunit;

namespace Pipeline.Generators.Tests;

public class GeneratorOutputTests
{
    [Theory]
    [InlineData("OrdersDaily", "Shop.OrdersDaily")]
    [InlineData("CustomerRevenue", "Shop.CustomerRevenue")]
    public void Generated_csharp_and_every_artifact_match_their_baselines(string test, string className)
    {
        var source = test == "OrdersDaily" ? TestPipelines.OrdersDaily : TestPipelines.CustomerRevenue;
        var (result, output, diagnostics) = GeneratorHarness.Run(TestPipelines.Records, source);

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        var generated = result.Results.Single().GeneratedSources;
        var hint = className + ".Pipeline.g.cs";
        var artifactsHint = className + ".Artifacts.g.cs";
        Assert.Equal(new[] { "Pipeline.Shared.g.cs", artifactsHint, hint }, generated.Select(g => g.HintName).OrderBy(h => h, System.StringComparer.Ordinal));

        var csharp = generated.Single(g => g.HintName == hint).SourceText.ToString();
        var artifactAttributes = generated.Single(g => g.HintName == artifactsHint).SourceText.ToString();
        var spec = ParseSpec(output, className);
        var artifacts = ArtifactEmitter.Emit(spec);

        // The C# baseline is the type part: the artifact texts and the local plan have their own baselines below.
        Assert.DoesNotContain(CSharpEmitter.ArtifactKeyPrefix, csharp);
        Baseline.Verify(test, hint, StripArtifactAttributes(csharp));
        Assert.Contains(SymbolDisplayLiteral(LocalPlanEmitter.Emit(spec)), csharp);
        Baseline.Verify(test, "local-plan.json", LocalPlanEmitter.Emit(spec));
        Assert.Equal(artifacts.Select(a => a.Path), ArtifactEmitter.Paths(spec));
        foreach (var artifact in artifacts)
        {
            Assert.Contains(SymbolDisplayLiteral(artifact.Path) + ",", csharp);
            Assert.Contains(SymbolDisplayLiteral(CSharpEmitter.ArtifactKeyPrefix + artifact.Path), artifactAttributes);
            Baseline.Verify(test, artifact.Path.Replace('/', '_'), artifact.Content);
        }

        Assert.Contains(artifacts, a => a.Path == $"glue/{spec.Job.Name}.py");
        Assert.Contains(artifacts, a => a.Path == $"terraform/{spec.Job.Name}.tf.json");
        // The standalone dashboard is written with the stack's files (its region and log groups come from the stack).
        Assert.DoesNotContain(artifacts, a => a.Path.StartsWith("dashboards/", System.StringComparison.Ordinal));
        Assert.Contains(artifacts, a => a.Path.StartsWith("quality/", System.StringComparison.Ordinal));
    }

    [Fact]
    public void Artifacts_round_trip_through_the_compiled_assembly_metadata()
    {
        var (_, output, _) = GeneratorHarness.Run(TestPipelines.Records, TestPipelines.OrdersDaily);
        var spec = ParseSpec(output, "Shop.OrdersDaily");
        var stack = ArtifactEmitter.BuildStack(System.Collections.Immutable.ImmutableArray.Create(spec), StackParser.ReadAttributes(output.Assembly, CancellationToken.None));
        var expected = ArtifactEmitter.Emit(spec).Concat(ArtifactEmitter.EmitShared(stack)).ToDictionary(a => CSharpEmitter.ArtifactKeyPrefix + a.Path, a => a.Content);

        var metadata = output.Assembly.GetAttributes()
            .Where(a => a.AttributeClass?.Name == "AssemblyMetadataAttribute")
            .ToDictionary(a => (string)a.ConstructorArguments[0].Value!, a => (string)a.ConstructorArguments[1].Value!);

        Assert.Equal(expected.Keys.OrderBy(k => k, System.StringComparer.Ordinal), metadata.Keys.OrderBy(k => k, System.StringComparer.Ordinal));
        foreach (var pair in expected)
        {
            Assert.Equal(pair.Value, metadata[pair.Key]);
        }
    }

    [Fact]
    public void An_editor_without_implementation_outputs_gets_the_pipeline_types_and_renders_no_artifact()
    {
        // As an IDE runs generators for the semantic model: implementation-only outputs disabled.
        var driver = CSharpGeneratorDriver.Create(
            new[] { new PipelineGenerator().AsSourceGenerator() },
            parseOptions: GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.Implementation, trackIncrementalGeneratorSteps: true));
        var compilation = GeneratorHarness.Compile(TestPipelines.Records, TestPipelines.OrdersDaily, TestPipelines.CustomerRevenue);
        var result = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics).GetRunResult().Results.Single();

        Assert.Empty(diagnostics);
        Assert.Empty(GeneratorHarness.Problems(output));
        Assert.Equal(new[] { "Shop.CustomerRevenue.Pipeline.g.cs", "Shop.OrdersDaily.Pipeline.g.cs" }, result.GeneratedSources.Select(g => g.HintName).OrderBy(h => h, System.StringComparer.Ordinal));
        Assert.NotNull(output.GetTypeByMetadataName("Shop.OrdersDaily")!.GetMembers("Descriptor").SingleOrDefault());
        // The emitters of scripts, Terraform, rulesets and the stack never ran.
        Assert.False(result.TrackedSteps.ContainsKey(TrackingNames.Artifacts));
        Assert.False(result.TrackedSteps.ContainsKey(TrackingNames.SharedArtifacts));
        Assert.True(result.TrackedSteps.ContainsKey(TrackingNames.Declarations));
    }

    [Fact]
    public void Output_is_identical_under_other_cultures()
    {
        var baseline = GenerateAll();
        foreach (var name in new[] { "tr-TR", "de-DE", "fi-FI", "ar-SA" })
        {
            var previous = CultureInfo.CurrentCulture;
            var previousUi = CultureInfo.CurrentUICulture;
            try
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(name);
                Assert.Equal(baseline, GenerateAll());
            }
            finally
            {
                CultureInfo.CurrentCulture = previous;
                CultureInfo.CurrentUICulture = previousUi;
            }
        }

        static string GenerateAll()
        {
            var (result, _, _) = GeneratorHarness.Run(TestPipelines.Records, TestPipelines.OrdersDaily, TestPipelines.CustomerRevenue);
            return string.Join("\n----\n", result.Results.Single().GeneratedSources.OrderBy(g => g.HintName, System.StringComparer.Ordinal).Select(g => g.SourceText.ToString()));
        }
    }

    [Fact]
    public void Generated_source_properties_expose_bound_rows_to_plain_csharp()
    {
        var (_, output, _) = GeneratorHarness.Run(TestPipelines.Records, TestPipelines.OrdersDaily);
        var type = output.GetTypeByMetadataName("Shop.OrdersDaily")!;
        Assert.Contains(type.AllInterfaces, i => i.ToDisplayString() == "Pipeline.Dsl.IGluePipeline");
        Assert.Single(type.GetMembers("WithOrders"));
        Assert.Single(type.GetMembers("Descriptor"));
    }

    [Fact]
    public void Project_without_pipelines_gets_no_output()
    {
        var (result, output, _) = GeneratorHarness.Run("namespace Empty; public class Nothing { }");
        Assert.Empty(result.Results.Single().GeneratedSources);
        Assert.Empty(GeneratorHarness.Problems(output));
    }

    internal static Model.PipelineSpec ParseSpec(Compilation compilation, string className)
    {
        var type = compilation.GetTypeByMetadataName(className)!;
        var tree = type.DeclaringSyntaxReferences[0].SyntaxTree;
        var parsed = PipelineParser.Parse(type, compilation.GetSemanticModel(tree), CancellationToken.None);
        Assert.Empty(parsed.Problems.Select(p => $"{p.RuleId} {p.Message}"));
        return parsed.Spec!;
    }

    private static string SymbolDisplayLiteral(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, true);

    private static string StripArtifactAttributes(string csharp) =>
        string.Join("\n", csharp.Split('\n').Select(line => line.StartsWith("[assembly: global::System.Reflection.AssemblyMetadataAttribute(", System.StringComparison.Ordinal)
            ? line.Substring(0, line.IndexOf(", ", System.StringComparison.Ordinal)) + ", ...)]"
            : line.Contains("\\\"formatVersion\\\"", System.StringComparison.Ordinal) ? line.Substring(0, line.IndexOf('"')) + "<local plan: local-plan.json>);" : line));
}

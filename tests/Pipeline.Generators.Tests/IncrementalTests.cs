using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Pipeline.Generators.Tests;

public class IncrementalTests
{
    private static readonly string[] TrackedSteps = { TrackingNames.Inputs, TrackingNames.Parse, TrackingNames.StackEntries, TrackingNames.Specs, TrackingNames.Artifacts, TrackingNames.StackAttributes, TrackingNames.Stack, TrackingNames.SharedArtifacts };

    [Fact]
    public void Unrelated_edit_reemits_nothing()
    {
        var compilation = GeneratorHarness.Compile(TestPipelines.Records, TestPipelines.OrdersDaily, TestPipelines.CustomerRevenue);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("// dummy\nnamespace Other; internal static class Unrelated { }", GeneratorHarness.ParseOptions));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();

        foreach (var step in TrackedSteps)
        {
            Assert.True(second.TrackedSteps.ContainsKey(step), $"step {step} was not tracked");
            foreach (var output in second.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step} ran with reason {output.Reason}");
            }
        }

        foreach (var output in second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"an output ran with reason {output.Reason}");
        }
    }

    [Fact]
    public void Editing_one_pipeline_reemits_only_that_pipeline()
    {
        var compilation = GeneratorHarness.Compile(TestPipelines.Records, TestPipelines.OrdersDaily, TestPipelines.CustomerRevenue);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var tree = compilation.SyntaxTrees.ElementAt(2);
        var changed = tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(TestPipelines.CustomerRevenue.Replace("TimeoutMinutes = 30", "TimeoutMinutes = 45")));
        var second = driver.RunGenerators(compilation.ReplaceSyntaxTree(tree, changed)).GetRunResult().Results.Single();

        var artifacts = second.TrackedSteps[TrackingNames.Artifacts].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, artifacts.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, artifacts.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    [Fact]
    public void Specs_hold_no_roslyn_objects()
    {
        var compilation = GeneratorHarness.Compile(TestPipelines.Records, TestPipelines.OrdersDaily, TestPipelines.CustomerRevenue);
        var result = GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult().Results.Single();
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var step in new[] { TrackingNames.Specs, TrackingNames.Artifacts, TrackingNames.StackEntries, TrackingNames.StackAttributes, TrackingNames.Stack, TrackingNames.SharedArtifacts })
        {
            foreach (var output in result.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertNoRoslynObjects(output.Value, step, visited);
            }
        }

        Assert.True(visited.Count > 50, "the walk must have visited the model graph");
    }

    private static void AssertNoRoslynObjects(object? node, string path, HashSet<object> visited)
    {
        if (node is null || node is string || node.GetType().IsPrimitive || node.GetType().IsEnum)
        {
            return;
        }

        var type = node.GetType();
        Assert.False(node is Compilation or ISymbol or SyntaxNode or SyntaxTree or Location or SemanticModel or AttributeData,
            $"{path} holds a {type.FullName}");
        if (!type.IsValueType && !visited.Add(node))
        {
            return;
        }

        if (node is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                AssertNoRoslynObjects(item, $"{path}[{i++}]", visited);
            }

            return;
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoRoslynObjects(field.GetValue(node), $"{path}.{field.Name}", visited);
        }
    }
}

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Pipeline.Generators.Tests;

/// <summary>
/// The parse runs only for pipelines whose inputs changed (issue: typing in one of 200 pipelines re-parsed all 200),
/// and an incremental run always produces exactly what a fresh run over the same compilation produces.
/// </summary>
public class IncrementalParseTests
{
    private const string Constants = """
        namespace Shop;

        public static class Paths
        {
            public const string Curated = "s3://acme-curated/orders/";
        }
        """;

    private const string Unrelated = """
        namespace Other;

        internal static class Unrelated
        {
            public static int Value => 1;
        }
        """;

    /// <summary>orders-daily with its sink path taken from a constant declared in another file.</summary>
    private static readonly string OrdersDaily = TestPipelines.OrdersDaily.Replace("[S3Sink(\"s3://acme-curated/orders/\"", "[S3Sink(Paths.Curated", StringComparison.Ordinal);

    [Fact]
    public void Typing_in_one_pipeline_parses_only_that_pipeline()
    {
        var compilation = GeneratorHarness.Compile(TestPipelines.Records, OrdersDaily, TestPipelines.CustomerRevenue, Constants, Unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var edited = Edit(compilation, 2, "TimeoutMinutes = 30", "TimeoutMinutes = 45");
        var run = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var parses = Reasons(run, TrackingNames.Parse);
        Assert.Equal(1, parses.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, parses.Count(r => r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
        Assert.DoesNotContain(IncrementalStepRunReason.New, parses);
    }

    [Fact]
    public void Editing_a_query_lambda_rebuilds_only_that_pipeline_not_the_stack()
    {
        var compilation = GeneratorHarness.Compile(TestPipelines.Records, OrdersDaily, TestPipelines.CustomerRevenue, Constants, Unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var run = driver.RunGenerators(Edit(compilation, 1, "o.Amount > 0", "o.Amount > 5")).GetRunResult().Results.Single();

        Assert.Equal(1, Reasons(run, TrackingNames.Artifacts).Count(r => r == IncrementalStepRunReason.Modified));
        Assert.All(Reasons(run, TrackingNames.Stack), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void A_file_no_pipeline_names_parses_nothing()
    {
        var compilation = GeneratorHarness.Compile(TestPipelines.Records, OrdersDaily, TestPipelines.CustomerRevenue, Constants, Unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var run = driver.RunGenerators(Edit(compilation, 4, "Value => 1", "Value => 2")).GetRunResult().Results.Single();

        Assert.All(Reasons(run, TrackingNames.Parse), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }

    [Fact]
    public void Editing_what_a_pipeline_names_in_another_file_parses_it_again()
    {
        var compilation = GeneratorHarness.Compile(TestPipelines.Records, OrdersDaily, TestPipelines.CustomerRevenue, Constants, Unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        // The constant file is named only by orders-daily; the records file only by orders-daily too (customer-revenue
        // declares its own records).
        var run = driver.RunGenerators(Edit(compilation, 3, "acme-curated/orders/", "acme-curated/orders-v2/")).GetRunResult().Results.Single();
        var parses = Reasons(run, TrackingNames.Parse);
        Assert.Equal(1, parses.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Contains(run.GeneratedSources, s => s.SourceText.ToString().Contains("acme-curated/orders-v2/", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_incremental_run_equals_a_fresh_run()
    {
        var compilation = (Compilation)GeneratorHarness.Compile(TestPipelines.Records, OrdersDaily, TestPipelines.CustomerRevenue, Constants, Unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var edits = new (int File, string From, string To)[]
        {
            (1, "o.Amount > 0", "o.Amount > 5"),                                  // a query lambda of one pipeline
            (0, "public int? Quantity { get; init; }", "public long? Quantity { get; init; }"), // a record it reads
            (3, "acme-curated/orders/", "acme-curated/orders-v2/"),               // a constant in another file
            (0, "[Range(0, 100000)]", "[Range(0, 5000)]"),                        // a rule on a record property
            (2, "TimeoutMinutes = 30", "TimeoutMinutes = 45"),                    // the other pipeline
            (4, "Value => 1", "Value => 2"),                                      // a file no pipeline names
        };
        foreach (var (file, from, to) in edits)
        {
            compilation = Edit(compilation, file, from, to);
            driver = driver.RunGenerators(compilation);
            var incremental = Sources(driver.GetRunResult());
            var fresh = Sources(GeneratorHarness.CreateDriver().RunGenerators(compilation).GetRunResult());
            Assert.Equal(fresh.Keys.OrderBy(k => k), incremental.Keys.OrderBy(k => k));
            foreach (var (name, text) in fresh)
            {
                Assert.True(text == incremental[name], $"after editing '{from}' → '{to}', {name} differs from a fresh run");
            }
        }
    }

    [Fact]
    public void A_global_using_reaches_every_pipeline()
    {
        var compilation = GeneratorHarness.Compile(TestPipelines.Records, OrdersDaily, TestPipelines.CustomerRevenue, Constants, Unrelated);
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);

        var withGlobal = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("global using System.Linq;", GeneratorHarness.ParseOptions));
        var run = driver.RunGenerators(withGlobal).GetRunResult().Results.Single();
        Assert.Equal(2, Reasons(run, TrackingNames.Inputs).Count(r => r == IncrementalStepRunReason.Modified));
    }

    private static Compilation Edit(Compilation compilation, int file, string from, string to)
    {
        var tree = compilation.SyntaxTrees.ElementAt(file);
        var text = tree.GetText().ToString();
        Assert.Contains(from, text, StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text.Replace(from, to, StringComparison.Ordinal))));
    }

    private static List<IncrementalStepRunReason> Reasons(GeneratorRunResult run, string step) =>
        run.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    private static Dictionary<string, string> Sources(GeneratorDriverRunResult result) =>
        result.Results.Single().GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
}

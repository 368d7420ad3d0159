using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Support;
using Xunit;

namespace Pipeline.Analyzers.Tests;

public class DescriptorTests
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in DiagnosticDescriptors.All)
        {
            data.Add(descriptor.Id);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Help_link_points_at_an_existing_rule_page(string id)
    {
        var descriptor = DiagnosticDescriptors.All.Single(d => d.Id == id);
        Assert.EndsWith("docs/rules/" + id + ".md", descriptor.HelpLinkUri);
        Assert.True(File.Exists(Path.Combine(RepoRoot(), "docs", "rules", id + ".md")), "docs/rules/" + id + ".md is missing");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_id_is_listed_in_the_unshipped_releases(string id)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot(), "src", "Pipeline.Analyzers", "AnalyzerReleases.Unshipped.md"));
        Assert.Contains(lines, l => l.StartsWith(id + " ", System.StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Errors_are_not_configurable(string id)
    {
        var descriptor = DiagnosticDescriptors.All.Single(d => d.Id == id);
        Assert.Equal(descriptor.DefaultSeverity == DiagnosticSeverity.Error, descriptor.CustomTags.Contains(WellKnownDiagnosticTags.NotConfigurable));
    }

    [Fact]
    public void Ids_are_unique_and_every_descriptor_is_reported_by_an_analyzer()
    {
        Assert.Equal(DiagnosticDescriptors.All.Length, DiagnosticDescriptors.All.Select(d => d.Id).Distinct().Count());
        var supported = typeof(PipelineAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .SelectMany(t => ((DiagnosticAnalyzer)System.Activator.CreateInstance(t)!).SupportedDiagnostics)
            .Select(d => d.Id)
            .ToHashSet();
        Assert.All(DiagnosticDescriptors.All, d => Assert.Contains(d.Id, supported));
    }

    private static string RepoRoot([CallerFilePath] string path = "")
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(path)!);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pipeline.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Pipeline.sln not found above " + path);
    }
}

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
    public void Help_link_opens_the_rule_page_that_exists(string id)
    {
        var descriptor = DiagnosticDescriptors.All.Single(d => d.Id == id);
        Assert.Equal(DiagnosticDescriptors.HelpLink(id), descriptor.HelpLinkUri);

        // Built inside the repository without a published address: a file URI of the repository's own page.
        var page = new System.Uri(descriptor.HelpLinkUri).LocalPath;
        Assert.Equal(Path.Combine(RepoRoot(), "docs", "rules", id + ".md"), page);
        Assert.True(File.Exists(page), page + " is missing");
        // The page names its own id in its title, so a link cannot land on another rule's page.
        Assert.StartsWith("# " + id + " ", File.ReadAllLines(page)[0]);
    }

    [Fact]
    public void Help_links_share_one_base_from_the_MSBuild_setting_or_the_pages_that_ship()
    {
        Assert.Equal(PipelineBuildInfo.RulesHelpUrl, RulesHelpUrlSetting());
        Assert.All(DiagnosticDescriptors.All, d => Assert.StartsWith(HelpLinks.Folder, d.HelpLinkUri));

        // A published address wins wherever the assembly is loaded from.
        Assert.Equal("https://docs.example.org/rules/", HelpLinks.RulesFolder("https://docs.example.org/rules/", "/p/pipeline/0.1.0/analyzers/dotnet/cs/Pipeline.Analyzers.dll", "file:///r/docs/rules/"));
        // Loaded from the package: the pages the package ships three folders up.
        Assert.Equal("file:///home/u/.nuget/packages/pipeline/0.1.0/docs/rules/", HelpLinks.RulesFolder("", "/home/u/.nuget/packages/pipeline/0.1.0/analyzers/dotnet/cs/Pipeline.Analyzers.dll", "file:///r/docs/rules/"));
        Assert.Equal("file:///C:/Users/u/.nuget/packages/pipeline/0.1.0/docs/rules/", HelpLinks.RulesFolder("", @"C:\Users\u\.nuget\packages\pipeline\0.1.0\analyzers\dotnet\cs\Pipeline.Analyzers.dll", "file:///r/docs/rules/"));
        // Anywhere else (a project reference, a shadow copy, loaded from bytes): the repository's pages.
        Assert.Equal("file:///r/docs/rules/", HelpLinks.RulesFolder("", "/r/src/Pipeline.Analyzers/bin/Debug/netstandard2.0/Pipeline.Analyzers.dll", "file:///r/docs/rules/"));
        Assert.Equal("file:///r/docs/rules/", HelpLinks.RulesFolder("", "", "file:///r/docs/rules/"));
        Assert.Null(HelpLinks.PackageRoot("/p/analyzers/dotnet/cs/sub/Pipeline.Analyzers.dll"));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Rule_page_says_whether_a_code_fix_exists(string id)
    {
        var fixable = typeof(Pipeline.CodeFixes.AddTimeoutFixer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider).IsAssignableFrom(t))
            .SelectMany(t => ((Microsoft.CodeAnalysis.CodeFixes.CodeFixProvider)System.Activator.CreateInstance(t)!).FixableDiagnosticIds)
            .ToHashSet();
        var row = File.ReadAllLines(Path.Combine(RepoRoot(), "docs", "rules", id + ".md"))
            .SingleOrDefault(l => l.StartsWith("| Code fix | ", System.StringComparison.Ordinal));
        Assert.True(row is not null, $"docs/rules/{id}.md has no 'Code fix' row");
        Assert.Equal(fixable.Contains(id) ? "| Code fix | Yes" : "| Code fix | No", row![..(fixable.Contains(id) ? 16 : 15)]);
    }

    /// <summary>PipelineRulesHelpUrl as Directory.Build.props sets it (the only place it is written; empty by default).</summary>
    private static string RulesHelpUrlSetting()
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(RepoRoot(), "Directory.Build.props"));
        return props.Descendants("PipelineRulesHelpUrl").Single().Value;
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

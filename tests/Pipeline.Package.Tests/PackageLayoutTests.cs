using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Xml.Linq;
using Xunit;

namespace Pipeline.Package.Tests;

/// <summary>What `dotnet pack` at the root puts into the packages, checked entry by entry.</summary>
[Collection(PackagesCollection.Name)]
public sealed class PackageLayoutTests(PackagesFixture packages)
{
    /// <summary>Assemblies every compiler host (csc, VBCSCompiler, Visual Studio) provides to analyzers.</summary>
    private static readonly string[] HostAssemblies =
    {
        "netstandard", "mscorlib", "System.Runtime", "Microsoft.CodeAnalysis", "Microsoft.CodeAnalysis.CSharp",
        "System.Collections.Immutable", "System.Reflection.Metadata", "System.Memory", "System.Runtime.CompilerServices.Unsafe",
    };

    /// <summary>What IDE hosts (Visual Studio, Rider, the C# Dev Kit server) add for code fixes; csc never loads fixer types.</summary>
    private static readonly string[] CodeFixHostAssemblies =
    {
        "Microsoft.CodeAnalysis.Workspaces", "Microsoft.CodeAnalysis.CSharp.Workspaces", "System.Composition.AttributedModel",
    };

    [Fact]
    public void Root_pack_gives_exactly_the_shipped_packages()
    {
        packages.PackagePath("Pipeline");
        var packed = Directory.GetFiles(packages.Feed, "*.nupkg").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(
            new[] { "Pipeline", "Pipeline.Runner", "Pipeline.Templates" }.Select(id => $"{id}.{packages.Version}.nupkg").Order(StringComparer.Ordinal),
            packed);
    }

    [Fact]
    public void Pipeline_package_has_the_library_the_compiler_extensions_the_build_integration_and_the_rule_pages()
    {
        using var zip = ZipFile.OpenRead(packages.PackagePath("Pipeline"));
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[]
                 {
                     "lib/netstandard2.0/Pipeline.Dsl.dll",
                     "analyzers/dotnet/cs/Pipeline.Generators.dll",
                     "analyzers/dotnet/cs/Pipeline.Analyzers.dll",
                     "analyzers/dotnet/cs/Pipeline.CodeFixes.dll",
                     "build/Pipeline.props",
                     "build/Pipeline.targets",
                     "tasks/netstandard2.0/Pipeline.Build.dll",
                     "README.md",
                     "icon.png",
                 })
        {
            Assert.True(entries.Contains(expected), $"{expected} missing; the package has:\n{string.Join("\n", entries.Order(StringComparer.Ordinal))}");
        }

        // No stray DLLs: everything under analyzers/ and tasks/ is one of ours or bundled on purpose.
        Assert.Equal(
            new[] { "analyzers/dotnet/cs/Pipeline.Analyzers.dll", "analyzers/dotnet/cs/Pipeline.CodeFixes.dll", "analyzers/dotnet/cs/Pipeline.Generators.dll", "lib/netstandard2.0/Pipeline.Dsl.dll", "tasks/netstandard2.0/Pipeline.Build.dll" },
            entries.Where(e => e.EndsWith(".dll", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

        // Every rule page of the repository ships, so a help link can be followed offline too.
        var pages = Directory.GetFiles(Path.Combine(packages.RepositoryRoot, "docs", "rules"), "*.md").Select(p => "docs/rules/" + Path.GetFileName(p)).ToArray();
        Assert.NotEmpty(pages);
        Assert.All(pages, page => Assert.Contains(page, entries));

        var nuspec = Nuspec(zip);
        Assert.Equal("Pipeline", Element(nuspec, "id"));
        Assert.Equal(packages.Version, Element(nuspec, "version"));
        Assert.Equal("README.md", Element(nuspec, "readme"));
        Assert.Equal("icon.png", Element(nuspec, "icon"));
        Assert.DoesNotContain(nuspec.Descendants(), e => e.Name.LocalName == "dependency");
    }

    [Fact]
    public void Generator_and_analyzers_load_nothing_the_compiler_does_not_provide_and_target_roslyn_4_8()
    {
        using var zip = ZipFile.OpenRead(packages.PackagePath("Pipeline"));
        var bundled = zip.Entries.Where(e => e.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal))
            .Select(e => Path.GetFileNameWithoutExtension(e.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("analyzers/dotnet/cs/", StringComparison.Ordinal)))
        {
            foreach (var (name, version) in References(entry))
            {
                // Anything else would have to be beside it in analyzers/dotnet/cs (CS8032/CS8784 otherwise).
                var provided = HostAssemblies.Contains(name) || (entry.Name == "Pipeline.CodeFixes.dll" && CodeFixHostAssemblies.Contains(name));
                Assert.True(provided || bundled.Contains(name), $"{entry.Name} references {name} {version}, which is neither bundled nor provided by the compiler");

                // A reference to a newer compiler than the host's is not loaded (CS9057); 4.8 loads in SDK 8+ and VS 17.8+.
                if (name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                {
                    Assert.True(version <= new Version(4, 8, 0, 0), $"{entry.Name} references {name} {version}; the package must work with compilers from 4.8 on");
                }
            }
        }
    }

    [Fact]
    public void Runner_package_depends_on_the_same_Pipeline_with_all_its_assets()
    {
        using var zip = ZipFile.OpenRead(packages.PackagePath("Pipeline.Runner"));
        Assert.Contains(zip.Entries, e => e.FullName == "lib/net10.0/Pipeline.Runner.dll");
        var dependency = Nuspec(zip).Descendants().Single(e => e.Name.LocalName == "dependency" && (string?)e.Attribute("id") == "Pipeline");
        Assert.Equal(packages.Version, (string?)dependency.Attribute("version"));

        // Without this the analyzers and build/ would not flow to a project that adds only Pipeline.Runner.
        Assert.Null(dependency.Attribute("exclude"));
    }

    [Fact]
    public void Packing_is_deterministic()
    {
        var again = Path.Combine(packages.Temp, "feed-again");
        DotNet.Ok(packages.RepositoryRoot,
            $"pack src/Pipeline.Dsl/Pipeline.Dsl.csproj --no-build -c {packages.Configuration} -nodeReuse:false -v:q -o \"{again}\" -p:PackageVersion={packages.Version}");
        var first = File.ReadAllBytes(packages.PackagePath("Pipeline"));
        var second = File.ReadAllBytes(Path.Combine(again, $"Pipeline.{packages.Version}.nupkg"));
        Assert.True(first.AsSpan().SequenceEqual(second), "packing the same build twice gave different bytes");
    }

    private static IEnumerable<(string Name, Version Version)> References(ZipArchiveEntry entry)
    {
        using var stream = new MemoryStream();
        using (var source = entry.Open())
        {
            source.CopyTo(stream);
        }

        stream.Position = 0;
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(h => reader.GetAssemblyReference(h))
            .Select(r => (reader.GetString(r.Name), r.Version)).ToList();
    }

    private static XDocument Nuspec(ZipArchive zip)
    {
        using var stream = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/')).Open();
        return XDocument.Load(stream);
    }

    private static string? Element(XDocument nuspec, string name) => nuspec.Descendants().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}

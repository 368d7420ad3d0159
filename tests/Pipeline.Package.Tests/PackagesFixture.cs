using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Xunit;

namespace Pipeline.Package.Tests;

/// <summary>
/// Packs the repository once for all tests of the collection, as a developer of this repository does
/// (`dotnet pack` at the root, no-build: the solution was built in this configuration), into a temp folder feed, under
/// a version no one else uses (PipelineVersion + "-test." + a fresh id), so a package cached by an earlier run or another
/// checkout can never stand in for the one under test. Disposing deletes the feed and that version from the global
/// packages folder.
/// </summary>
public sealed class PackagesFixture : IDisposable
{
    public PackagesFixture()
    {
        RepositoryRoot = Metadata("Pipeline.RepositoryRoot").TrimEnd('/', '\\');
        Configuration = Metadata("Pipeline.Configuration");
        Temp = Path.Combine(Path.GetTempPath(), "pipeline-package-tests", Guid.NewGuid().ToString("N")[..12]);
        Assert.False(
            Path.GetFullPath(Temp).StartsWith(RepositoryRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal),
            $"the temp folder {Temp} must be outside the repository, or its Directory.Build.props would apply to the consumer projects");
        Feed = Path.Combine(Temp, "feed");
        Directory.CreateDirectory(Feed);

        var baseVersion = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryRoot, "Directory.Build.props"))
            .Descendants("PipelineVersion").Single().Value;
        Version = baseVersion + "-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture) + "." + Guid.NewGuid().ToString("N")[..6];

        Pack = DotNet.Run(RepositoryRoot,
            $"pack Pipeline.sln --no-build -c {Configuration} -nodeReuse:false -v:q -o \"{Feed}\" -p:PackageVersion={Version}",
            timeout: TimeSpan.FromMinutes(5));
    }

    public string RepositoryRoot { get; }

    public string Configuration { get; }

    public string Temp { get; }

    public string Feed { get; }

    public string Version { get; }

    public DotNet.Result Pack { get; }

    public string PackagePath(string id)
    {
        Assert.True(Pack.ExitCode == 0, "dotnet pack at the repository root failed:\n" + Pack);
        var path = Path.Combine(Feed, $"{id}.{Version}.nupkg");
        Assert.True(File.Exists(path), $"{path} was not packed; the feed has: {string.Join(", ", Directory.GetFiles(Feed).Select(Path.GetFileName))}\n{Pack}");
        return path;
    }

    /// <summary>A fresh folder outside the repository with a nuget.config that adds the test feed to the default sources.</summary>
    public string NewWorkspace(string name)
    {
        var workspace = Path.Combine(Temp, name);
        Directory.CreateDirectory(workspace);
        DotNet.WriteFile(Path.Combine(workspace, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <!-- The packages under test; everything else comes from the machine's default sources. -->
                <add key="pipeline-test-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        return workspace;
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Temp))
            {
                Directory.Delete(Temp, recursive: true);
            }

            var globalPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
                ? configured
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var id in new[] { "pipeline", "pipeline.runner", "pipeline.templates" })
            {
                var extracted = Path.Combine(globalPackages, id, Version);
                if (Directory.Exists(extracted))
                {
                    Directory.Delete(extracted, recursive: true);
                }

                if (Directory.Exists(Path.Combine(globalPackages, id)) && !Directory.EnumerateFileSystemEntries(Path.Combine(globalPackages, id)).Any())
                {
                    Directory.Delete(Path.Combine(globalPackages, id));
                }
            }
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder or cache entry does not change any result.
        }
    }

    private static string Metadata(string key) =>
        typeof(PackagesFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException(key);
}

[CollectionDefinition(Name)]
public sealed class PackagesCollection : ICollectionFixture<PackagesFixture>
{
    public const string Name = "packed repository";
}

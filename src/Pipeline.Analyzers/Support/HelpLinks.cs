using System;

namespace Pipeline.Analyzers.Support;

/// <summary>
/// Where the rule pages (docs/rules/&lt;id&gt;.md) are, so that every help link opens a page that exists.
/// </summary>
/// <remarks>
/// One MSBuild property, <c>PipelineRulesHelpUrl</c>, names a published copy (a team that hosts the pages sets it when
/// it packs; it is compiled in). Without it — the default, since the project publishes no site — links are file URIs:
/// the pages the Pipeline package ships in <c>docs/rules/</c>, three folders above <c>analyzers/dotnet/cs/</c>, when
/// this assembly is loaded from the package; otherwise the repository's <c>docs/rules/</c> it was built from (project
/// references inside the repository). Only the load path is looked at, never the file system: analyzers do no IO.
/// </remarks>
internal static class HelpLinks
{
    /// <summary>The base every help link starts with; ends with '/'.</summary>
    public static readonly string Folder = RulesFolder(
        PipelineBuildInfo.RulesHelpUrl, SafeLocation(), new Uri(PipelineBuildInfo.RepositoryRulesFolder).AbsoluteUri);

    /// <summary>The base for a configured address, an assembly loaded from <paramref name="assemblyPath"/>, and the repository's pages.</summary>
    public static string RulesFolder(string configuredUrl, string? assemblyPath, string repositoryRulesFolder)
    {
        if (configuredUrl.Length > 0)
        {
            return configuredUrl;
        }

        var packageRoot = PackageRoot(assemblyPath);
        return packageRoot is null ? repositoryRulesFolder : new Uri(packageRoot + "docs/rules/").AbsoluteUri;
    }

    /// <summary>The package folder (ending in '/') when the path is …/analyzers/dotnet/cs/&lt;file&gt; of a package; else null.</summary>
    public static string? PackageRoot(string? assemblyPath)
    {
        if (string.IsNullOrEmpty(assemblyPath))
        {
            return null;
        }

        // Either separator and either kind of root, whatever the OS running the compiler.
        var path = assemblyPath!.Replace('\\', '/');
        var rooted = path.StartsWith("/", StringComparison.Ordinal) || (path.Length > 2 && path[1] == ':' && path[2] == '/');
        if (!rooted)
        {
            return null;
        }
        const string layout = "/analyzers/dotnet/cs/";
        var at = path.LastIndexOf(layout, StringComparison.OrdinalIgnoreCase);
        if (at < 0 || path.IndexOf('/', at + layout.Length) >= 0)
        {
            return null;
        }

        return path.Substring(0, at + 1);
    }

    private static string? SafeLocation()
    {
        try
        {
            // Empty for an assembly loaded from bytes (some hosts do that); then the fallback applies.
            return typeof(HelpLinks).Assembly.Location;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }
}

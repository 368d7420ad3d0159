using System;
using System.IO;
using System.Text;

namespace Pipeline.EditorBench;

/// <summary>The projects the benchmark opens: the example as it is, or a generated one with N copies of orders-daily.</summary>
internal static class Projects
{
    /// <summary>The text the edit rewrites: the amount threshold of orders-daily's filter, a one-number edit.</summary>
    public const string EditAnchor = "o.Amount > 0 ";

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Pipeline.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmark from inside the repository (Pipeline.sln not found above " + AppContext.BaseDirectory + ")");
    }

    /// <summary>The example project and the file edited in it.</summary>
    public static (string Project, string EditedFile) Example(string repository) => (
        Path.Combine(repository, "examples", "RetailLake", "RetailLake.csproj"),
        Path.Combine(repository, "examples", "RetailLake", "OrdersDaily.cs"));

    /// <summary>
    /// Writes a project with <paramref name="count"/> copies of orders-daily (own class, job, paths and table each) under
    /// <paramref name="folder"/>, referencing the repository's DSL, generator and analyzers as the example does; returns it
    /// and the copy in the middle, which the benchmark edits.
    /// </summary>
    public static (string Project, string EditedFile) Generated(string repository, string folder, int count)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        var example = File.ReadAllText(Path.Combine(repository, "examples", "RetailLake", "OrdersDaily.cs"));
        const string recordsStart = "/// <summary>An order as the shop's export";
        var split = example.IndexOf(recordsStart, StringComparison.Ordinal);
        if (split < 0 || !example.Contains(EditAnchor, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("examples/RetailLake/OrdersDaily.cs no longer has the shape the benchmark copies");
        }

        var header = example[..example.IndexOf("/// <summary>", StringComparison.Ordinal)];
        File.WriteAllText(Path.Combine(folder, "Records.cs"), header + example[split..]);
        var job = example[..split];
        for (var i = 0; i < count; i++)
        {
            var n = i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
            var copy = job
                .Replace("partial class OrdersDaily", "partial class OrdersDaily" + n, StringComparison.Ordinal)
                .Replace("\"orders-daily\"", $"\"orders-daily-{n}\"", StringComparison.Ordinal)
                .Replace("s3://acme-raw/orders/", $"s3://acme-raw/orders-{n}/", StringComparison.Ordinal)
                .Replace("s3://acme-curated/orders/", $"s3://acme-curated/orders-{n}/", StringComparison.Ordinal)
                .Replace("Table = \"orders\"", $"Table = \"orders_{n}\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(folder, $"OrdersDaily{n}.cs"), copy);
        }

        var src = Path.Combine(repository, "src");
        var project = Path.Combine(folder, $"Lake{count}.csproj");
        File.WriteAllText(project, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <Import Project="{src}/Pipeline.Build/build/Pipeline.props" />
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <LangVersion>14</LangVersion>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <ItemGroup>
                <ProjectReference Include="{src}/Pipeline.Dsl/Pipeline.Dsl.csproj" />
                <ProjectReference Include="{src}/Pipeline.Generators/Pipeline.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <ProjectReference Include="{src}/Pipeline.Analyzers/Pipeline.Analyzers.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                <ProjectReference Include="{src}/Pipeline.Build/Pipeline.Build.csproj" ReferenceOutputAssembly="false" />
              </ItemGroup>
              <Import Project="{src}/Pipeline.Build/build/Pipeline.targets" />
            </Project>
            """, new UTF8Encoding(false));
        return (project, Path.Combine(folder, $"OrdersDaily{(count / 2).ToString("D3", System.Globalization.CultureInfo.InvariantCulture)}.cs"));
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Pipeline.Dsl;

namespace RetailLake;

/// <summary>
/// Shows what `dotnet build` produced for this project: each pipeline (from the descriptor the generator adds to its
/// class) and the files in the artifacts folder. Running the pipelines locally comes with the local runner.
/// </summary>
public static class Program
{
    public static int Main()
    {
        PipelineDescriptor[] pipelines = [OrdersDaily.Descriptor, CustomerRevenue.Descriptor];

        var folder = ArtifactsFolder();
        Console.WriteLine($"RetailLake: {pipelines.Length.ToString(CultureInfo.InvariantCulture)} pipelines");
        Console.WriteLine($"Artifacts folder: {folder}");
        if (!Directory.Exists(folder))
        {
            Console.WriteLine("  (missing: the build did not write artifacts; is PipelineWriteArtifacts false?)");
            return 1;
        }

        var onDisk = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(f => f != ".pipeline-artifacts")
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();

        var missing = 0;
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pipeline in pipelines)
        {
            Console.WriteLine();
            Console.WriteLine($"{pipeline.JobName} ({pipeline.ClassName})");
            foreach (var artifact in pipeline.Artifacts.OrderBy(a => a, StringComparer.Ordinal))
            {
                claimed.Add(artifact);
                missing += PrintFile(folder, artifact) ? 0 : 1;
            }
        }

        var shared = onDisk.Where(f => !claimed.Contains(f)).ToList();
        if (shared.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("Shared by the project");
            foreach (var file in shared)
            {
                PrintFile(folder, file);
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{onDisk.Count.ToString(CultureInfo.InvariantCulture)} files on disk" +
            (missing == 0 ? "." : $", {missing.ToString(CultureInfo.InvariantCulture)} expected files missing."));
        return missing == 0 ? 0 : 1;
    }

    /// <summary>The folder the build wrote to: $(PipelineArtifactsDir), recorded in this assembly by RetailLake.csproj.</summary>
    private static string ArtifactsFolder()
    {
        var recorded = typeof(Program).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RetailLake.ArtifactsDir")?.Value;
        return Path.GetFullPath(string.IsNullOrEmpty(recorded) ? Path.Combine(AppContext.BaseDirectory, "pipeline-artifacts") : recorded);
    }

    private static bool PrintFile(string folder, string relativePath)
    {
        var file = new FileInfo(Path.Combine(folder, relativePath));
        var size = file.Exists ? $"{file.Length.ToString("N0", CultureInfo.InvariantCulture)} bytes" : "MISSING";
        Console.WriteLine($"  {relativePath,-40} {size}");
        return file.Exists;
    }
}

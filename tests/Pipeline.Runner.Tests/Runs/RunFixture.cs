using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using DuckDB.NET.Data;

namespace Pipeline.Runner.Tests.Runs;

/// <summary>A temporary input/output pair, the plans of this test assembly and of the example, and helpers to inspect output.</summary>
internal sealed class RunFixture : IDisposable
{
    public RunFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "pipeline-runner-tests", Guid.NewGuid().ToString("N"));
        Input = Path.Combine(Root, "in");
        Output = Path.Combine(Root, "out");
        Directory.CreateDirectory(Input);
    }

    public string Root { get; }

    public string Input { get; }

    public string Output { get; }

    public static IReadOnlyList<LocalPlan> ExamplePlans { get; } = PipelineDiscovery.FromAssembly(typeof(RetailLake.OrdersDaily).Assembly);

    public static IReadOnlyList<LocalPlan> TestPlans { get; } = PipelineDiscovery.FromAssembly(typeof(RunFixture).Assembly);

    public static LocalPlan Plan(string job) => ExamplePlans.Concat(TestPlans).Single(p => p.Job == job);

    /// <summary>The example's sample data, copied so tests can add and break files.</summary>
    public void CopyExampleData()
    {
        var source = Path.Combine(RepositoryRoot(), "examples", "RetailLake", "data");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Input, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public LocationResolver ExampleResolver() => new(
        new LocalConfig
        {
            BaseDirectory = Root,
            Locations = new(StringComparer.Ordinal) { ["s3://acme-raw/orders/"] = "raw/orders/" },
            Tables = new(StringComparer.Ordinal)
            {
                ["retail.customers"] = new LocalTable("catalog/customers", "csv"),
                ["retail_curated.orders"] = new LocalTable("catalog/orders", "json"),
            },
        },
        ExamplePlans,
        Input,
        Output);

    public LocationResolver TestResolver() => new(new LocalConfig { BaseDirectory = Root }, TestPlans, Input, Output);

    public void WriteLines(string relativePath, params string[] lines)
    {
        var path = Path.Combine(Input, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
    }

    /// <summary>Rows of every Parquet file under a folder of the output (hive partition columns included).</summary>
    public long CountParquet(string relativeDirectory, string where = "true")
    {
        var directory = Path.Combine(Output, relativeDirectory);
        if (!Directory.Exists(directory) || !Directory.EnumerateFiles(directory, "*.parquet", SearchOption.AllDirectories).Any())
        {
            return 0;
        }

        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM read_parquet('{directory.Replace("'", "''")}/**/*.parquet', hive_partitioning=true) WHERE {where}";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>Distinct order ids in the curated orders of the example (rows = distinct ids means no duplicates).</summary>
    public long CountDistinctOrders()
    {
        var directory = Path.Combine(Output, "acme-curated", "orders");
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(DISTINCT order_id) FROM read_parquet('{directory.Replace("'", "''")}/**/*.parquet', hive_partitioning=true)";
        return Convert.ToInt64(command.ExecuteScalar());
    }

    /// <summary>Every file under the output except the runner's own state, with its bytes, for before/after comparisons.</summary>
    public SortedDictionary<string, string> Snapshot()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(Output))
        {
            return files;
        }

        foreach (var file in Directory.EnumerateFiles(Output, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Output, file).Replace('\\', '/');
            // Staging, and the output lock's files (the lock's holder changes with every run), are not output.
            if (!relative.StartsWith(".pipeline/staging", StringComparison.Ordinal) && !relative.StartsWith(".pipeline/lock", StringComparison.Ordinal))
            {
                files[relative] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file)));
            }
        }

        return files;
    }

    /// <summary>
    /// Runs the example as a user would, in its own process (<c>dotnet RetailLake.dll …</c>); started, not awaited.
    /// Standard output and error are collected into the returned buffers.
    /// </summary>
    public static RunnerProcess StartExample(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RetailLake.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new RunnerProcess(System.Diagnostics.Process.Start(start)!);
    }

    public void Dispose()
    {
        Publisher.FaultPoint = null;
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public static string RepositoryRoot([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}

/// <summary>A runner in its own process, with what it printed.</summary>
internal sealed class RunnerProcess : IDisposable
{
    private readonly System.Text.StringBuilder _out = new();
    private readonly System.Text.StringBuilder _err = new();

    public RunnerProcess(System.Diagnostics.Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (_out) { _out.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (_err) { _err.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public System.Diagnostics.Process Process { get; }

    public string Out { get { lock (_out) { return _out.ToString(); } } }

    public string Err { get { lock (_err) { return _err.ToString(); } } }

    /// <summary>Waits for the exit (at most two minutes) and returns the exit code.</summary>
    public int Wait()
    {
        if (!Process.WaitForExit(120_000))
        {
            Process.Kill(entireProcessTree: true);
            throw new TimeoutException("the runner process did not end within two minutes:\n" + Out + Err);
        }

        Process.WaitForExit();
        return Process.ExitCode;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        Process.Dispose();
    }
}

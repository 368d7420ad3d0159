using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Pipeline.Runner.Tests.Runs;
using Xunit;

namespace Pipeline.Runner.Tests.Reliability;

/// <summary>
/// An output folder the run cannot write is one line on standard error and exit code 1, no stack trace, and nothing
/// in it changes. Permission bits do not stop root (CI and these machines run as root), so as root the run gets a
/// read-only bind mount of the output in a mount namespace of its own — the same refusal a read-only file system or
/// a folder without write permission gives an ordinary user.
/// </summary>
public class ReadOnlyOutputTests
{
    [Fact]
    public void A_read_only_output_is_one_line_and_exit_code_1_and_stays_as_it_was()
    {
        Assert.True(OperatingSystem.IsLinux(), "this test needs Linux (mount namespaces or permission bits)");
        using var fixture = new RunFixture();
        fixture.CopyExampleData();
        Directory.CreateDirectory(fixture.Output);
        File.WriteAllText(Path.Combine(fixture.Output, "kept.txt"), "earlier output");

        using var run = StartReadOnly(fixture.Output, "run", "orders-daily", "--input", fixture.Input, "--output", fixture.Output);
        var code = run.Wait();

        Assert.True(code == 1, $"exit code {code}\n{run.Out}\n{run.Err}");
        var line = Assert.Single(run.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains(fixture.Output, line);
        Assert.DoesNotContain("   at ", run.Out + run.Err);
        Assert.DoesNotContain("Deployment artifacts", run.Out);
        Assert.Equal(new[] { "kept.txt" }, Directory.EnumerateFileSystemEntries(fixture.Output).Select(Path.GetFileName));
    }

    /// <summary>The example in its own process, with <paramref name="folder"/> read-only for it.</summary>
    private static RunnerProcess StartReadOnly(string folder, params string[] args)
    {
        if (Environment.UserName != "root")
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            return RunFixture.StartExample(args);
        }

        var start = new ProcessStartInfo("unshare") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "--mount", "sh", "-c", "mount --bind -o ro \"$0\" \"$0\" && exec \"$@\"", folder, "dotnet", Path.Combine(AppContext.BaseDirectory, "RetailLake.dll") }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        return new RunnerProcess(Process.Start(start)!);
    }
}

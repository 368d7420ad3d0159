using System;
using System.Diagnostics;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pipeline.Emitters.Tests;

/// <summary>
/// Golden files and Python checks. Files are found relative to this source file ([CallerFilePath]), so a fresh clone
/// works without copying anything to the output directory.
/// </summary>
internal static class TestFiles
{
    public static string ProjectDirectory { get; } = GetDirectory();

    private static string GetDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    public static bool UpdateBaselines => Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1";

    /// <summary>
    /// Compares <paramref name="actual"/> with <c>Baselines/{test}/{file}</c> byte for byte; with UPDATE_BASELINES=1
    /// writes the baseline instead.
    /// </summary>
    public static void AssertBaseline(string test, string file, string actual)
    {
        var path = Path.Combine(ProjectDirectory, "Baselines", test, file);
        if (UpdateBaselines)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(actual));
            return;
        }

        Assert.True(File.Exists(path), $"Missing baseline {path}; run the tests with UPDATE_BASELINES=1 to create it.");
        var expected = new UTF8Encoding(false).GetString(File.ReadAllBytes(path));
        if (expected != actual)
        {
            var line = FirstDifferentLine(expected, actual, out var expectedLine, out var actualLine);
            Assert.Fail($"{test}/{file} differs from its baseline at line {line}.\nexpected: {expectedLine}\nactual:   {actualLine}\n(set UPDATE_BASELINES=1 to accept the new output)");
        }
    }

    private static int FirstDifferentLine(string expected, string actual, out string expectedLine, out string actualLine)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            expectedLine = i < e.Length ? e[i] : "<end of file>";
            actualLine = i < a.Length ? a[i] : "<end of file>";
            if (expectedLine != actualLine)
            {
                return i + 1;
            }
        }

        expectedLine = actualLine = "";
        return 0;
    }

    /// <summary>Writes <paramref name="script"/> to a temp file and returns its path.</summary>
    public static string WriteTemp(string name, string script)
    {
        var directory = Path.Combine(Path.GetTempPath(), "pipeline-emitters-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, new UTF8Encoding(false).GetBytes(script));
        return path;
    }

    /// <summary>Runs python3 with the given arguments; returns exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunPython(params string[] arguments)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("python3 did not finish within 60 s");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

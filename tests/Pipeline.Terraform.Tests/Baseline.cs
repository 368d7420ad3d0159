using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace Pipeline.Terraform.Tests;

/// <summary>
/// Golden files under <c>Baselines/&lt;Test&gt;/&lt;file&gt;.txt</c> next to this source file, compared exactly.
/// Set <c>UPDATE_BASELINES=1</c> to rewrite them (then review the diff).
/// </summary>
internal static class Baseline
{
    public static void AssertMatches(string actual, string testName, string fileName, [CallerFilePath] string sourcePath = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(sourcePath)!, "Baselines", testName);
        var path = Path.Combine(folder, fileName + ".txt");
        if (Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1")
        {
            Directory.CreateDirectory(folder);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Missing baseline {path}. Run the tests with UPDATE_BASELINES=1 to create it.");
        var expected = File.ReadAllText(path);
        if (expected == actual)
        {
            return;
        }

        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end of file>";
            var a = i < actualLines.Length ? actualLines[i] : "<end of file>";
            if (e != a)
            {
                Assert.Fail($"{path} differs at line {i + 1}:\n  expected: {e}\n  actual:   {a}\nRun with UPDATE_BASELINES=1 to accept the new output.");
            }
        }

        Assert.Fail($"{path} differs (line endings or trailing content).");
    }
}

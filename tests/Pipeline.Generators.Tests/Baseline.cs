using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit;

namespace Pipeline.Generators.Tests;

/// <summary>
/// Golden files under Baselines/{test}/{file}.txt, compared exactly. Set UPDATE_BASELINES=1 to rewrite them
/// (the test still passes, so a regenerate run is one command; review the diff before committing).
/// </summary>
internal static class Baseline
{
    public static void Verify(string test, string file, string actual, [CallerFilePath] string callerPath = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Baselines", test);
        var path = Path.Combine(directory, file + ".txt");
        if (Environment.GetEnvironmentVariable("UPDATE_BASELINES") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }

        Assert.True(File.Exists(path), $"Missing baseline {path}; run the tests with UPDATE_BASELINES=1 to create it.");
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected != actual)
        {
            var line = FirstDifferentLine(expected, actual);
            Assert.Fail($"{test}/{file} differs from its baseline at line {line.Number}:\n  expected: {line.Expected}\n  actual:   {line.Actual}\n(UPDATE_BASELINES=1 rewrites baselines.)");
        }
    }

    private static (int Number, string Expected, string Actual) FirstDifferentLine(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right)
            {
                return (i + 1, left, right);
            }
        }

        return (0, "", "");
    }
}

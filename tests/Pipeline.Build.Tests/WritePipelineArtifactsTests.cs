using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Xunit;

namespace Pipeline.Build.Tests;

public sealed class WritePipelineArtifactsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "pipeline-build-tests", Guid.NewGuid().ToString("N"));

    private string Output => Path.Combine(_root, "out");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static KeyValuePair<string, string> A(string path, string content) => new(path, content);

    private (bool Success, FakeBuildEngine Engine, WritePipelineArtifacts Task) Run(string assemblyPath)
    {
        var engine = new FakeBuildEngine();
        var task = new WritePipelineArtifacts { BuildEngine = engine, AssemblyPath = assemblyPath, OutputDirectory = Output };
        var success = task.Execute();
        return (success, engine, task);
    }

    private string BuildAssembly(string run, params KeyValuePair<string, string>[] artifacts) =>
        TestAssembly.Build(Path.Combine(_root, run), artifacts);

    private string[] FilesOnDisk() =>
        Directory.Exists(Output)
            ? Directory.EnumerateFiles(Output, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Output, f).Replace(Path.DirectorySeparatorChar, '/'))
                .OrderBy(f => f, StringComparer.Ordinal)
                .ToArray()
            : Array.Empty<string>();

    [Fact]
    public void Writes_every_artifact_byte_exact_as_utf8_without_bom()
    {
        var script = "import sys\n\nprint('orders')\n";
        var terraform = "{\n  \"terraform\": {}\n}\n";
        var assembly = BuildAssembly("1", A("glue/orders-daily.py", script), A("terraform/main.tf.json", terraform),
            A("quality/orders-daily.dqdl", "Rules = [ RowCount > 0 ]\n"), A("dashboards/orders-daily.json", "{}"));

        var (success, engine, task) = Run(assembly);

        Assert.True(success, string.Join("\n", engine.Errors.Select(e => e.Message)));
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
        Assert.Equal(
            new[] { ".pipeline-artifacts", "dashboards/orders-daily.json", "glue/orders-daily.py", "quality/orders-daily.dqdl", "terraform/main.tf.json" },
            FilesOnDisk());
        Assert.Equal(Encoding.UTF8.GetBytes(script), File.ReadAllBytes(Path.Combine(Output, "glue", "orders-daily.py")));
        Assert.Equal(Encoding.UTF8.GetBytes(terraform), File.ReadAllBytes(Path.Combine(Output, "terraform", "main.tf.json")));
        Assert.Equal(Encoding.UTF8.GetBytes("{}"), File.ReadAllBytes(Path.Combine(Output, "dashboards", "orders-daily.json")));

        Assert.Equal(5, task.WrittenFiles.Length);
        Assert.All(task.WrittenFiles, f => Assert.True(Path.IsPathRooted(f.ItemSpec) && File.Exists(f.ItemSpec), f.ItemSpec));
        Assert.Contains(task.WrittenFiles, f => f.ItemSpec.EndsWith(".pipeline-artifacts", StringComparison.Ordinal));
    }

    [Fact]
    public void Logs_one_high_importance_summary()
    {
        var assembly = BuildAssembly("1", A("glue/a.py", "a"), A("glue/b.py", "b"));

        var (_, engine, _) = Run(assembly);

        var high = engine.Messages.Where(m => m.Importance == MessageImportance.High).Select(m => m.Message).ToList();
        var expectedDirectory = Path.GetFullPath(Output);
        Assert.Equal(new[] { $"Pipeline: 2 artifacts written to {expectedDirectory}" }, high);
    }

    [Fact]
    public void Non_ascii_and_control_characters_round_trip()
    {
        var content = "# déjà vu · 日本語 · 🚀 · Ω\n\t\u0001\u001f\u007f\0end\r\n\u2028\u00a0\"quoted\" \\ back\n";
        var assembly = BuildAssembly("1", A("glue/unicode.py", content), A("quality/ünïcode-näme.dqdl", "x"));

        var (success, engine, _) = Run(assembly);

        Assert.True(success, string.Join("\n", engine.Errors.Select(e => e.Message)));
        var bytes = File.ReadAllBytes(Path.Combine(Output, "glue", "unicode.py"));
        Assert.Equal(new UTF8Encoding(false).GetBytes(content), bytes);
        Assert.NotEqual(0xEF, bytes[0]); // no BOM
        Assert.Equal(content, new UTF8Encoding(false, true).GetString(bytes));
        Assert.True(File.Exists(Path.Combine(Output, "quality", "ünïcode-näme.dqdl")));
    }

    [Fact]
    public void Empty_content_writes_an_empty_file()
    {
        var (success, _, _) = Run(BuildAssembly("1", A("glue/empty.py", "")));

        Assert.True(success);
        Assert.Empty(File.ReadAllBytes(Path.Combine(Output, "glue", "empty.py")));
    }

    [Theory]
    [InlineData("../x.py")]
    [InlineData("glue/../../x.py")]
    [InlineData("glue/./x.py")]
    [InlineData("/etc/passwd")]
    [InlineData("/glue/x.py")]
    [InlineData("C:/glue/x.py")]
    [InlineData("c:x.py")]
    [InlineData("\\\\server\\share\\x.py")]
    [InlineData("glue\\x.py")]
    [InlineData("src/x.py")]
    [InlineData("Glue/x.py")]
    [InlineData("x.py")]
    [InlineData("glue")]
    [InlineData("glue/")]
    [InlineData("glue//x.py")]
    [InlineData("")]
    [InlineData("glue/x\n.py")]
    [InlineData("glue/x?.py")]
    [InlineData("glue/x.py.")]
    public void Rejects_unsafe_or_unknown_paths_and_writes_nothing(string path)
    {
        var assembly = BuildAssembly("1", A("glue/good.py", "ok"), A(path, "evil"));

        var (success, engine, _) = Run(assembly);

        Assert.False(success);
        var error = Assert.Single(engine.Errors);
        Assert.StartsWith("Pipeline: Invalid artifact path", error.Message);
        Assert.Equal(assembly, error.File);
        Assert.Empty(FilesOnDisk());
        Assert.False(File.Exists(Path.Combine(_root, "x.py")));
    }

    [Fact]
    public void Rejects_paths_that_differ_only_in_case()
    {
        var (success, engine, _) = Run(BuildAssembly("1", A("glue/Orders.py", "a"), A("glue/orders.py", "b")));

        Assert.False(success);
        Assert.Contains("differ only in case", Assert.Single(engine.Errors).Message);
        Assert.Empty(FilesOnDisk());
    }

    [Fact]
    public void Rejects_a_path_produced_twice()
    {
        var (success, engine, _) = Run(BuildAssembly("1", A("glue/a.py", "a"), A("glue/a.py", "b")));

        Assert.False(success);
        Assert.Contains("more than once", Assert.Single(engine.Errors).Message);
    }

    [Fact]
    public void Ignores_other_assembly_metadata()
    {
        var assembly = TestAssembly.BuildRaw(Path.Combine(_root, "1"), new[]
        {
            A("RepositoryUrl", "../../outside"),
            A("Pipeline.Artifacts:glue/x.py", "near miss"),
            A("pipeline.artifact:glue/y.py", "wrong case"),
            A("Pipeline.Artifact:glue/z.py", "mine"),
        });

        var (success, _, _) = Run(assembly);

        Assert.True(success);
        Assert.Equal(new[] { ".pipeline-artifacts", "glue/z.py" }, FilesOnDisk());
    }

    [Fact]
    public void An_assembly_without_artifacts_writes_only_the_manifest()
    {
        var (success, engine, task) = Run(BuildAssembly("1"));

        Assert.True(success);
        Assert.Equal(new[] { ".pipeline-artifacts" }, FilesOnDisk());
        Assert.Contains(engine.Messages, m => m.Importance == MessageImportance.High && m.Message!.StartsWith("Pipeline: 0 artifacts written to", StringComparison.Ordinal));
        Assert.Single(task.WrittenFiles);
    }

    [Fact]
    public void An_assembly_without_artifacts_keeps_the_earlier_ones_and_warns()
    {
        // A pipeline the generator gave up on yields an assembly without artifacts; that must not wipe the folder (issue 12).
        Assert.True(Run(BuildAssembly("1", A("glue/orders-daily.py", "1"), A("terraform/main.tf.json", "2"))).Success);

        var (success, engine, task) = Run(BuildAssembly("2"));

        Assert.True(success);
        Assert.Equal(new[] { ".pipeline-artifacts", "glue/orders-daily.py", "terraform/main.tf.json" }, FilesOnDisk());
        var warning = Assert.Single(engine.Warnings);
        Assert.Contains("carries no pipeline artifacts", warning.Message);
        Assert.Contains("2 artifacts an earlier build wrote", warning.Message);
        Assert.Single(task.WrittenFiles);

        // Still listed as ours: the next build that produces artifacts removes the ones it no longer produces.
        Assert.True(Run(BuildAssembly("3", A("glue/orders-daily.py", "1"))).Success);
        Assert.Equal(new[] { ".pipeline-artifacts", "glue/orders-daily.py" }, FilesOnDisk());
    }

    [Fact]
    public void An_assembly_without_artifacts_forgets_earlier_ones_deleted_by_hand()
    {
        Assert.True(Run(BuildAssembly("1", A("glue/orders-daily.py", "1"))).Success);
        File.Delete(Path.Combine(Output, "glue", "orders-daily.py"));

        var (success, engine, _) = Run(BuildAssembly("2"));

        Assert.True(success);
        Assert.Empty(engine.Warnings);
        Assert.Equal(new[] { ".pipeline-artifacts" }, FilesOnDisk());
    }

    [Fact]
    public void Second_run_deletes_only_the_artifact_no_longer_produced()
    {
        Assert.True(Run(BuildAssembly("1",
            A("glue/orders-daily.py", "1"), A("glue/customer-revenue.py", "2"),
            A("dashboards/customer-revenue.json", "3"), A("terraform/main.tf.json", "4"))).Success);

        // Files the task did not write: next to the artifacts, in an artifact folder, and in a folder of its own.
        File.WriteAllText(Path.Combine(Output, "README.md"), "mine");
        File.WriteAllText(Path.Combine(Output, "glue", "notes.txt"), "mine");
        Directory.CreateDirectory(Path.Combine(Output, "docs"));
        File.WriteAllText(Path.Combine(Output, "docs", "x.md"), "mine");

        var (success, engine, _) = Run(BuildAssembly("2",
            A("glue/orders-daily.py", "1"), A("terraform/main.tf.json", "4")));

        Assert.True(success);
        Assert.Empty(engine.Warnings);
        Assert.Equal(
            new[] { ".pipeline-artifacts", "README.md", "docs/x.md", "glue/notes.txt", "glue/orders-daily.py", "terraform/main.tf.json" },
            FilesOnDisk());
        Assert.False(Directory.Exists(Path.Combine(Output, "dashboards")), "an emptied folder is removed");
        Assert.Equal(
            "glue/orders-daily.py\nterraform/main.tf.json\n",
            string.Concat(File.ReadAllLines(Path.Combine(Output, ".pipeline-artifacts")).Where(l => !l.StartsWith('#')).Select(l => l + "\n")));
    }

    [Fact]
    public void Unchanged_files_keep_their_timestamp_and_changed_ones_are_rewritten()
    {
        Assert.True(Run(BuildAssembly("1", A("glue/same.py", "same\n"), A("glue/changed.py", "old\n"))).Success);
        var old = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var same = Path.Combine(Output, "glue", "same.py");
        var changed = Path.Combine(Output, "glue", "changed.py");
        File.SetLastWriteTimeUtc(same, old);
        File.SetLastWriteTimeUtc(changed, old);

        Assert.True(Run(BuildAssembly("2", A("glue/same.py", "same\n"), A("glue/changed.py", "new\n"))).Success);

        Assert.Equal(old, File.GetLastWriteTimeUtc(same));
        Assert.NotEqual(old, File.GetLastWriteTimeUtc(changed));
        Assert.Equal("new\n", File.ReadAllText(changed));
    }

    [Fact]
    public void Manifest_is_touched_on_every_run_so_the_target_stays_up_to_date()
    {
        var assembly = BuildAssembly("1", A("glue/a.py", "a"));
        Assert.True(Run(assembly).Success);
        var manifest = Path.Combine(Output, ".pipeline-artifacts");
        File.SetLastWriteTimeUtc(manifest, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.True(Run(assembly).Success);

        Assert.True(File.GetLastWriteTimeUtc(manifest) >= File.GetLastWriteTimeUtc(assembly));
    }

    [Fact]
    public void A_tampered_manifest_cannot_delete_outside_the_artifact_folders()
    {
        Assert.True(Run(BuildAssembly("1", A("glue/a.py", "a"))).Success);
        var outside = Path.Combine(_root, "precious.txt");
        File.WriteAllText(outside, "keep me");
        File.WriteAllText(Path.Combine(Output, "notes.txt"), "keep me");
        File.AppendAllText(Path.Combine(Output, ".pipeline-artifacts"), "../precious.txt\nnotes.txt\n/etc/hostname\n");

        var (success, engine, _) = Run(BuildAssembly("2", A("glue/a.py", "a")));

        Assert.True(success);
        Assert.True(File.Exists(outside));
        Assert.True(File.Exists(Path.Combine(Output, "notes.txt")));
        Assert.Equal(3, engine.Warnings.Count);
        Assert.All(engine.Warnings, w => Assert.Contains("Ignoring the entry", w.Message));
    }

    [Fact]
    public void A_file_deleted_by_hand_is_written_again()
    {
        var assembly = BuildAssembly("1", A("glue/a.py", "a"));
        Assert.True(Run(assembly).Success);
        File.Delete(Path.Combine(Output, "glue", "a.py"));

        Assert.True(Run(assembly).Success);

        Assert.Equal("a", File.ReadAllText(Path.Combine(Output, "glue", "a.py")));
    }

    [Fact]
    public void A_missing_assembly_is_an_error()
    {
        var (success, engine, _) = Run(Path.Combine(_root, "nope.dll"));

        Assert.False(success);
        Assert.Contains("could not read the artifacts", Assert.Single(engine.Errors).Message);
    }

    [Fact]
    public void A_file_that_is_not_an_assembly_is_an_error()
    {
        Directory.CreateDirectory(_root);
        var path = Path.Combine(_root, "text.dll");
        File.WriteAllText(path, "not a PE file");

        var (success, engine, _) = Run(path);

        Assert.False(success);
        Assert.Single(engine.Errors);
    }

    [Fact]
    public void Clean_deletes_what_the_manifest_lists_and_nothing_else()
    {
        Assert.True(Run(BuildAssembly("1", A("glue/a.py", "a"), A("terraform/main.tf.json", "{}"))).Success);
        File.WriteAllText(Path.Combine(Output, "glue", "mine.txt"), "mine");

        var engine = new FakeBuildEngine();
        Assert.True(new CleanPipelineArtifacts { BuildEngine = engine, OutputDirectory = Output }.Execute());

        Assert.Equal(new[] { "glue/mine.txt" }, FilesOnDisk());
        Assert.False(Directory.Exists(Path.Combine(Output, "terraform")));

        Directory.Delete(Path.Combine(Output, "glue"), recursive: true);
        Assert.True(Run(BuildAssembly("2", A("glue/a.py", "a"))).Success);
        Assert.True(new CleanPipelineArtifacts { BuildEngine = engine, OutputDirectory = Output }.Execute());
        Assert.False(Directory.Exists(Output), "a folder left empty by clean is removed");
    }

    [Fact]
    public void The_assembly_is_not_locked_after_the_task()
    {
        var assembly = BuildAssembly("1", A("glue/a.py", "a"));
        Assert.True(Run(assembly).Success);

        File.Delete(assembly);

        Assert.False(File.Exists(assembly));
    }
}

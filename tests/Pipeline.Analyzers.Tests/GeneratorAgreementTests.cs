using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Rules;
using Pipeline.Dsl;
using Pipeline.Generators;
using Xunit;

namespace Pipeline.Analyzers.Tests;

/// <summary>
/// The contract between the silent generator and the analyzers: whenever the generator writes nothing for a
/// [GlueJob] class, at least one analyzer error says why; whenever an analyzer reports an error, the generator
/// writes nothing for it.
/// </summary>
public class GeneratorAgreementTests
{
    private const string Valid = """
        using System;
        using Pipeline.Dsl;
        namespace T;
        public sealed record Row { public string? Id { get; init; } public int Year { get; init; } public decimal Amount { get; init; } }
        [GlueJob("t-job", TimeoutMinutes = 10, Workers = 2, MaxRetries = 1, Schedule = "cron(0 2 * * ? *)")]
        [Tag("owner", "x")][Tag("cost-center", "y")]
        public partial class P
        {
            [S3Source("s3://bucket-a/in/")]
            public partial Dataset<Row> Input { get; }
            [S3Sink("s3://bucket-b/out/", Database = "db")]
            [PartitionBy("Year")]
            [Quality("IsComplete \"id\"")]
            public Dataset<Row> Result(Dataset<Row> input) => input.Where(r => r.Amount > 0);
        }
        """;

    public static TheoryData<string, string> Breakages => new()
    {
        { "TimeoutMinutes = 10,", "" },
        { "TimeoutMinutes = 10", "TimeoutMinutes = 20000" },
        { "Workers = 2", "Workers = 1" },
        { "Workers = 2", "Workers = 2, WorkerType = WorkerType.G8X, ExecutionClass = ExecutionClass.Flex" },
        { "Workers = 2", "Workers = 2, GlueVersion = \"3.0\"" },
        { "MaxRetries = 1", "MaxRetries = 11" },
        { "MaxRetries = 1", "MaxRetries = 0, MaxConcurrentRuns = 0" },
        { "cron(0 2 * * ? *)", "cron(0 2 * * *)" },
        { "\"t-job\"", "\"t job!\"" },
        { "s3://bucket-a/in/", "s3a://bucket-a/in/" },
        { "Database = \"db\"", "Database = \"Bad-Name\"" },
        { "[PartitionBy(\"Year\")]", "[PartitionBy(\"Month\")]" },
        { "[PartitionBy(\"Year\")]", "[PartitionBy(\"Year\", \"Year\")]" },
        { "[PartitionBy(\"Year\")]", "[PartitionBy(\"Id\", \"Year\", \"Amount\")]" },
        { "IsComplete \\\"id\\\"", "IsComplete \\\"nope\\\"" },
        { "IsComplete \\\"id\\\"", "IsComplete" },
        { "r.Amount > 0", "r.Id!.Replace(\"a\", \"\") == \"b\"" },
        { "Dataset<Row> input) => input.Where", "Dataset<Row> other) => other.Where" },
        { "public partial class P", "public class P" },
        { "[PartitionBy(\"Year\")]", "[OnQualityFailure(QualityAction.Quarantine)]" },
        { "=> input.Where(r => r.Amount > 0);", "{ var x = input; return x; }" },
        { "public decimal Amount { get; init; }", "public decimal Amount { get; init; } public Guid Ref { get; init; }" },
        { "Workers = 2", "Workers = 2, Start = JobStart.OnNewData" },
        { "Workers = 2", "Workers = 2, Start = JobStart.OnDemand" },
        { "MaxRetries = 1,", "MaxRetries = 1, Start = JobStart.OnNewData, BatchSize = 0," },
        { "[PartitionBy(\"Year\")]", "[PartitionBy(\"Year\")][PartitionProjection(\"Month\", ProjectionType.Integer, Range = \"1,12\")]" },
        { "[PartitionBy(\"Year\")]", "[PartitionBy(\"Year\")][PartitionProjection(\"Year\", ProjectionType.Integer, Range = \"2030,2020\")]" },
        // Null arguments: the parser must report them, not give up silently (issue 12).
        { "[Quality(\"IsComplete \\\"id\\\"\")]", "[Quality(null)]" },
        { "[PartitionBy(\"Year\")]", "[PartitionBy(null)]" },
        { "[PartitionBy(\"Year\")]", "[PartitionBy(\"Year\", null)]" },
        { "[S3Source(\"s3://bucket-a/in/\")]", "[S3Source(null)]" },
        { "[S3Sink(\"s3://bucket-b/out/\", Database = \"db\")]", "[S3Sink(null, Database = \"db\")]" },
        { "[GlueJob(\"t-job\",", "[GlueJob(null," },
    };

    [Fact]
    public async Task Valid_pipeline_generates_and_reports_nothing()
    {
        var (generated, errors) = await RunAsync(Valid);
        Assert.True(generated);
        Assert.Empty(errors);
    }

    [Theory]
    [MemberData(nameof(Breakages))]
    public async Task Generator_writes_nothing_exactly_when_an_analyzer_reports_an_error(string find, string replace)
    {
        var source = Valid.Replace(find, replace);
        Assert.NotEqual(Valid, source);
        var (generated, errors) = await RunAsync(source);
        Assert.False(generated, "the generator wrote artifacts for an invalid pipeline");
        Assert.NotEmpty(errors);
    }

    private static async Task<(bool Generated, ImmutableArray<string> Errors)> RunAsync(string source)
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(GlueJobAttribute).Assembly.Location)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("T", new[] { CSharpSyntaxTree.ParseText(source, parseOptions) }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var driver = CSharpGeneratorDriver.Create(new[] { new PipelineGenerator().AsSourceGenerator() }, parseOptions: parseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out var generatedCompilation, out _);

        // Each case must be valid C# that only our rules reject (else the test would prove nothing); a class that is not
        // partial is the one case the compiler itself rejects too (CS0751/CS9248 on its partial properties).
        if (!source.Contains("public class P", StringComparison.Ordinal))
        {
            var compileErrors = generatedCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
            Assert.True(compileErrors.Count == 0, string.Join("\n", compileErrors));
        }
        var generated = driver.GetRunResult().GeneratedTrees.Any(t => t.GetText().ToString().Contains("Pipeline.Artifact:", StringComparison.Ordinal));

        var analyzers = typeof(PipelineStructureAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        Assert.True(analyzers.Length >= 9);
        var diagnostics = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("PIPE", StringComparison.Ordinal))
            .Select(d => $"{d.Id}: {d.GetMessage()}").ToImmutableArray();
        return (generated, errors);
    }
}

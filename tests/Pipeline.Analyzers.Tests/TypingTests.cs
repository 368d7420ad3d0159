using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Rules;
using Pipeline.Dsl;
using Xunit;
using Xunit.Abstractions;

namespace Pipeline.Analyzers.Tests;

/// <summary>
/// Half-typed code, as an editor sees it: every member of the example's pipeline classes (and the classes' own
/// attributes) is typed back token by token, and all Pipeline analyzers run on each intermediate state. Where the
/// compiler already reports a syntax error, no PIPE diagnostic may appear in the lines being typed — it would be noise
/// beside the real error ("no timeout" while <c>TimeoutMinutes = 60</c> is being written) — and no analyzer may crash.
/// </summary>
public sealed class TypingTests
{
    private readonly ITestOutputHelper _output;

    public TypingTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public async Task Half_typed_members_draw_no_PIPE_diagnostic_beside_a_syntax_error_and_never_crash_an_analyzer()
    {
        var root = RepoRoot();
        var files = new[] { "OrdersDaily.cs", "CustomerRevenue.cs", "Stack.cs" }
            .Select(name => (Name: name, Text: File.ReadAllText(Path.Combine(root, "examples", "RetailLake", name))))
            .ToList();
        var options = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Text, options, path: f.Name)).ToList();
        var analyzers = typeof(PipelineStructureAnalyzer).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

        var withSyntaxErrors = 0;
        var noisy = new List<string>();
        var crashes = new List<string>();
        for (var f = 0; f < 2; f++)
        {
            var original = files[f].Text;
            var tree = trees[f];
            var pipeline = tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Single(c => c.AttributeLists.Count > 0);
            var units = pipeline.AttributeLists.Cast<SyntaxNode>().Concat(pipeline.Members).ToList();
            foreach (var unit in units)
            {
                var tokens = unit.DescendantTokens().ToList();
                var before = original.Substring(0, unit.SpanStart);
                var after = original.Substring(unit.Span.End);
                for (var k = 0; k < tokens.Count; k++)
                {
                    var typed = original.Substring(unit.SpanStart, tokens[k].Span.End - unit.SpanStart);
                    var text = before + typed + after;
                    var state = CSharpSyntaxTree.ParseText(text, options, path: files[f].Name);
                    if (!state.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
                    {
                        continue;
                    }

                    withSyntaxErrors++;
                    var firstLine = state.GetLineSpan(new Microsoft.CodeAnalysis.Text.TextSpan(unit.SpanStart, 0)).StartLinePosition.Line;
                    var lastLine = state.GetLineSpan(new Microsoft.CodeAnalysis.Text.TextSpan(unit.SpanStart + typed.Length, 0)).StartLinePosition.Line;
                    var compilationTrees = trees.Select((t, i) => i == f ? state : t);
                    var diagnostics = await Compile(compilationTrees).WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
                    foreach (var diagnostic in diagnostics)
                    {
                        if (diagnostic.Id == "AD0001")
                        {
                            crashes.Add(diagnostic.GetMessage() + " after typing: " + typed);
                            continue;
                        }

                        var line = diagnostic.Location.GetLineSpan();
                        if (diagnostic.Id.StartsWith("PIPE", StringComparison.Ordinal) && diagnostic.Location.SourceTree == state
                            && line.StartLinePosition.Line <= lastLine && line.EndLinePosition.Line >= firstLine)
                        {
                            noisy.Add($"{diagnostic.Id} after typing '{Shorten(typed)}' ({files[f].Name})");
                            break;
                        }
                    }
                }
            }
        }

        var rate = withSyntaxErrors == 0 ? 0 : 100.0 * noisy.Count / withSyntaxErrors;
        _output.WriteLine($"{withSyntaxErrors} states with a syntax error; {noisy.Count} with a PIPE diagnostic in the lines being typed ({rate:0.0} %); {crashes.Count} analyzer crashes");
        foreach (var group in noisy.GroupBy(n => n.Substring(0, 7)).OrderByDescending(g => g.Count()))
        {
            _output.WriteLine($"  {group.Key}: {group.Count()}, e.g. {group.First()}");
        }

        Assert.True(withSyntaxErrors > 500, "the typing walk produced too few states to mean anything: " + withSyntaxErrors);
        Assert.Empty(crashes);
        Assert.True(rate <= 1.0, $"{noisy.Count} of {withSyntaxErrors} half-typed states ({rate:0.0} %) carry a PIPE diagnostic beside the syntax error, e.g.:\n" + string.Join("\n", noisy.Take(10)));
    }

    private static CSharpCompilation Compile(IEnumerable<SyntaxTree> trees) => CSharpCompilation.Create(
        "RetailLake", trees, References.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "netstandard.dll" or "mscorlib.dll")
            .Append(typeof(GlueJobAttribute).Assembly.Location)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToImmutableArray());

    private static string Shorten(string typed)
    {
        var flat = new StringBuilder(typed.Length);
        foreach (var c in typed)
        {
            flat.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }

        var text = string.Join(" ", flat.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 70 ? text : "…" + text.Substring(text.Length - 69);
    }

    private static string RepoRoot([CallerFilePath] string path = "")
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(path)!);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Pipeline.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("Pipeline.sln not found above " + path);
    }
}

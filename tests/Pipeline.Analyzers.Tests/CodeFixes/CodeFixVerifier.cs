using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Pipeline.Dsl;

namespace Pipeline.Analyzers.Tests.CodeFixes;

/// <summary>
/// Runs an analyzer and a fixer over markup source: every marked diagnostic is fixed one at a time, then all at once
/// (fix all in document, project and solution, each with the batch fixer), and every way must give <paramref name="fixedSource"/>,
/// which must itself have no diagnostic of the analyzer left.
/// </summary>
internal static class CodeFixVerifier<TAnalyzer, TFixer>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TFixer : CodeFixProvider, new()
{
    public static Task VerifyAsync(string source, string fixedSource, int iterations = 1)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFixer, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = TestReferences.Net80,
            // Partial properties have no implementing part without the generator; only the analyzer's findings matter here.
            CompilerDiagnostics = CompilerDiagnostics.None,
            NumberOfFixAllIterations = iterations,
            NumberOfFixAllInDocumentIterations = iterations,
            NumberOfFixAllInProjectIterations = iterations,
        };
        test.TestState.AdditionalReferences.Add(typeof(GlueJobAttribute).Assembly);
        test.FixedState.AdditionalReferences.Add(typeof(GlueJobAttribute).Assembly);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = (CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!;
            return solution.WithProjectParseOptions(projectId, options.WithLanguageVersion(LanguageVersion.Preview));
        });
        return test.RunAsync(CancellationToken.None);
    }

    /// <summary>The diagnostic is reported and no fix is offered.</summary>
    public static Task VerifyNoFixAsync(string source)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TFixer, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = source,
            ReferenceAssemblies = TestReferences.Net80,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.TestState.AdditionalReferences.Add(typeof(GlueJobAttribute).Assembly);
        test.FixedState.AdditionalReferences.Add(typeof(GlueJobAttribute).Assembly);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = (CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!;
            return solution.WithProjectParseOptions(projectId, options.WithLanguageVersion(LanguageVersion.Preview));
        });
        return test.RunAsync(CancellationToken.None);
    }
}

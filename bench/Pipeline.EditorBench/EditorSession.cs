using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.CodeAnalysis.Text;

namespace Pipeline.EditorBench;

/// <summary>One measured edit: the two latencies, the analyzers' own share of the second, and what the generator re-emitted.</summary>
internal sealed record EditSample(
    double GeneratedMs, double DiagnosticsMs, IReadOnlyDictionary<string, double> AnalyzerMs, int GeneratedDocumentsChanged, bool EditedPipelineRegenerated, int PipelineDiagnostics);

/// <summary>
/// A project open in an MSBuildWorkspace, edited as an editor does: each edit forks the solution (the workspace keeps the
/// generator driver's state across forks, so generation is incremental as in an IDE), then asks for the source-generated
/// documents (edit → regenerated source) and for the Pipeline analyzers' syntax and semantic diagnostics of the edited
/// document on the compilation with generated code (edit → analyzer diagnostics, what the editor squiggles).
/// </summary>
internal sealed class EditorSession : IDisposable
{
    private readonly MSBuildWorkspace _workspace;
    private readonly ImmutableArray<DiagnosticAnalyzer> _analyzers;
    private readonly DocumentId _edited;
    private readonly string _editedText;
    private Solution _solution;
    private Dictionary<string, string> _generated = new();
    private int _edits;

    private EditorSession(MSBuildWorkspace workspace, Solution solution, DocumentId edited, string editedText, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        _workspace = workspace;
        _solution = solution;
        _edited = edited;
        _editedText = editedText;
        _analyzers = analyzers;
    }

    public string EditedPipeline { get; private init; } = "";

    public int Documents { get; private init; }

    public static async Task<EditorSession> OpenAsync(string projectPath, string editedFile)
    {
        var workspace = MSBuildWorkspace.Create();
        var project = await workspace.OpenProjectAsync(projectPath).ConfigureAwait(false);
        var failures = workspace.Diagnostics.Where(d => d.Kind == WorkspaceDiagnosticKind.Failure).ToArray();
        if (failures.Length > 0)
        {
            throw new InvalidOperationException($"{projectPath} did not load: {failures[0].Message}");
        }

        var edited = project.Documents.Single(d => string.Equals(d.FilePath, editedFile, StringComparison.Ordinal));
        var text = (await edited.GetTextAsync().ConfigureAwait(false)).ToString();
        // Only the product's analyzers: the SDK's own (CA rules) are not what this benchmark is about.
        var analyzers = project.AnalyzerReferences
            .SelectMany(r => r.GetAnalyzers(LanguageNames.CSharp))
            .Where(a => a.GetType().Namespace?.StartsWith("Pipeline.", StringComparison.Ordinal) == true)
            .ToImmutableArray();
        if (analyzers.IsEmpty || !project.AnalyzerReferences.SelectMany(r => r.GetGenerators(LanguageNames.CSharp)).Any())
        {
            throw new InvalidOperationException($"{projectPath} has no Pipeline analyzers or generator (build the repository first)");
        }

        var session = new EditorSession(workspace, project.Solution, edited.Id, text, analyzers)
        {
            EditedPipeline = System.IO.Path.GetFileNameWithoutExtension(editedFile),
            Documents = project.DocumentIds.Count,
        };
        await session.CheckCleanAsync().ConfigureAwait(false);
        return session;
    }

    /// <summary>The opened project must compile and have no Pipeline diagnostic, or it measures the wrong thing.</summary>
    private async Task CheckCleanAsync()
    {
        var project = _solution.GetProject(_edited.ProjectId)!;
        var compilation = (await project.GetCompilationAsync().ConfigureAwait(false))!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        var pipeline = await compilation.WithAnalyzers(_analyzers, project.AnalyzerOptions).GetAnalyzerDiagnosticsAsync().ConfigureAwait(false);
        var problems = errors.Concat(pipeline.Where(d => d.Severity >= DiagnosticSeverity.Warning)).ToArray();
        if (problems.Length > 0)
        {
            throw new InvalidOperationException($"{project.Name} is not clean before the first edit: {problems[0]}");
        }

        _generated = await GeneratedTextsAsync(project).ConfigureAwait(false);
    }

    /// <summary>Applies the next edit (a threshold never used before, so nothing can come from a cache) and measures it.</summary>
    public async Task<EditSample> EditAsync(CancellationToken cancellationToken = default)
    {
        _edits++;
        var newText = _editedText.Replace(Projects.EditAnchor, $"o.Amount > {_edits} ", StringComparison.Ordinal);
        var clock = Stopwatch.StartNew();
        _solution = _solution.WithDocumentText(_edited, SourceText.From(newText));
        var project = _solution.GetProject(_edited.ProjectId)!;

        // Edit → regenerated source: the generator driver runs on the new compilation.
        var generatedDocuments = await project.GetSourceGeneratedDocumentsAsync(cancellationToken).ConfigureAwait(false);
        var generatedMs = clock.Elapsed.TotalMilliseconds;

        // Edit → analyzer diagnostics of the edited document, on the compilation that includes the generated code.
        var compilation = (await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false))!;
        var document = _solution.GetDocument(_edited)!;
        var tree = (await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false))!;
        var withAnalyzers = compilation.WithAnalyzers(_analyzers, new CompilationWithAnalyzersOptions(project.AnalyzerOptions, null, concurrentAnalysis: true, logAnalyzerExecutionTime: true));
        var syntax = await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken).ConfigureAwait(false);
        var semantic = await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, cancellationToken).ConfigureAwait(false);
        var diagnosticsMs = clock.Elapsed.TotalMilliseconds;

        // Outside the clock: each analyzer's execution time (the rest of the second latency is the compiler binding the
        // document and building the compilation), which generated documents changed, and whether the edited pipeline's did.
        var texts = await GeneratedTextsAsync(project, generatedDocuments).ConfigureAwait(false);
        var changed = texts.Where(t => !_generated.TryGetValue(t.Key, out var before) || before != t.Value).Select(t => t.Key).ToArray();
        _generated = texts;
        var analyzerMs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var analyzer in _analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken).ConfigureAwait(false);
            analyzerMs[analyzer.GetType().Name] = telemetry.ExecutionTime.TotalMilliseconds;
        }

        return new EditSample(
            generatedMs,
            diagnosticsMs,
            analyzerMs,
            changed.Length,
            changed.Any(name => name.Contains(EditedPipeline, StringComparison.Ordinal)),
            syntax.Length + semantic.Length);
    }

    private static async Task<Dictionary<string, string>> GeneratedTextsAsync(Project project, IEnumerable<SourceGeneratedDocument>? documents = null)
    {
        documents ??= await project.GetSourceGeneratedDocumentsAsync().ConfigureAwait(false);
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            texts[document.HintName] = (await document.GetTextAsync().ConfigureAwait(false)).ToString();
        }

        return texts;
    }

    public void Dispose() => _workspace.Dispose();
}

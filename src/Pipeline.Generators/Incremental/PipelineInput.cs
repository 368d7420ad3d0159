using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Pipeline.Generators.Incremental;

/// <summary>
/// A <c>[GlueJob]</c> class as the generator first sees it on each compilation: the key of everything its parse depends
/// on (<see cref="PipelineInputs"/>), and where to find it. Equal by key alone, so the incremental driver runs the parse
/// only for the pipelines whose key changed.
/// </summary>
/// <remarks>
/// The compilation is held weakly: an entry of an unchanged pipeline stays in the driver's tables across many edits and
/// must not keep an old compilation alive. A changed entry is parsed in the same run that made it, while the driver
/// holds the compilation.
/// </remarks>
internal sealed class PipelineInput : IEquatable<PipelineInput>
{
    private readonly WeakReference<Compilation> _compilation;

    public PipelineInput(string key, SyntaxTree tree, TextSpan span, Compilation compilation)
    {
        Key = key;
        Tree = tree;
        Span = span;
        _compilation = new WeakReference<Compilation>(compilation);
    }

    public string Key { get; }

    public SyntaxTree Tree { get; }

    public TextSpan Span { get; }

    public bool TryGetCompilation(out Compilation compilation) => _compilation.TryGetTarget(out compilation!);

    public bool Equals(PipelineInput? other) => other is not null && Span == other.Span && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as PipelineInput);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);
}

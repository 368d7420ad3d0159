using System.Threading;
using Microsoft.CodeAnalysis;

namespace Pipeline.Analyzers.Support;

/// <summary>
/// Code that is being typed. Where the compiler already reports a syntax error in a pipeline class (or a stack
/// attribute), the Pipeline rules stay silent about it: half-typed code (<c>[GlueJob(</c>, <c>o.</c>, <c>=&gt; ;</c>)
/// parses into nonsense a rule would misread ("no timeout" while <c>TimeoutMinutes = 60</c> is being written), and the
/// syntax error already fails the build. The rules speak again once the syntax is whole
/// (tests/Pipeline.Analyzers.Tests/TypingTests).
/// </summary>
internal static class EditState
{
    /// <summary>Whether a syntax error lies inside the node (parse diagnostics only: cheap, no binding).</summary>
    public static bool HasSyntaxError(SyntaxNode? node)
    {
        if (node is null || !node.ContainsDiagnostics)
        {
            return false;
        }

        foreach (var diagnostic in node.GetDiagnostics())
        {
            if (diagnostic.Severity == DiagnosticSeverity.Error)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether any declaration of the type holds a syntax error.</summary>
    public static bool BeingTyped(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            if (HasSyntaxError(reference.GetSyntax(cancellationToken)))
            {
                return true;
            }
        }

        return false;
    }
}

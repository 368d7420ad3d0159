using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Pipeline.Generators.Parsing;

internal static partial class PipelineParser
{
    /// <summary>
    /// <see cref="Parse"/> that never throws and never rejects a pipeline silently. The generator and
    /// PipelineStructureAnalyzer both call it, so whenever the generator writes nothing for a <c>[GlueJob]</c> class the
    /// analyzer has a problem to report (PIPE000 at the class when nothing more specific was found), and a parser bug
    /// becomes that error instead of an analyzer crash (AD0001, a mere warning) and a build that wipes the artifacts (issue 12).
    /// </summary>
    public static ParseResult ParseSafely(INamedTypeSymbol type, SemanticModel model, CancellationToken ct) =>
        Guard(type, () => Parse(type, model, ct), ct);

    /// <summary>The rules of <see cref="ParseSafely"/> around any parse; separate so a test can hand it a failing one.</summary>
    internal static ParseResult Guard(INamedTypeSymbol type, Func<ParseResult> parse, CancellationToken ct)
    {
        ParseResult result;
        try
        {
            result = parse();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Rejected(type, $"the generator failed on this pipeline ({exception.GetType().Name}: {exception.Message}); "
                + "nothing is generated for it. Please report this with the class", ct);
        }

        return result.Spec is null && result.Problems.IsEmpty
            ? Rejected(type, "the generator cannot model this pipeline and no more specific rule says why; nothing is generated for it. "
                + "Please report this with the class", ct)
            : result;
    }

    private static ParseResult Rejected(INamedTypeSymbol type, string message, CancellationToken ct) =>
        new(null, ImmutableArray.Create(new ParseProblem(ParserRuleIds.InvalidSetting, PipelineLocation(type, ct), message)));

    /// <summary>The name of the class declaration that carries <c>[GlueJob]</c> (the one the analyzer parses in).</summary>
    private static Location PipelineLocation(INamedTypeSymbol type, CancellationToken ct)
    {
        if (AttributeReader.Find(type, KnownNames.GlueJobAttribute)?.ApplicationSyntaxReference?.GetSyntax(ct)
                .FirstAncestorOrSelf<ClassDeclarationSyntax>() is { } declaration)
        {
            return declaration.Identifier.GetLocation();
        }

        return type.Locations.IsEmpty ? Location.None : type.Locations[0];
    }
}

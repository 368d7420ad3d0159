using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipeline.Generators.Emit;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;
using Pipeline.Generators.Parsing;

namespace Pipeline.Generators;

/// <summary>
/// Turns each <c>[GlueJob]</c> class into its generated C# and its artifacts (Glue script, DQDL, Terraform,
/// dashboard). Invalid pipelines produce nothing: the analyzers, which run the same parser, say why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PipelineGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var parsed = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.GlueJobAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Parse);

        var specs = parsed
            .Where(static p => p.Spec is not null)
            .Select(static (p, _) => p.Spec!)
            .WithTrackingName(TrackingNames.Specs);

        // A rejected pipeline still gets its partial source properties implemented, so the analyzers get to run.
        var fallbacks = parsed
            .Where(static p => p.Spec is null && p.Fallback is not null)
            .Select(static (p, _) => p.Fallback!)
            .WithTrackingName(TrackingNames.Fallbacks);

        context.RegisterSourceOutput(fallbacks, static (spc, parts) =>
            spc.AddSource(CSharpEmitter.HintName(parts.Namespace, parts.ClassName), CSharpEmitter.EmitFallback(parts)));

        var outputs = specs
            .Select(static (spec, _) => (Spec: spec, Artifacts: ArtifactEmitter.Emit(spec)))
            .WithTrackingName(TrackingNames.Artifacts);

        context.RegisterSourceOutput(outputs, static (spc, output) =>
            spc.AddSource(CSharpEmitter.HintName(output.Spec), CSharpEmitter.Emit(output.Spec, output.Artifacts)));

        // Project level: the assembly's stack attributes, reduced to an equatable value at once, and all pipelines.
        var stackAttributes = context.CompilationProvider
            .Select(static (compilation, ct) => StackParser.ReadAttributes(compilation.Assembly, ct))
            .WithTrackingName(TrackingNames.StackAttributes);

        var sharedArtifacts = specs.Collect()
            .Combine(stackAttributes)
            .Select(static (pair, _) => pair.Left.IsEmpty ? null : ArtifactEmitter.BuildStack(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Stack)
            .Select(static (stack, _) => stack is null ? EquatableArray<Artifact>.Empty : ArtifactEmitter.EmitShared(stack))
            .WithTrackingName(TrackingNames.SharedArtifacts);

        context.RegisterSourceOutput(sharedArtifacts, static (spc, artifacts) =>
        {
            if (!artifacts.IsEmpty)
            {
                spc.AddSource("Pipeline.Shared.g.cs", CSharpEmitter.EmitShared(artifacts));
            }
        });
    }

    private static ParsedPipeline Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type)
        {
            return new ParsedPipeline(null, null);
        }

        try
        {
            var spec = PipelineParser.Parse(type, context.SemanticModel, ct).Spec;
            return new ParsedPipeline(spec, spec is null ? PipelineParser.ReadSourceParts(type, ct) : null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Never throw into the compiler. The analyzers run the same parser, so the failure still surfaces there.
            return new ParsedPipeline(null, null);
        }
    }
}

using System;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipeline.Generators.Emit;
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
        var specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownNames.GlueJobAttribute,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => Parse(ctx, ct))
            .WithTrackingName(TrackingNames.Parse)
            .Where(static spec => spec is not null)
            .Select(static (spec, _) => spec!)
            .WithTrackingName(TrackingNames.Specs);

        var outputs = specs
            .Select(static (spec, _) => (Spec: spec, Artifacts: ArtifactEmitter.Emit(spec)))
            .WithTrackingName(TrackingNames.Artifacts);

        context.RegisterSourceOutput(outputs, static (spc, output) =>
            spc.AddSource(CSharpEmitter.HintName(output.Spec), CSharpEmitter.Emit(output.Spec, output.Artifacts)));

        var hasPipelines = specs.Collect()
            .Select(static (all, _) => !all.IsEmpty)
            .WithTrackingName(TrackingNames.HasPipelines);

        context.RegisterSourceOutput(hasPipelines, static (spc, any) =>
        {
            if (any)
            {
                spc.AddSource("Pipeline.Shared.g.cs", CSharpEmitter.EmitShared(ArtifactEmitter.EmitShared()));
            }
        });
    }

    private static PipelineSpec? Parse(GeneratorAttributeSyntaxContext context, CancellationToken ct)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type)
        {
            return null;
        }

        try
        {
            return PipelineParser.Parse(type, context.SemanticModel, ct).Spec;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Never throw into the compiler. The analyzers run the same parser, so the failure still surfaces there.
            return null;
        }
    }
}

using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipeline.Generators.Emit;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Incremental;
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
        // Cheap on every compilation, by syntax alone: each pipeline class and the key of everything its parse depends
        // on. The parse, which binds every query lambda, runs only for the pipelines whose key changed (an edit in one of
        // 200 pipelines parses one). ForAttributeWithMetadataName would bind every class's attributes on every edit.
        var parsed = context.CompilationProvider
            .SelectMany(static (compilation, ct) => Scan(compilation, ct))
            .WithTrackingName(TrackingNames.Inputs)
            .Select(static (input, ct) => Parse(input, ct))
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

        // What user code binds to (the descriptor, source properties and binders) is a regular output, computed from the
        // model and the artifacts' paths alone. The artifacts themselves (script, Terraform, rulesets, dashboards) are
        // implementation-only outputs: they matter to the built assembly, which the build task reads, and never to the
        // semantic model, so an editor does not render them while a pipeline is being typed.
        var declarations = specs
            .Select(static (spec, _) => (Spec: spec, Paths: ArtifactEmitter.Paths(spec)))
            .WithTrackingName(TrackingNames.Declarations);

        context.RegisterSourceOutput(declarations, static (spc, pipeline) =>
            spc.AddSource(CSharpEmitter.HintName(pipeline.Spec), CSharpEmitter.Emit(pipeline.Spec, pipeline.Paths)));

        var outputs = specs
            .Select(static (spec, _) => (Spec: spec, Artifacts: ArtifactEmitter.Emit(spec)))
            .WithTrackingName(TrackingNames.Artifacts);

        context.RegisterImplementationSourceOutput(outputs, static (spc, output) =>
            spc.AddSource(CSharpEmitter.ArtifactsHintName(output.Spec), CSharpEmitter.EmitArtifacts(output.Artifacts)));

        // Project level: the assembly's stack attributes, reduced to an equatable value at once, and all pipelines.
        var stackAttributes = context.CompilationProvider
            .Select(static (compilation, ct) => StackParser.ReadAttributes(compilation.Assembly, ct))
            .WithTrackingName(TrackingNames.StackAttributes);

        // Each pipeline's part of the stack is computed on its own; the stack is rebuilt only when one of them changes.
        var stackEntries = specs
            .Select(static (spec, _) => ArtifactEmitter.StackEntry(spec))
            .WithTrackingName(TrackingNames.StackEntries);

        var sharedArtifacts = stackEntries.Collect()
            .Combine(stackAttributes)
            .Select(static (pair, _) => pair.Left.IsEmpty ? null : StackParser.Build(pair.Left, pair.Right))
            .WithTrackingName(TrackingNames.Stack)
            .Select(static (stack, _) => stack is null ? EquatableArray<Artifact>.Empty : ArtifactEmitter.EmitShared(stack))
            .WithTrackingName(TrackingNames.SharedArtifacts);

        context.RegisterImplementationSourceOutput(sharedArtifacts, static (spc, artifacts) =>
        {
            if (!artifacts.IsEmpty)
            {
                spc.AddSource("Pipeline.Shared.g.cs", CSharpEmitter.EmitShared(artifacts));
            }
        });
    }

    private static ImmutableArray<PipelineInput> Scan(Compilation compilation, CancellationToken ct)
    {
        try
        {
            return PipelineInputs.Scan(compilation, ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Never throw into the compiler. Unreachable in practice (syntax only, no binding); the analyzers, which
            // parse every [GlueJob] class on their own, still report each pipeline.
            return ImmutableArray<PipelineInput>.Empty;
        }
    }

    private static ParsedPipeline Parse(PipelineInput input, CancellationToken ct)
    {
        if (!input.TryGetCompilation(out var compilation))
        {
            // Unreachable: a changed input is parsed in the run that made it, while the driver holds its compilation.
            return new ParsedPipeline(null, null);
        }

        try
        {
            var model = compilation.GetSemanticModel(input.Tree);
            if (input.Tree.GetRoot(ct).FindNode(input.Span) is not ClassDeclarationSyntax declaration
                || model.GetDeclaredSymbol(declaration, ct) is not INamedTypeSymbol type
                || AttributeReader.Find(type, KnownNames.GlueJobAttribute) is null)
            {
                return new ParsedPipeline(null, null);
            }

            // ParseSafely: a parse that throws is a rejected pipeline (with its fallback), not a lost one.
            var spec = PipelineParser.ParseSafely(type, model, ct).Spec;
            return new ParsedPipeline(spec, spec is null ? PipelineParser.ReadSourceParts(type, ct) : null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Never throw into the compiler. The analyzers run the same parser, so the failure still surfaces there.
            return new ParsedPipeline(null, null);
        }
    }
}

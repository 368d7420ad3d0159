using System.Collections.Generic;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

/// <summary>Runs every artifact emitter over one pipeline. The list is in a fixed order, so the generated C# is stable.</summary>
internal static class ArtifactEmitter
{
    public const string SharedTerraformPath = "terraform/main.tf.json";

    public static EquatableArray<Artifact> Emit(PipelineSpec spec)
    {
        var artifacts = new List<Artifact>
        {
            new("glue/" + spec.Job.Name + ".py", PySparkEmitter.Emit(spec)),
        };

        foreach (var ruleset in DqdlEmitter.Emit(spec))
        {
            artifacts.Add(new Artifact(ruleset.Path, ruleset.Text));
        }

        artifacts.Add(new Artifact("terraform/" + spec.Job.Name + ".tf.json", TerraformEmitter.EmitPipeline(spec)));
        return artifacts.ToEquatableArray();
    }

    /// <summary>
    /// The stack of a project (<see cref="Parsing.StackParser.Build"/>) with each pipeline's dashboard template, which the
    /// standalone dashboard files need (the analyzers share the parser, not the emitters, so it is added here).
    /// </summary>
    public static StackSpec BuildStack(System.Collections.Immutable.ImmutableArray<PipelineSpec> specs, Parsing.StackAttributes attributes)
    {
        var stack = Parsing.StackParser.Build(specs, attributes);
        var byName = new Dictionary<string, PipelineSpec>(System.StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            byName[spec.Job.Name] = spec;
        }

        var pipelines = new List<StackPipeline>();
        foreach (var pipeline in stack.Pipelines)
        {
            var template = byName.TryGetValue(pipeline.Name, out var spec) ? DashboardEmitter.EmitTemplate(spec) : "";
            pipelines.Add(pipeline with { DashboardTemplate = template });
        }

        return stack with { Pipelines = pipelines.ToEquatableArray() };
    }

    /// <summary>
    /// Files shared by every pipeline of a project: the stack's Terraform (provider, key, buckets, security configuration,
    /// databases, log groups, crawlers, notifications, workflows), one tfvars file per environment, and the standalone
    /// dashboards (their region and log groups come from the stack) and the CI deploy workflow <c>ci/deploy.yml</c>.
    /// </summary>
    public static EquatableArray<Artifact> EmitShared(StackSpec stack)
    {
        var artifacts = TerraformEmitter.EmitStack(stack);
        artifacts.AddRange(DashboardEmitter.EmitFiles(stack));
        artifacts.Add(new Artifact(DeployWorkflowEmitter.Path, DeployWorkflowEmitter.Emit(stack)));
        return artifacts.ToEquatableArray();
    }
}

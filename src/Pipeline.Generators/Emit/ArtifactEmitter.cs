using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
            new(ScriptPath(spec), PySparkEmitter.Emit(spec)),
        };

        foreach (var ruleset in DqdlEmitter.Emit(spec))
        {
            artifacts.Add(new Artifact(ruleset.Path, ruleset.Text));
        }

        artifacts.Add(new Artifact(TerraformPath(spec), TerraformEmitter.EmitPipeline(spec)));
        return artifacts.ToEquatableArray();
    }

    /// <summary>
    /// The paths of <see cref="Emit"/>'s artifacts, in its order, without rendering any: what the pipeline's
    /// descriptor lists, so the C# user code binds to never waits for (or changes with) the artifacts' contents.
    /// </summary>
    public static EquatableArray<string> Paths(PipelineSpec spec)
    {
        var paths = new List<string> { ScriptPath(spec) };
        foreach (var (_, _, path) in DqdlEmitter.Layout(spec))
        {
            paths.Add(path);
        }

        paths.Add(TerraformPath(spec));
        return paths.ToEquatableArray();
    }

    private static string ScriptPath(PipelineSpec spec) => "glue/" + spec.Job.Name + ".py";

    private static string TerraformPath(PipelineSpec spec) => "terraform/" + spec.Job.Name + ".tf.json";

    /// <summary>
    /// The stack of a project (<see cref="Parsing.StackParser.Build"/>) with each pipeline's dashboard template, which the
    /// standalone dashboard files need (the analyzers share the parser, not the emitters, so it is added here).
    /// </summary>
    public static StackSpec BuildStack(ImmutableArray<PipelineSpec> specs, Parsing.StackAttributes attributes) =>
        Parsing.StackParser.Build(specs.Select(StackEntry).ToImmutableArray(), attributes);

    /// <summary>
    /// What the stack needs of one pipeline: its summary with its dashboard template. Computed per pipeline, so the
    /// generator re-renders only the edited pipeline's template, and an edit that leaves every summary equal (a query
    /// lambda, a rule) does not rebuild the stack at all.
    /// </summary>
    public static StackPipeline StackEntry(PipelineSpec spec) =>
        Parsing.StackParser.Summarize(spec) with { DashboardTemplate = DashboardEmitter.EmitTemplate(spec) };

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

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
        artifacts.Add(new Artifact("dashboards/" + spec.Job.Name + ".json", DashboardEmitter.Emit(spec)));
        return artifacts.ToEquatableArray();
    }

    /// <summary>
    /// Files shared by every pipeline of a project: the stack's Terraform (provider, key, buckets, security configuration,
    /// databases, log groups, crawlers, notifications, workflows) and one tfvars file per environment.
    /// </summary>
    public static EquatableArray<Artifact> EmitShared(StackSpec stack) =>
        TerraformEmitter.EmitStack(stack).ToEquatableArray();
}

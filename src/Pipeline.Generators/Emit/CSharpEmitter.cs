using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

/// <summary>
/// The C# a pipeline class gets: its source properties, a descriptor, and its artifacts as assembly metadata,
/// which the build's <c>WritePipelineArtifacts</c> task reads from the compiled assembly and writes to disk
/// (the generator itself never does IO).
/// </summary>
internal static class CSharpEmitter
{
    public const string ArtifactKeyPrefix = "Pipeline.Artifact:";

    private static readonly string GeneratedCode =
        $"[global::System.CodeDom.Compiler.GeneratedCodeAttribute(\"Pipeline.Generators\", \"{typeof(CSharpEmitter).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}\")]";

    public static string HintName(PipelineSpec spec) => HintName(spec.Namespace, spec.ClassName);

    public static string HintName(string ns, string className) =>
        (ns.Length == 0 ? "" : ns + ".") + className + ".Pipeline.g.cs";

    /// <summary>Only the partial source properties of a rejected pipeline, as empty datasets: no descriptor, no artifacts.</summary>
    public static string EmitFallback(SourceParts parts)
    {
        var writer = Header();
        if (parts.Namespace.Length > 0)
        {
            writer.WriteLine($"namespace {parts.Namespace}");
            writer.WriteLine("{");
            writer.Indentation++;
        }

        writer.WriteLine("// The pipeline has errors (see the PIPE diagnostics): no artifacts are generated until they are fixed.");
        writer.WriteLine($"partial class {parts.ClassName}");
        writer.WriteLine("{");
        writer.Indentation++;
        foreach (var source in parts.Sources)
        {
            writer.WriteLine(GeneratedCode);
            writer.WriteLine($"{source.Accessibility} partial {source.Type} {source.Name} {{ get => {(source.IsDataset ? source.Type + ".Empty" : "default!")}; }}");
        }

        writer.Indentation--;
        writer.WriteLine("}");
        if (parts.Namespace.Length > 0)
        {
            writer.Indentation--;
            writer.WriteLine("}");
        }

        return writer.ToString();
    }

    /// <summary>The hint name of a pipeline's artifacts file (an implementation-only output).</summary>
    public static string ArtifactsHintName(PipelineSpec spec) =>
        (spec.Namespace.Length == 0 ? "" : spec.Namespace + ".") + spec.ClassName + ".Artifacts.g.cs";

    /// <summary>A pipeline's artifacts as assembly metadata, which the build task writes out as files.</summary>
    public static string EmitArtifacts(EquatableArray<Artifact> artifacts)
    {
        var writer = Header();
        WriteArtifactAttributes(writer, artifacts);
        return writer.ToString();
    }

    /// <summary>The pipeline's generated part: what user code binds to (descriptor, source properties, binders).</summary>
    public static string Emit(PipelineSpec spec, EquatableArray<string> artifactPaths)
    {
        var writer = Header();
        if (spec.Namespace.Length > 0)
        {
            writer.WriteLine($"namespace {spec.Namespace}");
            writer.WriteLine("{");
            writer.Indentation++;
        }

        writer.WriteLine($"/// <summary>Generated part of the Glue job <c>{Xml(spec.Job.Name)}</c>.</summary>");
        writer.WriteLine($"partial class {spec.ClassName} : global::Pipeline.Dsl.IGluePipeline");
        writer.WriteLine("{");
        writer.Indentation++;
        writer.WriteLine("/// <summary>The job name and the artifacts the build writes for this pipeline.</summary>");
        writer.WriteLine(GeneratedCode);
        writer.WriteLine("public static global::Pipeline.Dsl.PipelineDescriptor Descriptor { get; } = new global::Pipeline.Dsl.PipelineDescriptor(");
        writer.Indentation++;
        writer.WriteLine(Literal(spec.Job.Name) + ",");
        writer.WriteLine(Literal((spec.Namespace.Length == 0 ? "" : spec.Namespace + ".") + spec.ClassName) + ",");
        writer.WriteLine("new string[]");
        writer.WriteLine("{");
        writer.Indentation++;
        foreach (var path in artifactPaths)
        {
            writer.WriteLine(Literal(path) + ",");
        }

        writer.Indentation--;
        writer.WriteLine("},");
        writer.WriteLine(Literal(LocalPlanEmitter.Emit(spec)) + ");");
        writer.Indentation--;

        foreach (var source in spec.Sources)
        {
            var datasetType = $"global::Pipeline.Dsl.Dataset<{source.SchemaType}>";
            var field = "__pipelineSource" + source.Name;
            writer.WriteLine();
            writer.WriteLine(GeneratedCode);
            writer.WriteLine($"private {datasetType}? {field};");
            writer.WriteLine();
            writer.WriteLine($"/// <summary>The rows of <c>{Xml(source.Name)}</c>: empty until bound with <see cref=\"With{source.Name}\"/> (the job reads them from {Xml(Describe(source))}).</summary>");
            writer.WriteLine(GeneratedCode);
            writer.WriteLine($"{source.Accessibility} partial {datasetType} {source.Name}");
            writer.WriteLine("{");
            writer.Indentation++;
            writer.WriteLine($"get => this.{field} ?? {datasetType}.Empty;");
            writer.Indentation--;
            writer.WriteLine("}");
            writer.WriteLine();
            writer.WriteLine($"/// <summary>Binds in-memory rows to <c>{Xml(source.Name)}</c>, to run the transforms as plain C#.</summary>");
            writer.WriteLine(GeneratedCode);
            writer.WriteLine($"public {spec.FullyQualifiedName} With{source.Name}({datasetType} rows)");
            writer.WriteLine("{");
            writer.Indentation++;
            writer.WriteLine($"this.{field} = rows;");
            writer.WriteLine("return this;");
            writer.Indentation--;
            writer.WriteLine("}");
        }

        writer.Indentation--;
        writer.WriteLine("}");
        if (spec.Namespace.Length > 0)
        {
            writer.Indentation--;
            writer.WriteLine("}");
        }

        return writer.ToString();
    }

    /// <summary>The project-wide artifacts (shared Terraform), emitted once when the project has any pipeline.</summary>
    public static string EmitShared(EquatableArray<Artifact> artifacts)
    {
        var writer = Header();
        WriteArtifactAttributes(writer, artifacts);
        return writer.ToString();
    }

    private static SourceWriter Header()
    {
        var writer = new SourceWriter();
        writer.WriteLine("// <auto-generated/>");
        writer.WriteLine("#nullable enable");
        writer.WriteLine();
        return writer;
    }

    private static void WriteArtifactAttributes(SourceWriter writer, EquatableArray<Artifact> artifacts)
    {
        foreach (var artifact in artifacts)
        {
            writer.WriteLine($"[assembly: global::System.Reflection.AssemblyMetadataAttribute({Literal(ArtifactKeyPrefix + artifact.Path)}, {Literal(artifact.Content)})]");
        }
    }

    private static string Describe(SourceSpec source) =>
        source.Kind == SourceKind.S3 ? source.Path ?? "" : $"the catalog table {source.Database}.{source.Table}";

    private static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    private static string Xml(string value) => value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}

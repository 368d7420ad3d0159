using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Pipeline.Build.Tests;

/// <summary>Compiles a tiny assembly carrying <c>[assembly: AssemblyMetadata(key, value)]</c> attributes, as the generator emits them.</summary>
internal static class TestAssembly
{
    private static readonly MetadataReference[] References =
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToArray();

    /// <summary>Artifacts keyed by relative path, written as <c>Pipeline.Artifact:</c> attributes.</summary>
    public static string Build(string directory, IEnumerable<KeyValuePair<string, string>> artifacts, string name = "Consumer") =>
        BuildRaw(directory, artifacts.Select(a => new KeyValuePair<string, string>("Pipeline.Artifact:" + a.Key, a.Value)), name);

    /// <summary>Attributes with arbitrary keys.</summary>
    public static string BuildRaw(string directory, IEnumerable<KeyValuePair<string, string>> metadata, string name = "Consumer")
    {
        var source = new StringBuilder();
        foreach (var pair in metadata)
        {
            source.Append("[assembly: global::System.Reflection.AssemblyMetadataAttribute(")
                .Append(SymbolDisplay.FormatLiteral(pair.Key, quote: true)).Append(", ")
                .Append(SymbolDisplay.FormatLiteral(pair.Value, quote: true)).Append(")]\n");
        }

        source.Append("namespace Consumer { public static class Marker { } }\n");
        var compilation = CSharpCompilation.Create(
            name,
            new[] { CSharpSyntaxTree.ParseText(source.ToString()) },
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, deterministic: true));

        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".dll");
        var result = compilation.Emit(path);
        if (!result.Success)
        {
            throw new InvalidOperationException(
                "Test assembly did not compile:\n" + string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        }

        return path;
    }
}

using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Pipeline.Build;

/// <summary>One <c>[assembly: AssemblyMetadata("Pipeline.Artifact:&lt;path&gt;", "&lt;text&gt;")]</c> found in an assembly.</summary>
internal readonly struct ArtifactEntry
{
    public ArtifactEntry(string path, string content)
    {
        Path = path;
        Content = content;
    }

    /// <summary>The relative path after the <see cref="ArtifactPath.KeyPrefix"/>, exactly as written in the assembly.</summary>
    public string Path { get; }

    public string Content { get; }
}

/// <summary>
/// Reads artifact attributes from a built assembly with System.Reflection.Metadata: the assembly is never loaded
/// or run, and the file is closed before this returns.
/// </summary>
internal static class ArtifactReader
{
    public static List<ArtifactEntry> Read(string assemblyPath)
    {
        var entries = new List<ArtifactEntry>();
        using var stream = new FileStream(assemblyPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException($"'{assemblyPath}' has no .NET metadata.");
        }

        var reader = pe.GetMetadataReader();
        if (!reader.IsAssembly)
        {
            throw new BadImageFormatException($"'{assemblyPath}' is a module, not an assembly.");
        }

        foreach (var handle in reader.GetAssemblyDefinition().GetCustomAttributes())
        {
            var attribute = reader.GetCustomAttribute(handle);
            if (!IsAssemblyMetadataAttribute(reader, attribute.Constructor))
            {
                continue;
            }

            var blob = reader.GetBlobReader(attribute.Value);
            if (blob.Length < 2 || blob.ReadUInt16() != 0x0001)
            {
                continue; // not a well-formed custom attribute blob; nothing of ours
            }

            string? key = blob.ReadSerializedString();
            string? value = blob.ReadSerializedString();
            if (key is null || !key.StartsWith(ArtifactPath.KeyPrefix, StringComparison.Ordinal))
            {
                continue;
            }

            entries.Add(new ArtifactEntry(key.Substring(ArtifactPath.KeyPrefix.Length), value ?? string.Empty));
        }

        return entries;
    }

    private static bool IsAssemblyMetadataAttribute(MetadataReader reader, EntityHandle constructor)
    {
        StringHandle name;
        StringHandle ns;
        switch (constructor.Kind)
        {
            case HandleKind.MemberReference:
                var member = reader.GetMemberReference((MemberReferenceHandle)constructor);
                if (member.Parent.Kind != HandleKind.TypeReference)
                {
                    return false;
                }

                var typeRef = reader.GetTypeReference((TypeReferenceHandle)member.Parent);
                name = typeRef.Name;
                ns = typeRef.Namespace;
                break;
            case HandleKind.MethodDefinition:
                // Only when the assembly being read defines the attribute itself (e.g. a core library).
                var method = reader.GetMethodDefinition((MethodDefinitionHandle)constructor);
                var typeDef = reader.GetTypeDefinition(method.GetDeclaringType());
                name = typeDef.Name;
                ns = typeDef.Namespace;
                break;
            default:
                return false;
        }

        return reader.StringComparer.Equals(name, "AssemblyMetadataAttribute")
            && reader.StringComparer.Equals(ns, "System.Reflection");
    }
}

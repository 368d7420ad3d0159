using Microsoft.CodeAnalysis;

namespace Pipeline.Analyzers.Support;

/// <summary>The Pipeline.Dsl types, resolved once per compilation by metadata name.</summary>
internal sealed class DslSymbols
{
    private DslSymbols(Compilation compilation, INamedTypeSymbol glueJob)
    {
        GlueJob = glueJob;
        Tag = Get(compilation, "Pipeline.Dsl.TagAttribute");
        S3Source = Get(compilation, "Pipeline.Dsl.S3SourceAttribute");
        CatalogSource = Get(compilation, "Pipeline.Dsl.CatalogSourceAttribute");
        Transform = Get(compilation, "Pipeline.Dsl.TransformAttribute");
        S3Sink = Get(compilation, "Pipeline.Dsl.S3SinkAttribute");
        PartitionBy = Get(compilation, "Pipeline.Dsl.PartitionByAttribute");
        Quality = Get(compilation, "Pipeline.Dsl.QualityAttribute");
        OnQualityFailure = Get(compilation, "Pipeline.Dsl.OnQualityFailureAttribute");
        Column = Get(compilation, "Pipeline.Dsl.ColumnAttribute");
        Dataset = Get(compilation, "Pipeline.Dsl.Dataset`1");
    }

    public INamedTypeSymbol GlueJob { get; }

    public INamedTypeSymbol? Tag { get; }

    public INamedTypeSymbol? S3Source { get; }

    public INamedTypeSymbol? CatalogSource { get; }

    public INamedTypeSymbol? Transform { get; }

    public INamedTypeSymbol? S3Sink { get; }

    public INamedTypeSymbol? PartitionBy { get; }

    public INamedTypeSymbol? Quality { get; }

    public INamedTypeSymbol? OnQualityFailure { get; }

    public INamedTypeSymbol? Column { get; }

    public INamedTypeSymbol? Dataset { get; }

    /// <summary>The DSL symbols, or null when the compilation does not reference Pipeline.Dsl.</summary>
    public static DslSymbols? Create(Compilation compilation)
    {
        var glueJob = Get(compilation, "Pipeline.Dsl.GlueJobAttribute");
        return glueJob is null ? null : new DslSymbols(compilation, glueJob);
    }

    /// <summary>The <c>[GlueJob]</c> attribute of a type, or null.</summary>
    public AttributeData? GetGlueJob(ISymbol symbol) => Find(symbol, GlueJob);

    public static AttributeData? Find(ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            return null;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                return attribute;
            }
        }

        return null;
    }

    public static System.Collections.Generic.IEnumerable<AttributeData> FindAll(ISymbol symbol, INamedTypeSymbol? attributeType)
    {
        if (attributeType is null)
        {
            yield break;
        }

        foreach (var attribute in symbol.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType))
            {
                yield return attribute;
            }
        }
    }

    /// <summary>
    /// <c>GetTypeByMetadataName</c> returns null when several references define the type (pitfall 5.14); fall back to
    /// the candidate from a referenced assembly named Pipeline.Dsl, then to the first one.
    /// </summary>
    private static INamedTypeSymbol? Get(Compilation compilation, string metadataName)
    {
        var type = compilation.GetTypeByMetadataName(metadataName);
        if (type is not null)
        {
            return type;
        }

        INamedTypeSymbol? first = null;
        foreach (var candidate in compilation.GetTypesByMetadataName(metadataName))
        {
            if (candidate.ContainingAssembly?.Name == "Pipeline.Dsl")
            {
                return candidate;
            }

            first ??= candidate;
        }

        return first;
    }
}

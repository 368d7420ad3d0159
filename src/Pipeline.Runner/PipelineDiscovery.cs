using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Pipeline.Dsl;

namespace Pipeline.Runner;

/// <summary>Finds the pipelines of an assembly through the descriptors the generator adds to each pipeline class.</summary>
public static class PipelineDiscovery
{
    public static IReadOnlyList<LocalPlan> FromAssembly(Assembly assembly)
    {
        var plans = new List<LocalPlan>();
        foreach (var type in LoadableTypes(assembly))
        {
            if (!typeof(IGluePipeline).IsAssignableFrom(type) || type.IsAbstract)
            {
                continue;
            }

            var property = type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static);
            if (property?.GetValue(null) is PipelineDescriptor { LocalPlan: { } json })
            {
                plans.Add(LocalPlan.Parse(json));
            }
        }

        return plans.OrderBy(p => p.Job, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            return e.Types.Where(t => t is not null)!;
        }
    }
}

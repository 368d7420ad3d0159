using System.Collections.Generic;

namespace Pipeline.Generators.Model;

/// <summary>
/// Which sources are only ever the lookup side of a join: the right input of <c>Join</c>/<c>LeftJoin</c>, directly or
/// through transforms whose output is itself only a lookup side. Such a source is a reference by default (read whole
/// every run): through a job bookmark it would be empty on every run after the first, and the join with it too.
/// </summary>
internal static class SourceRoles
{
    public static HashSet<string> LookupOnly(IReadOnlyList<SourceSpec> sources, IReadOnlyList<StageSpec> stages)
    {
        var memo = new Dictionary<string, bool>();
        var result = new HashSet<string>();
        foreach (var source in sources)
        {
            if (IsLookupOnly(source.Name, stages, memo, depth: 0))
            {
                result.Add(source.Name);
            }
        }

        return result;
    }

    /// <summary>True when the relation is used at least once and every use is on a join's lookup side.</summary>
    private static bool IsLookupOnly(string relation, IReadOnlyList<StageSpec> stages, Dictionary<string, bool> memo, int depth)
    {
        if (memo.TryGetValue(relation, out var known))
        {
            return known;
        }

        memo[relation] = false; // stages are acyclic; this only guards against a malformed spec
        var used = false;
        var lookupOnly = true;
        foreach (var stage in stages)
        {
            var uses = new List<bool>();
            Collect(stage.Plan, relation, onLookupSide: false, uses);
            foreach (var onLookupSide in uses)
            {
                used = true;
                if (!onLookupSide && (stage.Sink is not null || depth > 32 || !IsLookupOnly(stage.Name, stages, memo, depth + 1)))
                {
                    lookupOnly = false;
                }
            }
        }

        memo[relation] = used && lookupOnly;
        return memo[relation];
    }

    private static void Collect(PlanNode node, string relation, bool onLookupSide, List<bool> uses)
    {
        switch (node)
        {
            case InputNode input when input.Input == relation:
                uses.Add(onLookupSide);
                break;
            case FilterNode filter:
                Collect(filter.Child, relation, onLookupSide, uses);
                break;
            case ProjectNode project:
                Collect(project.Child, relation, onLookupSide, uses);
                break;
            case DistinctNode distinct:
                Collect(distinct.Child, relation, onLookupSide, uses);
                break;
            case AggregateNode aggregate:
                Collect(aggregate.Child, relation, onLookupSide, uses);
                break;
            case JoinNode join:
                Collect(join.Left, relation, onLookupSide, uses);
                Collect(join.Right, relation, onLookupSide: true, uses);
                break;
            case UnionNode union:
                Collect(union.Left, relation, onLookupSide, uses);
                Collect(union.Right, relation, onLookupSide, uses);
                break;
        }
    }
}

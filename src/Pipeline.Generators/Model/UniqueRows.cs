using System.Collections.Generic;

namespace Pipeline.Generators.Model;

/// <summary>
/// Whether a stage's rows are already unique by some columns, from its plan: a <c>DistinctBy</c> on (a subset of) them,
/// or a <c>GroupBy</c> whose group keys are output among them, through filters and the stages it reads. A Merge sink
/// whose rows are known unique by its key skips its own per-run deduplication (a second pass over the batch).
/// </summary>
internal static class UniqueRows
{
    public static bool ByColumns(IReadOnlyList<StageSpec> stages, StageSpec stage, IReadOnlyCollection<string> columns) =>
        ByColumns(stages, stage.Plan, columns, depth: 0);

    private static bool ByColumns(IReadOnlyList<StageSpec> stages, PlanNode node, IReadOnlyCollection<string> columns, int depth)
    {
        switch (node)
        {
            case FilterNode filter:
                return ByColumns(stages, filter.Child, columns, depth);
            case DistinctNode distinct:
                return Contains(columns, distinct.KeyColumns);
            case AggregateNode aggregate:
            {
                var keys = new List<string>();
                foreach (var output in aggregate.Outputs)
                {
                    if (output.Expression is ColumnExpr { Qualifier: null } column && column.Name.StartsWith("__k", System.StringComparison.Ordinal))
                    {
                        keys.Add(output.Name);
                    }
                }

                // Every group key must be an output column among the key columns.
                return keys.Count == aggregate.Keys.Count && Contains(columns, keys);
            }

            case InputNode input when depth < 32:
                foreach (var stage in stages)
                {
                    if (stage.Name == input.Input)
                    {
                        return ByColumns(stages, stage.Plan, columns, depth + 1);
                    }
                }

                return false;
            default:
                return false;
        }
    }

    private static bool Contains(IReadOnlyCollection<string> columns, IEnumerable<string> required)
    {
        var set = new HashSet<string>(columns);
        foreach (var column in required)
        {
            if (!set.Contains(column))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Collections.Generic;
using Pipeline.Generators.Helpers;

namespace Pipeline.Generators.Model;

/// <summary>
/// A <c>GroupBy</c> stage over an increment whose groups each run recomputes from the full input: the values of
/// <see cref="Keys"/> (output columns set from group keys) present in the run's batch are the affected groups; the
/// full input restricted to them is aggregated again and replaces them in the sinks (PIPE108).
/// </summary>
internal sealed record RecomputedAggregate(string Stage, EquatableArray<string> Keys);

/// <summary>A PIPE108 finding: the stage or sink member it is about, and why.</summary>
internal sealed record IncrementalAggregateProblem(string Member, string Message);

/// <summary>
/// PIPE108, the one place it is decided: which aggregates over an increment are recomputed, and which cannot be. The
/// parser reports the problems; the emitters read the recomputed aggregates off a valid spec with the same function.
/// </summary>
internal static class IncrementalAggregates
{
    public static List<RecomputedAggregate> Find(IReadOnlyList<SourceSpec> sources, IReadOnlyList<StageSpec> stages, List<IncrementalAggregateProblem>? problems = null)
    {
        var result = new List<RecomputedAggregate>();
        var fed = new HashSet<string>();
        var recomputed = new HashSet<string>(); // fed by a recomputed (or rejected) aggregate
        foreach (var source in sources)
        {
            if (source.Bookmarked)
            {
                fed.Add(source.Name);
            }
        }

        // Stages are ordered inputs first.
        foreach (var stage in stages)
        {
            var isFed = false;
            var afterAggregate = false;
            foreach (var input in stage.Inputs)
            {
                isFed |= fed.Contains(input);
                afterAggregate |= recomputed.Contains(input);
            }

            if (!isFed)
            {
                continue;
            }

            fed.Add(stage.Name);
            if (afterAggregate)
            {
                recomputed.Add(stage.Name);
            }

            if (!ContainsAggregate(stage.Plan))
            {
                continue;
            }

            recomputed.Add(stage.Name);
            if (afterAggregate)
            {
                problems?.Add(new(stage.Name, $"stage '{stage.Name}' aggregates the output of another aggregate over an increment; only one GroupBy per increment is recomputed from the full input"));
                continue;
            }

            if (stage.Plan is not AggregateNode aggregate)
            {
                problems?.Add(new(stage.Name, $"stage '{stage.Name}' aggregates an increment (new files only); write the GroupBy as the stage's whole body (move a Where or Select after it to the next stage) so its groups can be recomputed from the full input"));
                continue;
            }

            var groupColumns = GroupKeyColumns(aggregate);
            List<string>? keys = null;
            foreach (var sink in Downstream(stage, stages))
            {
                var replaced = ReplacedColumns(sink.Sink!);
                if (replaced is null || replaced.Count == 0 || !replaced.TrueForAll(groupColumns.Contains))
                {
                    problems?.Add(new(sink.Name, $"sink '{sink.Name}' writes the aggregate '{stage.Name}' of an increment (new files only): {Why(sink.Sink!)}; each run must replace the groups it recomputes from the full input - use Mode = WriteMode.OverwritePartitions with partition keys among the group keys ({string.Join(", ", groupColumns)}), or Mode = WriteMode.Merge with Key among them"));
                    keys = null;
                    break;
                }

                // Several sinks: recompute by the coarsest restriction, so every sink gets whole groups of what it replaces.
                keys = keys is null ? replaced : keys.FindAll(replaced.Contains);
            }

            if (keys is { Count: > 0 })
            {
                result.Add(new RecomputedAggregate(stage.Name, keys.ToEquatableArray()));
            }
            else if (keys is { Count: 0 })
            {
                problems?.Add(new(stage.Name, $"the sinks of aggregate '{stage.Name}' replace groups by different columns with none in common; recompute needs one shared group key"));
            }
        }

        return result;
    }

    private static string Why(SinkSpec sink) => sink.Mode switch
    {
        WriteModeKind.Append => "appending adds a second row for a group a later file touches",
        WriteModeKind.Overwrite => "overwriting replaces the whole sink with the groups of this run",
        WriteModeKind.OverwritePartitions when sink.PartitionKeys.Count == 0 => "without partition keys, OverwritePartitions replaces the whole sink with the groups of this run",
        WriteModeKind.OverwritePartitions => "its partition keys are not all group keys, so a partition would be replaced by part of its groups",
        _ => "its merge key is not made of group keys",
    };

    /// <summary>The columns by which a sink replaces what it held: its partition keys (OverwritePartitions) or its merge key.</summary>
    private static List<string>? ReplacedColumns(SinkSpec sink) => sink.Mode switch
    {
        WriteModeKind.OverwritePartitions => new List<string>(sink.PartitionKeys),
        WriteModeKind.Merge => new List<string>(sink.MergeKeys),
        _ => null,
    };

    /// <summary>Output columns set straight from a group key (<c>OrderDate = k.OrderDate</c>).</summary>
    private static List<string> GroupKeyColumns(AggregateNode aggregate)
    {
        var columns = new List<string>();
        foreach (var output in aggregate.Outputs)
        {
            if (output.Expression is ColumnExpr { Qualifier: null } column && column.Name.StartsWith("__k", System.StringComparison.Ordinal))
            {
                columns.Add(output.Name);
            }
        }

        return columns;
    }

    /// <summary>The sinks reading the stage, itself included when it is one, through any chain of stages.</summary>
    private static List<StageSpec> Downstream(StageSpec start, IReadOnlyList<StageSpec> stages)
    {
        var reached = new HashSet<string> { start.Name };
        var sinks = new List<StageSpec>();
        foreach (var stage in stages)
        {
            var reads = stage.Name == start.Name;
            foreach (var input in stage.Inputs)
            {
                reads |= reached.Contains(input);
            }

            if (!reads)
            {
                continue;
            }

            reached.Add(stage.Name);
            if (stage.Sink is not null)
            {
                sinks.Add(stage);
            }
        }

        return sinks;
    }

    private static bool ContainsAggregate(PlanNode node) => node switch
    {
        AggregateNode => true,
        FilterNode filter => ContainsAggregate(filter.Child),
        ProjectNode project => ContainsAggregate(project.Child),
        DistinctNode distinct => ContainsAggregate(distinct.Child),
        JoinNode join => ContainsAggregate(join.Left) || ContainsAggregate(join.Right),
        UnionNode union => ContainsAggregate(union.Left) || ContainsAggregate(union.Right),
        _ => false,
    };
}

using System.Collections.Generic;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

/// <summary>
/// An aggregate over an increment in the Glue script (<see cref="IncrementalAggregates"/>): the bookmarked read holds
/// only the new rows, so the groups they touch are recomputed from the full input. The batch's aggregate gives the
/// affected keys; each increment is read a second time without <c>transformation_ctx</c> (Glue then reads every file,
/// and the bookmark is not moved by it); the stages up to the aggregate run again over that; the aggregate's input is
/// restricted to the affected keys by a semi-join (an inner join with the distinct keys) and aggregated. The sink's
/// write mode then replaces those groups.
/// </summary>
internal static partial class PySparkEmitter
{
    /// <summary>Writes the recompute of <paramref name="stage"/> and returns the variable holding its full groups.</summary>
    private static string WriteRecompute(
        SourceWriter writer,
        PipelineSpec spec,
        StageSpec stage,
        RecomputedAggregate recompute,
        string batch,
        Dictionary<string, string> inputs,
        Dictionary<string, int> consumers,
        IReadOnlyList<PathArgument> pathArguments)
    {
        var aggregate = (AggregateNode)stage.Plan;
        var name = StageName(stage);
        var affected = name + "_affected_keys_df";
        writer.WriteLine($"# {PySparkSyntax.CommentText(stage.Name)} aggregates an increment: the new rows hold part of the groups they touch. Recompute those");
        writer.WriteLine($"# groups (by {PySparkSyntax.CommentText(string.Join(", ", recompute.Keys))}) from the full input and let the sink replace them.");
        var keyColumns = new List<string>();
        for (var i = 0; i < recompute.Keys.Count; i++)
        {
            keyColumns.Add($"{PySparkSyntax.Col(null, recompute.Keys[i])}.alias({PySparkSyntax.PyLiteral(RestrictAlias(i))})");
        }

        writer.WriteLine($"{affected} = {batch}.select({string.Join(", ", keyColumns)}).distinct()");

        // The increments the aggregate depends on, read again in full, and the stages between them and the aggregate.
        var upstream = Upstream(spec, stage);
        var full = new Dictionary<string, string>(inputs);
        foreach (var source in spec.Sources)
        {
            if (source.Bookmarked && upstream.Contains(source.Name))
            {
                WriteSource(writer, spec, source, consumers, pathArguments, full: true);
                full[source.Name] = PySparkPlanPrinter.FrameVariable(SourceName(source) + "_full");
            }
        }

        var printer = new PySparkPlanPrinter(writer, full);
        foreach (var before in spec.Stages)
        {
            if (before.Name != stage.Name && upstream.Contains(before.Name) && Reads(before, full, inputs))
            {
                full[before.Name] = printer.Print(before.Plan, StageName(before) + "_full");
            }
        }

        // Restrict the aggregate's input to the affected groups when each key is a plain input column (Spark then reads
        // and aggregates only those groups); otherwise keep the affected groups of the full aggregate.
        if (RestrictableInput(aggregate, recompute, out var input, out var inputColumns) && spec.FindSchema(InputSchema(spec, input)) is { } inputSchema)
        {
            var restricted = name + "_full_input_df";
            WriteSemiJoin(writer, restricted, full[input], affected, RestrictMatch(inputColumns), inputSchema);
            full[input] = restricted;
            return new PySparkPlanPrinter(writer, full).Print(stage.Plan, name + "_full");
        }

        var all = new PySparkPlanPrinter(writer, full).Print(stage.Plan, name + "_full");
        var schema = spec.FindSchema(stage.SchemaType)!;
        var kept = name + "_recomputed_df";
        WriteSemiJoin(writer, kept, all, affected, RestrictMatch(recompute.Keys), schema);
        return kept;
    }

    /// <summary>The rows of <paramref name="frame"/> matching a row of the distinct <paramref name="keys"/>, with the frame's columns.</summary>
    private static void WriteSemiJoin(SourceWriter writer, string target, string frame, string keys, string match, SchemaSpec schema)
    {
        writer.WriteLine($"{target} = {frame}.alias(\"l\").join(");
        writer.Indentation++;
        writer.WriteLine($"{keys}.alias(\"r\"),");
        writer.WriteLine(match + ",");
        writer.WriteLine("\"inner\",");
        writer.Indentation--;
        writer.WriteLine(").select(");
        writer.Indentation++;
        foreach (var column in QualifiedColumns(schema, "l"))
        {
            writer.WriteLine(column + ",");
        }

        writer.Indentation--;
        writer.WriteLine(")");
    }

    private static string RestrictAlias(int index) => "__r" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string RestrictMatch(IReadOnlyList<string> columns)
    {
        var parts = new List<string>();
        for (var i = 0; i < columns.Count; i++)
        {
            parts.Add($"{PySparkSyntax.Col("l", columns[i])}.eqNullSafe({PySparkSyntax.Col("r", RestrictAlias(i))})");
        }

        return parts.Count == 1 ? parts[0] : "(" + string.Join(") & (", parts) + ")";
    }

    /// <summary>
    /// True when the aggregate reads one input directly (through filters only) and each recompute key is set from a
    /// group key that is a plain column of it: the input column of each key, in key order.
    /// </summary>
    private static bool RestrictableInput(AggregateNode aggregate, RecomputedAggregate recompute, out string input, out List<string> columns)
    {
        input = "";
        columns = new List<string>();
        var child = aggregate.Child;
        while (child is FilterNode filter)
        {
            child = filter.Child;
        }

        if (child is not InputNode node)
        {
            return false;
        }

        input = node.Input;
        foreach (var key in recompute.Keys)
        {
            string? column = null;
            foreach (var output in aggregate.Outputs)
            {
                if (output.Name == key && output.Expression is ColumnExpr { Qualifier: null } alias)
                {
                    for (var i = 0; i < aggregate.Keys.Count; i++)
                    {
                        if (alias.Name == AggregateNode.KeyAlias(i) && aggregate.Keys[i] is ColumnExpr { Qualifier: null } plain)
                        {
                            column = plain.Name;
                        }
                    }
                }
            }

            if (column is null)
            {
                return false;
            }

            columns.Add(column);
        }

        return true;
    }

    private static string InputSchema(PipelineSpec spec, string input)
    {
        foreach (var source in spec.Sources)
        {
            if (source.Name == input)
            {
                return source.SchemaType;
            }
        }

        foreach (var stage in spec.Stages)
        {
            if (stage.Name == input)
            {
                return stage.SchemaType;
            }
        }

        return "";
    }

    /// <summary>Whether a stage reads something read again in full (else its batch frame is already whole: a reference).</summary>
    private static bool Reads(StageSpec stage, Dictionary<string, string> full, Dictionary<string, string> batch)
    {
        foreach (var input in stage.Inputs)
        {
            if (full[input] != batch[input])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The sources and stages <paramref name="stage"/> reads, directly or through other stages.</summary>
    private static HashSet<string> Upstream(PipelineSpec spec, StageSpec stage)
    {
        var result = new HashSet<string>();
        var pending = new Stack<string>(stage.Inputs);
        while (pending.Count > 0)
        {
            var name = pending.Pop();
            if (!result.Add(name))
            {
                continue;
            }

            foreach (var candidate in spec.Stages)
            {
                if (candidate.Name == name)
                {
                    foreach (var input in candidate.Inputs)
                    {
                        pending.Push(input);
                    }
                }
            }
        }

        return result;
    }
}

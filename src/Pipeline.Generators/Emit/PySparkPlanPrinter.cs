using System.Collections.Generic;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

/// <summary>
/// Prints a stage's query plan as a sequence of PySpark DataFrame statements. Each node assigns one Python
/// variable named after the stage (<c>clean_df</c>; join and union sides get <c>clean_left_df</c>/<c>clean_right_df</c>),
/// so names are derived from the model, never from a counter.
/// </summary>
internal sealed class PySparkPlanPrinter
{
    private readonly SourceWriter _writer;
    private readonly IReadOnlyDictionary<string, string> _inputs;

    /// <param name="writer">Where the statements go, at the writer's current indentation.</param>
    /// <param name="inputs">Member name of each source and stage → the Python variable holding its DataFrame.</param>
    public PySparkPlanPrinter(SourceWriter writer, IReadOnlyDictionary<string, string> inputs)
    {
        _writer = writer;
        _inputs = inputs;
    }

    /// <summary>The DataFrame variable name of a stage or source id: <c>clean</c> → <c>clean_df</c>.</summary>
    public static string FrameVariable(string baseName) => baseName + "_df";

    /// <summary>Writes the statements computing <paramref name="node"/> and returns the variable that holds the result.</summary>
    public string Print(PlanNode node, string baseName)
    {
        var target = FrameVariable(baseName);
        switch (node)
        {
            case InputNode input:
                return _inputs.TryGetValue(input.Input, out var variable) ? variable : FrameVariable(PySparkSyntax.Identifier(Naming.ToSnakeCase(input.Input)));

            case FilterNode filter:
            {
                var child = Print(filter.Child, baseName);
                _writer.WriteLine($"{target} = {child}.filter({PySparkExpressionPrinter.Print(filter.Predicate)})");
                return target;
            }

            case ProjectNode project:
            {
                var child = Print(project.Child, baseName);
                _writer.WriteLine($"{target} = {child}.select(");
                WriteNamedColumns(project.Columns);
                _writer.WriteLine(")");
                return target;
            }

            case DistinctNode distinct:
            {
                var child = Print(distinct.Child, baseName);
                _writer.WriteLine($"{target} = {child}.dropDuplicates({PySparkSyntax.PyList(distinct.KeyColumns)})");
                return target;
            }

            case AggregateNode aggregate:
            {
                var child = Print(aggregate.Child, baseName);
                _writer.WriteLine($"{target} = {child}.groupBy(");
                _writer.Indentation++;
                for (var i = 0; i < aggregate.Keys.Count; i++)
                {
                    _writer.WriteLine($"{PySparkExpressionPrinter.Print(aggregate.Keys[i])}.alias({PySparkSyntax.PyLiteral(AggregateNode.KeyAlias(i))}),");
                }

                _writer.Indentation--;
                _writer.WriteLine(").agg(");
                _writer.Indentation++;
                for (var i = 0; i < aggregate.Aggregates.Count; i++)
                {
                    _writer.WriteLine($"{PrintAggregate(aggregate.Aggregates[i])}.alias({PySparkSyntax.PyLiteral(AggregateNode.AggregateAlias(i))}),");
                }

                _writer.Indentation--;
                _writer.WriteLine(").select(");
                WriteNamedColumns(aggregate.Outputs);
                _writer.WriteLine(")");
                return target;
            }

            case JoinNode join:
            {
                var left = Print(join.Left, baseName + "_left");
                var right = Print(join.Right, baseName + "_right");
                _writer.WriteLine($"{target} = {left}.alias({PySparkSyntax.PyLiteral(JoinNode.LeftQualifier)}).join(");
                _writer.Indentation++;
                _writer.WriteLine($"{right}.alias({PySparkSyntax.PyLiteral(JoinNode.RightQualifier)}),");
                _writer.WriteLine(JoinCondition(join) + ",");
                _writer.WriteLine(join.Kind == JoinKind.Left ? "\"left\"," : "\"inner\",");
                _writer.Indentation--;
                _writer.WriteLine(").select(");
                WriteNamedColumns(join.Outputs);
                _writer.WriteLine(")");
                return target;
            }

            case UnionNode union:
            {
                var left = Print(union.Left, baseName + "_left");
                var right = Print(union.Right, baseName + "_right");
                _writer.WriteLine(union.Distinct
                    ? $"{target} = {left}.unionByName({right}).distinct()"
                    : $"{target} = {left}.unionByName({right})");
                return target;
            }

            default:
                return target;
        }
    }

    private void WriteNamedColumns(EquatableArray<NamedExpr> columns)
    {
        _writer.Indentation++;
        foreach (var column in columns)
        {
            _writer.WriteLine($"{PySparkExpressionPrinter.Print(column.Expression)}.alias({PySparkSyntax.PyLiteral(column.Name)}),");
        }

        _writer.Indentation--;
    }

    /// <summary>Key equality, ANDed; SQL <c>==</c> never matches a null key, as the join contract requires.</summary>
    private static string JoinCondition(JoinNode join)
    {
        var count = join.LeftKeys.Count < join.RightKeys.Count ? join.LeftKeys.Count : join.RightKeys.Count;
        if (count == 0)
        {
            return "F.lit(True)";
        }

        var condition = "";
        for (var i = 0; i < count; i++)
        {
            var equality = "(" + PySparkExpressionPrinter.Print(join.LeftKeys[i]) + " == " + PySparkExpressionPrinter.Print(join.RightKeys[i]) + ")";
            condition = i == 0 ? equality : "(" + condition + " & " + equality + ")";
        }

        return condition;
    }

    /// <summary>
    /// One aggregate, cast to the IR's result type (Spark's count is bigint and avg is double or a widened decimal,
    /// where C#'s Count is int and Average of decimal is decimal).
    /// </summary>
    private static string PrintAggregate(AggregateCall call)
    {
        string body;
        var argument = call.Argument is null ? null : PySparkExpressionPrinter.Print(call.Argument);
        switch (call.Kind)
        {
            case AggregateKind.Count:
                // Count() counts rows; Count(predicate) counts rows where it is true; otherwise non-null values.
                body = argument is null
                    ? "F.count(F.lit(1))"
                    : call.Argument!.Type.Kind == TypeKind.Boolean ? "F.count(F.when(" + argument + ", F.lit(1)))" : "F.count(" + argument + ")";
                break;
            case AggregateKind.Sum:
                body = "F.sum(" + (argument ?? "F.lit(1)") + ")";
                break;
            case AggregateKind.Min:
                body = "F.min(" + (argument ?? "F.lit(None)") + ")";
                break;
            case AggregateKind.Max:
                body = "F.max(" + (argument ?? "F.lit(None)") + ")";
                break;
            default:
                body = "F.avg(" + (argument ?? "F.lit(None)") + ")";
                break;
        }

        return body + ".cast(" + PySparkSyntax.PyLiteral(PySparkSyntax.SparkType(call.Type)) + ")";
    }
}

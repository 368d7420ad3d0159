using System;
using Pipeline.Generators.Model;

namespace Pipeline.Emitters.Tests;

/// <summary>Visits every expression of a plan (test helper for coverage checks).</summary>
internal static class ExprWalker
{
    public static void Walk(PlanNode node, Action<Expr> visit)
    {
        switch (node)
        {
            case FilterNode filter:
                Walk(filter.Child, visit);
                Walk(filter.Predicate, visit);
                break;
            case ProjectNode project:
                Walk(project.Child, visit);
                foreach (var column in project.Columns)
                {
                    Walk(column.Expression, visit);
                }

                break;
            case DistinctNode distinct:
                Walk(distinct.Child, visit);
                break;
            case AggregateNode aggregate:
                Walk(aggregate.Child, visit);
                foreach (var key in aggregate.Keys)
                {
                    Walk(key, visit);
                }

                foreach (var call in aggregate.Aggregates)
                {
                    if (call.Argument is not null)
                    {
                        Walk(call.Argument, visit);
                    }
                }

                foreach (var output in aggregate.Outputs)
                {
                    Walk(output.Expression, visit);
                }

                break;
            case JoinNode join:
                Walk(join.Left, visit);
                Walk(join.Right, visit);
                foreach (var key in join.LeftKeys)
                {
                    Walk(key, visit);
                }

                foreach (var key in join.RightKeys)
                {
                    Walk(key, visit);
                }

                foreach (var output in join.Outputs)
                {
                    Walk(output.Expression, visit);
                }

                break;
            case UnionNode union:
                Walk(union.Left, visit);
                Walk(union.Right, visit);
                break;
        }
    }

    public static void Walk(Expr expr, Action<Expr> visit)
    {
        visit(expr);
        switch (expr)
        {
            case FieldExpr field:
                Walk(field.Target, visit);
                break;
            case BinaryExpr binary:
                Walk(binary.Left, visit);
                Walk(binary.Right, visit);
                break;
            case UnaryExpr unary:
                Walk(unary.Operand, visit);
                break;
            case IsNullExpr isNull:
                Walk(isNull.Operand, visit);
                break;
            case FunctionExpr function:
                foreach (var argument in function.Arguments)
                {
                    Walk(argument, visit);
                }

                break;
            case ConditionalExpr conditional:
                Walk(conditional.Condition, visit);
                Walk(conditional.WhenTrue, visit);
                Walk(conditional.WhenFalse, visit);
                break;
            case CastExpr cast:
                Walk(cast.Operand, visit);
                break;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

using TypeKind = Pipeline.Generators.Model.TypeKind;

namespace Pipeline.Generators.Parsing;

/// <summary>
/// Translates a stage body — a chain of <c>Dataset&lt;T&gt;</c> operators over the stage's parameters — into a
/// <see cref="PlanNode"/> tree. Lambdas inside are handed to <see cref="ExpressionTranslator"/>.
/// </summary>
internal sealed class QueryTranslator
{
    private readonly SemanticModel _model;
    private readonly SchemaBuilder _schemas;
    private readonly ExpressionTranslator _expressions;
    private readonly List<ParseProblem> _problems;
    private readonly CancellationToken _ct;

    public QueryTranslator(SemanticModel model, SchemaBuilder schemas, List<ParseProblem> problems, CancellationToken ct)
    {
        _model = model;
        _schemas = schemas;
        _problems = problems;
        _ct = ct;
        _expressions = new ExpressionTranslator(model, schemas, problems, ct);
    }

    /// <param name="inputs">Stage parameter → the member name of the source or stage it is bound to.</param>
    public PlanNode? Translate(ExpressionSyntax body, IReadOnlyDictionary<IParameterSymbol, string> inputs)
    {
        _ct.ThrowIfCancellationRequested();
        switch (body)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Translate(parenthesized.Expression, inputs);
            case IdentifierNameSyntax identifier:
                if (_model.GetSymbolInfo(identifier, _ct).Symbol is IParameterSymbol parameter && inputs.TryGetValue(parameter, out var input))
                {
                    return new InputNode(input);
                }

                return Fail(identifier, ParserRuleIds.NotAQuery, $"'{identifier.Identifier.ValueText}' is not a parameter of this stage");
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } invocation
                when _model.GetSymbolInfo(invocation, _ct).Symbol is IMethodSymbol method && AttributeReader.Is(method.ContainingType, KnownNames.Dataset):
                return TranslateOperator(invocation, member, method, inputs);
            default:
                return Fail(body, ParserRuleIds.NotAQuery,
                    "a stage body must be one query over its parameters using Where, Select, DistinctBy, GroupBy, Join, LeftJoin, Union or Concat");
        }
    }

    private PlanNode? TranslateOperator(InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax member, IMethodSymbol method, IReadOnlyDictionary<IParameterSymbol, string> inputs)
    {
        var child = Translate(member.Expression, inputs);
        var rowSchema = RowSchema(member.Expression);
        if (child is null || rowSchema is null)
        {
            return null;
        }

        switch (method.Name)
        {
            case "Where":
            {
                var lambda = LambdaArgument(invocation, method, 0, 1);
                var scope = RowScope(lambda, 0, null, rowSchema);
                if (lambda is null || scope is null)
                {
                    return null;
                }

                var predicate = _expressions.TranslateValue(lambda.ExpressionBody!, scope);
                return predicate is null ? null : new FilterNode(child, predicate);
            }

            case "Select":
            {
                var lambda = LambdaArgument(invocation, method, 0, 1);
                var scope = RowScope(lambda, 0, null, rowSchema);
                if (lambda is null || scope is null)
                {
                    return null;
                }

                if (lambda.ExpressionBody is IdentifierNameSyntax identity && _model.GetSymbolInfo(identity, _ct).Symbol is IParameterSymbol p && scope.Rows.ContainsKey(p))
                {
                    return child;
                }

                var columns = Construct(lambda.ExpressionBody!, method.ReturnType, scope);
                return columns is null ? null : new ProjectNode(child, columns.Value);
            }

            case "DistinctBy":
            {
                var lambda = LambdaArgument(invocation, method, 0, 1);
                var scope = RowScope(lambda, 0, null, rowSchema);
                if (lambda is null || scope is null)
                {
                    return null;
                }

                var keys = DistinctKeys(lambda.ExpressionBody!, scope);
                return keys is null ? null : new DistinctNode(child, keys.Value);
            }

            case "GroupBy":
                return TranslateGroupBy(invocation, method, child, rowSchema);
            case "Join" or "LeftJoin":
                return TranslateJoin(invocation, method, child, rowSchema, inputs, method.Name == "Join" ? JoinKind.Inner : JoinKind.Left);
            case "Union" or "Concat":
            {
                var other = Argument(invocation, method, 0);
                var right = other is null ? null : Translate(other, inputs);
                return right is null ? null : new UnionNode(child, right, method.Name == "Union");
            }

            default:
                return Fail(member.Name, ParserRuleIds.UntranslatableExpression, $"'{method.Name}' has no translation");
        }
    }

    private PlanNode? TranslateGroupBy(InvocationExpressionSyntax invocation, IMethodSymbol method, PlanNode child, SchemaSpec rowSchema)
    {
        var keyLambda = LambdaArgument(invocation, method, 0, 1);
        var keyScope = RowScope(keyLambda, 0, null, rowSchema);
        var resultLambda = LambdaArgument(invocation, method, 1, 2);
        if (keyLambda is null || keyScope is null || resultLambda is null)
        {
            return null;
        }

        var scope = new TranslationScope
        {
            KeyParameter = _expressions.LambdaParameter(resultLambda, 0),
            GroupParameter = _expressions.LambdaParameter(resultLambda, 1),
            GroupRowSchema = rowSchema,
        };

        var keys = new List<Expr>();
        if (keyLambda.ExpressionBody is AnonymousObjectCreationExpressionSyntax anonymous)
        {
            foreach (var initializer in anonymous.Initializers)
            {
                var name = initializer.NameEquals?.Name.Identifier.ValueText ?? MemberName(initializer.Expression);
                var key = _expressions.TranslateValue(initializer.Expression, keyScope);
                if (key is null || name is null)
                {
                    return name is null ? Fail(initializer, ParserRuleIds.UntranslatableExpression, "name this key member: new { Name = ... }") : null;
                }

                scope.KeyMembers[name] = keys.Count;
                scope.KeyTypes.Add(key.Type);
                keys.Add(key);
            }
        }
        else
        {
            var key = _expressions.TranslateValue(keyLambda.ExpressionBody!, keyScope);
            if (key is null)
            {
                return null;
            }

            scope.SingleKeyType = key.Type;
            scope.KeyTypes.Add(key.Type);
            keys.Add(key);
        }

        var outputs = Construct(resultLambda.ExpressionBody!, method.ReturnType, scope);
        return outputs is null ? null : new AggregateNode(child, keys.ToEquatableArray(), scope.Aggregates.ToEquatableArray(), outputs.Value);
    }

    private PlanNode? TranslateJoin(InvocationExpressionSyntax invocation, IMethodSymbol method, PlanNode left, SchemaSpec leftSchema, IReadOnlyDictionary<IParameterSymbol, string> inputs, JoinKind kind)
    {
        var rightSyntax = Argument(invocation, method, 0);
        var right = rightSyntax is null ? null : Translate(rightSyntax, inputs);
        var rightSchema = rightSyntax is null ? null : RowSchema(rightSyntax);
        var leftKeyLambda = LambdaArgument(invocation, method, 1, 1);
        var rightKeyLambda = LambdaArgument(invocation, method, 2, 1);
        var resultLambda = LambdaArgument(invocation, method, 3, 2);
        if (right is null || rightSchema is null || leftKeyLambda is null || rightKeyLambda is null || resultLambda is null)
        {
            return null;
        }

        var leftKeys = JoinKeys(leftKeyLambda, RowScope(leftKeyLambda, 0, JoinNode.LeftQualifier, leftSchema));
        var rightKeys = JoinKeys(rightKeyLambda, RowScope(rightKeyLambda, 0, JoinNode.RightQualifier, rightSchema));
        if (leftKeys is null || rightKeys is null)
        {
            return null;
        }

        if (leftKeys.Count != rightKeys.Count)
        {
            return Fail(rightKeyLambda, ParserRuleIds.UntranslatableExpression, "both key selectors must produce the same number of keys");
        }

        var scope = RowScope(resultLambda, 0, JoinNode.LeftQualifier, leftSchema);
        var rightParameter = _expressions.LambdaParameter(resultLambda, 1);
        if (scope is null || rightParameter is null)
        {
            return null;
        }

        scope.Rows[rightParameter] = new RowBinding(JoinNode.RightQualifier, rightSchema, kind == JoinKind.Left ? rightKeys[0] : null);
        var outputs = Construct(resultLambda.ExpressionBody!, method.ReturnType, scope);
        return outputs is null ? null : new JoinNode(left, right, kind, leftKeys.ToEquatableArray(), rightKeys.ToEquatableArray(), outputs.Value);
    }

    private List<Expr>? JoinKeys(LambdaExpressionSyntax lambda, TranslationScope? scope)
    {
        if (scope is null)
        {
            return null;
        }

        var keys = new List<Expr>();
        if (lambda.ExpressionBody is AnonymousObjectCreationExpressionSyntax anonymous)
        {
            foreach (var initializer in anonymous.Initializers)
            {
                var key = _expressions.TranslateValue(initializer.Expression, scope);
                if (key is null)
                {
                    return null;
                }

                keys.Add(key);
            }
        }
        else
        {
            var key = _expressions.TranslateValue(lambda.ExpressionBody!, scope);
            if (key is null)
            {
                return null;
            }

            keys.Add(key);
        }

        return keys;
    }

    private EquatableArray<string>? DistinctKeys(ExpressionSyntax body, TranslationScope scope)
    {
        var parts = body is AnonymousObjectCreationExpressionSyntax anonymous
            ? ExpressionsOf(anonymous)
            : new List<ExpressionSyntax> { body };
        var names = new List<string>();
        foreach (var part in parts)
        {
            var key = _expressions.TranslateValue(part, scope);
            if (key is null)
            {
                return null;
            }

            if (key is not ColumnExpr { Qualifier: null } column)
            {
                Fail(part, ParserRuleIds.UntranslatableExpression, "DistinctBy keys must be columns of the row (o => o.Id or o => new { o.A, o.B })");
                return null;
            }

            names.Add(column.Name);
        }

        return names.ToEquatableArray();
    }

    private static List<ExpressionSyntax> ExpressionsOf(AnonymousObjectCreationExpressionSyntax anonymous)
    {
        var list = new List<ExpressionSyntax>();
        foreach (var initializer in anonymous.Initializers)
        {
            list.Add(initializer.Expression);
        }

        return list;
    }

    /// <summary>
    /// The output columns of <c>new T { P = ... }</c> or <c>new T(...)</c>, in the target schema's column order.
    /// Properties not set get C#'s default: null, 0 or false.
    /// </summary>
    private EquatableArray<NamedExpr>? Construct(ExpressionSyntax body, ITypeSymbol datasetType, TranslationScope scope)
    {
        if (datasetType is not INamedTypeSymbol { TypeArguments.Length: 1 } named)
        {
            Fail(body, ParserRuleIds.UntranslatableExpression, "the result must be a Dataset<T> of a record type");
            return null;
        }

        var targetType = named.TypeArguments[0];
        var schema = _schemas.GetSchema(targetType, body.GetLocation());
        if (schema is null)
        {
            return null;
        }

        ArgumentListSyntax? arguments;
        InitializerExpressionSyntax? initializer;
        switch (body)
        {
            case ObjectCreationExpressionSyntax creation:
                arguments = creation.ArgumentList;
                initializer = creation.Initializer;
                break;
            case ImplicitObjectCreationExpressionSyntax implicitCreation:
                arguments = implicitCreation.ArgumentList;
                initializer = implicitCreation.Initializer;
                break;
            default:
                Fail(body, ParserRuleIds.UntranslatableExpression, $"the result selector must create the record: new {targetType.Name} {{ ... }}");
                return null;
        }

        var assigned = new Dictionary<string, Expr>(StringComparer.Ordinal);
        var ok = true;
        if (arguments is { Arguments.Count: > 0 } && _model.GetSymbolInfo(body, _ct).Symbol is IMethodSymbol constructor)
        {
            for (var i = 0; i < arguments.Arguments.Count; i++)
            {
                var argument = arguments.Arguments[i];
                var parameterName = argument.NameColon?.Name.Identifier.ValueText ?? (i < constructor.Parameters.Length ? constructor.Parameters[i].Name : null);
                var column = parameterName is null ? null : FindColumnIgnoreCase(schema, parameterName);
                if (column is null)
                {
                    Fail(argument, ParserRuleIds.UntranslatableExpression, "constructor arguments must match a property of the record by name");
                    ok = false;
                    continue;
                }

                var value = _expressions.TranslateValue(argument.Expression, scope);
                ok &= value is not null;
                if (value is not null)
                {
                    assigned[column.PropertyName] = value;
                }
            }
        }

        if (initializer is not null)
        {
            foreach (var expression in initializer.Expressions)
            {
                if (expression is not AssignmentExpressionSyntax { Left: IdentifierNameSyntax target } assignment
                    || schema.FindProperty(target.Identifier.ValueText) is null)
                {
                    Fail(expression, ParserRuleIds.UntranslatableExpression, "only 'Property = value' assignments of the record's columns are translated");
                    ok = false;
                    continue;
                }

                var value = _expressions.TranslateValue(assignment.Right, scope);
                ok &= value is not null;
                if (value is not null)
                {
                    assigned[target.Identifier.ValueText] = value;
                }
            }
        }

        if (!ok)
        {
            return null;
        }

        var columns = new List<NamedExpr>(schema.Columns.Count);
        foreach (var column in schema.Columns)
        {
            if (assigned.TryGetValue(column.PropertyName, out var value))
            {
                columns.Add(new NamedExpr(column.Name, value));
                continue;
            }

            var fallback = Initializer(targetType, column, body, out var failed) ?? (failed ? null : DefaultValue(column.Type));
            if (failed)
            {
                return null;
            }

            if (fallback is null)
            {
                Fail(body, ParserRuleIds.UntranslatableExpression, $"set '{column.PropertyName}': a {column.Type.Kind} column has no default value to translate");
                return null;
            }

            columns.Add(new NamedExpr(column.Name, fallback));
        }

        return columns.ToEquatableArray();
    }

    /// <summary>An unset property takes its initializer (<c>= ""</c>) as in C#; only a constant initializer translates.</summary>
    private Expr? Initializer(ITypeSymbol targetType, ColumnSpec column, SyntaxNode body, out bool failed)
    {
        failed = false;
        foreach (var property in SchemaBuilder.ColumnProperties(targetType))
        {
            if (property.Name != column.PropertyName)
            {
                continue;
            }

            foreach (var reference in property.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(_ct) is not PropertyDeclarationSyntax { Initializer.Value: { } value })
                {
                    continue;
                }

                var model = value.SyntaxTree == _model.SyntaxTree ? _model : _model.Compilation.GetSemanticModel(value.SyntaxTree);
                var constant = model.GetConstantValue(value, _ct);
                if (!constant.HasValue)
                {
                    Fail(body, ParserRuleIds.UntranslatableExpression, $"set '{column.PropertyName}' here: its initializer is not a constant, so it has no translation");
                    failed = true;
                    return null;
                }

                return constant.Value switch
                {
                    null => new LiteralExpr(column.Type.WithNullable(true), null),
                    bool b => new LiteralExpr(column.Type, b ? "true" : "false"),
                    string text => new LiteralExpr(column.Type, text),
                    System.IFormattable number => new LiteralExpr(column.Type, number.ToString(null, System.Globalization.CultureInfo.InvariantCulture)),
                    _ => null,
                };
            }
        }

        return null;
    }

    private static ColumnSpec? FindColumnIgnoreCase(SchemaSpec schema, string name)
    {
        foreach (var column in schema.Columns)
        {
            if (string.Equals(column.PropertyName, name, StringComparison.OrdinalIgnoreCase))
            {
                return column;
            }
        }

        return null;
    }

    private static Expr? DefaultValue(DataType type)
    {
        if (type.Nullable || type.Kind == TypeKind.String)
        {
            return new LiteralExpr(type.WithNullable(true), null);
        }

        return type.Kind switch
        {
            TypeKind.Boolean => new LiteralExpr(type, "false"),
            _ when type.IsNumeric => new LiteralExpr(type, "0"),
            _ => null,
        };
    }

    private SchemaSpec? RowSchema(ExpressionSyntax datasetExpression)
    {
        var type = _model.GetTypeInfo(datasetExpression, _ct).Type as INamedTypeSymbol;
        if (type is null || !AttributeReader.Is(type, KnownNames.Dataset))
        {
            Fail(datasetExpression, ParserRuleIds.NotAQuery, "expected a Dataset<T>");
            return null;
        }

        return _schemas.GetSchema(type.TypeArguments[0], datasetExpression.GetLocation());
    }

    private TranslationScope? RowScope(LambdaExpressionSyntax? lambda, int index, string? qualifier, SchemaSpec schema)
    {
        if (lambda is null)
        {
            return null;
        }

        var parameter = _expressions.LambdaParameter(lambda, index);
        if (parameter is null)
        {
            Fail(lambda, ParserRuleIds.UntranslatableExpression, "the lambda needs a named parameter");
            return null;
        }

        var scope = new TranslationScope();
        scope.Rows[parameter] = new RowBinding(qualifier, schema);
        return scope;
    }

    private LambdaExpressionSyntax? LambdaArgument(InvocationExpressionSyntax invocation, IMethodSymbol method, int ordinal, int parameterCount)
    {
        var argument = Argument(invocation, method, ordinal);
        if (argument is not LambdaExpressionSyntax lambda)
        {
            Fail(argument ?? (SyntaxNode)invocation, ParserRuleIds.UntranslatableExpression, "write the argument as a lambda, e.g. o => o.Amount > 0");
            return null;
        }

        if (lambda.ExpressionBody is null)
        {
            Fail(lambda, ParserRuleIds.UntranslatableExpression, "the lambda must have an expression body, not a block");
            return null;
        }

        var count = lambda is SimpleLambdaExpressionSyntax ? 1 : ((ParenthesizedLambdaExpressionSyntax)lambda).ParameterList.Parameters.Count;
        if (count != parameterCount)
        {
            Fail(lambda, ParserRuleIds.UntranslatableExpression, $"the lambda must take {parameterCount} parameter(s)");
            return null;
        }

        return lambda;
    }

    private ExpressionSyntax? Argument(InvocationExpressionSyntax invocation, IMethodSymbol method, int ordinal)
    {
        var arguments = invocation.ArgumentList.Arguments;
        var parameterName = ordinal < method.Parameters.Length ? method.Parameters[ordinal].Name : null;
        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].NameColon is { } nameColon)
            {
                if (nameColon.Name.Identifier.ValueText == parameterName)
                {
                    return arguments[i].Expression;
                }
            }
            else if (i == ordinal)
            {
                return arguments[i].Expression;
            }
        }

        return null;
    }

    private static string? MemberName(ExpressionSyntax expression) => expression switch
    {
        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        _ => null,
    };

    private PlanNode? Fail(SyntaxNode node, string ruleId, string message)
    {
        _problems.Add(new ParseProblem(ruleId, node.GetLocation(), message));
        return null;
    }
}

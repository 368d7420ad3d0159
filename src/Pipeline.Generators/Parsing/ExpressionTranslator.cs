using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

using TypeKind = Pipeline.Generators.Model.TypeKind;

namespace Pipeline.Generators.Parsing;

/// <summary>
/// Translates the body of a transform lambda into an <see cref="Expr"/>. Each construct outside the
/// supported subset becomes a PIPE100 problem at that exact sub-expression; translation then returns null.
/// </summary>
/// <remarks>
/// The C#-versus-SQL decisions are taken here, once, and written into the tree (docs/translation.md):
/// equality involving a value that may be null is null-safe (C# <c>null != "x"</c> is true); ordering comparisons
/// involving a value that may be null are false when it is null (C# lifted operators); string <c>+</c> treats null
/// as empty. Printers only print.
/// </remarks>
internal sealed class ExpressionTranslator
{
    private static readonly DataType BooleanType = new(TypeKind.Boolean, false);
    private static readonly DataType IntType = new(TypeKind.Int, false);
    private static readonly DataType StringType = new(TypeKind.String, false);

    private readonly SemanticModel _model;
    private readonly SchemaBuilder _schemas;
    private readonly List<ParseProblem> _problems;
    private readonly CancellationToken _ct;

    public ExpressionTranslator(SemanticModel model, SchemaBuilder schemas, List<ParseProblem> problems, CancellationToken ct)
    {
        _model = model;
        _schemas = schemas;
        _problems = problems;
        _ct = ct;
    }

    /// <summary>Translates a value expression (never a whole row). Returns null after recording a problem.</summary>
    public Expr? TranslateValue(ExpressionSyntax node, TranslationScope scope)
    {
        var expr = Translate(node, scope);
        if (expr is RowRefExpr or KeyRefExpr)
        {
            return Fail(node, "a whole row or key cannot be used as a value here; use one of its properties");
        }

        return expr;
    }

    public Expr? Translate(ExpressionSyntax node, TranslationScope scope)
    {
        _ct.ThrowIfCancellationRequested();
        var info = _model.GetTypeInfo(node, _ct);
        var constant = _model.GetConstantValue(node, _ct);
        // Boxing to object only happens as an operand of string concatenation, which converts to text itself.
        var convertedType = info.ConvertedType is { SpecialType: SpecialType.System_Object } ? info.Type : info.ConvertedType;
        if (constant.HasValue)
        {
            return Literal(node, constant.Value, convertedType ?? info.Type);
        }

        var expr = TranslateCore(node, scope);
        if (expr is null || expr is RowRefExpr or KeyRefExpr || convertedType is null || info.Type is null
            || SymbolEqualityComparer.IncludeNullability.Equals(info.Type, convertedType))
        {
            return expr;
        }

        var conversion = _model.GetConversion(node, _ct);
        if (conversion.IsIdentity)
        {
            return expr;
        }

        if (!(conversion.IsNumeric || conversion.IsNullable || conversion.IsImplicit))
        {
            return Fail(node, $"conversion from '{info.Type.ToDisplayString()}' to '{convertedType.ToDisplayString()}' has no translation");
        }

        var target = MapType(convertedType, node);
        if (target is null)
        {
            return null;
        }

        if (target.Kind == TypeKind.Decimal && expr.Type.IsIntegral)
        {
            // An integer becomes a decimal wide enough for every value of its type, scale 0 (Spark's rule too).
            target = target with { Precision = IntegralDigits(expr.Type.Kind), Scale = 0 };
        }

        return target.Kind == expr.Type.Kind && target.Precision == expr.Type.Precision && target.Scale == expr.Type.Scale
            ? expr with { Type = target }
            : new CastExpr(target, expr);
    }

    private Expr? TranslateCore(ExpressionSyntax node, TranslationScope scope)
    {
        switch (node)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Translate(parenthesized.Expression, scope);
            case IdentifierNameSyntax identifier:
                return TranslateIdentifier(identifier, scope);
            case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                return Translate(suppressed.Operand, scope);
            case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } member
                when _model.GetSymbolInfo(member.Expression, _ct).Symbol is ITypeSymbol or INamespaceSymbol:
                return Fail(member, $"'{member}' has no translation: only constants, columns and the supported methods can be used");
            case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } member:
            {
                var receiver = Translate(member.Expression, scope);
                return receiver is null ? null : AccessMember(member, receiver, member.Name, scope);
            }

            case ConditionalAccessExpressionSyntax conditional:
                return TranslateConditionalAccess(conditional, scope);
            case InvocationExpressionSyntax invocation:
                return TranslateInvocation(invocation, scope, null);
            case BinaryExpressionSyntax binary:
                return TranslateBinary(binary, scope);
            case PrefixUnaryExpressionSyntax unary:
                return TranslateUnary(unary, scope);
            case ConditionalExpressionSyntax conditional:
                return TranslateConditional(conditional, scope);
            case CastExpressionSyntax cast:
                return TranslateCast(cast, scope);
            case IsPatternExpressionSyntax pattern:
                return TranslateIsPattern(pattern, scope);
            case LiteralExpressionSyntax:
                return Fail(node, "this literal has no column type");
            default:
                return Fail(node, DescribeUnsupported(node));
        }
    }

    private static string DescribeUnsupported(ExpressionSyntax node) => node switch
    {
        LambdaExpressionSyntax => "a nested lambda is only allowed as the argument of a group aggregate (g.Sum(x => ...))",
        ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or AnonymousObjectCreationExpressionSyntax =>
            "object creation is only allowed as the whole body of a Select, GroupBy or Join result selector",
        InterpolatedStringExpressionSyntax => "string interpolation has no translation; concatenate with +",
        SwitchExpressionSyntax => "switch expressions have no translation; use ?:",
        AssignmentExpressionSyntax => "assignments have no translation",
        _ => $"'{node.Kind()}' has no translation to Spark or SQL",
    };

    private Expr? TranslateIdentifier(IdentifierNameSyntax identifier, TranslationScope scope)
    {
        var symbol = _model.GetSymbolInfo(identifier, _ct).Symbol;
        if (symbol is IParameterSymbol parameter)
        {
            if (scope.Rows.TryGetValue(parameter, out var binding))
            {
                return new RowRefExpr(binding);
            }

            if (SymbolEqualityComparer.Default.Equals(parameter, scope.KeyParameter))
            {
                return scope.SingleKeyType is { } keyType ? new ColumnExpr(keyType, null, AggregateNode.KeyAlias(0)) : new KeyRefExpr();
            }

            if (SymbolEqualityComparer.Default.Equals(parameter, scope.GroupParameter))
            {
                return Fail(identifier, "the group can only be used through its aggregates: g.Count(), g.Sum(x => ...), g.Min/Max/Average(x => ...)");
            }
        }

        return Fail(identifier, $"'{identifier.Identifier.ValueText}' is not a column, a lambda parameter or a constant; only constants can be captured");
    }

    private Expr? AccessMember(ExpressionSyntax node, Expr receiver, SimpleNameSyntax name, TranslationScope scope)
    {
        var symbol = _model.GetSymbolInfo(name, _ct).Symbol;
        if (symbol is not IPropertySymbol property)
        {
            return Fail(node, $"'{name.Identifier.ValueText}' is not a property with a translation");
        }

        switch (receiver)
        {
            case RowRefExpr row:
            {
                var column = row.Binding.Schema.FindProperty(property.Name);
                return column is null
                    ? Fail(node, $"'{property.Name}' is not a column of {row.Binding.Schema.Name}")
                    : new ColumnExpr(column.Type, row.Binding.Qualifier, column.Name);
            }

            case KeyRefExpr:
                return scope.KeyMembers.TryGetValue(property.Name, out var index)
                    ? new ColumnExpr(scope.KeyTypes[index], null, AggregateNode.KeyAlias(index))
                    : Fail(node, $"'{property.Name}' is not a member of the group key");
        }

        if (receiver.Type.Kind == TypeKind.Struct)
        {
            foreach (var field in receiver.Type.Fields)
            {
                if (field.PropertyName == property.Name)
                {
                    return new FieldExpr(receiver.Type.Nullable ? field.Type.WithNullable(true) : field.Type, receiver, field.Name);
                }
            }

            return Fail(node, $"'{property.Name}' is not a field of this struct column");
        }

        var container = property.ContainingType;
        var containerName = container.ContainingNamespace?.ToDisplayString() == "System" ? container.MetadataName : "";
        var nullable = receiver.Type.Nullable;
        switch (containerName, property.Name)
        {
            case ("String", "Length"):
                return new FunctionExpr(IntType.WithNullable(true), FunctionKind.Length, Args(receiver));
            case ("DateOnly" or "DateTime" or "DateTimeOffset", "Year"):
                return new FunctionExpr(IntType.WithNullable(nullable), FunctionKind.Year, Args(receiver));
            case ("DateOnly" or "DateTime" or "DateTimeOffset", "Month"):
                return new FunctionExpr(IntType.WithNullable(nullable), FunctionKind.Month, Args(receiver));
            case ("DateOnly" or "DateTime" or "DateTimeOffset", "Day"):
                return new FunctionExpr(IntType.WithNullable(nullable), FunctionKind.Day, Args(receiver));
            case ("DateTime" or "DateTimeOffset", "Date"):
                return new FunctionExpr(new DataType(TypeKind.Timestamp, nullable), FunctionKind.TruncateToDay, Args(receiver));
            case ("Nullable`1", "Value"):
                return receiver with { Type = receiver.Type.WithNullable(false) };
            case ("Nullable`1", "HasValue"):
                return new IsNullExpr(BooleanType, receiver, Negated: true);
        }

        return Fail(node, $"'{container.Name}.{property.Name}' has no translation");
    }

    private Expr? TranslateConditionalAccess(ConditionalAccessExpressionSyntax conditional, TranslationScope scope)
    {
        // a?.B: Spark and SQL already propagate null through member access and functions, so ?. needs no test.
        var receiver = Translate(conditional.Expression, scope);
        if (receiver is null)
        {
            return null;
        }

        switch (conditional.WhenNotNull)
        {
            case MemberBindingExpressionSyntax binding:
                return AccessMember(conditional, receiver, binding.Name, scope) is { } value ? value with { Type = value.Type.WithNullable(true) } : null;
            case InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax } invocation:
                return TranslateInvocation(invocation, scope, receiver) is { } call ? call with { Type = call.Type.WithNullable(true) } : null;
            default:
                return Fail(conditional.WhenNotNull, "only one member or method after ?. can be translated");
        }
    }

    private Expr? TranslateInvocation(InvocationExpressionSyntax invocation, TranslationScope scope, Expr? boundReceiver)
    {
        if (_model.GetSymbolInfo(invocation, _ct).Symbol is not IMethodSymbol method)
        {
            return Fail(invocation, "this call has no translation");
        }

        var arguments = invocation.ArgumentList.Arguments;
        if (AttributeReader.Is(method.ContainingType, KnownNames.Group))
        {
            return TranslateAggregate(invocation, method, scope);
        }

        var container = method.ContainingType.ContainingNamespace?.ToDisplayString() == "System" ? method.ContainingType.MetadataName : "";
        if (method.IsStatic)
        {
            if (container == "DateOnly" && method.Name == "FromDateTime" && arguments.Count == 1)
            {
                var value = TranslateValue(arguments[0].Expression, scope);
                return value is null ? null : new FunctionExpr(new DataType(TypeKind.Date, value.Type.Nullable), FunctionKind.ToDate, Args(value));
            }

            return Fail(invocation, $"'{method.ContainingType.Name}.{method.Name}' has no translation");
        }

        Expr? receiver = boundReceiver;
        if (receiver is null)
        {
            if (invocation.Expression is not MemberAccessExpressionSyntax member)
            {
                return Fail(invocation, "this call has no translation");
            }

            receiver = TranslateValue(member.Expression, scope);
            if (receiver is null)
            {
                return null;
            }
        }

        if (container != "String")
        {
            return Fail(invocation, $"'{method.ContainingType.Name}.{method.Name}' has no translation");
        }

        var stringResult = StringType.WithNullable(true);
        switch (method.Name)
        {
            case "StartsWith" or "EndsWith" or "Contains" when arguments.Count == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_String:
            {
                var argument = TranslateValue(arguments[0].Expression, scope);
                if (argument is null)
                {
                    return null;
                }

                var kind = method.Name switch
                {
                    "StartsWith" => FunctionKind.StartsWith,
                    "EndsWith" => FunctionKind.EndsWith,
                    _ => FunctionKind.Contains,
                };

                // C# would throw on a null receiver; the translation yields false, so a Where drops the row.
                var call = new FunctionExpr(BooleanType.WithNullable(true), kind, Args(receiver, argument));
                return new FunctionExpr(BooleanType, FunctionKind.Coalesce, Args(call, new LiteralExpr(BooleanType, "false")));
            }

            case "ToUpper" or "ToUpperInvariant" when arguments.Count == 0:
                return new FunctionExpr(stringResult, FunctionKind.Upper, Args(receiver));
            case "ToLower" or "ToLowerInvariant" when arguments.Count == 0:
                return new FunctionExpr(stringResult, FunctionKind.Lower, Args(receiver));
            case "Trim" when arguments.Count == 0:
                return new FunctionExpr(stringResult, FunctionKind.Trim, Args(receiver));
            case "Substring" when arguments.Count is 1 or 2:
            {
                var start = TranslateValue(arguments[0].Expression, scope);
                var length = arguments.Count == 2 ? TranslateValue(arguments[1].Expression, scope) : null;
                if (start is null || (arguments.Count == 2 && length is null))
                {
                    return null;
                }

                return new FunctionExpr(stringResult, FunctionKind.Substring, length is null ? Args(receiver, start) : Args(receiver, start, length));
            }
        }

        return Fail(invocation, $"'string.{method.Name}' with these arguments has no translation; supported: StartsWith/EndsWith/Contains(string), ToUpper(), ToLower(), Trim(), Substring(start[, length]), Length");
    }

    private Expr? TranslateAggregate(InvocationExpressionSyntax invocation, IMethodSymbol method, TranslationScope scope)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax member
            || _model.GetSymbolInfo(member.Expression, _ct).Symbol is not IParameterSymbol parameter
            || !SymbolEqualityComparer.Default.Equals(parameter, scope.GroupParameter)
            || scope.GroupRowSchema is null)
        {
            return Fail(invocation, "aggregates are only translated directly on the group parameter of a GroupBy result selector");
        }

        var resultType = MapType(method.ReturnType, invocation);
        if (resultType is null)
        {
            return null;
        }

        var kind = method.Name switch
        {
            "Count" or "LongCount" => AggregateKind.Count,
            "Sum" => AggregateKind.Sum,
            "Min" => AggregateKind.Min,
            "Max" => AggregateKind.Max,
            "Average" => AggregateKind.Average,
            _ => (AggregateKind?)null,
        };

        if (kind is null)
        {
            return Fail(invocation, $"'{method.Name}' is not an aggregate");
        }

        Expr? argument = null;
        if (kind != AggregateKind.Count)
        {
            if (invocation.ArgumentList.Arguments.Count != 1 || invocation.ArgumentList.Arguments[0].Expression is not LambdaExpressionSyntax lambda)
            {
                return Fail(invocation, "aggregates take one lambda over the group's rows: g.Sum(x => x.Amount)");
            }

            var inner = new TranslationScope();
            var rowParameter = LambdaParameter(lambda, 0);
            if (rowParameter is null || lambda.ExpressionBody is null)
            {
                return Fail(lambda, "the aggregate lambda must be an expression lambda with one parameter");
            }

            inner.Rows[rowParameter] = new RowBinding(null, scope.GroupRowSchema);
            argument = TranslateValue(lambda.ExpressionBody, inner);
            if (argument is null)
            {
                return null;
            }
        }

        // Spark's sum/min/max/avg return null for an all-null group; Count never does.
        var type = kind == AggregateKind.Count ? resultType : resultType.WithNullable(true);
        var index = scope.AddAggregate(new AggregateCall(kind.Value, argument, type));
        return new ColumnExpr(type, null, AggregateNode.AggregateAlias(index));
    }

    private Expr? TranslateBinary(BinaryExpressionSyntax binary, TranslationScope scope)
    {
        var kind = binary.Kind();
        if (kind is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression)
        {
            var negated = kind == SyntaxKind.NotEqualsExpression;
            if (IsNullLiteral(binary.Right) || IsNullLiteral(binary.Left))
            {
                return NullTest(IsNullLiteral(binary.Right) ? binary.Left : binary.Right, negated, scope);
            }
        }

        if (kind == SyntaxKind.CoalesceExpression)
        {
            var first = TranslateValue(binary.Left, scope);
            var second = TranslateValue(binary.Right, scope);
            var type = MapType(_model.GetTypeInfo(binary, _ct).Type, binary);
            return first is null || second is null || type is null ? null : new FunctionExpr(type, FunctionKind.Coalesce, Args(first, second));
        }

        var left = TranslateValue(binary.Left, scope);
        var right = TranslateValue(binary.Right, scope);
        if (left is null || right is null)
        {
            return null;
        }

        var mayBeNull = MayBeNull(left) || MayBeNull(right);
        var resultType = MapType(_model.GetTypeInfo(binary, _ct).Type, binary);
        if (resultType is null)
        {
            return null;
        }

        if (resultType.Kind == TypeKind.Decimal && left.Type.Kind == TypeKind.Decimal && right.Type.Kind == TypeKind.Decimal)
        {
            resultType = DecimalResult(kind, left.Type, right.Type, resultType.Nullable);
        }

        switch (kind)
        {
            case SyntaxKind.AddExpression when resultType.Kind == TypeKind.String:
                return new BinaryExpr(StringType, BinaryOp.Concat, ConcatOperand(left), ConcatOperand(right));
            case SyntaxKind.AddExpression:
                return new BinaryExpr(resultType, BinaryOp.Add, left, right);
            case SyntaxKind.SubtractExpression:
                return new BinaryExpr(resultType, BinaryOp.Subtract, left, right);
            case SyntaxKind.MultiplyExpression:
                return new BinaryExpr(resultType, BinaryOp.Multiply, left, right);
            case SyntaxKind.DivideExpression:
                return new BinaryExpr(resultType, BinaryOp.Divide, left, right);
            case SyntaxKind.ModuloExpression:
                return new BinaryExpr(resultType, BinaryOp.Modulo, left, right);
            case SyntaxKind.LogicalAndExpression:
                return new BinaryExpr(BooleanType, BinaryOp.And, left, right);
            case SyntaxKind.LogicalOrExpression:
                return new BinaryExpr(BooleanType, BinaryOp.Or, left, right);
            case SyntaxKind.EqualsExpression:
                return new BinaryExpr(BooleanType, mayBeNull ? BinaryOp.NullSafeEqual : BinaryOp.Equal, left, right);
            case SyntaxKind.NotEqualsExpression:
                return new BinaryExpr(BooleanType, mayBeNull ? BinaryOp.NullSafeNotEqual : BinaryOp.NotEqual, left, right);
            case SyntaxKind.LessThanExpression:
                return Ordering(BinaryOp.LessThan, left, right, mayBeNull);
            case SyntaxKind.LessThanOrEqualExpression:
                return Ordering(BinaryOp.LessThanOrEqual, left, right, mayBeNull);
            case SyntaxKind.GreaterThanExpression:
                return Ordering(BinaryOp.GreaterThan, left, right, mayBeNull);
            case SyntaxKind.GreaterThanOrEqualExpression:
                return Ordering(BinaryOp.GreaterThanOrEqual, left, right, mayBeNull);
            default:
                return Fail(binary, $"operator '{binary.OperatorToken.ValueText}' has no translation");
        }
    }

    /// <summary>
    /// The precision and scale of a decimal operation: Spark's rules (so the Glue job computes exactly this type), capped
    /// at 38 digits while keeping at least 6 of scale. C# decimals carry their scale with each value; this keeps
    /// intermediate results exact until the sink column's own scale applies.
    /// </summary>
    private static DataType DecimalResult(SyntaxKind kind, DataType left, DataType right, bool nullable)
    {
        int p1 = left.Precision, s1 = left.Scale, p2 = right.Precision, s2 = right.Scale;
        int precision, scale;
        switch (kind)
        {
            case SyntaxKind.MultiplyExpression:
                precision = p1 + p2 + 1;
                scale = s1 + s2;
                break;
            case SyntaxKind.DivideExpression:
                scale = Math.Max(6, s1 + p2 + 1);
                precision = p1 - s1 + s2 + scale;
                break;
            case SyntaxKind.ModuloExpression:
                scale = Math.Max(s1, s2);
                precision = Math.Min(p1 - s1, p2 - s2) + scale;
                break;
            default:
                scale = Math.Max(s1, s2);
                precision = Math.Max(p1 - s1, p2 - s2) + scale + 1;
                break;
        }

        if (precision > 38)
        {
            var integerDigits = precision - scale;
            scale = Math.Max(38 - integerDigits, Math.Min(scale, 6));
            precision = 38;
        }

        return new DataType(TypeKind.Decimal, nullable, Math.Max(precision, 1), Math.Max(scale, 0));
    }

    private static int IntegralDigits(TypeKind kind) => kind switch
    {
        TypeKind.Byte => 3,
        TypeKind.Short => 5,
        TypeKind.Int => 10,
        _ => 20,
    };

    /// <summary>C# lifted comparisons are false when an operand is null; SQL's are null. Coalesce makes them agree under <c>!</c> too.</summary>
    private static Expr Ordering(BinaryOp op, Expr left, Expr right, bool mayBeNull)
    {
        if (!mayBeNull)
        {
            return new BinaryExpr(BooleanType, op, left, right);
        }

        var comparison = new BinaryExpr(BooleanType.WithNullable(true), op, left, right);
        return new FunctionExpr(BooleanType, FunctionKind.Coalesce, Args(comparison, new LiteralExpr(BooleanType, "false")));
    }

    /// <summary>C# string concatenation turns null into "" and other types into their text.</summary>
    private static Expr ConcatOperand(Expr operand)
    {
        var text = operand.Type.Kind == TypeKind.String ? operand : new CastExpr(StringType.WithNullable(operand.Type.Nullable), operand);
        return MayBeNull(text)
            ? new FunctionExpr(StringType, FunctionKind.Coalesce, Args(text, new LiteralExpr(StringType, "")))
            : text;
    }

    /// <summary>Whether a value may be null at run time: nullable types, and every column of a reference type (data files can hold nulls whatever the annotation says).</summary>
    public static bool MayBeNull(Expr expr) => expr switch
    {
        LiteralExpr literal => literal.Value is null,
        _ => expr.Type.Nullable || expr.Type.Kind is TypeKind.String or TypeKind.Struct or TypeKind.Array,
    };

    private Expr? TranslateUnary(PrefixUnaryExpressionSyntax unary, TranslationScope scope)
    {
        var operand = TranslateValue(unary.Operand, scope);
        if (operand is null)
        {
            return null;
        }

        switch (unary.Kind())
        {
            case SyntaxKind.LogicalNotExpression:
                return new UnaryExpr(BooleanType, UnaryOp.Not, operand);
            case SyntaxKind.UnaryMinusExpression:
                return new UnaryExpr(operand.Type, UnaryOp.Negate, operand);
            case SyntaxKind.UnaryPlusExpression:
                return operand;
            default:
                return Fail(unary, $"operator '{unary.OperatorToken.ValueText}' has no translation");
        }
    }

    /// <summary><c>x == null</c>; for a whole row, see <see cref="RowBinding.NullWhen"/>.</summary>
    private Expr? NullTest(ExpressionSyntax operandSyntax, bool negated, TranslationScope scope)
    {
        var operand = Translate(operandSyntax, scope);
        switch (operand)
        {
            case null:
                return null;
            case RowRefExpr { Binding.NullWhen: { } keyColumn }:
                return new IsNullExpr(BooleanType, keyColumn, negated);
            case RowRefExpr:
                return new LiteralExpr(BooleanType, negated ? "true" : "false");
            case KeyRefExpr:
                return Fail(operandSyntax, "a group key is never null; test one of its members");
            default:
                return new IsNullExpr(BooleanType, operand, negated);
        }
    }

    private Expr? TranslateConditional(ConditionalExpressionSyntax conditional, TranslationScope scope)
    {
        var condition = TranslateValue(conditional.Condition, scope);
        var whenTrue = TranslateValue(conditional.WhenTrue, scope);
        var whenFalse = TranslateValue(conditional.WhenFalse, scope);
        var conditionalInfo = _model.GetTypeInfo(conditional, _ct);

        // A target-typed conditional (c ? null : x) has no natural type; it takes the type it converts to.
        var type = MapType(conditionalInfo.Type ?? conditionalInfo.ConvertedType, conditional);
        return condition is null || whenTrue is null || whenFalse is null || type is null
            ? null
            : new ConditionalExpr(type, condition, whenTrue, whenFalse);
    }

    private Expr? TranslateCast(CastExpressionSyntax cast, TranslationScope scope)
    {
        var operand = TranslateValue(cast.Expression, scope);
        var type = MapType(_model.GetTypeInfo(cast, _ct).Type, cast);
        if (operand is null || type is null)
        {
            return null;
        }

        if (!type.IsPrimitive || !operand.Type.IsPrimitive)
        {
            return Fail(cast, "only casts between numeric, string, date and timestamp types are translated");
        }

        return type.Kind == operand.Type.Kind && type.Precision == operand.Type.Precision && type.Scale == operand.Type.Scale
            ? operand with { Type = type }
            : new CastExpr(type, operand);
    }

    private Expr? TranslateIsPattern(IsPatternExpressionSyntax pattern, TranslationScope scope)
    {
        var negated = false;
        var inner = pattern.Pattern;
        if (inner is UnaryPatternSyntax { RawKind: (int)SyntaxKind.NotPattern } not)
        {
            negated = true;
            inner = not.Pattern;
        }

        if (inner is ConstantPatternSyntax { Expression: var constant } && IsNullLiteral(constant))
        {
            return NullTest(pattern.Expression, negated, scope);
        }

        return Fail(pattern, "only 'is null' and 'is not null' patterns are translated");
    }

    private Expr? Literal(ExpressionSyntax node, object? value, ITypeSymbol? type)
    {
        if (value is null)
        {
            // A null literal takes the type it converts to (string, int?, ...).
            var nullType = type is null ? StringType.WithNullable(true) : MapType(type, node);
            return nullType is null ? null : new LiteralExpr(nullType.WithNullable(true), null);
        }

        if (type is null)
        {
            return Fail(node, "this constant has no column type");
        }

        var dataType = MapType(type, node);
        if (dataType is null)
        {
            return null;
        }

        string text;
        switch (value)
        {
            case string s:
                text = s;
                break;
            case bool b:
                text = b ? "true" : "false";
                break;
            case char:
                return Fail(node, "char constants have no column type; use a string");
            case double d when double.IsNaN(d) || double.IsInfinity(d):
                return Fail(node, "NaN and infinities have no literal translation");
            case float f when float.IsNaN(f) || float.IsInfinity(f):
                return Fail(node, "NaN and infinities have no literal translation");
            case double d:
                text = d.ToString("R", CultureInfo.InvariantCulture);
                break;
            case float f:
                text = f.ToString("R", CultureInfo.InvariantCulture);
                break;
            case IFormattable formattable:
                text = formattable.ToString(null, CultureInfo.InvariantCulture);
                break;
            default:
                return Fail(node, "this constant has no translation");
        }

        if (dataType.Kind == TypeKind.Decimal)
        {
            // A decimal literal carries its own precision and scale, so printing it never rounds it.
            var digits = text.TrimStart('-');
            var point = digits.IndexOf('.');
            var scale = point < 0 ? 0 : digits.Length - point - 1;
            var precision = Math.Max(digits.Replace(".", "").TrimStart('0').Length, scale + 1);
            dataType = dataType with { Precision = Math.Min(38, Math.Max(precision, 1)), Scale = Math.Min(scale, 38) };
        }

        return new LiteralExpr(dataType.WithNullable(false), text);
    }

    private DataType? MapType(ITypeSymbol? type, SyntaxNode node)
    {
        if (type is null)
        {
            Fail(node, "the type of this expression is unknown");
            return null;
        }

        if (SchemaBuilder.MapSimple(type) is null && type is INamedTypeSymbol { OriginalDefinition.SpecialType: not SpecialType.System_Nullable_T } && type.IsAnonymousType)
        {
            Fail(node, "anonymous types have no column type; declare a record");
            return null;
        }

        return _schemas.MapType(type, null, node.GetLocation());
    }

    public IParameterSymbol? LambdaParameter(LambdaExpressionSyntax lambda, int index)
    {
        ParameterSyntax? parameter = lambda switch
        {
            SimpleLambdaExpressionSyntax simple when index == 0 => simple.Parameter,
            ParenthesizedLambdaExpressionSyntax parenthesized when parenthesized.ParameterList.Parameters.Count > index => parenthesized.ParameterList.Parameters[index],
            _ => null,
        };

        return parameter is null ? null : _model.GetDeclaredSymbol(parameter, _ct);
    }

    private static bool IsNullLiteral(ExpressionSyntax expression) =>
        expression.IsKind(SyntaxKind.NullLiteralExpression)
        || (expression is ParenthesizedExpressionSyntax p && IsNullLiteral(p.Expression))
        || (expression is CastExpressionSyntax c && IsNullLiteral(c.Expression));

    private static EquatableArray<Expr> Args(params Expr[] arguments) => new(arguments);

    public Expr? Fail(SyntaxNode node, string message)
    {
        _problems.Add(new ParseProblem(ParserRuleIds.UntranslatableExpression, node.GetLocation(), message));
        return null;
    }
}

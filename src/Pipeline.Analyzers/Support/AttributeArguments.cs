using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Pipeline.Analyzers.Support;

/// <summary>Reads attribute argument values and finds the syntax to report on: the argument, or the attribute when it is absent.</summary>
internal static class AttributeArguments
{
    public static AttributeSyntax? GetSyntax(AttributeData attribute, CancellationToken cancellationToken) =>
        attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

    public static Location AttributeLocation(AttributeData attribute, CancellationToken cancellationToken) =>
        GetSyntax(attribute, cancellationToken)?.GetLocation() ?? Location.None;

    public static bool TryGetNamed(AttributeData attribute, string name, out TypedConstant value)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                value = pair.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static string? GetString(AttributeData attribute, string name) =>
        TryGetNamed(attribute, name, out var value) ? value.Value as string : null;

    public static string? GetConstructorString(AttributeData attribute, int index) =>
        attribute.ConstructorArguments.Length > index ? attribute.ConstructorArguments[index].Value as string : null;

    /// <summary>The expression of the named argument <c>Name = ...</c>, or null.</summary>
    public static ExpressionSyntax? NamedExpression(AttributeData attribute, string name, CancellationToken cancellationToken)
    {
        var syntax = GetSyntax(attribute, cancellationToken);
        if (syntax?.ArgumentList is null)
        {
            return null;
        }

        foreach (var argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals?.Name.Identifier.ValueText == name)
            {
                return argument.Expression;
            }
        }

        return null;
    }

    /// <summary>The expression of a constructor argument, by parameter name (<c>name: ...</c>) or by position.</summary>
    public static ExpressionSyntax? PositionalExpression(AttributeData attribute, int index, CancellationToken cancellationToken)
    {
        var syntax = GetSyntax(attribute, cancellationToken);
        if (syntax?.ArgumentList is null)
        {
            return null;
        }

        var parameterName = attribute.AttributeConstructor is { } ctor && ctor.Parameters.Length > index ? ctor.Parameters[index].Name : null;
        var position = 0;
        foreach (var argument in syntax.ArgumentList.Arguments)
        {
            if (argument.NameEquals is not null)
            {
                continue;
            }

            if (argument.NameColon is not null)
            {
                if (argument.NameColon.Name.Identifier.ValueText == parameterName)
                {
                    return argument.Expression;
                }

                continue;
            }

            if (position == index)
            {
                return argument.Expression;
            }

            position++;
        }

        return null;
    }

    public static Location NamedLocation(AttributeData attribute, string name, CancellationToken cancellationToken) =>
        NamedExpression(attribute, name, cancellationToken)?.GetLocation() ?? AttributeLocation(attribute, cancellationToken);

    public static Location PositionalLocation(AttributeData attribute, int index, CancellationToken cancellationToken) =>
        PositionalExpression(attribute, index, cancellationToken)?.GetLocation() ?? AttributeLocation(attribute, cancellationToken);

    /// <summary>
    /// The part of a string argument's value at <paramref name="offset"/> in the source, in any literal form
    /// (<see cref="StringLiteralMap"/>); the whole expression when it is not one literal.
    /// </summary>
    public static Location SpanInString(ExpressionSyntax? expression, int offset, int length, Location fallback) =>
        expression is not null && StringLiteralMap.Span(expression, offset, length) is { } span
            ? Location.Create(expression.SyntaxTree, span)
            : expression?.GetLocation() ?? fallback;
}

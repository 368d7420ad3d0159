using System;
using System.Collections.Generic;
using System.Globalization;

namespace Pipeline.Generators.Validation;

internal static partial class Dqdl
{
    /// <summary>Conditions (<c>&gt; 0.9</c>, <c>between 1 and 10</c>, <c>in [...]</c>, <c>matches</c>) and their expressions, variables and functions.</summary>
    private sealed partial class Parser
    {
        private bool IsConditionStart()
        {
            var t = Current;
            return t.Is("=") || t.Is("!=") || t.Is(">") || t.Is(">=") || t.Is("<") || t.Is("<=")
                || t.Is("between") || t.Is("not") || t.Is("in") || t.Is("matches");
        }

        private DqdlConditionNode ParseCondition()
        {
            var start = Current;
            var (op, operands) = ParseConditionBody();
            var last = Previous();
            return new DqdlConditionNode(op, operands, _text.Substring(start.Offset, Math.Max(0, last.Offset + last.Length - start.Offset)));
        }

        private (DqdlOperator Operator, List<DqdlExpression> Operands) ParseConditionBody()
        {
            var t = Current;
            if (t.Is("not"))
            {
                Advance();
                if (!(Current.Is("between") || Current.Is("in") || Current.Is("matches")))
                {
                    CheckMisCasedKeyword();
                    Fail(Current, "'between', 'in' or 'matches' after 'not'");
                }

                var (positive, operands) = ParseConditionBody();
                var negated = positive switch
                {
                    DqdlOperator.Between => DqdlOperator.NotBetween,
                    DqdlOperator.In => DqdlOperator.NotIn,
                    _ => DqdlOperator.NotMatches,
                };
                return (negated, operands);
            }

            if (t.Is("between"))
            {
                Advance();
                var low = ParseExpression();
                if (!(Current.Text == "and" || Current.Text == "AND") || Current.Kind != TokenKind.Identifier)
                {
                    Fail(Current, "'and' in 'between X and Y'");
                }

                Advance();
                var high = ParseExpression();
                return (DqdlOperator.Between, new List<DqdlExpression> { low, high });
            }

            if (t.Is("in"))
            {
                Advance();
                if (Current.Kind == TokenKind.Variable)
                {
                    CheckVariable(Current);
                    var list = ResolveVariableList(Current);
                    Advance();
                    return (DqdlOperator.In, list);
                }

                Expect("[");
                if (Current.Is("]"))
                {
                    Fail(Current, "at least one value in 'in [...]'");
                }

                var values = new List<DqdlExpression>();
                while (true)
                {
                    values.Add(ParseExpression());
                    if (!Current.Is(","))
                    {
                        break;
                    }

                    Advance();
                }

                Expect("]");
                return (DqdlOperator.In, values);
            }

            if (t.Is("matches"))
            {
                Advance();
                if (Current.Kind == TokenKind.Variable)
                {
                    CheckVariable(Current);
                    var value = ResolveVariable(Current);
                    Advance();
                    return (DqdlOperator.Matches, new List<DqdlExpression> { value });
                }

                var regex = Expect(TokenKind.String, "a quoted regular expression after 'matches'");
                CheckRegex(regex);

                return (DqdlOperator.Matches, new List<DqdlExpression> { new DqdlString(regex.Value) });
            }

            // Comparison operator.
            var comparison = t.Text switch
            {
                "=" => DqdlOperator.Equal,
                "!=" => DqdlOperator.NotEqual,
                ">" => DqdlOperator.GreaterThan,
                ">=" => DqdlOperator.GreaterThanOrEqual,
                "<" => DqdlOperator.LessThan,
                _ => DqdlOperator.LessThanOrEqual,
            };
            Advance();
            return (comparison, new List<DqdlExpression> { ParseExpression() });
        }

        private DqdlExpression ResolveVariable(Token t)
        {
            var name = t.Text.Substring(1);
            return _variableValues.TryGetValue(name, out var value)
                ? value is string text ? new DqdlString(text) : new DqdlString(string.Join(",", (List<string>)value))
                : new DqdlUnresolved(t.Text);
        }

        private List<DqdlExpression> ResolveVariableList(Token t)
        {
            var name = t.Text.Substring(1);
            if (!_variableValues.TryGetValue(name, out var value))
            {
                return new List<DqdlExpression> { new DqdlUnresolved(t.Text) };
            }

            var list = new List<DqdlExpression>();
            if (value is string text)
            {
                list.Add(new DqdlString(text));
            }
            else
            {
                foreach (var item in (List<string>)value)
                {
                    list.Add(new DqdlString(item));
                }
            }

            return list;
        }

        /// <summary>
        /// Glue evaluates DQDL regexes with Java; .NET's engine agrees on everything but a few Java-only constructs
        /// (possessive quantifiers, <c>\Q..\E</c>, <c>\p{javaX}</c>), which are left to Glue rather than reported.
        /// </summary>
        private void CheckRegex(Token regex)
        {
            var pattern = regex.Value;
            if (pattern.Contains("*+") || pattern.Contains("++") || pattern.Contains("?+") || pattern.Contains("}+")
                || pattern.Contains("\\Q") || pattern.Contains("\\p{java"))
            {
                return;
            }

            try
            {
                _ = new System.Text.RegularExpressions.Regex(pattern, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                Report(regex, "invalid regular expression: " + e.Message);
            }
        }

        private void CheckVariable(Token t)
        {
            if (!_variables.Contains(t.Text.Substring(1)))
            {
                Report(t, "variable '" + t.Text + "' is not declared");
            }
        }

        private DqdlExpression ParseExpression()
        {
            var left = ParseTerm();
            while (Current.Is("+") || Current.Is("-"))
            {
                var op = Current.Text[0];
                Advance();
                left = new DqdlBinary(op, left, ParseTerm());
            }

            return left;
        }

        private DqdlExpression ParseTerm()
        {
            var left = ParseFactor();
            while (Current.Is("*") || Current.Is("/"))
            {
                var op = Current.Text[0];
                Advance();
                left = new DqdlBinary(op, left, ParseFactor());
            }

            return left;
        }

        private DqdlExpression ParseFactor()
        {
            if (Current.Is("-") || Current.Is("+"))
            {
                var sign = Current.Text[0];
                Advance();
                return new DqdlUnary(sign, ParseFactor());
            }

            var t = Current;
            switch (t.Kind)
            {
                case TokenKind.Number:
                    Advance();
                    var number = double.Parse(t.Text, NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (Current.Kind == TokenKind.Identifier && Array.IndexOf(DurationUnits, Current.Text) >= 0)
                    {
                        var unit = Current.Text;
                        Advance();
                        return new DqdlDuration(number, unit);
                    }

                    if (Current.Kind == TokenKind.Identifier && Array.IndexOf(SizeUnits, Current.Text) >= 0)
                    {
                        var unit = Current.Text;
                        Advance();
                        return new DqdlSize(number, unit);
                    }

                    if (Current.Kind == TokenKind.Identifier && (Array.IndexOf(DurationUnits, Current.Text.ToLowerInvariant()) >= 0
                        || Array.IndexOf(DurationUnits, Current.Text.ToLowerInvariant() + "s") >= 0))
                    {
                        Report(Current, "durations are written '<n> days', '<n> hours' or '<n> minutes'");
                        var unit = Current.Text.ToLowerInvariant().TrimEnd('s') + "s";
                        Advance();
                        return new DqdlDuration(number, unit);
                    }

                    return new DqdlNumber(number, t.Text);
                case TokenKind.String:
                    Advance();
                    return new DqdlString(t.Value);
                case TokenKind.Variable:
                    CheckVariable(t);
                    Advance();
                    return ResolveVariable(t);
                case TokenKind.Identifier:
                    if (Peek(1).Is("("))
                    {
                        return ParseFunctionCall();
                    }

                    foreach (var keyword in ValueKeywords)
                    {
                        if (t.IsWordIgnoringCase(keyword))
                        {
                            if (t.Text != keyword && t.Text != keyword.ToUpperInvariant())
                            {
                                Report(t, "'" + t.Text + "' must be written '" + keyword + "' or '" + keyword.ToUpperInvariant() + "'");
                            }

                            Advance();
                            return new DqdlKeyword(keyword.ToUpperInvariant());
                        }
                    }

                    if (t.Text == "true" || t.Text == "false")
                    {
                        Advance();
                        return new DqdlKeyword(t.Text.ToUpperInvariant());
                    }

                    CheckMisCasedKeyword();
                    Fail(t, "a number, a quoted string, now(), a function such as avg(last(10)), NULL or EMPTY");
                    throw new ParseFailure();
                case TokenKind.Symbol when t.Is("("):
                    Advance();
                    var inner = ParseExpression();
                    Expect(")");
                    return inner;
                default:
                    Fail(t, "a value (number, quoted string, now(), avg(last(10)), ...)");
                    throw new ParseFailure();
            }
        }

        private DqdlExpression ParseFunctionCall()
        {
            var name = Current;
            if (name.IsWordIgnoringCase("now") && name.Text != "now")
            {
                Report(name, "'" + name.Text + "()' must be written in lower case: 'now()'");
            }

            Advance();
            Expect("(");
            var arguments = new List<DqdlExpression>();
            if (!Current.Is(")"))
            {
                while (true)
                {
                    arguments.Add(ParseExpression());
                    if (!Current.Is(","))
                    {
                        break;
                    }

                    Advance();
                }
            }

            Expect(")");
            return new DqdlFunction(name.Text.ToLowerInvariant() == "now" ? "now" : name.Text, arguments);
        }

        // ---- tokens --------------------------------------------------------------------------------------
    }
}

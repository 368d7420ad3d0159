using System;
using System.Collections.Generic;
using System.Globalization;

namespace Pipeline.Generators.Validation;

internal static partial class Dqdl
{
    /// <summary>Rules: composites, a rule type with its parameters, the columns it references.</summary>
    private sealed partial class Parser
    {
        /// <summary>A rule or a composite: <c>(rule) and (rule) or (...)</c>.</summary>
        private DqdlRuleNode ParseTopRule(bool analyzers)
        {
            if (!Current.Is("("))
            {
                return ParseRule(analyzers);
            }

            var start = Current;
            var node = ParseParenthesizedRule(analyzers);
            while (Current.IsWordIgnoringCase("and") || Current.IsWordIgnoringCase("or"))
            {
                if (Current.Text != "and" && Current.Text != "AND" && Current.Text != "or" && Current.Text != "OR")
                {
                    Fail(Current, "'and'/'AND' or 'or'/'OR' (mixed case is not a DQDL keyword)");
                }

                var op = Current.IsWordIgnoringCase("and") ? DqdlCompositeOperator.And : DqdlCompositeOperator.Or;
                Advance();
                if (!Current.Is("("))
                {
                    Fail(Current, "'(' — each operand of a composite rule is parenthesized: '(rule) and (rule)'");
                }

                var right = ParseParenthesizedRule(analyzers);
                var end = Previous();
                var length = end.Offset + end.Length - start.Offset;
                var text = _text.Substring(start.Offset, length);
                node = node is DqdlCompositeRule left && left.Operator == op && left.Offset == start.Offset
                    ? new DqdlCompositeRule(op, new List<DqdlRuleNode>(left.Operands) { right }, text, start.Offset, length)
                    : new DqdlCompositeRule(op, new List<DqdlRuleNode> { node, right }, text, start.Offset, length);
            }

            return node;
        }

        private DqdlRuleNode ParseParenthesizedRule(bool analyzers)
        {
            Expect("(");
            var node = ParseTopRule(analyzers);
            Expect(")");
            return node;
        }

        private DqdlRule ParseRule(bool analyzers)
        {
            var nameToken = Current;
            if (nameToken.Kind != TokenKind.Identifier)
            {
                Fail(nameToken, "a rule type (" + DqdlRuleCatalog.KnownNames() + ")");
            }

            if (!DqdlRuleCatalog.TryGet(nameToken.Text, out var ruleType))
            {
                var near = DqdlRuleCatalog.FindIgnoringCase(nameToken.Text);
                var message = near is not null
                    ? "unknown rule type '" + nameToken.Text + "'; rule types are case-sensitive: did you mean '" + near.Name + "'?"
                    : "unknown rule type '" + nameToken.Text + "'; known rule types: " + DqdlRuleCatalog.KnownNames();
                Report(nameToken, message);
                throw new ParseFailure();
            }

            if (ruleType.AnalyzerOnly && !analyzers)
            {
                Report(nameToken, "'" + ruleType.Name + "' is an analyzer, not a rule; it belongs in 'Analyzers = [ ... ]'");
                throw new ParseFailure();
            }

            Advance();
            var parameters = ParseParameters(ruleType);
            if (parameters.Count < ruleType.MinParameters || parameters.Count > ruleType.MaxParameters)
            {
                var span = parameters.Count > ruleType.MaxParameters ? parameters[ruleType.MaxParameters] : nameToken;
                Report(span, ruleType.Name + " takes " + DescribeCount(ruleType) + " but has " + parameters.Count.ToString(CultureInfo.InvariantCulture));
            }

            RecordColumns(ruleType, parameters);
            var ruleParameters = new List<DqdlParameter>(parameters.Count);
            foreach (var p in parameters)
            {
                ruleParameters.Add(ToParameter(p));
            }

            DqdlConditionNode? condition = null;
            string? whereText = null;
            DqdlConditionNode? threshold = null;
            var labels = new List<KeyValuePair<string, string>>();
            var tags = new List<KeyValuePair<string, string>>();

            var hasCondition = IsConditionStart();
            if (analyzers)
            {
                if (hasCondition)
                {
                    Report(Current, "analyzers take no condition");
                    throw new ParseFailure();
                }

                return MakeRule(ruleType, nameToken, ruleParameters, condition, whereText, threshold, labels, tags);
            }

            if (hasCondition)
            {
                var conditionStart = Current;
                condition = ParseCondition();
                if (ruleType.Condition == DqdlCondition.Forbidden)
                {
                    Report(conditionStart.Offset, Previous().Offset + Previous().Length - conditionStart.Offset,
                        ruleType.Name + " is a boolean rule and takes no condition");
                }
            }
            else if (ruleType.Condition == DqdlCondition.Required)
            {
                CheckMisCasedKeyword();
                Report(Current.Kind == TokenKind.End ? Previous() : Current,
                    ruleType.Name + " needs a condition (e.g. '" + ruleType.Name + (ruleType.MinParameters > 0 ? " ..." : string.Empty) + " > 0', 'between 1 and 10', 'in [...]')");
                throw new ParseFailure();
            }

            // Optional clauses, accepted in any order: where "...", labels=[...], with <tag> <condition>.
            while (true)
            {
                if (Current.Is("where"))
                {
                    var where = Current;
                    Advance();
                    whereText = Expect(TokenKind.String, "a quoted Spark SQL predicate after 'where'").Value;
                    if (!ruleType.WhereSupported)
                    {
                        Report(where, ruleType.Name + " does not support a 'where' clause");
                    }
                }
                else if (Current.Is("labels"))
                {
                    Advance();
                    Expect("=");
                    labels.AddRange(ParseLabelList());
                }
                else if (Current.Is("with"))
                {
                    Advance();
                    var tag = Expect(TokenKind.Identifier, "a tag after 'with' (e.g. 'with threshold > 0.9')");
                    if (tag.Text == "threshold" && !ruleType.ThresholdSupported)
                    {
                        Report(tag, ruleType.Name + " does not support 'with threshold' (only ColumnValues, ColumnDataType, CustomSql and file rules do)");
                    }
                    else if (tag.Text != "threshold" && !ruleType.Experimental)
                    {
                        Report(tag, "unknown tag '" + tag.Text + "'; DQDL rules take 'with threshold <condition>'");
                    }

                    if (Current.Is("=") && Peek(1).Kind == TokenKind.String)
                    {
                        Advance();
                        tags.Add(new KeyValuePair<string, string>(tag.Text, Current.Value));
                        Advance();
                    }
                    else if (IsConditionStart())
                    {
                        var tagCondition = ParseCondition();
                        if (tag.Text == "threshold")
                        {
                            threshold = tagCondition;
                        }
                        else
                        {
                            tags.Add(new KeyValuePair<string, string>(tag.Text, tagCondition.Text));
                        }
                    }
                    else
                    {
                        CheckMisCasedKeyword();
                        Fail(Current, "a condition after 'with " + tag.Text + "' (e.g. '> 0.9')");
                    }
                }
                else
                {
                    break;
                }
            }

            CheckMisCasedKeyword();
            return MakeRule(ruleType, nameToken, ruleParameters, condition, whereText, threshold, labels, tags);
        }

        private DqdlRule MakeRule(DqdlRuleType ruleType, Token nameToken, List<DqdlParameter> parameters, DqdlConditionNode? condition,
            string? where, DqdlConditionNode? threshold, List<KeyValuePair<string, string>> labels, List<KeyValuePair<string, string>> tags)
        {
            var end = Previous();
            var length = Math.Max(nameToken.Length, end.Offset + end.Length - nameToken.Offset);
            return new DqdlRule(ruleType.Name, parameters, condition, where, threshold, labels, tags,
                _text.Substring(nameToken.Offset, length), nameToken.Offset, length);
        }

        private DqdlParameter ToParameter(Token p)
        {
            if (p.Kind == TokenKind.Variable)
            {
                var name = p.Text.Substring(1);
                var value = _variableValues.TryGetValue(name, out var v) ? v as string ?? string.Join(",", (List<string>)v) : p.Text;
                return new DqdlParameter(value, true, p.Offset, p.Length);
            }

            return p.Kind == TokenKind.String
                ? new DqdlParameter(p.Value, true, p.Offset, p.Length)
                : new DqdlParameter(p.Text, false, p.Offset, p.Length);
        }

        private static string DescribeCount(DqdlRuleType ruleType)
        {
            var what = ruleType.Parameters == DqdlParameterKind.Columns ? "column" : "parameter";
            if (ruleType.MaxParameters == 0)
            {
                return "no parameters";
            }

            if (ruleType.MinParameters == ruleType.MaxParameters)
            {
                return ruleType.MinParameters.ToString(CultureInfo.InvariantCulture) + " " + what + (ruleType.MinParameters == 1 ? string.Empty : "s");
            }

            return ruleType.MaxParameters == int.MaxValue
                ? "at least " + ruleType.MinParameters.ToString(CultureInfo.InvariantCulture) + " " + what
                : ruleType.MinParameters.ToString(CultureInfo.InvariantCulture) + " to " + ruleType.MaxParameters.ToString(CultureInfo.InvariantCulture) + " " + what + "s";
        }

        private void CheckMisCasedKeyword()
        {
            var t = Current;
            if (t.Kind != TokenKind.Identifier)
            {
                return;
            }

            foreach (var keyword in LowercaseKeywords)
            {
                if (t.IsWordIgnoringCase(keyword) && t.Text != keyword)
                {
                    Report(t, "'" + t.Text + "' must be written in lower case: '" + keyword + "'");
                    throw new ParseFailure();
                }
            }
        }

        private List<Token> ParseParameters(DqdlRuleType ruleType)
        {
            var parameters = new List<Token>();
            while (true)
            {
                var joiner = Current.IsWordIgnoringCase("of") || (parameters.Count > 0 && Current.IsWordIgnoringCase("and"));
                if (joiner)
                {
                    if (Current.Text != Current.Text.ToLowerInvariant() && Current.Text != Current.Text.ToUpperInvariant())
                    {
                        Fail(Current, "'" + Current.Text.ToLowerInvariant() + "' or '" + Current.Text.ToUpperInvariant() + "'");
                    }

                    var next = Peek(1);
                    if (!IsParameterToken(next))
                    {
                        if (Current.IsWordIgnoringCase("and") && next.Is("("))
                        {
                            return parameters;
                        }

                        Advance();
                        Fail(Current, "a parameter after '" + Previous().Text + "'");
                    }

                    if (next.Kind == TokenKind.Identifier && DqdlRuleCatalog.TryGet(next.Text, out _) && Current.IsWordIgnoringCase("and")
                        && ruleType.Parameters != DqdlParameterKind.RuleThenColumns)
                    {
                        Report(Current, "composite rules are written with parentheses: '(rule) and (rule)'");
                        throw new ParseFailure();
                    }

                    Advance();
                }

                if (!IsParameterToken(Current))
                {
                    return parameters;
                }

                if (Current.Kind == TokenKind.Variable && !_variables.Contains(Current.Text.Substring(1)))
                {
                    Report(Current, "variable '" + Current.Text + "' is not declared");
                }

                parameters.Add(Current);
                Advance();
            }
        }

        private bool IsParameterToken(Token t)
        {
            if (t.Kind == TokenKind.String || t.Kind == TokenKind.Variable)
            {
                return true;
            }

            if (t.Kind != TokenKind.Identifier)
            {
                return false;
            }

            foreach (var keyword in LowercaseKeywords)
            {
                if (t.IsWordIgnoringCase(keyword))
                {
                    return false;
                }
            }

            return !t.IsWordIgnoringCase("and") && !t.IsWordIgnoringCase("or") && !t.IsWordIgnoringCase("of");
        }

        private void RecordColumns(DqdlRuleType ruleType, List<Token> parameters)
        {
            var first = ruleType.Parameters switch
            {
                DqdlParameterKind.Columns => 0,
                DqdlParameterKind.RuleThenColumns => 1,
                _ => int.MaxValue,
            };

            if (ruleType.Parameters == DqdlParameterKind.RuleThenColumns && parameters.Count > 0)
            {
                var metric = parameters[0];
                if (metric.Kind != TokenKind.Variable && !DqdlRuleCatalog.TryGet(metric.Value, out _))
                {
                    Report(metric, "'" + metric.Value + "' is not a rule type; " + ruleType.Name + " takes a metric such as 'Completeness' or 'RowCount'");
                }
            }

            for (var i = first; i < parameters.Count && i < ruleType.MaxParameters; i++)
            {
                var p = parameters[i];
                if (p.Kind == TokenKind.Variable)
                {
                    continue;
                }

                if (p.Kind == TokenKind.String)
                {
                    if (p.Value.Length == 0)
                    {
                        Report(p, "empty column name");
                        continue;
                    }

                    Columns.Add(new DqdlColumnRef(p.Value, p.Offset + 1, p.Length - 2));
                }
                else
                {
                    Columns.Add(new DqdlColumnRef(p.Text, p.Offset, p.Length));
                }
            }
        }

        // ---- conditions ----------------------------------------------------------------------------------
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;

namespace Pipeline.Generators.Validation;

/// <summary>A DQDL syntax or semantic error: a span of the parsed text and a message.</summary>
internal sealed record DqdlError(int Offset, int Length, string Message);

/// <summary>A column a rule references: its unquoted name and the span of the name in the parsed text (inside the quotes).</summary>
internal sealed record DqdlColumnRef(string Name, int Offset, int Length);

/// <summary>The outcome of <see cref="Dqdl.Parse"/>.</summary>
internal sealed class DqdlParseResult
{
    public DqdlParseResult(IReadOnlyList<DqdlError> errors, IReadOnlyList<DqdlColumnRef> columns, int ruleCount)
        : this(errors, columns, ruleCount, Array.Empty<DqdlRuleNode>(), Array.Empty<DqdlRuleNode>())
    {
    }

    public DqdlParseResult(IReadOnlyList<DqdlError> errors, IReadOnlyList<DqdlColumnRef> columns, int ruleCount,
        IReadOnlyList<DqdlRuleNode> rules, IReadOnlyList<DqdlRuleNode> analyzers)
    {
        Errors = errors;
        Columns = columns;
        RuleCount = ruleCount;
        Rules = rules;
        Analyzers = analyzers;
    }

    public IReadOnlyList<DqdlError> Errors { get; }

    public IReadOnlyList<DqdlColumnRef> Columns { get; }

    /// <summary>Top-level rules parsed (a composite rule counts once).</summary>
    public int RuleCount { get; }

    public bool IsValid => Errors.Count == 0;

    /// <summary>
    /// The top-level rules that parsed (a rule the parser had to skip is absent; a rule with a semantic error, e.g. an
    /// unsupported 'where', is present — match <see cref="Errors"/> offsets against <see cref="DqdlRuleNode.Offset"/>).
    /// </summary>
    public IReadOnlyList<DqdlRuleNode> Rules { get; }

    /// <summary>The entries of <c>Analyzers = [ ... ]</c> (statistics only; they never pass or fail).</summary>
    public IReadOnlyList<DqdlRuleNode> Analyzers { get; }
}

/// <summary>
/// A recursive-descent parser of DQDL (glue-domain-notes c1–c4, after DQDL's <c>DataQualityDefinitionLanguage.g4</c>).
/// Accepts either the text of one <c>[Quality("...")]</c> attribute — rules separated by commas — or a whole document
/// (<c>Rules = [ ... ]</c> with optional metadata, data sources, variables, default labels and analyzers).
/// Pure C#, no Roslyn types: the generator's parser and the analyzers share it.
/// </summary>
internal static class Dqdl
{
    /// <summary>The Glue API limit on a ruleset's length (<c>EvaluateDataQuality.Ruleset</c>).</summary>
    public const int MaximumLength = 65536;

    public static DqdlParseResult Parse(string text)
    {
        var parser = new Parser(text ?? string.Empty);
        parser.ParseDocument();
        return new DqdlParseResult(parser.Errors, parser.Columns, parser.RuleCount, parser.Rules, parser.AnalyzerRules);
    }

    private enum TokenKind
    {
        End,
        String,
        Number,
        Identifier,
        Variable,
        Symbol,
        Invalid,
    }

    private readonly struct Token
    {
        public Token(TokenKind kind, int offset, int length, string text, string value)
        {
            Kind = kind;
            Offset = offset;
            Length = length;
            Text = text;
            Value = value;
        }

        public TokenKind Kind { get; }

        public int Offset { get; }

        public int Length { get; }

        /// <summary>The source text of the token.</summary>
        public string Text { get; }

        /// <summary>Strings: the unescaped content; otherwise the text.</summary>
        public string Value { get; }

        public bool Is(string symbolOrWord) => (Kind == TokenKind.Symbol || Kind == TokenKind.Identifier) && Text == symbolOrWord;

        public bool IsWordIgnoringCase(string word) => Kind == TokenKind.Identifier && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class ParseFailure : Exception
    {
    }

    private sealed class Parser
    {
        private static readonly string[] LowercaseKeywords = { "between", "in", "not", "matches", "where", "with", "labels" };
        private static readonly string[] DurationUnits = { "days", "hours", "minutes" };
        private static readonly string[] SizeUnits = { "B", "KB", "MB", "GB", "TB" };
        private static readonly string[] ValueKeywords = { "null", "empty", "whitespaces_only" };

        private readonly string _text;
        private readonly List<Token> _tokens = new();
        private readonly HashSet<string> _variables = new(StringComparer.Ordinal);
        private readonly Dictionary<string, object> _variableValues = new(StringComparer.Ordinal);
        private int _position;

        public Parser(string text)
        {
            _text = text;
            Tokenize();
        }

        public List<DqdlError> Errors { get; } = new();

        public List<DqdlColumnRef> Columns { get; } = new();

        public int RuleCount { get; private set; }

        public List<DqdlRuleNode> Rules { get; } = new();

        public List<DqdlRuleNode> AnalyzerRules { get; } = new();

        private Token Current => _tokens[_position];

        private Token Peek(int ahead) => _tokens[Math.Min(_position + ahead, _tokens.Count - 1)];

        public void ParseDocument()
        {
            if (_text.Length > MaximumLength)
            {
                Errors.Add(new DqdlError(0, _text.Length, "the ruleset is " + _text.Length.ToString(CultureInfo.InvariantCulture)
                    + " characters long; Glue accepts at most " + MaximumLength.ToString(CultureInfo.InvariantCulture)));
            }

            if (_tokens.Exists(t => t.Kind == TokenKind.Invalid))
            {
                // The lexer has reported them; parsing around a broken token only adds noise.
                return;
            }

            if (Current.Kind == TokenKind.End)
            {
                Errors.Add(new DqdlError(0, _text.Length, "the quality text contains no rule"));
                return;
            }

            if (IsDocumentForm())
            {
                ParseSections();
            }
            else
            {
                ParseRuleList(TokenKind.End, analyzers: false);
            }
        }

        // ---- document form -------------------------------------------------------------------------------

        private bool IsDocumentForm()
        {
            // "Rules = [", "Metadata = {", "x = "..."" ... : an identifier followed by '='. A rule never starts like that
            // ("RowCount = 5" is a rule, so require a section keyword or a string/array on the right).
            if (Current.Kind != TokenKind.Identifier || !Peek(1).Is("="))
            {
                return false;
            }

            var name = Current.Text;
            if (name == "Rules" || name == "Analyzers" || name == "Metadata" || name == "DataSources" || name == "DefaultLabels")
            {
                return true;
            }

            return !DqdlRuleCatalog.TryGet(name, out _) && (Peek(2).Kind == TokenKind.String || Peek(2).Is("["));
        }

        private void ParseSections()
        {
            var sawRules = false;
            while (Current.Kind != TokenKind.End)
            {
                try
                {
                    var name = Expect(TokenKind.Identifier, "a section ('Rules = [ ... ]') or a variable declaration");
                    Expect("=");
                    switch (name.Text)
                    {
                        case "Rules":
                        case "Analyzers":
                            sawRules |= name.Text == "Rules";
                            Expect("[");
                            if (Current.Is("]"))
                            {
                                Advance();
                            }
                            else
                            {
                                ParseRuleList(TokenKind.Symbol, analyzers: name.Text == "Analyzers");
                                Expect("]");
                            }

                            break;
                        case "Metadata":
                        case "DataSources":
                            ParseDictionary();
                            break;
                        case "DefaultLabels":
                            ParseLabelList();
                            break;
                        default:
                            if (Current.Kind == TokenKind.String)
                            {
                                _variableValues[name.Text] = Current.Value;
                                Advance();
                            }
                            else if (Current.Is("["))
                            {
                                _variableValues[name.Text] = ParseStringArray();
                            }
                            else
                            {
                                Fail(Current, "a variable is assigned a string or an array of strings");
                            }

                            _variables.Add(name.Text);
                            break;
                    }
                }
                catch (ParseFailure)
                {
                    return;
                }
            }

            if (!sawRules && RuleCount == 0)
            {
                Errors.Add(new DqdlError(0, _text.Length, "the document has no 'Rules = [ ... ]' section"));
            }
        }

        private void ParseDictionary()
        {
            Expect("{");
            while (!Current.Is("}"))
            {
                Expect(TokenKind.String, "a quoted key");
                Expect(":");
                if (Current.Is("["))
                {
                    ParseStringArray();
                }
                else
                {
                    Expect(TokenKind.String, "a quoted value");
                }

                if (!Current.Is(","))
                {
                    break;
                }

                Advance();
            }

            Expect("}");
        }

        private List<string> ParseStringArray()
        {
            var values = new List<string>();
            Expect("[");
            while (!Current.Is("]"))
            {
                values.Add(Expect(TokenKind.String, "a quoted string").Value);
                if (!Current.Is(","))
                {
                    break;
                }

                Advance();
            }

            Expect("]");
            return values;
        }

        private List<KeyValuePair<string, string>> ParseLabelList()
        {
            var labels = new List<KeyValuePair<string, string>>();
            Expect("[");
            while (!Current.Is("]"))
            {
                var key = Expect(TokenKind.String, "a quoted label key");
                Expect("=");
                var value = Expect(TokenKind.String, "a quoted label value");
                labels.Add(new KeyValuePair<string, string>(key.Value, value.Value));
                if (!Current.Is(","))
                {
                    break;
                }

                Advance();
            }

            Expect("]");
            return labels;
        }

        // ---- rules ---------------------------------------------------------------------------------------

        /// <summary>Rules separated by commas, up to <c>]</c> (in a document) or the end of the text; recovers per rule.</summary>
        private void ParseRuleList(TokenKind terminator, bool analyzers)
        {
            while (true)
            {
                var start = Current;
                try
                {
                    if (Current.Kind == TokenKind.End || (terminator == TokenKind.Symbol && Current.Is("]")))
                    {
                        Fail(Current, "a rule (e.g. 'RowCount > 0')");
                    }

                    var node = ParseTopRule(analyzers);
                    RuleCount++;
                    (analyzers ? AnalyzerRules : Rules).Add(node);
                    if (!(Current.Is(",") || Current.Kind == TokenKind.End || (terminator == TokenKind.Symbol && Current.Is("]"))))
                    {
                        Fail(Current, DescribeUnexpectedAfterRule());
                    }
                }
                catch (ParseFailure)
                {
                    SkipToRuleEnd(terminator);
                }

                if (Current.Is(","))
                {
                    Advance();
                    continue;
                }

                return;
            }
        }

        private string DescribeUnexpectedAfterRule()
        {
            var t = Current;
            if (t.Kind == TokenKind.Identifier && DqdlRuleCatalog.TryGet(t.Text, out _))
            {
                return "',' between rules";
            }

            if (t.IsWordIgnoringCase("and") || t.IsWordIgnoringCase("or"))
            {
                return "',' between rules (composite rules are written '(rule) and (rule)')";
            }

            return "',' or the end of the rules";
        }

        private void SkipToRuleEnd(TokenKind terminator)
        {
            var depth = 0;
            while (Current.Kind != TokenKind.End)
            {
                if (Current.Is("(") || Current.Is("[") || Current.Is("{"))
                {
                    depth++;
                }
                else if (Current.Is(")") || Current.Is("]") || Current.Is("}"))
                {
                    if (depth == 0 && terminator == TokenKind.Symbol && Current.Is("]"))
                    {
                        return;
                    }

                    depth = Math.Max(0, depth - 1);
                }
                else if (depth == 0 && Current.Is(","))
                {
                    return;
                }

                Advance();
            }
        }

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

        private Token Previous() => _tokens[Math.Max(0, _position - 1)];

        private void Advance()
        {
            if (_position < _tokens.Count - 1)
            {
                _position++;
            }
        }

        private Token Expect(string symbol)
        {
            if (!Current.Is(symbol))
            {
                CheckMisCasedKeyword();
                Fail(Current, "'" + symbol + "'");
            }

            var t = Current;
            Advance();
            return t;
        }

        private Token Expect(TokenKind kind, string what)
        {
            if (Current.Kind != kind)
            {
                CheckMisCasedKeyword();
                Fail(Current, what);
            }

            var t = Current;
            Advance();
            return t;
        }

        private void Fail(Token at, string expected)
        {
            var found = at.Kind == TokenKind.End ? "the end of the text" : "'" + at.Text + "'";
            Report(at, "expected " + expected + " but found " + found);
            throw new ParseFailure();
        }

        private void Report(Token at, string message)
        {
            if (at.Kind == TokenKind.End)
            {
                var offset = Math.Max(0, _text.Length - 1);
                Report(offset, _text.Length > 0 ? 1 : 0, message);
            }
            else
            {
                Report(at.Offset, at.Length, message);
            }
        }

        private void Report(int offset, int length, string message) => Errors.Add(new DqdlError(offset, length, message));

        private void Tokenize()
        {
            var i = 0;
            while (i < _text.Length)
            {
                var c = _text[i];
                if (char.IsWhiteSpace(c))
                {
                    i++;
                    continue;
                }

                if (c == '#')
                {
                    while (i < _text.Length && _text[i] != '\n')
                    {
                        i++;
                    }

                    continue;
                }

                var start = i;
                if (c == '"')
                {
                    var value = new System.Text.StringBuilder();
                    i++;
                    var closed = false;
                    while (i < _text.Length)
                    {
                        var d = _text[i];
                        if (d == '\\' && i + 1 < _text.Length && (_text[i + 1] == '"' || _text[i + 1] == '\\'))
                        {
                            value.Append(_text[i + 1]);
                            i += 2;
                            continue;
                        }

                        if (d == '"')
                        {
                            closed = true;
                            i++;
                            break;
                        }

                        value.Append(d);
                        i++;
                    }

                    if (!closed)
                    {
                        Report(start, i - start, "unterminated string: a closing '\"' is missing");
                        _tokens.Add(new Token(TokenKind.Invalid, start, i - start, _text.Substring(start, i - start), string.Empty));
                        continue;
                    }

                    _tokens.Add(new Token(TokenKind.String, start, i - start, _text.Substring(start, i - start), value.ToString()));
                    continue;
                }

                if (c == '\'')
                {
                    var end = _text.IndexOf('\'', i + 1);
                    end = end < 0 ? _text.Length : end + 1;
                    Report(start, end - start, "DQDL strings use double quotes, not single quotes");
                    _tokens.Add(new Token(TokenKind.Invalid, start, end - start, _text.Substring(start, end - start), string.Empty));
                    i = end;
                    continue;
                }

                if (c == '$')
                {
                    i++;
                    while (i < _text.Length && IsIdentifierChar(_text[i]))
                    {
                        i++;
                    }

                    if (i == start + 1)
                    {
                        Report(start, 1, "'$' must be followed by a variable name");
                        _tokens.Add(new Token(TokenKind.Invalid, start, 1, "$", string.Empty));
                        continue;
                    }

                    AddToken(TokenKind.Variable, start, i);
                    continue;
                }

                if (IsIdentifierChar(c))
                {
                    var allDigits = true;
                    var dots = 0;
                    while (i < _text.Length && IsIdentifierChar(_text[i]))
                    {
                        if (_text[i] == '.')
                        {
                            dots++;
                        }
                        else if (!char.IsDigit(_text[i]))
                        {
                            allDigits = false;
                        }

                        i++;
                    }

                    var word = _text.Substring(start, i - start);
                    var isNumber = allDigits && dots <= 1 && char.IsDigit(word[0]) && char.IsDigit(word[word.Length - 1]);
                    AddToken(isNumber ? TokenKind.Number : TokenKind.Identifier, start, i);
                    continue;
                }

                if ((c == '>' || c == '<' || c == '!') && i + 1 < _text.Length && _text[i + 1] == '=')
                {
                    i += 2;
                    AddToken(TokenKind.Symbol, start, i);
                    continue;
                }

                if ("=<>()[]{},:+-*/".IndexOf(c) >= 0)
                {
                    i++;
                    AddToken(TokenKind.Symbol, start, i);
                    continue;
                }

                Report(start, 1, "unexpected character '" + c + "'" + (c == '!' ? " (not-equal is written '!=')" : string.Empty));
                _tokens.Add(new Token(TokenKind.Invalid, start, 1, c.ToString(), string.Empty));
                i++;
            }

            _tokens.Add(new Token(TokenKind.End, _text.Length, 0, string.Empty, string.Empty));
        }

        private void AddToken(TokenKind kind, int start, int end)
        {
            var text = _text.Substring(start, end - start);
            _tokens.Add(new Token(kind, start, end - start, text, text));
        }

        private static bool IsIdentifierChar(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;

namespace Pipeline.Generators.Validation;

internal static partial class Dqdl
{
    /// <summary>The document level: a rule list, or <c>Rules = [ ... ]</c> with its sections, dictionaries and labels.</summary>
    private sealed partial class Parser
    {
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
    }
}

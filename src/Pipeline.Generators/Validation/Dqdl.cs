using System;
using System.Collections.Generic;

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
internal static partial class Dqdl
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

    private sealed partial class Parser
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
    }
}

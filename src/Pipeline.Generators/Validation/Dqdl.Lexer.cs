using System;

namespace Pipeline.Generators.Validation;

internal static partial class Dqdl
{
    /// <summary>The lexer: strings, numbers, identifiers, variables and symbols, with their spans.</summary>
    private sealed partial class Parser
    {
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

using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Pipeline.Analyzers.Support;

/// <summary>
/// Where each character of a string literal's value is in the source, for every literal form C# has: regular with
/// escapes (<c>"a\"b"</c>, <c>\u00e9</c>), verbatim (<c>@"a""b"</c>), and raw, single- and multi-line (indentation
/// removed). A diagnostic about a part of the value (a DQDL column) then underlines exactly that part. Null when the
/// expression is not one literal token (a constant, a concatenation) or the walk does not reproduce the compiler's
/// value — the caller reports on the whole expression then, never on a wrong span.
/// </summary>
internal static class StringLiteralMap
{
    public static TextSpan? Span(ExpressionSyntax? expression, int offset, int length)
    {
        if (expression is not LiteralExpressionSyntax literal || Characters(literal.Token) is not { } characters
            || offset < 0 || length <= 0 || offset + length > characters.Count)
        {
            return null;
        }

        var start = literal.Token.SpanStart;
        return TextSpan.FromBounds(start + characters[offset].Start, start + characters[offset + length - 1].End);
    }

    /// <summary>Each value character's source text, as offsets into the token's text.</summary>
    private static List<(int Start, int End)>? Characters(SyntaxToken token)
    {
        var text = token.Text;
        var value = new StringBuilder();
        var characters = new List<(int Start, int End)>();
        void Add(char c, int start, int end)
        {
            value.Append(c);
            characters.Add((start, end));
        }

        if (token.IsKind(SyntaxKind.StringLiteralToken) && text.StartsWith("@\"", System.StringComparison.Ordinal))
        {
            for (var i = 2; i < text.Length - 1; i++)
            {
                var quote = text[i] == '"'; // "" is one quote
                Add(text[i], i, quote ? i + 2 : i + 1);
                i += quote ? 1 : 0;
            }
        }
        else if (token.IsKind(SyntaxKind.StringLiteralToken) && text.StartsWith("\"", System.StringComparison.Ordinal))
        {
            for (var i = 1; i < text.Length - 1;)
            {
                var start = i;
                var decoded = text[i] == '\\' ? Escape(text, ref i) : text[i++].ToString();
                if (decoded is null)
                {
                    return null;
                }

                foreach (var c in decoded)
                {
                    Add(c, start, i); // both halves of a \U surrogate pair span the whole escape
                }
            }
        }
        else if (token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
        {
            var quotes = CountQuotes(text);
            for (var i = quotes; i < text.Length - quotes; i++)
            {
                Add(text[i], i, i + 1);
            }
        }
        else if (token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken))
        {
            if (!MultiLine(text, Add))
            {
                return null;
            }
        }
        else
        {
            return null;
        }

        return value.ToString() == token.ValueText ? characters : null;
    }

    /// <summary>
    /// A multi-line raw literal's value: the lines between the delimiter lines, each without the closing line's
    /// indentation, joined by the source's own line breaks (the break before the closing line is not part of it).
    /// </summary>
    private static bool MultiLine(string text, System.Action<char, int, int> add)
    {
        var lines = new List<(int Start, int End, int Next)>();
        var position = text.IndexOf('\n');
        while (position >= 0 && position < text.Length)
        {
            var start = position + 1;
            var newline = text.IndexOf('\n', start);
            var end = newline < 0 ? text.Length : newline;
            lines.Add((start, end > start && text[end - 1] == '\r' ? end - 1 : end, end));
            position = newline;
        }

        if (lines.Count < 2)
        {
            return false;
        }

        var closing = lines[lines.Count - 1];
        var indentation = 0;
        while (closing.Start + indentation < closing.End && text[closing.Start + indentation] is ' ' or '\t')
        {
            indentation++;
        }

        for (var l = 0; l < lines.Count - 1; l++)
        {
            var (start, end, next) = lines[l];
            for (var i = System.Math.Min(start + indentation, end); i < end; i++)
            {
                add(text[i], i, i + 1); // a blank line may be shorter than the indentation
            }

            if (l < lines.Count - 2)
            {
                for (var i = end; i <= next && i < text.Length; i++)
                {
                    add(text[i], i, i + 1); // \r\n or \n, as written
                }
            }
        }

        return true;
    }

    private static string? Escape(string text, ref int i)
    {
        if (i + 1 >= text.Length)
        {
            return null;
        }

        var kind = text[i + 1];
        i += 2;
        return kind switch
        {
            '\'' => "'",
            '"' => "\"",
            '\\' => "\\",
            '0' => "\0",
            'a' => "\a",
            'b' => "\b",
            'e' => "\u001b",
            'f' => "\f",
            'n' => "\n",
            'r' => "\r",
            't' => "\t",
            'v' => "\v",
            'u' => Hex(text, ref i, 4, 4) is { } u ? ((char)u).ToString() : null,
            'U' => Hex(text, ref i, 8, 8) is { } big && big <= 0x10FFFF ? char.ConvertFromUtf32(big) : null,
            'x' => Hex(text, ref i, 1, 4) is { } x ? ((char)x).ToString() : null,
            _ => null,
        };
    }

    private static int? Hex(string text, ref int i, int min, int max)
    {
        var value = 0;
        var digits = 0;
        while (digits < max && i < text.Length && System.Uri.IsHexDigit(text[i]))
        {
            value = (value * 16) + System.Convert.ToInt32(text[i].ToString(), 16);
            i++;
            digits++;
        }

        return digits >= min ? value : null;
    }

    private static int CountQuotes(string text)
    {
        var n = 0;
        while (n < text.Length && text[n] == '"')
        {
            n++;
        }

        return n;
    }
}

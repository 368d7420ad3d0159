using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Pipeline.Generators.Model;

/// <summary>
/// Run parameters in a catalog source's push-down predicate: <c>{RunDate:format}</c>, <c>{RunDate-Nd:format}</c> and
/// <c>{RunDate+Nd:format}</c> (N = 1..3660 days), where the format is made of <c>yyyy</c>, <c>MM</c>, <c>dd</c> and the
/// separators <c>- / _ .</c> and space. Every <c>{</c> or <c>}</c> must belong to one (PIPE109).
/// </summary>
/// <remarks>
/// The one definition of the syntax: the parser validates with it, the Glue emitter turns each placeholder into a
/// Python <c>strftime</c> call, and the local runner (which links this file) formats the predicate with it.
/// </remarks>
internal static class RunParameters
{
    public const string Name = "RunDate";

    /// <summary>A piece of a predicate: literal text, or a placeholder (<see cref="Text"/> null).</summary>
    public sealed class Segment
    {
        public Segment(string? text, int offsetDays, string format)
        {
            Text = text;
            OffsetDays = offsetDays;
            Format = format;
        }

        public string? Text { get; }

        public int OffsetDays { get; }

        /// <summary>The placeholder's format, e.g. <c>yyyy-MM-dd</c>.</summary>
        public string Format { get; }
    }

    /// <summary>Whether the predicate has any placeholder (cheap pre-check for emitters).</summary>
    public static bool HasPlaceholders(string? predicate) => predicate is not null && predicate.IndexOf('{') >= 0;

    public static bool TryParse(string predicate, out List<Segment> segments, out string? error)
    {
        segments = new List<Segment>();
        error = null;
        var literal = new StringBuilder();
        var i = 0;
        while (i < predicate.Length)
        {
            var c = predicate[i];
            if (c == '}')
            {
                error = $"'}}' at position {i + 1} closes no run parameter; placeholders are {{{Name}:yyyy-MM-dd}} or {{{Name}-1d:yyyy-MM-dd}}";
                return false;
            }

            if (c != '{')
            {
                literal.Append(c);
                i++;
                continue;
            }

            var end = predicate.IndexOf('}', i + 1);
            var nested = predicate.IndexOf('{', i + 1);
            if (end < 0 || (nested >= 0 && nested < end))
            {
                error = $"'{{' at position {i + 1} opens a run parameter that is not closed by '}}'";
                return false;
            }

            var placeholder = predicate.Substring(i + 1, end - i - 1);
            if (!TryParsePlaceholder(placeholder, out var offset, out var format, out error))
            {
                return false;
            }

            if (literal.Length > 0)
            {
                segments.Add(new Segment(literal.ToString(), 0, ""));
                literal.Clear();
            }

            segments.Add(new Segment(null, offset, format));
            i = end + 1;
        }

        if (literal.Length > 0)
        {
            segments.Add(new Segment(literal.ToString(), 0, ""));
        }

        return true;
    }

    private static bool TryParsePlaceholder(string placeholder, out int offset, out string format, out string? error)
    {
        offset = 0;
        format = "";
        var colon = placeholder.IndexOf(':');
        var head = colon < 0 ? placeholder : placeholder.Substring(0, colon);
        if (!head.StartsWith(Name, StringComparison.Ordinal))
        {
            error = $"unknown run parameter '{{{placeholder}}}': the only one is {Name} ({{{Name}:yyyy-MM-dd}}, {{{Name}-1d:yyyy-MM-dd}})";
            return false;
        }

        var shift = head.Substring(Name.Length);
        if (shift.Length > 0)
        {
            var days = shift.Length > 2 && shift.EndsWith("d", StringComparison.Ordinal) ? shift.Substring(1, shift.Length - 2) : "";
            if ((shift[0] != '+' && shift[0] != '-')
                || !int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                || n < 1 || n > 3660)
            {
                error = $"'{{{placeholder}}}': a shift is {Name}-<n>d or {Name}+<n>d with n from 1 to 3660 days";
                return false;
            }

            offset = shift[0] == '-' ? -n : n;
        }

        if (colon < 0 || colon == placeholder.Length - 1)
        {
            error = $"'{{{placeholder}}}' has no format; write e.g. {{{head}:yyyy-MM-dd}}";
            return false;
        }

        format = placeholder.Substring(colon + 1);
        for (var i = 0; i < format.Length;)
        {
            if (string.CompareOrdinal(format, i, "yyyy", 0, 4) == 0)
            {
                i += 4;
            }
            else if (string.CompareOrdinal(format, i, "MM", 0, 2) == 0 || string.CompareOrdinal(format, i, "dd", 0, 2) == 0)
            {
                i += 2;
            }
            else if ("-/_. ".IndexOf(format[i]) >= 0)
            {
                i++;
            }
            else
            {
                error = $"'{{{placeholder}}}': format '{format}' may only hold yyyy, MM, dd and the separators - / _ . and space";
                return false;
            }
        }

        error = null;
        return true;
    }

    /// <summary>The predicate with every placeholder replaced from <paramref name="runDate"/> (a valid predicate: parsed before).</summary>
    public static string Format(string predicate, DateTime runDate)
    {
        if (!TryParse(predicate, out var segments, out var error))
        {
            throw new FormatException(error);
        }

        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            text.Append(segment.Text ?? runDate.AddDays(segment.OffsetDays).ToString(segment.Format, CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    /// <summary>The placeholder's format for Python's <c>strftime</c>: <c>yyyy-MM-dd</c> → <c>%Y-%m-%d</c>.</summary>
    public static string StrftimeFormat(string format) => format.Replace("yyyy", "%Y").Replace("MM", "%m").Replace("dd", "%d");
}

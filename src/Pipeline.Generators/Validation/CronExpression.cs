using System;
using System.Collections.Generic;
using System.Globalization;

namespace Pipeline.Generators.Validation;

/// <summary>
/// Validates AWS cron expressions as Glue triggers accept them:
/// <c>cron(Minutes Hours Day-of-month Month Day-of-week Year)</c>, six fields, UTC, and a minimum precision of
/// five minutes (guardrail PIPE032).
/// </summary>
internal static class CronExpression
{
    private static readonly string[] FieldNames = { "Minutes", "Hours", "Day-of-month", "Month", "Day-of-week", "Year" };
    private static readonly int[] Minimums = { 0, 0, 1, 1, 1, 1970 };
    private static readonly int[] Maximums = { 59, 23, 31, 12, 7, 2199 };
    private static readonly string[] MonthNames = { "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC" };
    private static readonly string[] DayNames = { "SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT" };

    private const int Minutes = 0;
    private const int Hours = 1;
    private const int DayOfMonth = 2;
    private const int Month = 3;
    private const int DayOfWeek = 4;
    private const int Year = 5;

    /// <summary>The smallest interval between runs Glue supports, in minutes.</summary>
    public const int MinimumIntervalMinutes = 5;

    public static bool TryValidate(string text, out string? error)
    {
        error = Validate(text);
        return error is null;
    }

    private static string? Validate(string? text)
    {
        if (text is null || text.Trim().Length == 0)
        {
            return "the schedule is empty; write an AWS cron expression such as 'cron(0 2 * * ? *)'";
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith("rate(", StringComparison.OrdinalIgnoreCase))
        {
            return "Glue schedules take a cron expression, not a rate expression; write e.g. 'cron(0 2 * * ? *)'";
        }

        if (!trimmed.StartsWith("cron(", StringComparison.Ordinal) || !trimmed.EndsWith(")", StringComparison.Ordinal))
        {
            return "'" + trimmed + "' is not wrapped in 'cron(...)'; AWS schedules are written 'cron(Minutes Hours Day-of-month Month Day-of-week Year)'";
        }

        var body = trimmed.Substring(5, trimmed.Length - 6).Trim();
        var fields = body.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 6)
        {
            return "an AWS cron expression has six fields (Minutes Hours Day-of-month Month Day-of-week Year) but '" + body + "' has " + fields.Length.ToString(CultureInfo.InvariantCulture);
        }

        var sets = new HashSet<int>?[6];
        for (var i = 0; i < 6; i++)
        {
            var fieldError = ParseField(i, fields[i], out sets[i]);
            if (fieldError is not null)
            {
                return FieldNames[i] + " field '" + fields[i] + "': " + fieldError;
            }
        }

        var domQuestion = fields[DayOfMonth] == "?";
        var dowQuestion = fields[DayOfWeek] == "?";
        if (domQuestion && dowQuestion)
        {
            return "only one of Day-of-month and Day-of-week may be '?'; give the other a value (e.g. '*')";
        }

        if (!domQuestion && !dowQuestion)
        {
            return "one of Day-of-month ('" + fields[DayOfMonth] + "') and Day-of-week ('" + fields[DayOfWeek] + "') must be '?'";
        }

        return CheckPrecision(sets[Minutes]!, sets[Hours]!);
    }

    /// <summary>Rejects schedules that fire twice within five minutes (checked on the minute/hour sets of a day).</summary>
    private static string? CheckPrecision(HashSet<int> minutes, HashSet<int> hours)
    {
        var times = new List<int>();
        for (var h = 0; h < 24; h++)
        {
            if (!hours.Contains(h))
            {
                continue;
            }

            for (var m = 0; m < 60; m++)
            {
                if (minutes.Contains(m))
                {
                    times.Add((h * 60) + m);
                }
            }
        }

        for (var i = 1; i < times.Count; i++)
        {
            var gap = times[i] - times[i - 1];
            if (gap < MinimumIntervalMinutes)
            {
                return "the schedule fires every " + gap.ToString(CultureInfo.InvariantCulture) + " minute(s) (at minutes "
                    + (times[i - 1] % 60).ToString(CultureInfo.InvariantCulture) + " and " + (times[i] % 60).ToString(CultureInfo.InvariantCulture)
                    + "); Glue's minimum schedule precision is " + MinimumIntervalMinutes.ToString(CultureInfo.InvariantCulture) + " minutes";
            }
        }

        // Across midnight (the last run of one day and the first of the next).
        if (times.Count > 1 && times[0] + (24 * 60) - times[times.Count - 1] < MinimumIntervalMinutes)
        {
            return "the schedule fires less than " + MinimumIntervalMinutes.ToString(CultureInfo.InvariantCulture) + " minutes apart around midnight; Glue's minimum schedule precision is "
                + MinimumIntervalMinutes.ToString(CultureInfo.InvariantCulture) + " minutes";
        }

        return null;
    }

    private static string? ParseField(int field, string text, out HashSet<int>? values)
    {
        values = null;
        var min = Minimums[field];
        var max = Maximums[field];
        if (text == "?")
        {
            if (field != DayOfMonth && field != DayOfWeek)
            {
                return "'?' is only allowed in Day-of-month and Day-of-week";
            }

            return null;
        }

        if (field == DayOfMonth && (text == "L" || text == "LW"))
        {
            return null;
        }

        if (field == DayOfMonth && text.EndsWith("W", StringComparison.Ordinal))
        {
            var day = text.Substring(0, text.Length - 1);
            if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d) || d < 1 || d > 31)
            {
                return "'W' must follow a single day 1-31 (e.g. '3W')";
            }

            return null;
        }

        if (field == DayOfWeek && text.IndexOf('#') >= 0)
        {
            var parts = text.Split('#');
            if (parts.Length != 2 || ParseValue(field, parts[0], out _) is not null
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var nth) || nth < 1 || nth > 5)
            {
                return "'#' is written 'day#n' with a day 1-7/SUN-SAT and n 1-5 (e.g. '3#2')";
            }

            return null;
        }

        if (field == DayOfWeek && text.EndsWith("L", StringComparison.Ordinal) && text != "L")
        {
            return ParseValue(field, text.Substring(0, text.Length - 1), out _) is not null ? "'L' must follow a single day 1-7/SUN-SAT (e.g. '6L')" : null;
        }

        if (field == DayOfWeek && text == "L")
        {
            return null;
        }

        if (text.IndexOfAny(new[] { 'L', 'W', '#' }) >= 0 && !IsName(field, text))
        {
            return field == DayOfMonth || field == DayOfWeek
                ? "'L', 'W' and '#' must stand alone in their documented forms ('L', '15W', '6L', '3#2')"
                : "'L', 'W' and '#' are only allowed in Day-of-month and Day-of-week";
        }

        values = new HashSet<int>();
        foreach (var item in text.Split(','))
        {
            if (item.Length == 0)
            {
                return "empty list element";
            }

            var slash = item.IndexOf('/');
            var rangePart = slash >= 0 ? item.Substring(0, slash) : item;
            var step = 1;
            if (slash >= 0)
            {
                var stepText = item.Substring(slash + 1);
                if (!int.TryParse(stepText, NumberStyles.None, CultureInfo.InvariantCulture, out step) || step < 1)
                {
                    return "the increment after '/' must be a positive number, not '" + stepText + "'";
                }
            }

            int from;
            int to;
            if (rangePart == "*")
            {
                from = min;
                to = max;
            }
            else
            {
                var dash = rangePart.IndexOf('-');
                if (dash > 0)
                {
                    var e1 = ParseValue(field, rangePart.Substring(0, dash), out from);
                    if (e1 is not null)
                    {
                        return e1;
                    }

                    var e2 = ParseValue(field, rangePart.Substring(dash + 1), out to);
                    if (e2 is not null)
                    {
                        return e2;
                    }
                }
                else
                {
                    var e = ParseValue(field, rangePart, out from);
                    if (e is not null)
                    {
                        return e;
                    }

                    to = slash >= 0 ? max : from;
                }
            }

            if (to < from)
            {
                // AWS allows wrap-around ranges such as FRI-MON or 22-2.
                for (var v = from; v <= max; v += step)
                {
                    values.Add(v);
                }

                for (var v = min; v <= to; v += step)
                {
                    values.Add(v);
                }
            }
            else
            {
                for (var v = from; v <= to; v += step)
                {
                    values.Add(v);
                }
            }
        }

        return null;
    }

    private static bool IsName(int field, string text)
    {
        foreach (var part in text.Split(',', '-', '/'))
        {
            if (Array.IndexOf(field == Month ? MonthNames : DayNames, part.ToUpperInvariant()) < 0 && !int.TryParse(part, out _) && part != "*")
            {
                return false;
            }
        }

        return field == Month || field == DayOfWeek;
    }

    private static string? ParseValue(int field, string text, out int value)
    {
        var min = Minimums[field];
        var max = Maximums[field];
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            if (value < min || value > max)
            {
                return "value " + text + " is outside " + min.ToString(CultureInfo.InvariantCulture) + "-" + max.ToString(CultureInfo.InvariantCulture);
            }

            return null;
        }

        var names = field == Month ? MonthNames : field == DayOfWeek ? DayNames : null;
        if (names is not null)
        {
            var index = Array.IndexOf(names, text.ToUpperInvariant());
            if (index >= 0)
            {
                value = index + 1;
                return null;
            }

            return "'" + text + "' is neither a number " + min.ToString(CultureInfo.InvariantCulture) + "-" + max.ToString(CultureInfo.InvariantCulture)
                + " nor one of " + string.Join(", ", names);
        }

        return "'" + text + "' is not a number " + min.ToString(CultureInfo.InvariantCulture) + "-" + max.ToString(CultureInfo.InvariantCulture);
    }
}

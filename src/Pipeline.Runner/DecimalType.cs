using System.Globalization;

namespace Pipeline.Runner;

/// <summary>The precision and scale of a DuckDB <c>DECIMAL(p,s)</c> type name, as the local plan writes column types.</summary>
internal static class DecimalType
{
    public static bool TryParse(string type, out int precision, out int scale)
    {
        precision = 0;
        scale = 0;
        const string Prefix = "DECIMAL(";
        if (!type.StartsWith(Prefix, System.StringComparison.Ordinal) || !type.EndsWith(")", System.StringComparison.Ordinal))
        {
            return false;
        }

        var parts = type.Substring(Prefix.Length, type.Length - Prefix.Length - 1).Split(',');
        return parts.Length == 2
            && int.TryParse(parts[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out precision)
            && int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out scale);
    }
}

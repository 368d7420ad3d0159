using System.Text;

namespace Pipeline.Generators.Model;

/// <summary>Name conversions shared by the parser and every emitter, so they agree on every derived name.</summary>
internal static class Naming
{
    /// <summary><c>OrderId</c> → <c>order_id</c>, <c>HTTPStatus</c> → <c>http_status</c>.</summary>
    public static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]);
                var previousIsUpper = i > 0 && char.IsUpper(name[i - 1]);
                if (builder.Length > 0 && builder[builder.Length - 1] != '_' && (previousIsLowerOrDigit || (previousIsUpper && nextIsLower)))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c == '-' || c == ' ' ? '_' : c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A job name made into an identifier for Python, Terraform and HCL: <c>orders-daily</c> → <c>orders_daily</c>.</summary>
    public static string ToIdentifier(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            builder.Append((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ? char.ToLowerInvariant(c) : '_');
        }

        if (builder.Length == 0 || char.IsDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }

        return builder.ToString();
    }
}

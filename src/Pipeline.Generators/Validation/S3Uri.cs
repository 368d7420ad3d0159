using System;
using System.Globalization;

namespace Pipeline.Generators.Validation;

/// <summary>
/// Validates <c>s3://bucket/key</c> URIs (guardrail PIPE038): the <c>s3://</c> scheme only, a bucket name that follows
/// the S3 general-purpose naming rules plus the product rule "no dots", no glob characters, no empty path segments
/// and no whitespace.
/// </summary>
internal static class S3Uri
{
    private const string Scheme = "s3://";
    private static readonly string[] ForbiddenPrefixes = { "xn--", "sthree-", "amzn-s3-demo-" };
    private static readonly string[] ForbiddenSuffixes = { "-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3" };

    public static bool TryValidate(string text, out string? error)
    {
        error = Validate(text, out _, out _);
        return error is null;
    }

    /// <summary>Splits a valid URI into bucket and key (the key without the leading slash; may be empty).</summary>
    public static bool TryParse(string text, out string bucket, out string key)
    {
        var error = Validate(text, out var b, out var k);
        bucket = error is null ? b! : string.Empty;
        key = error is null ? k! : string.Empty;
        return error is null;
    }

    private static string? Validate(string? text, out string? bucket, out string? key)
    {
        bucket = null;
        key = null;
        if (text is null || text.Length == 0)
        {
            return "the S3 URI is empty; write 's3://bucket/prefix/'";
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsWhiteSpace(text[i]) || char.IsControl(text[i]))
            {
                return "the S3 URI contains whitespace or a control character at position " + i.ToString(CultureInfo.InvariantCulture);
            }
        }

        if (!text.StartsWith(Scheme, StringComparison.Ordinal))
        {
            var colon = text.IndexOf("://", StringComparison.Ordinal);
            if (colon > 0)
            {
                var scheme = text.Substring(0, colon + 3);
                return scheme.Equals(Scheme, StringComparison.OrdinalIgnoreCase)
                    ? "the scheme must be written in lower case: 's3://'"
                    : "scheme '" + scheme + "' is not supported; Glue reads and writes 's3://' URIs";
            }

            return "'" + text + "' is not an S3 URI; write 's3://bucket/prefix/'";
        }

        var rest = text.Substring(Scheme.Length);
        var slash = rest.IndexOf('/');
        var b = slash < 0 ? rest : rest.Substring(0, slash);
        var k = slash < 0 ? string.Empty : rest.Substring(slash + 1);

        var bucketError = ValidateBucket(b);
        if (bucketError is not null)
        {
            return bucketError;
        }

        var glob = k.IndexOfAny(new[] { '*', '?', '[' });
        if (glob >= 0)
        {
            return "the key contains the glob character '" + k[glob] + "'; give a prefix, not a pattern";
        }

        if (k.IndexOf("//", StringComparison.Ordinal) >= 0 || k.StartsWith("/", StringComparison.Ordinal))
        {
            return "the key contains an empty path segment ('//')";
        }

        bucket = b;
        key = k;
        return null;
    }

    private static string? ValidateBucket(string bucket)
    {
        if (bucket.Length == 0)
        {
            return "the bucket name is missing";
        }

        if (bucket.Length < 3 || bucket.Length > 63)
        {
            return "bucket name '" + bucket + "' must be 3-63 characters long";
        }

        if (bucket.IndexOf('.') >= 0)
        {
            return "bucket name '" + bucket + "' contains '.'; dotted bucket names are not allowed (they break TLS and Transfer Acceleration)";
        }

        foreach (var c in bucket)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            {
                return "bucket name '" + bucket + "' contains '" + c + "'; only lowercase letters, digits and '-' are allowed";
            }
        }

        if (!IsAlphanumeric(bucket[0]) || !IsAlphanumeric(bucket[bucket.Length - 1]))
        {
            return "bucket name '" + bucket + "' must begin and end with a letter or digit";
        }

        foreach (var prefix in ForbiddenPrefixes)
        {
            if (bucket.StartsWith(prefix, StringComparison.Ordinal))
            {
                return "bucket name '" + bucket + "' must not start with the reserved prefix '" + prefix + "'";
            }
        }

        foreach (var suffix in ForbiddenSuffixes)
        {
            if (bucket.EndsWith(suffix, StringComparison.Ordinal))
            {
                return "bucket name '" + bucket + "' must not end with the reserved suffix '" + suffix + "'";
            }
        }

        return null;
    }

    private static bool IsAlphanumeric(char c) => (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

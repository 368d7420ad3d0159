using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Pipeline.Generators.Helpers;

/// <summary>
/// A JSON object whose members keep the order they were added in, so emitters decide the order once and the output is
/// byte-identical everywhere. Set members with index initializers: <c>new JsonObject { ["name"] = "x" }</c>.
/// Values are <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="bool"/>, <c>null</c>,
/// <see cref="JsonObject"/> or <see cref="JsonArray"/>.
/// </summary>
internal sealed class JsonObject : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _members = new();

    public int Count => _members.Count;

    /// <summary>Gets a member (null when absent) or sets it: an existing key keeps its position, a new one is appended.</summary>
    public object? this[string key]
    {
        get
        {
            foreach (var member in _members)
            {
                if (string.Equals(member.Key, key, StringComparison.Ordinal))
                {
                    return member.Value;
                }
            }

            return null;
        }

        set
        {
            for (var i = 0; i < _members.Count; i++)
            {
                if (string.Equals(_members[i].Key, key, StringComparison.Ordinal))
                {
                    _members[i] = new KeyValuePair<string, object?>(key, value);
                    return;
                }
            }

            _members.Add(new KeyValuePair<string, object?>(key, value));
        }
    }

    /// <summary>Returns the object stored under <paramref name="key"/>, adding an empty one first when absent.</summary>
    public JsonObject Object(string key)
    {
        if (this[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        this[key] = created;
        return created;
    }

    /// <summary>Removes a member; false when it was absent.</summary>
    public bool Remove(string key)
    {
        for (var i = 0; i < _members.Count; i++)
        {
            if (string.Equals(_members[i].Key, key, StringComparison.Ordinal))
            {
                _members.RemoveAt(i);
                return true;
            }
        }

        return false;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _members.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A JSON array; items are the same value kinds as <see cref="JsonObject"/> members.</summary>
internal sealed class JsonArray : List<object?>
{
    public JsonArray()
    {
    }

    public JsonArray(IEnumerable<object?> items)
        : base(items)
    {
    }

    public static JsonArray Of(params object?[] items) => new(items);

    public static JsonArray OfStrings(IEnumerable<string> items)
    {
        var array = new JsonArray();
        foreach (var item in items)
        {
            array.Add(item);
        }

        return array;
    }
}

/// <summary>
/// A tiny deterministic JSON writer for the Terraform (<c>*.tf.json</c>) and CloudWatch dashboard artifacts. The generator
/// targets netstandard2.0 and must not depend on System.Text.Json, so this is the whole serializer.
/// </summary>
/// <remarks>
/// Output: two-space indentation, <c>"key": value</c>, <c>\n</c> line ends, a final newline, empty containers as
/// <c>{}</c>/<c>[]</c>. Strings get full RFC 8259 escaping (every control character U+0000–U+001F), and every
/// character outside printable ASCII (U+007F and above, including each half of a surrogate pair) is written as
/// <c>\uXXXX</c>, so the file is pure ASCII whatever the machine's encoding. It writes straight into a
/// <see cref="StringBuilder"/> rather than through <see cref="SourceWriter"/>: JSON values continue on the line of
/// their key, which a line-oriented writer cannot express without extra state.
/// </remarks>
internal static class JsonWriter
{
    private const string Indent = "  ";

    /// <summary>Serializes a value tree (see <see cref="JsonObject"/>) as indented JSON ending in a newline.</summary>
    public static string Serialize(object? value)
    {
        var builder = new StringBuilder();
        WriteValue(builder, value, 0);
        builder.Append('\n');
        return builder.ToString();
    }

    /// <summary>Serializes a value tree on one line without insignificant whitespace (e.g. an EventBridge pattern string).</summary>
    public static string SerializeCompact(object? value)
    {
        var builder = new StringBuilder();
        WriteCompact(builder, value);
        return builder.ToString();
    }

    private static void WriteCompact(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case JsonObject obj:
                builder.Append('{');
                var first = true;
                foreach (var member in obj)
                {
                    builder.Append(first ? "" : ",");
                    first = false;
                    WriteString(builder, member.Key);
                    builder.Append(':');
                    WriteCompact(builder, member.Value);
                }

                builder.Append('}');
                break;
            case JsonArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ",");
                    WriteCompact(builder, array[i]);
                }

                builder.Append(']');
                break;
            default:
                WriteValue(builder, value, 0);
                break;
        }
    }

    /// <summary>A JSON string literal, quotes included.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        WriteString(builder, value);
        return builder.ToString();
    }

    private static void WriteValue(StringBuilder builder, object? value, int depth)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string text:
                WriteString(builder, text);
                break;
            case bool flag:
                builder.Append(flag ? "true" : "false");
                break;
            case int number:
                builder.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case long number:
                builder.Append(number.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonObject obj:
                WriteObject(builder, obj, depth);
                break;
            case JsonArray array:
                WriteArray(builder, array, depth);
                break;
            default:
                throw new ArgumentException("Unsupported JSON value type: " + value.GetType().FullName, nameof(value));
        }
    }

    private static void WriteObject(StringBuilder builder, JsonObject obj, int depth)
    {
        if (obj.Count == 0)
        {
            builder.Append("{}");
            return;
        }

        builder.Append('{');
        var first = true;
        foreach (var member in obj)
        {
            builder.Append(first ? "\n" : ",\n");
            first = false;
            AppendIndent(builder, depth + 1);
            WriteString(builder, member.Key);
            builder.Append(": ");
            WriteValue(builder, member.Value, depth + 1);
        }

        builder.Append('\n');
        AppendIndent(builder, depth);
        builder.Append('}');
    }

    private static void WriteArray(StringBuilder builder, JsonArray array, int depth)
    {
        if (array.Count == 0)
        {
            builder.Append("[]");
            return;
        }

        builder.Append('[');
        for (var i = 0; i < array.Count; i++)
        {
            builder.Append(i == 0 ? "\n" : ",\n");
            AppendIndent(builder, depth + 1);
            WriteValue(builder, array[i], depth + 1);
        }

        builder.Append('\n');
        AppendIndent(builder, depth);
        builder.Append(']');
    }

    private static void AppendIndent(StringBuilder builder, int depth)
    {
        for (var i = 0; i < depth; i++)
        {
            builder.Append(Indent);
        }
    }

    private static void WriteString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (c < 0x20 || c >= 0x7F)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
    }
}

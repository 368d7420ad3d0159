using System.Globalization;
using System.Text;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

/// <summary>
/// Python and Spark lexical helpers for the PySpark emitter: string literals, comments, column references and
/// Spark SQL type names. Everything they return is pure ASCII, so the generated script is byte-stable.
/// </summary>
internal static class PySparkSyntax
{
    /// <summary>
    /// A double-quoted Python string literal. Backslash, quotes and control characters are escaped; every non-ASCII
    /// character becomes <c>\uXXXX</c> (or <c>\UXXXXXXXX</c> for a surrogate pair), so the literal is pure ASCII.
    /// </summary>
    public static string PyLiteral(string value)
    {
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '"':
                    builder.Append("\\\"");
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
                    if (c < 0x20 || c == 0x7F)
                    {
                        builder.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    }
                    else if (c < 0x7F)
                    {
                        builder.Append(c);
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        var codePoint = char.ConvertToUtf32(c, value[i + 1]);
                        builder.Append("\\U").Append(codePoint.ToString("x8", CultureInfo.InvariantCulture));
                        i++;
                    }
                    else
                    {
                        // Lone surrogates are legal in a Python str written as an escape.
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }

        builder.Append('"');
        return builder.ToString();
    }

    /// <summary>Text made safe for one Python comment line: ASCII only, no line breaks.</summary>
    public static string CommentText(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c == '\r' || c == '\n' || c == '\t')
            {
                builder.Append(' ');
            }
            else if (c < 0x20 || c >= 0x7F)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// A Python identifier derived from a model id (<c>orders</c>, <c>curated</c>): lower-case ASCII letters, digits
    /// and underscores, never starting with a digit.
    /// </summary>
    public static string Identifier(string id) => Naming.ToIdentifier(id);

    /// <summary>
    /// The Spark column path of a column name, for <c>F.col</c>: plain when it is a simple identifier, otherwise in
    /// backticks (so dots, spaces and dashes are part of the name, not struct access), prefixed by the join alias.
    /// </summary>
    public static string ColumnPath(string? qualifier, string name)
    {
        var quoted = QuoteName(name);
        return qualifier is null ? quoted : QuoteName(qualifier) + "." + quoted;
    }

    /// <summary><c>F.col("...")</c> for a column of the current frame or of a join side.</summary>
    public static string Col(string? qualifier, string name) => "F.col(" + PyLiteral(ColumnPath(qualifier, name)) + ")";

    /// <summary>A name as Spark SQL reads it: bare when simple, else in backticks with backticks doubled.</summary>
    public static string QuoteName(string name)
    {
        if (IsSimpleName(name))
        {
            return name;
        }

        return "`" + name.Replace("`", "``") + "`";
    }

    private static bool IsSimpleName(string name)
    {
        if (name.Length == 0 || (name[0] >= '0' && name[0] <= '9'))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The Spark SQL type name of a column type (<c>decimal(18,2)</c>, <c>array&lt;string&gt;</c>, <c>struct&lt;a:int&gt;</c>).</summary>
    public static string SparkType(DataType type)
    {
        switch (type.Kind)
        {
            case TypeKind.String:
                return "string";
            case TypeKind.Byte:
                return "tinyint";
            case TypeKind.Short:
                return "smallint";
            case TypeKind.Int:
                return "int";
            case TypeKind.Long:
                return "bigint";
            case TypeKind.Float:
                return "float";
            case TypeKind.Double:
                return "double";
            case TypeKind.Decimal:
                return DecimalType(type.Precision, type.Scale);
            case TypeKind.Boolean:
                return "boolean";
            case TypeKind.Date:
                return "date";
            case TypeKind.Timestamp:
                return "timestamp";
            case TypeKind.Array:
                return "array<" + (type.Element is null ? "string" : SparkType(type.Element)) + ">";
            case TypeKind.Struct:
                var builder = new StringBuilder("struct<");
                for (var i = 0; i < type.Fields.Count; i++)
                {
                    var field = type.Fields[i];
                    builder.Append(i == 0 ? "" : ",").Append(QuoteName(field.Name)).Append(':').Append(SparkType(field.Type));
                }

                return builder.Append('>').ToString();
            default:
                return "string";
        }
    }

    /// <summary><c>decimal(p,s)</c>; a type without a precision is C# <c>decimal</c>'s widest Spark form, <c>decimal(38,18)</c>.</summary>
    public static string DecimalType(int precision, int scale)
    {
        if (precision <= 0)
        {
            precision = 38;
            scale = 18;
        }

        return "decimal(" + precision.ToString(CultureInfo.InvariantCulture) + "," + scale.ToString(CultureInfo.InvariantCulture) + ")";
    }

    /// <summary>A Spark DDL schema string (<c>`id` string, `amount` decimal(18,2)</c>) for an empty frame of the schema.</summary>
    public static string DdlSchema(SchemaSpec schema)
    {
        var builder = new StringBuilder();
        foreach (var column in schema.Columns)
        {
            builder.Append(builder.Length == 0 ? "" : ", ").Append('`').Append(column.Name.Replace("`", "``")).Append("` ").Append(SparkType(column.Type));
        }

        return builder.ToString();
    }

    /// <summary>A Python list literal of strings: <c>["a", "b"]</c>.</summary>
    public static string PyList(System.Collections.Generic.IEnumerable<string> items)
    {
        var builder = new StringBuilder("[");
        var first = true;
        foreach (var item in items)
        {
            builder.Append(first ? "" : ", ").Append(PyLiteral(item));
            first = false;
        }

        return builder.Append(']').ToString();
    }
}

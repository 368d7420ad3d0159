using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Parsing;

/// <summary>The keyed write mode of a sink (<c>S3Sink.Mode = WriteMode.Merge, Key = …</c>).</summary>
internal static partial class PipelineParser
{
    private sealed partial class Context
    {
        /// <summary>
        /// PIPE107: <c>S3Sink.Key</c> — required with <c>Mode = WriteMode.Merge</c> and only there; comma-separated
        /// property or column names of the sink's record, each a primitive column, none twice. Returns column names.
        /// </summary>
        private List<string> ReadMergeKeys(AttributeData attribute, SchemaSpec schema, WriteModeKind mode, ref bool ok)
        {
            var keys = new List<string>();
            var text = AttributeReader.Named<string?>(attribute, "Key", null);
            if (mode != WriteModeKind.Merge)
            {
                if (text is not null)
                {
                    ok &= Check(false, ParserRuleIds.MergeKey, attribute, "Key", 0, "Key only applies to Mode = WriteMode.Merge (the columns a later row replaces an earlier one by)");
                }

                return keys;
            }

            if (string.IsNullOrWhiteSpace(text))
            {
                ok &= Check(false, ParserRuleIds.MergeKey, attribute, "Mode", 0,
                    "Mode = WriteMode.Merge needs Key: the column(s) a later row replaces an earlier one by, e.g. Key = nameof(Order.OrderId)");
                return keys;
            }

            foreach (var part in text!.Split(','))
            {
                var name = part.Trim();
                var column = name.Length == 0 ? null : schema.FindProperty(name) ?? schema.FindColumn(name);
                if (column is null)
                {
                    ok &= Check(false, ParserRuleIds.MergeKey, attribute, "Key", 0, $"merge key '{name}' is not a column of {schema.Name}");
                }
                else if (!column.Type.IsPrimitive)
                {
                    ok &= Check(false, ParserRuleIds.MergeKey, attribute, "Key", 0, $"merge key '{name}' must have a primitive type, not {column.Type.Kind}");
                }
                else if (keys.Contains(column.Name))
                {
                    ok &= Check(false, ParserRuleIds.MergeKey, attribute, "Key", 0, $"merge key '{name}' is listed twice");
                }
                else
                {
                    keys.Add(column.Name);
                }
            }

            return keys;
        }
    }
}

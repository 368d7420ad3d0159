using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

internal static partial class TerraformEmitter
{
    /// <summary>Hive/Glue type of a column: <c>decimal(18,2)</c>, <c>array&lt;string&gt;</c>, <c>struct&lt;a:int,b:string&gt;</c>.</summary>
    internal static string HiveType(DataType type) => type.Kind switch
    {
        TypeKind.String => "string",
        TypeKind.Byte => "tinyint",
        TypeKind.Short => "smallint",
        TypeKind.Int => "int",
        TypeKind.Long => "bigint",
        TypeKind.Float => "float",
        TypeKind.Double => "double",
        // C# decimal without declared precision maps to Spark's default for System.Decimal, decimal(38,18).
        TypeKind.Decimal => type.Precision > 0
            ? "decimal(" + type.Precision.ToString(CultureInfo.InvariantCulture) + "," + type.Scale.ToString(CultureInfo.InvariantCulture) + ")"
            : "decimal(38,18)",
        TypeKind.Boolean => "boolean",
        TypeKind.Date => "date",
        TypeKind.Timestamp => "timestamp",
        TypeKind.Array => "array<" + (type.Element is null ? "string" : HiveType(type.Element)) + ">",
        TypeKind.Struct => StructType(type),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type.Kind, "Unknown column type"),
    };

    private static string StructType(DataType type)
    {
        var builder = new StringBuilder("struct<");
        var first = true;
        foreach (var field in type.Fields)
        {
            builder.Append(first ? "" : ",").Append(field.Name).Append(':').Append(HiveType(field.Type));
            first = false;
        }

        return builder.Append('>').ToString();
    }

    /// <summary>The stack owns one <c>aws_glue_catalog_database</c> per database a sink writes (glue.tf.json).</summary>
    internal static string DatabaseResourceName(string database) => Naming.ToIdentifier(database).TrimStart('_');

    private sealed record StorageFormat(string Classification, string InputFormat, string OutputFormat, string SerDe, JsonObject SerDeParameters);

    private static StorageFormat Storage(FileFormat format) => format switch
    {
        FileFormat.Parquet => new StorageFormat(
            "parquet",
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat",
            "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat",
            "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe",
            new JsonObject { ["serialization.format"] = "1" }),
        FileFormat.Orc => new StorageFormat(
            "orc",
            "org.apache.hadoop.hive.ql.io.orc.OrcInputFormat",
            "org.apache.hadoop.hive.ql.io.orc.OrcOutputFormat",
            "org.apache.hadoop.hive.ql.io.orc.OrcSerde",
            new JsonObject { ["serialization.format"] = "1" }),
        FileFormat.Json => new StorageFormat(
            "json",
            "org.apache.hadoop.mapred.TextInputFormat",
            "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            "org.openx.data.jsonserde.JsonSerDe",
            new JsonObject()),
        FileFormat.Csv => new StorageFormat(
            "csv",
            "org.apache.hadoop.mapred.TextInputFormat",
            "org.apache.hadoop.hive.ql.io.HiveIgnoreKeyTextOutputFormat",
            "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe",
            new JsonObject { ["field.delim"] = ",", ["serialization.format"] = "," }),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown file format"),
    };

    private static string CompressionName(CompressionKind compression) => compression switch
    {
        CompressionKind.Snappy => "snappy",
        CompressionKind.Gzip => "gzip",
        CompressionKind.Zstd => "zstd",
        _ => "none",
    };

    /// <summary>
    /// The sink's table: EXTERNAL_TABLE at the sink path, data columns in schema order, partition columns (in
    /// <see cref="SinkSpec.PartitionKeys"/> order) only under <c>partition_keys</c>, as Hive requires.
    /// </summary>
    private static JsonObject CatalogTable(PipelineSpec spec, StageSpec stage)
    {
        var sink = stage.Sink!;
        var schema = spec.FindSchema(stage.SchemaType);
        var partitionKeys = new HashSet<string>(sink.PartitionKeys, StringComparer.Ordinal);
        var format = Storage(sink.Format);
        var location = EnvironmentS3Uri(sink.Path);

        var columns = new JsonArray();
        if (schema is not null)
        {
            foreach (var column in schema.Columns)
            {
                if (!partitionKeys.Contains(column.Name))
                {
                    columns.Add(new JsonObject { ["name"] = Literal(column.Name), ["type"] = Literal(HiveType(column.Type)) });
                }
            }
        }

        var partitions = new JsonArray();
        foreach (var key in sink.PartitionKeys)
        {
            var column = schema?.FindColumn(key);
            partitions.Add(new JsonObject
            {
                ["name"] = Literal(key),
                ["type"] = column is null ? "string" : Literal(HiveType(column.Type)),
            });
        }

        var parameters = new JsonObject
        {
            ["EXTERNAL"] = "TRUE",
            ["classification"] = format.Classification,
            ["compressionType"] = CompressionName(sink.Compression),
        };
        if (sink.Format == FileFormat.Parquet)
        {
            // Glue requires this property to update an existing Parquet table's partitions with the Glue Parquet writer.
            parameters["useGlueParquetWriter"] = "true";
            parameters["parquet.compression"] = CompressionName(sink.Compression).ToUpperInvariant() switch
            {
                "NONE" => "UNCOMPRESSED",
                var name => name,
            };
        }
        else if (sink.Format == FileFormat.Orc)
        {
            parameters["orc.compress"] = sink.Compression == CompressionKind.None ? "NONE" : CompressionName(sink.Compression).ToUpperInvariant();
        }
        else if (sink.Format == FileFormat.Csv)
        {
            parameters["skip.header.line.count"] = "1";
        }

        AddProjection(parameters, sink, location);

        var table = new JsonObject
        {
            ["name"] = Literal(sink.Table),
            ["database_name"] = "${aws_glue_catalog_database." + DatabaseResourceName(sink.Database) + ".name}",
            ["catalog_id"] = AccountRef,
            ["description"] = Literal("Written by the Glue job " + spec.Job.Name + " (" + stage.Name + ")."),
            ["table_type"] = "EXTERNAL_TABLE",
            ["parameters"] = parameters,
            ["storage_descriptor"] = new JsonObject
            {
                ["location"] = location,
                ["input_format"] = format.InputFormat,
                ["output_format"] = format.OutputFormat,
                ["compressed"] = sink.Compression != CompressionKind.None,
                ["ser_de_info"] = new JsonObject
                {
                    ["name"] = format.Classification,
                    ["serialization_library"] = format.SerDe,
                    ["parameters"] = format.SerDeParameters,
                },
                ["columns"] = columns,
            },
        };
        if (partitions.Count > 0)
        {
            table["partition_keys"] = partitions;
        }

        return table;
    }

    /// <summary>
    /// Athena partition projection (<c>[PartitionProjection]</c>): <c>projection.enabled</c>, each key's
    /// <c>projection.&lt;key&gt;.*</c> and a <c>storage.location.template</c> of the Hive-style folders the job writes
    /// (<c>key=${key}/</c>). Athena's <c>${key}</c> is written <c>$${key}</c> so Terraform leaves it alone, while the bucket
    /// stays the environment's <c>${local.bucket_…}</c>.
    /// </summary>
    private static void AddProjection(JsonObject parameters, SinkSpec sink, string location)
    {
        if (sink.Projection.IsEmpty)
        {
            return;
        }

        parameters["projection.enabled"] = "true";
        var template = new StringBuilder(location.EndsWith("/", StringComparison.Ordinal) ? location : location + "/");
        foreach (var projection in sink.Projection)
        {
            var key = "projection." + Literal(projection.Key) + ".";
            switch (projection.Kind)
            {
                case ProjectionKind.Integer:
                    parameters[key + "type"] = "integer";
                    parameters[key + "range"] = Literal(NormalizeRange(projection.Range));
                    if (projection.Digits > 0)
                    {
                        parameters[key + "digits"] = projection.Digits.ToString(CultureInfo.InvariantCulture);
                    }

                    break;
                case ProjectionKind.Date:
                    parameters[key + "type"] = "date";
                    parameters[key + "range"] = Literal(NormalizeRange(projection.Range));
                    parameters[key + "format"] = Literal(projection.Format ?? "yyyy-MM-dd");
                    if (projection.IntervalUnit is not null)
                    {
                        parameters[key + "interval.unit"] = Literal(projection.IntervalUnit);
                    }

                    break;
                default:
                    parameters[key + "type"] = "enum";
                    parameters[key + "values"] = Literal(string.Join(",", projection.Values));
                    break;
            }

            template.Append(Literal(projection.Key)).Append("=$${").Append(Literal(projection.Key)).Append("}/");
        }

        parameters["storage.location.template"] = template.ToString();
    }

    private static string NormalizeRange(string? range)
    {
        var parts = (range ?? "").Split(',');
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = parts[i].Trim();
        }

        return string.Join(",", parts);
    }
}

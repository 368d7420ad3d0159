using System.Collections.Generic;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

/// <summary>
/// Malformed input rows and schema drift in the Glue script, with the local runner's contract (docs/local-runs.md):
/// a record the reader could not parse (a DynamicFrame error record: a line that is not JSON, a CSV row with the wrong
/// number of fields) and a row whose non-null raw value does not convert to its declared type are written with the
/// reason to <c>&lt;malformed_path&gt;&lt;run id&gt;/&lt;relation&gt;/</c>, counted and logged (<c>malformed_rows</c>);
/// the good rows go on. Choice types (a field read as both 120 and 49.9) are resolved through their text, declared
/// columns missing from the batch become typed NULLs, undeclared ones are dropped; both are logged once per source
/// (<c>schema_drift</c>).
/// </summary>
internal static partial class PySparkEmitter
{
    /// <summary>The job argument naming the job's malformed-rows prefix (<c>s3://&lt;sink bucket&gt;/_malformed/&lt;job&gt;/</c>).</summary>
    public const string MalformedArgument = "malformed_path";

    /// <summary>
    /// Where the job sets malformed input rows aside: <c>_malformed/&lt;job&gt;/</c> in the bucket of the first sink, the
    /// local runner's <c>&lt;output&gt;/_malformed/&lt;job&gt;/</c> layout on the bucket the job already writes. Null for a
    /// pipeline without sinks or without typed sources (nothing to check, nowhere to write).
    /// </summary>
    internal static string? MalformedRowsUri(PipelineSpec spec)
    {
        var typed = false;
        foreach (var source in spec.Sources)
        {
            typed |= spec.FindSchema(source.SchemaType) is not null;
        }

        foreach (var stage in spec.Stages)
        {
            if (typed && stage.Sink is { } sink && TerraformEmitter.ParseS3(sink.Path) is { } location)
            {
                return "s3://" + location.Bucket + "/_malformed/" + spec.Job.Name + "/";
            }
        }

        return null;
    }

    /// <summary>The reason written for a record the reader could not parse, as the local runner words it where it can.</summary>
    private static string ParseErrorReason(FileFormat format) => format switch
    {
        FileFormat.Json => "not valid JSON",
        FileFormat.Csv => "wrong number of fields",
        _ => "unreadable record",
    };

    private static void WriteConformHelper(SourceWriter writer, bool writesMalformed)
    {
        if (!writesMalformed)
        {
            // With a sink, MALFORMED_PATH is a path argument like the others (set in the header).
            writer.WriteLine("MALFORMED_PATH = None  # no sink bucket: malformed rows are counted and logged only");
            writer.WriteLine();
            writer.WriteLine();
        }

        writer.WriteLine("""
            def _column(name):
                # By name, whatever it holds: F.col("a.b") would read field b of struct a.
                return F.col("`" + name.replace("`", "``") + "`")


            def _field(name, kind, blank_fields):
                # A raw value as read; for CSV, a blank field is "" in a text column and NULL (no value) in any other.
                if not blank_fields:
                    return _column(name)
                if kind == "string":
                    return F.coalesce(_column(name), F.lit(""))
                return F.when(_column(name).cast("string") == F.lit(""), F.lit(None)).otherwise(_column(name))


            def _converted(name, kind):
                # The raw value in its declared type, NULL when it has none. A decimal is not rounded: 12.345 is not a
                # decimal(18,2) (Spark's cast would give 12.35); its text, converted with every fractional digit
                # decimal(38, ...) can carry and the same integral digits, must be the same number. As locally.
                value = _column(name).cast(kind)
                if not kind.startswith("decimal("):
                    return value
                precision, scale = (int(part) for part in kind[len("decimal("):-1].split(","))
                exact = "decimal(38,%d)" % (38 - precision + scale)
                return F.when(value.cast(exact) == _column(name).cast("string").cast(exact), value)


            def read_conformed(frame, source, relation, ddl, columns, parse_error, set_aside=True, blank_fields=False):
                # The local runner's contract (docs/local-runs.md): records the reader could not parse, and rows whose non-null
                # value does not convert to the declared type, are set aside with the reason and counted; the others go on with
                # exactly the declared columns, in their declared types. columns: (name, Spark type, type name in reasons).
                # set_aside=False for a second read of input an earlier read already screened (the recompute of an aggregate,
                # a merge sink's own table): its malformed rows are dropped again, not written and logged a second time.
                # blank_fields (CSV): a blank field is empty text in a text column, as in C# and locally, and no value (NULL,
                # not malformed) in any other column.
                declared = [name for name, _, _ in columns]
                parts = []
                # Unparseable records are only needed to set them aside: a second read skips counting them (a Spark action).
                errors = frame.errorsCount() if set_aside else 0
                if errors > 0:
                    error_df = frame.errorsAsDynamicFrame().toDF()
                    parts.append(error_df.select(
                        F.lit(None).cast("string").alias("file"),
                        F.to_json(F.struct(*[_column(c) for c in error_df.columns])).alias("line"),
                        F.lit(parse_error).alias("reason"),
                    ))
                # A field read as both 120 and 49.9 is a choice type, on which F.col raises: resolve it to its text, so the
                # declared cast below decides, as for every other raw value.
                choices = [f.name for f in frame.schema().fields if f.dataType.typeName() == "choice" and f.name in declared]
                if choices:
                    frame = frame.resolveChoice(specs=[(name, "cast:string") for name in choices])
                df = frame.toDF()
                if df.columns:
                    missing = [name for name in declared if name not in df.columns]
                    undeclared = sorted(c for c in df.columns if c not in declared)
                    # Undeclared columns alone are normal (a schema declares what the pipeline needs): INFO, not WARN.
                    if set_aside and (missing or undeclared):
                        log("schema_drift", level="WARN" if missing else "INFO", source=source, missing=missing,
                            undeclared=undeclared)
                    raw = df.select(
                        *[(_field(name, kind, blank_fields) if name in df.columns else F.lit(None).cast(kind)).alias(name) for name, kind, _ in columns],
                        F.input_file_name().alias("__file"),
                        F.to_json(F.struct(*[_column(c) for c in df.columns])).alias("__line"),
                    )
                else:
                    # A read with nothing new since the bookmark (or only unparseable records) has no columns at all.
                    raw = spark.createDataFrame([], ddl).select(
                        *[_column(name) for name in declared], F.lit(None).cast("string").alias("__file"),
                        F.lit(None).cast("string").alias("__line"))
                problems = [F.when(_column(name).isNotNull() & _converted(name, kind).isNull(), F.lit(name + ": not a " + label))
                            for name, kind, label in columns]
                checked = raw.select(
                    *[_converted(name, kind).alias(name) for name, kind, _ in columns],
                    F.col("__file"), F.col("__line"), F.concat_ws("; ", *problems).alias("__reason"),
                ).persist(StorageLevel.MEMORY_AND_DISK)
                parts.append(checked.filter(F.col("__reason") != F.lit("")).select(
                    F.col("__file").alias("file"), F.col("__line").alias("line"), F.col("__reason").alias("reason")))
                good = checked.filter(F.col("__reason") == F.lit("")).select(*[_column(name) for name in declared])
                if not set_aside:
                    return good
                bad = parts[0] if len(parts) == 1 else parts[0].unionByName(parts[1])
                malformed = bad.count()
                if malformed > 0:
                    target = MALFORMED_PATH + RUN_ID + "/" + relation + "/" if MALFORMED_PATH else None
                    log("malformed_rows", level="WARN", source=source, rows=malformed, path=target)
                    if target:
                        bad.write.mode("overwrite").format("json").option("compression", "none").save(target)
                return good
            """);
    }

    /// <summary>The typed read of a source with a schema: <c>orders_df = read_conformed(orders_frame, …)</c>.</summary>
    private static void WriteConformedRead(SourceWriter writer, SourceSpec source, SchemaSpec schema, string frame, string df, bool setAside) =>
        WriteConformedRead(writer, source.Id, DuckDbSqlPrinter.SourceRelation(source), schema, frame, df, ParseErrorReason(source.Format), setAside, blankFields: source.Format == FileFormat.Csv);

    private static void WriteConformedRead(SourceWriter writer, string label, string relation, SchemaSpec schema, string frame, string df, string parseError, bool setAside, bool blankFields = false)
    {
        writer.WriteLine($"{df} = read_conformed(");
        writer.Indentation++;
        writer.WriteLine($"{frame}, {PySparkSyntax.PyLiteral(label)}, {PySparkSyntax.PyLiteral(relation)},");
        writer.WriteLine($"{PySparkSyntax.PyLiteral(PySparkSyntax.DdlSchema(schema))},");
        writer.WriteLine("[");
        writer.Indentation++;
        foreach (var column in schema.Columns)
        {
            // The DuckDB type name in the reason: the local runner's words, so both engines set rows aside identically.
            writer.WriteLine($"({PySparkSyntax.PyLiteral(column.Name)}, {PySparkSyntax.PyLiteral(PySparkSyntax.SparkType(column.Type))}, {PySparkSyntax.PyLiteral(DuckDbTypes.Name(column.Type))}),");
        }

        writer.Indentation--;
        writer.WriteLine("],");
        writer.WriteLine($"{PySparkSyntax.PyLiteral(parseError)},");
        if (!setAside)
        {
            writer.WriteLine("set_aside=False,");
        }

        if (blankFields)
        {
            writer.WriteLine("blank_fields=True,");
        }

        writer.Indentation--;
        writer.WriteLine(")");
    }
}

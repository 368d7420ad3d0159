"""A pure-Python stand-in for the part of awsglue that generated scripts use, reading and writing local files.

The reader behaves the way Glue's DynamicFrame readers do on messy input, as far as the parity tests need:
- a JSON line that does not parse (or is not an object) is an error record: the frame's errorsCount() counts it and
  errorsAsDynamicFrame() holds it (here one `error` field with the message and the raw input; the script must not
  depend on that shape);
- a CSV row with another number of fields than the header is an error record too (the stand-in's reading of Glue's
  strict CSV parsing; the real reader is not available here to confirm it);
- each field's type is inferred per value (CSV text that is a whole number is an int, a decimal number a double), and
  a field seen with two types is a choice type, as DynamicFrame schemas report it: toDF() leaves such a column
  unusable until resolveChoice resolves it (Spark fails on it), a field absent from every record is not a column.
Job bookmarks are not modelled: every read returns every file under the path.
"""
import csv
import io
import json
import os
import types

import spark_frame
from spark_frame import ChoiceValue, DataFrame, FILE_KEY

EVENTS = []


def record(call, **data):
    entry = {"call": call}
    entry.update(data)
    EVENTS.append(entry)


def _kind(value):
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "int" if -2 ** 31 <= value < 2 ** 31 else "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, dict):
        return "struct"
    if isinstance(value, list):
        return "array"
    raise TypeError(value)


def _csv_value(text):
    # Glue infers CSV field types from the text; empty fields are NULL.
    if text == "":
        return None
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text) if any(c.isdigit() for c in text) else text
    except ValueError:
        return text


class _Type(object):
    def __init__(self, name):
        self.name = name

    def typeName(self):
        return self.name


class DynamicFrame(object):
    def __init__(self, records, errors, name):
        self.records = records  # dicts, FILE_KEY included
        self.errors = errors  # error records
        self.name = name

    def _kinds(self):
        kinds = {}
        for row in self.records:
            for key, value in row.items():
                if key != FILE_KEY and value is not None:
                    kinds.setdefault(key, set()).add(_kind(value))
                elif key != FILE_KEY:
                    kinds.setdefault(key, set())
        return kinds

    def _columns(self):
        columns = []
        for row in self.records:
            for key in row:
                if key != FILE_KEY and key not in columns:
                    columns.append(key)
        return columns

    def schema(self):
        kinds = self._kinds()
        fields = []
        for name in self._columns():
            kind = "choice" if len(kinds[name]) > 1 else (next(iter(kinds[name])) if kinds[name] else "null")
            fields.append(types.SimpleNamespace(name=name, dataType=_Type(kind)))
        return types.SimpleNamespace(fields=fields)

    def errorsCount(self):
        return len(self.errors)

    def errorsAsDynamicFrame(self):
        return DynamicFrame(self.errors, [], self.name + "_errors")

    def resolveChoice(self, specs=None, choice="", database=None, table_name=None, transformation_ctx="", info="",
                      stageThreshold=0, totalThreshold=0, catalog_id=None):
        if (specs is None) == (not choice) or choice:
            raise NotImplementedError("the evaluating stand-in resolves choices by specs only")
        records = [dict(row) for row in self.records]
        for path, action in specs:
            if action != "cast:string":
                raise NotImplementedError("the evaluating stand-in resolves choices with cast:string only, not %s" % action)
            for row in records:
                if row.get(path) is not None:
                    row[path] = spark_frame.to_text(row[path])
        return DynamicFrame(records, self.errors, self.name)

    def toDF(self):
        kinds = self._kinds()
        columns = self._columns()
        rows = []
        for row in self.records:
            out = {FILE_KEY: row.get(FILE_KEY)}
            for name in columns:
                value = row.get(name)
                # An unresolved choice column cannot be used by Spark (toDF would make it a struct of its choices).
                out[name] = ChoiceValue(value) if len(kinds[name]) > 1 else value
            rows.append(out)
        return DataFrame(columns, rows)

    @staticmethod
    def fromDF(df, glue_context, name):
        if not isinstance(df, DataFrame) or not isinstance(name, str):
            raise TypeError("fromDF(df, glueContext, name)")
        return DynamicFrame([dict((c, row[c]) for c in df.columns) for row in df.rows], [], name)


def _files(folder):
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        found.extend(os.path.join(root, n) for n in sorted(names) if not n.startswith((".", "_")))
    return found


def read_json_lines(path, uri):
    records, errors = [], []
    with open(path, encoding="utf-8") as handle:
        for line in handle.read().splitlines():
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as exc:
                errors.append({"error": {"msg": "Malformed JSON: " + str(exc), "input": line}})
                continue
            if not isinstance(value, dict):
                errors.append({"error": {"msg": "not a JSON object", "input": line}})
                continue
            value[FILE_KEY] = uri
            records.append(value)
    return records, errors


def read_csv(path, uri, options):
    records, errors = [], []
    with open(path, encoding="utf-8", newline="") as handle:
        text = handle.read()
    lines = text.splitlines()
    rows = list(csv.reader(io.StringIO(text), delimiter=options.get("separator", ","), quotechar=options.get("quoteChar", '"')))
    if not options.get("withHeader", False):
        raise NotImplementedError("the evaluating stand-in reads CSV with a header row only")
    header, body = rows[0], rows[1:]
    for index, row in enumerate(body):
        if not row:
            continue
        if len(row) != len(header):
            raw = lines[index + 1] if index + 1 < len(lines) else ""
            errors.append({"error": {"msg": "expected %d fields, found %d" % (len(header), len(row)), "input": raw}})
            continue
        value = dict((name, _csv_value(field)) for name, field in zip(header, row))
        value[FILE_KEY] = uri
        records.append(value)
    return records, errors


class Reader(object):
    paths = None  # a PathMap

    def from_options(self, connection_type, connection_options, format, format_options=None, transformation_ctx=None):
        if connection_type != "s3" or not isinstance(connection_options.get("paths"), list):
            raise TypeError("from_options(connection_type=\"s3\", connection_options={\"paths\": [...]})")
        record("from_options", paths=connection_options["paths"], format=format, transformation_ctx=transformation_ctx)
        records, errors = [], []
        for uri in connection_options["paths"]:
            for path in _files(Reader.paths.local(uri)):
                file_uri = Reader.paths.uri(path)
                if format == "json":
                    found = read_json_lines(path, file_uri)
                elif format == "csv":
                    found = read_csv(path, file_uri, format_options or {})
                else:
                    raise NotImplementedError("the evaluating stand-in reads json and csv, not %s" % format)
                records.extend(found[0])
                errors.extend(found[1])
        return DynamicFrame(records, errors, transformation_ctx or "read")

    def from_catalog(self, *args, **kwargs):
        raise NotImplementedError("the evaluating stand-in does not read catalog tables")


class Sink(object):
    def __init__(self, options):
        self.options = options
        self.format = None

    def setCatalogInfo(self, catalogDatabase, catalogTableName):
        record("setCatalogInfo", database=catalogDatabase, table=catalogTableName)

    def setFormat(self, format, **options):
        self.format = format

    def writeFrame(self, frame):
        if not isinstance(frame, DynamicFrame):
            raise TypeError("writeFrame needs a DynamicFrame")
        if self.format != "json" or self.options.get("compression") not in (None, "none"):
            # Parquet and ORC need libraries that are not here: the parity pipelines write uncompressed JSON.
            raise NotImplementedError("the evaluating stand-in writes uncompressed JSON only, not %s/%s" % (self.format, self.options.get("compression")))
        folder = Reader.paths.local(self.options["path"])
        frame_df = DataFrame(frame._columns(), frame.records)
        spark_frame.write_json_lines(frame_df, folder, self.options["partitionKeys"], "part-%s.json" % self.options["transformation_ctx"])
        record("writeFrame", path=self.options["path"], rows=len(frame.records))


class Logger(object):
    def _log(self, level, message):
        record("log", level=level, record=json.loads(message))

    def info(self, message):
        self._log("INFO", message)

    def warn(self, message):
        self._log("WARN", message)

    def error(self, message):
        self._log("ERROR", message)


class SparkConf(object):
    def __init__(self):
        self.values = {}

    def set(self, key, value):
        self.values[key] = value


class Spark(object):
    def __init__(self):
        self.conf = SparkConf()

    def createDataFrame(self, rows, schema):
        if rows != [] or not isinstance(schema, str):
            raise NotImplementedError("the evaluating stand-in creates empty frames from a DDL schema only")
        return DataFrame(spark_frame.ddl_names(schema), [])

    def sql(self, query):
        raise NotImplementedError("the evaluating stand-in runs no SQL")


class GlueContext(object):
    def __init__(self, sc):
        self.create_dynamic_frame = Reader()
        self.spark_session = Spark()

    def get_logger(self):
        return Logger()

    def getSink(self, connection_type, path, enableUpdateCatalog, partitionKeys, transformation_ctx, updateBehavior=None,
                compression=None):
        return Sink(dict(path=path, partitionKeys=partitionKeys, transformation_ctx=transformation_ctx, compression=compression))


class Job(object):
    def __init__(self, glue_context):
        pass

    def init(self, name, args):
        record("job.init", name=name)

    def commit(self):
        record("job.commit")


def getResolvedOptions(argv, names):
    result = {}
    for name in names:
        flag = "--" + name
        if flag not in argv or argv.index(flag) + 1 >= len(argv):
            raise SystemExit("error: the following arguments are required: " + flag)
        result[name] = argv[argv.index(flag) + 1]
    return result

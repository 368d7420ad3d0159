"""Runs a generated Glue script against strict stand-ins for awsglue, awsgluedq and pyspark.

usage: python3 run_with_stubs.py <script.py> <events.json> [failing-rule-count] [--empty-reads] [-- <job arguments>...]

Spark and Glue are not installable here, so this executes the script's control flow for real: every name must
resolve, every helper must be called with the right arguments, Column values must never be used as Python booleans
(PySpark raises for `and`/`or`/`not` on Columns), only existing PySpark functions and Column methods may be used, and
the order of job.init / reads / data quality / writes / job.commit is recorded to <events.json> for the test to check.
With a failing-rule count > 0, Glue Data Quality reports that many failed rules and row-level failures. With
--empty-reads every read returns what Glue returns when a bookmark has nothing new: a frame without columns or rows.
The job arguments after `--` follow --JOB_NAME and --JOB_RUN_ID on the script's argv; getResolvedOptions is as strict
as Glue's: every requested option must be given, by its full name, with a value.
These stand-ins compute no data; run_evaluating.py (evaluating/) runs a script on real rows.
"""
import json
import runpy
import sys
import traceback
import types

EVENTS = []
_OPTIONS = sys.argv[3:]
_JOB_ARGUMENTS = []
if "--" in _OPTIONS:
    _JOB_ARGUMENTS = _OPTIONS[_OPTIONS.index("--") + 1:]
    _OPTIONS = _OPTIONS[:_OPTIONS.index("--")]
EMPTY_READS = "--empty-reads" in _OPTIONS
_OPTIONS = [o for o in _OPTIONS if o != "--empty-reads"]
FAILING_RULES = int(_OPTIONS[0]) if _OPTIONS else 0

F_FUNCTIONS = {
    "col", "lit", "when", "coalesce", "upper", "lower", "trim", "length", "year", "month", "dayofmonth",
    "to_date", "date_trunc", "concat", "count", "sum", "avg", "min", "max", "regexp_replace",
    "concat_ws", "to_json", "struct", "input_file_name",
}
COLUMN_METHODS = {
    "alias", "cast", "isNull", "isNotNull", "eqNullSafe", "startswith", "endswith", "contains", "substr",
    "getField", "otherwise", "when",
}


def record(call, **data):
    entry = {"call": call}
    entry.update(data)
    EVENTS.append(entry)


class Column(object):
    def __init__(self, text, aliased=False):
        self.text = text
        self.aliased = aliased

    def __getattr__(self, name):
        if name not in COLUMN_METHODS:
            raise AttributeError("Column has no method %s" % name)

        def method(*args):
            if name == "substr":
                kinds = set(isinstance(a, Column) for a in args)
                if len(args) != 2 or len(kinds) != 1:
                    raise TypeError("substr takes two ints or two Columns, got %r" % (args,))
            if name == "cast":
                if len(args) != 1 or not isinstance(args[0], str):
                    raise TypeError("cast takes a type name")
            if name == "alias" and (len(args) != 1 or not isinstance(args[0], str)):
                raise TypeError("alias takes one name")
            if self.aliased:
                raise TypeError("%s applied to an aliased column %s" % (name, self.text))
            return Column("%s.%s(%s)" % (self.text, name, ", ".join(map(_text, args))), aliased=name == "alias")
        return method

    def __bool__(self):
        raise ValueError("Cannot convert column into bool: use '&' for 'and', '|' for 'or', '~' for 'not'")

    def _op(self, other, symbol):
        _require_plain(self)
        _require_plain(other)
        return Column("(%s %s %s)" % (self.text, symbol, _text(other)))

    def __and__(self, other):
        _require_column(other)
        return self._op(other, "&")

    def __or__(self, other):
        _require_column(other)
        return self._op(other, "|")

    def __invert__(self):
        _require_plain(self)
        return Column("~" + self.text)

    def __neg__(self):
        _require_plain(self)
        return Column("-" + self.text)

    def __eq__(self, other):
        return self._op(other, "==")

    def __ne__(self, other):
        return self._op(other, "!=")

    def __lt__(self, other):
        return self._op(other, "<")

    def __le__(self, other):
        return self._op(other, "<=")

    def __gt__(self, other):
        return self._op(other, ">")

    def __ge__(self, other):
        return self._op(other, ">=")

    def __add__(self, other):
        return self._op(other, "+")

    def __sub__(self, other):
        return self._op(other, "-")

    def __mul__(self, other):
        return self._op(other, "*")

    def __truediv__(self, other):
        return self._op(other, "/")

    def __mod__(self, other):
        return self._op(other, "%")

    __hash__ = None


def _require_plain(value):
    # An alias only names a top-level output column; inside an expression it is a mistake.
    if isinstance(value, Column) and value.aliased:
        raise TypeError("operator applied to an aliased column %s" % value.text)


def _require_column(value):
    if not isinstance(value, Column):
        raise TypeError("expected a Column, got %r" % (value,))


def _text(value):
    return value.text if isinstance(value, Column) else repr(value)


def _f(name):
    def function(*args):
        if name == "col" and (len(args) != 1 or not isinstance(args[0], str)):
            raise TypeError("col takes one name")
        if name == "lit" and (len(args) != 1 or isinstance(args[0], Column)):
            raise TypeError("lit takes one Python value")
        if name == "date_trunc" and not isinstance(args[0], str):
            raise TypeError("date_trunc takes the format first")
        if name == "concat_ws" and (not args or not isinstance(args[0], str)):
            raise TypeError("concat_ws takes the separator first")
        if name == "input_file_name" and args:
            raise TypeError("input_file_name takes no arguments")
        if name == "regexp_replace" and (len(args) != 3 or not isinstance(args[1], str) or not isinstance(args[2], str)):
            raise TypeError("regexp_replace takes a Column, then the pattern and replacement as str (Spark 3.3)")
        if name == "regexp_replace":
            _require_column(args[0])
        elif name == "concat_ws":
            for arg in args[1:]:
                _require_column(arg)
        elif name not in ("col", "lit", "date_trunc"):
            for arg in args:
                _require_column(arg)
        for arg in args:
            _require_plain(arg)
        return Column("F.%s(%s)" % (name, ", ".join(map(_text, args))))
    return function


class Row(object):
    def __init__(self, **fields):
        self._fields = fields

    def asDict(self):
        return dict(self._fields)

    def __getitem__(self, key):
        return self._fields[key]


class DataFrame(object):
    def __init__(self, label, rows=None, columns=None):
        self.label = label
        self.rows = rows if rows is not None else []
        self.columns = columns if columns is not None else ["c"]

    def _next(self, what):
        return DataFrame("%s.%s" % (self.label, what), self.rows, self.columns)

    def filter(self, condition):
        _require_column(condition)
        return self._next("filter")

    def select(self, *columns):
        if not columns:
            raise TypeError("select needs columns")
        for column in columns:
            if not isinstance(column, (Column, str)):
                raise TypeError("select takes Columns or names")
        return self._next("select")

    def dropDuplicates(self, subset):
        if not isinstance(subset, list) or not all(isinstance(s, str) for s in subset):
            raise TypeError("dropDuplicates takes a list of names")
        return self._next("dropDuplicates")

    def groupBy(self, *columns):
        for column in columns:
            _require_column(column)
        frame = self

        class Grouped(object):
            def agg(self, *aggregates):
                if not aggregates:
                    raise TypeError("agg needs aggregates")
                for aggregate in aggregates:
                    _require_column(aggregate)
                return frame._next("agg")
        return Grouped()

    def alias(self, name):
        if name not in ("l", "r"):
            raise ValueError("unexpected alias %r" % name)
        return self._next("alias")

    def join(self, other, on, how):
        if not isinstance(other, DataFrame):
            raise TypeError("join needs a DataFrame")
        _require_column(on)
        if how not in ("inner", "left"):
            raise ValueError("join how=%r" % how)
        return self._next("join")

    def unionByName(self, other):
        if not isinstance(other, DataFrame):
            raise TypeError("unionByName needs a DataFrame")
        return self._next("unionByName")

    def distinct(self):
        return self._next("distinct")

    def persist(self, level):
        if level != "MEMORY_AND_DISK":
            raise ValueError("storage level %r" % level)
        return self

    def unpersist(self):
        return self

    def count(self):
        return 0 if EMPTY_READS else 3

    @property
    def write(self):
        return DataFrameWriter()

    def collect(self):
        return list(self.rows)


class DataFrameWriter(object):
    """Spark's DataFrameWriter, as far as the overwrite write modes use it: mode, options, partitionBy, format, save."""

    def __init__(self):
        self.state = {"mode": None, "options": {}, "partitionBy": [], "format": None}

    def mode(self, mode):
        if mode not in ("append", "overwrite"):
            raise ValueError("write mode %r" % (mode,))
        self.state["mode"] = mode
        return self

    def option(self, key, value):
        if not isinstance(key, str) or not isinstance(value, str):
            raise TypeError("option(str, str)")
        self.state["options"][key] = value
        return self

    def partitionBy(self, *columns):
        if not all(isinstance(c, str) for c in columns):
            raise TypeError("partitionBy(str, ...)")
        self.state["partitionBy"] = list(columns)
        return self

    def format(self, format):
        if format not in ("parquet", "orc", "json", "csv"):
            raise ValueError("format %r" % (format,))
        self.state["format"] = format
        return self

    def save(self, path):
        if not isinstance(path, str) or not path.startswith("s3://"):
            raise ValueError("save path is not an s3:// path: %r" % (path,))
        record("df.write.save", path=path, **self.state)


class DynamicFrame(object):
    def __init__(self, df, name):
        self.df = df
        self.name = name

    def toDF(self):
        return self.df

    def errorsCount(self):
        # The strict stand-ins read no data, so no record fails to parse.
        return 0

    def errorsAsDynamicFrame(self):
        return DynamicFrame(DataFrame("errors", columns=[]), self.name + "_errors")

    def schema(self):
        # awsglue.gluetypes.StructType as far as scripts use it: fields with a name and a dataType.typeName().
        return types.SimpleNamespace(fields=[
            types.SimpleNamespace(name=c, dataType=types.SimpleNamespace(typeName=lambda: "string")) for c in self.df.columns])

    def resolveChoice(self, specs=None, choice="", database=None, table_name=None, transformation_ctx="", info="",
                      stageThreshold=0, totalThreshold=0, catalog_id=None):
        # As awsglue.dynamicframe: specs or choice, not both; a spec is (path, action).
        if (specs is None) == (not choice):
            raise Exception("resolveChoice takes specs or choice, exactly one")
        for spec in specs or []:
            if not (isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[0], str)
                    and spec[1].split(":")[0] in ("cast", "project", "make_cols", "make_struct")):
                raise ValueError("resolveChoice spec %r" % (spec,))
        return DynamicFrame(self.df, self.name)

    @staticmethod
    def fromDF(df, glue_context, name):
        if not isinstance(df, DataFrame):
            raise TypeError("fromDF needs a DataFrame")
        if not isinstance(glue_context, GlueContext) or not isinstance(name, str):
            raise TypeError("fromDF(df, glueContext, name)")
        return DynamicFrame(df, name)


class Sink(object):
    def __init__(self, options):
        self.options = options

    def setCatalogInfo(self, catalogDatabase, catalogTableName):
        record("setCatalogInfo", ctx=self.options.get("transformation_ctx"), database=catalogDatabase, table=catalogTableName)

    def setFormat(self, format, **options):
        record("setFormat", ctx=self.options.get("transformation_ctx"), format=format, options=options)

    def writeFrame(self, frame):
        if not isinstance(frame, DynamicFrame):
            raise TypeError("writeFrame needs a DynamicFrame")
        record("writeFrame", ctx=self.options.get("transformation_ctx"))


class Reader(object):
    def from_options(self, connection_type, connection_options, format, format_options=None, transformation_ctx=None):
        if connection_type != "s3" or not isinstance(connection_options.get("paths"), list):
            raise TypeError("from_options(connection_type=\"s3\", connection_options={\"paths\": [...]})")
        for path in connection_options["paths"]:
            if not isinstance(path, str) or not path.startswith("s3://"):
                raise ValueError("not an s3:// path: %r" % (path,))
        record("from_options", connection_type=connection_type, connection_options=connection_options, format=format,
               format_options=format_options, transformation_ctx=transformation_ctx)
        # With --empty-reads: no columns at all, as Glue returns when the bookmark has nothing new.
        return DynamicFrame(DataFrame("read", columns=[] if EMPTY_READS else None), "read")

    def from_catalog(self, database, table_name, push_down_predicate=None, transformation_ctx=None):
        record("from_catalog", database=database, table_name=table_name, push_down_predicate=push_down_predicate,
               transformation_ctx=transformation_ctx)
        # An empty read: no columns at all, as Glue returns when the bookmark has nothing new.
        return DynamicFrame(DataFrame("read", columns=[]), "read")


class Logger(object):
    def _log(self, level, message):
        json.loads(message)
        record("log", level=level, record=json.loads(message))

    def info(self, message):
        self._log("INFO", message)

    def warn(self, message):
        self._log("WARN", message)

    def error(self, message):
        self._log("ERROR", message)


class SparkConf(object):
    def set(self, key, value):
        if not isinstance(key, str) or not isinstance(value, str) or not key.startswith("spark."):
            raise TypeError("spark.conf.set(str, str) with a spark.* key, got %r %r" % (key, value))
        record("spark.conf.set", key=key, value=value)


class Spark(object):
    def __init__(self):
        self.conf = SparkConf()

    def sql(self, query):
        if not isinstance(query, str):
            raise TypeError("sql(str)")
        record("spark.sql", query=query)

    def createDataFrame(self, rows, schema):
        if rows != [] or not isinstance(schema, str) or not schema:
            raise TypeError("createDataFrame([], ddl)")
        record("createDataFrame", schema=schema)
        return DataFrame("empty")


class GlueContext(object):
    def __init__(self, sc):
        self.create_dynamic_frame = Reader()
        self.spark_session = Spark()

    def get_logger(self):
        return Logger()

    def getSink(self, connection_type, path, enableUpdateCatalog, partitionKeys, transformation_ctx, updateBehavior=None,
                compression=None):
        if not isinstance(path, str) or not path.startswith("s3://"):
            raise ValueError("getSink path is not an s3:// path: %r" % (path,))
        options = dict(connection_type=connection_type, path=path, enableUpdateCatalog=enableUpdateCatalog,
                       updateBehavior=updateBehavior, partitionKeys=partitionKeys, compression=compression,
                       transformation_ctx=transformation_ctx)
        record("getSink", **options)
        return Sink(options)


class Job(object):
    def __init__(self, glue_context):
        pass

    def init(self, name, args):
        record("job.init", name=name)

    def commit(self):
        record("job.commit")


class EvaluateDataQuality(object):
    def process_rows(self, frame, ruleset, publishing_options, additional_options):
        if not isinstance(frame, DynamicFrame) or not ruleset.startswith("#") or "Rules = [" not in ruleset:
            raise TypeError("process_rows(frame=DynamicFrame, ruleset=DQDL text, ...)")
        record("process_rows", publishing_options=publishing_options, additional_options=additional_options)
        # An empty frame fails RowCount > 0, as Glue Data Quality does.
        outcomes = [Row(Rule="RowCount > 0", Outcome="Failed" if EMPTY_READS else "Passed",
                        FailureReason="Value: 0 does not meet the constraint requirement!" if EMPTY_READS else None)]
        outcomes += [Row(Rule="Rule %d" % i, Outcome="Failed", FailureReason="bad") for i in range(FAILING_RULES)]
        return {
            "ruleOutcomes": DynamicFrame(DataFrame("ruleOutcomes", rows=outcomes), "ruleOutcomes"),
            "rowLevelOutcomes": DynamicFrame(DataFrame("rowLevelOutcomes"), "rowLevelOutcomes"),
        }


class SelectFromCollection(object):
    @staticmethod
    def apply(dfc, key, transformation_ctx):
        if key not in ("ruleOutcomes", "rowLevelOutcomes") or not transformation_ctx:
            raise ValueError("SelectFromCollection key=%r ctx=%r" % (key, transformation_ctx))
        return dfc[key]


def getResolvedOptions(argv, names):
    # Like Glue's: a required option is matched by its full name only (no abbreviations) and must have a value.
    if not isinstance(names, list) or len(set(names)) != len(names):
        raise TypeError("getResolvedOptions(argv, [distinct option names])")
    record("getResolvedOptions", names=list(names))
    result = {}
    for name in names:
        flag = "--" + name
        if flag not in argv or argv.index(flag) + 1 >= len(argv) or argv[argv.index(flag) + 1].startswith("--"):
            raise SystemExit("error: the following arguments are required: " + flag)
        result[name] = argv[argv.index(flag) + 1]
    return result


def module(name, **members):
    mod = types.ModuleType(name)
    mod.__dict__.update(members)
    sys.modules[name] = mod
    return mod


functions = module("pyspark.sql.functions")
for _name in F_FUNCTIONS:
    setattr(functions, _name, _f(_name))
module("pyspark", StorageLevel=types.SimpleNamespace(MEMORY_AND_DISK="MEMORY_AND_DISK"))
module("pyspark.context", SparkContext=types.SimpleNamespace(getOrCreate=lambda: object()))
module("pyspark.sql", functions=functions)
module("awsglue")
module("awsglue.context", GlueContext=GlueContext)
module("awsglue.dynamicframe", DynamicFrame=DynamicFrame)
module("awsglue.job", Job=Job)
module("awsglue.transforms", SelectFromCollection=SelectFromCollection)
module("awsglue.utils", getResolvedOptions=getResolvedOptions)
module("awsgluedq")
module("awsgluedq.transforms", EvaluateDataQuality=EvaluateDataQuality)

script, events_path = sys.argv[1], sys.argv[2]
sys.argv = [script, "--JOB_NAME", "test-job", "--JOB_RUN_ID", "jr_0123"] + _JOB_ARGUMENTS
try:
    runpy.run_path(script, run_name="__main__")
    record("exit", error=None)
except BaseException as exc:
    record("exit", error=type(exc).__name__, message=traceback.format_exc())
finally:
    with open(events_path, "w") as handle:
        json.dump(EVENTS, handle, indent=1, default=str)

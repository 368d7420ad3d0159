"""A pure-Python stand-in for the part of pyspark.sql that generated Glue scripts use, which computes real data.

A DataFrame is a list of dicts and its column names. Column expressions evaluate on one row with Spark's null
semantics (a comparison with NULL is NULL, `False & NULL` is False, `filter` keeps only rows where the condition is
True) and casts follow Spark 3's non-ANSI rules (Glue 4/5 defaults): a string that does not parse as the target type
becomes NULL instead of failing. What the generated scripts of the parity pipelines do not use is refused with
NotImplementedError, so a new construct in the emitter shows up as a loud failure, not as a silently wrong result.
Like the strict stand-ins, a Column is never a Python bool (PySpark raises for `and`/`or`/`not` on Columns).
"""
import datetime
import decimal
import json
import os
import re
import shutil

FILE_KEY = "\x00input_file"  # a row's source file, as F.input_file_name() reports it; never a column


class AnalysisException(Exception):
    """What Spark raises when a plan names a column it cannot resolve (or one of a type it cannot use)."""


class ChoiceValue(object):
    """A value of a DynamicFrame choice type left unresolved by toDF(): Spark cannot use it as a plain column."""

    def __init__(self, value):
        self.value = value


# ---- casts (Spark 3, spark.sql.ansi.enabled=false) -------------------------------------------------------------------

_INT_RANGES = {"tinyint": 2 ** 7, "smallint": 2 ** 15, "int": 2 ** 31, "bigint": 2 ** 63}
_DECIMAL = re.compile(r"^decimal\((\d+),(\d+)\)$")
_INTEGRAL_TEXT = re.compile(r"^[+-]?\d+(\.\d*)?$")
_FLOAT_TEXT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$")
_DATE_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})([ T].*)?$")
_TIMESTAMP_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(\.\d{1,6})?)?)?$")
_TRUE = {"t", "true", "y", "yes", "1"}
_FALSE = {"f", "false", "n", "no", "0"}


def cast(value, target):
    if isinstance(value, ChoiceValue):
        raise AnalysisException("cannot cast an unresolved choice type; resolve it first (resolveChoice)")
    if value is None:
        return None
    target = target.strip().lower()
    if target == "string":
        return to_text(value)
    if target in _INT_RANGES:
        return _to_integral(value, _INT_RANGES[target])
    if target in ("double", "float"):
        return _to_float(value)
    if _DECIMAL.match(target):
        precision, scale = (int(g) for g in _DECIMAL.match(target).groups())
        return _to_decimal(value, precision, scale)
    if target == "boolean":
        return _to_boolean(value)
    if target == "date":
        return _to_date(value)
    if target == "timestamp":
        return _to_timestamp(value)
    raise NotImplementedError("the evaluating stand-in does not cast to %s" % target)


def to_text(value):
    """A value as Spark casts it to string."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _double_text(value)
    if isinstance(value, datetime.datetime):
        text = value.strftime("%Y-%m-%d %H:%M:%S")
        return text + (".%06d" % value.microsecond).rstrip("0") if value.microsecond else text
    if isinstance(value, (int, decimal.Decimal, str, datetime.date)):
        return str(value)
    raise NotImplementedError("the evaluating stand-in does not cast %r to string" % (value,))


def _double_text(value):
    # Java's Double.toString: "120.0", "49.9", "1.0E20", "1.5E-5".
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0 or 1e-3 <= abs(value) < 1e7:
        text = repr(value)
        return text if "." in text else text + ".0"
    sign, digits, exponent = decimal.Decimal(repr(value)).normalize().as_tuple()
    mantissa = "".join(map(str, digits))
    return ("-" if sign else "") + mantissa[0] + "." + (mantissa[1:] or "0") + "E" + str(exponent + len(digits) - 1)


def _to_integral(value, bound):
    if isinstance(value, bool):
        number = int(value)
    elif isinstance(value, (int, float, decimal.Decimal)):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            return None
        number = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if not _INTEGRAL_TEXT.match(text):
            return None
        number = int(text.split(".")[0])  # Spark truncates a fractional part: "12.5" -> 12
    else:
        raise NotImplementedError("the evaluating stand-in does not cast %r to an integral type" % (value,))
    return number if -bound <= number < bound else None


def _to_float(value):
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, (int, float, decimal.Decimal)):
        return float(value)
    if isinstance(value, str):
        text = value.strip()
        if text in ("NaN", "Infinity", "+Infinity", "-Infinity", "inf", "+inf", "-inf"):
            return float(text.replace("Infinity", "inf"))
        return float(text.rstrip("dDfF")) if _FLOAT_TEXT.match(text) else None
    raise NotImplementedError("the evaluating stand-in does not cast %r to double" % (value,))


def _to_decimal(value, precision, scale):
    if isinstance(value, bool):
        number = decimal.Decimal(int(value))
    elif isinstance(value, (int, decimal.Decimal)):
        number = decimal.Decimal(value)
    elif isinstance(value, float):
        number = decimal.Decimal(repr(value))
    elif isinstance(value, str):
        try:
            number = decimal.Decimal(value.strip())
        except decimal.InvalidOperation:
            return None
        if not number.is_finite():
            return None
    else:
        raise NotImplementedError("the evaluating stand-in does not cast %r to decimal" % (value,))
    quantum = decimal.Decimal(1).scaleb(-scale)
    rounded = number.quantize(quantum, rounding=decimal.ROUND_HALF_UP, context=decimal.Context(prec=100))
    # Non-ANSI overflow: more integer digits than precision - scale allows gives NULL.
    return rounded if len(rounded.as_tuple().digits) - (-rounded.as_tuple().exponent) <= precision - scale else None


def _to_boolean(value):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float, decimal.Decimal)):
        return value != 0
    if isinstance(value, str):
        text = value.strip().lower()
        return True if text in _TRUE else False if text in _FALSE else None
    raise NotImplementedError("the evaluating stand-in does not cast %r to boolean" % (value,))


def _to_date(value):
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        match = _DATE_TEXT.match(value.strip())
        try:
            return datetime.date(*(int(g) for g in match.groups()[:3])) if match else None
        except ValueError:
            return None
    raise NotImplementedError("the evaluating stand-in does not cast %r to date" % (value,))


def _to_timestamp(value):
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        match = _TIMESTAMP_TEXT.match(value.strip())
        if not match:
            return None
        year, month, day, hour, minute, second, fraction = match.groups()
        try:
            return datetime.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0),
                                     int((fraction or ".0")[1:].ljust(6, "0")))
        except ValueError:
            return None
    raise NotImplementedError("the evaluating stand-in does not cast %r to timestamp" % (value,))


# ---- JSON text as Spark writes it (to_json, the JSON writers) ---------------------------------------------------------

def json_value(value):
    if isinstance(value, decimal.Decimal):
        return _RawNumber(str(value))
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="microseconds" if value.microsecond else "seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return dict((k, json_value(v)) for k, v in value.items() if v is not None)
    if isinstance(value, list):
        return [json_value(v) for v in value]
    if isinstance(value, ChoiceValue):
        raise AnalysisException("cannot write an unresolved choice type")
    return value


class _RawNumber(float):
    """A decimal written with its exact digits (json.dumps writes floats through repr)."""

    def __new__(cls, text):
        number = float.__new__(cls, text)
        number.text = text
        return number

    def __repr__(self):
        return self.text


def json_text(record):
    # Spark drops null fields from JSON output (ignoreNullFields defaults to true).
    return _dumps(json_value(dict((k, v) for k, v in record.items() if v is not None)))


def _dumps(value):
    if isinstance(value, _RawNumber):
        return value.text
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + _dumps(v) for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_dumps(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


# ---- Columns ------------------------------------------------------------------------------------------------------

def _unquote(name):
    if name.startswith("`") and name.endswith("`"):
        return name[1:-1].replace("``", "`")
    if "." in name:
        raise NotImplementedError("the evaluating stand-in does not read struct fields (%s)" % name)
    return name


class Column(object):
    """An expression: evaluate(row) gives its value on one row; name is the output name select gives it."""

    _when = None  # the branches of an F.when(...) chain that otherwise()/when() may still extend

    def __init__(self, evaluate, name, needs=()):
        self.evaluate = evaluate
        self.name = name
        self.needs = tuple(needs)  # the input columns it reads, resolved when a frame uses it

    def __bool__(self):
        raise ValueError("Cannot convert column into bool: use '&' for 'and', '|' for 'or', '~' for 'not'")

    __hash__ = None

    def alias(self, name):
        return Column(self.evaluate, name, self.needs)

    def cast(self, target):
        if not isinstance(target, str):
            raise TypeError("cast takes a type name")
        evaluate = self.evaluate
        return Column(lambda row: cast(evaluate(row), target), self.name, self.needs)

    def isNull(self):
        evaluate = self.evaluate
        return Column(lambda row: _plain(evaluate(row)) is None, "isnull", self.needs)

    def isNotNull(self):
        evaluate = self.evaluate
        return Column(lambda row: _plain(evaluate(row)) is not None, "isnotnull", self.needs)

    def eqNullSafe(self, other):
        other = _as_column(other)
        return Column(lambda row: _plain(self.evaluate(row)) == _plain(other.evaluate(row)), "eqnullsafe", self.needs + other.needs)

    def otherwise(self, value):
        if not self._when:
            raise TypeError("otherwise() follows F.when()")
        return _when(self._when, _as_column(value))

    def when(self, condition, value):
        if not self._when:
            raise TypeError("when() follows F.when()")
        return _when(self._when + [(condition, _as_column(value))], None)

    def __getattr__(self, name):
        raise NotImplementedError("the evaluating stand-in has no Column.%s" % name)

    def _binary(self, other, operate, symbol):
        other = _as_column(other)
        left, right = self.evaluate, other.evaluate

        def evaluate(row):
            a, b = _plain(left(row)), _plain(right(row))
            return None if a is None or b is None else operate(a, b)
        return Column(evaluate, "(%s %s %s)" % (self.name, symbol, other.name), self.needs + other.needs)

    def __eq__(self, other):
        return self._binary(other, lambda a, b: _comparable(a, b)[0] == _comparable(a, b)[1], "=")

    def __ne__(self, other):
        return self._binary(other, lambda a, b: _comparable(a, b)[0] != _comparable(a, b)[1], "!=")

    def __lt__(self, other):
        return self._binary(other, lambda a, b: _comparable(a, b)[0] < _comparable(a, b)[1], "<")

    def __le__(self, other):
        return self._binary(other, lambda a, b: _comparable(a, b)[0] <= _comparable(a, b)[1], "<=")

    def __gt__(self, other):
        return self._binary(other, lambda a, b: _comparable(a, b)[0] > _comparable(a, b)[1], ">")

    def __ge__(self, other):
        return self._binary(other, lambda a, b: _comparable(a, b)[0] >= _comparable(a, b)[1], ">=")

    def __and__(self, other):
        if not isinstance(other, Column):
            raise TypeError("expected a Column, got %r" % (other,))
        left, right = self.evaluate, other.evaluate

        def evaluate(row):
            a, b = left(row), right(row)
            if a is False or b is False:
                return False
            return None if a is None or b is None else True
        return Column(evaluate, "(%s AND %s)" % (self.name, other.name), self.needs + other.needs)

    def __or__(self, other):
        if not isinstance(other, Column):
            raise TypeError("expected a Column, got %r" % (other,))
        left, right = self.evaluate, other.evaluate

        def evaluate(row):
            a, b = left(row), right(row)
            if a is True or b is True:
                return True
            return None if a is None or b is None else False
        return Column(evaluate, "(%s OR %s)" % (self.name, other.name), self.needs + other.needs)

    def __invert__(self):
        evaluate = self.evaluate
        return Column(lambda row: None if evaluate(row) is None else not evaluate(row), "(NOT %s)" % self.name, self.needs)


def _plain(value):
    if isinstance(value, ChoiceValue):
        raise AnalysisException("cannot use an unresolved choice type in an expression; resolve it first (resolveChoice)")
    return value


def _comparable(a, b):
    # Spark compares after implicit widening; Python compares int, float and Decimal across types already.
    if isinstance(a, float) and isinstance(b, decimal.Decimal):
        return decimal.Decimal(repr(a)), b
    if isinstance(a, decimal.Decimal) and isinstance(b, float):
        return a, decimal.Decimal(repr(b))
    if isinstance(a, str) != isinstance(b, str):
        raise NotImplementedError("the evaluating stand-in does not compare %r with %r" % (a, b))
    return a, b


def _as_column(value):
    return value if isinstance(value, Column) else lit(value)


def _when(branches, default):
    def evaluate(row):
        for condition, value in branches:
            if condition.evaluate(row) is True:
                return value.evaluate(row)
        return None if default is None else default.evaluate(row)
    needs = sum((c.needs + v.needs for c, v in branches), ()) + (default.needs if default is not None else ())
    column = Column(evaluate, "CASE WHEN", needs)
    column._when = branches if default is None else None
    return column


# ---- pyspark.sql.functions ------------------------------------------------------------------------------------------

def col(name):
    if not isinstance(name, str):
        raise TypeError("col takes one name")
    plain = _unquote(name)
    return Column(lambda row: _read(row, plain), plain, (plain,))


def _read(row, name):
    if name not in row:
        raise AnalysisException("Column '%s' does not exist" % name)
    return row[name]


def lit(value):
    if isinstance(value, Column):
        raise TypeError("lit takes one Python value")
    return Column(lambda row: value, str(value))


def when(condition, value):
    if not isinstance(condition, Column):
        raise TypeError("when takes a Column condition")
    return _when([(condition, _as_column(value))], None)


def coalesce(*columns):
    if not columns or not all(isinstance(c, Column) for c in columns):
        raise TypeError("coalesce takes Columns")

    def evaluate(row):
        for c in columns:
            value = c.evaluate(row)
            if value is not None:
                return value
        return None
    return Column(evaluate, "coalesce", sum((c.needs for c in columns), ()))


def concat_ws(separator, *columns):
    if not isinstance(separator, str):
        raise TypeError("concat_ws takes the separator first")

    def evaluate(row):
        # NULLs are skipped, so no part at all gives "".
        return separator.join(str(v) for v in (_plain(c.evaluate(row)) for c in columns) if v is not None)
    return Column(evaluate, "concat_ws", sum((c.needs for c in columns), ()))


def struct(*columns):
    def evaluate(row):
        return dict((c.name, _plain(c.evaluate(row))) for c in columns)
    return Column(evaluate, "struct", sum((c.needs for c in columns), ()))


def to_json(column):
    evaluate = column.evaluate
    return Column(lambda row: json_text(evaluate(row)), "to_json", column.needs)


def input_file_name():
    return Column(lambda row: row.get(FILE_KEY) or "", "input_file_name")


def _refused(name):
    def function(*args, **kwargs):
        raise NotImplementedError("the evaluating stand-in has no F.%s" % name)
    return function


FUNCTIONS = dict(col=col, lit=lit, when=when, coalesce=coalesce, concat_ws=concat_ws, struct=struct, to_json=to_json,
                 input_file_name=input_file_name)
REFUSED_FUNCTIONS = ("upper", "lower", "trim", "length", "year", "month", "dayofmonth", "to_date",
                     "date_trunc", "concat", "count", "sum", "avg", "min", "max", "regexp_replace")


# ---- DataFrame --------------------------------------------------------------------------------------------------

def ddl_names(ddl):
    """Column names of a DDL schema string ("`id` string, `amount` decimal(18,2), `tags` array<string>")."""
    names, depth, current = [], 0, ""
    for char in ddl + ",":
        if char in "<(":
            depth += 1
        elif char in ">)":
            depth -= 1
        if char == "," and depth == 0:
            part = current.strip()
            match = re.match(r"^`((?:[^`]|``)*)`\s", part) or re.match(r"^(\S+)\s", part)
            names.append(match.group(1).replace("``", "`"))
            current = ""
        else:
            current += char
    return names


class DataFrame(object):
    def __init__(self, columns, rows):
        self.columns = list(columns)
        self.rows = rows

    def _check(self, column):
        for name in column.needs:
            if name not in self.columns:
                raise AnalysisException("Column '%s' does not exist; columns: %s" % (name, self.columns))

    def select(self, *columns):
        if not columns:
            raise TypeError("select needs columns")
        columns = [col(c) if isinstance(c, str) else c for c in columns]
        for column in columns:
            if not isinstance(column, Column):
                raise TypeError("select takes Columns or names")
            self._check(column)
        rows = []
        for row in self.rows:
            out = dict((c.name, c.evaluate(row)) for c in columns)
            out[FILE_KEY] = row.get(FILE_KEY)
            rows.append(out)
        return DataFrame([c.name for c in columns], rows)

    def filter(self, condition):
        if not isinstance(condition, Column):
            raise TypeError("filter takes a Column")
        self._check(condition)
        return DataFrame(self.columns, [row for row in self.rows if condition.evaluate(row) is True])

    where = filter

    def unionByName(self, other):
        if sorted(self.columns) != sorted(other.columns):
            raise AnalysisException("unionByName: columns differ: %s / %s" % (self.columns, other.columns))
        return DataFrame(self.columns, self.rows + other.rows)

    def persist(self, level):
        if level != "MEMORY_AND_DISK":
            raise ValueError("storage level %r" % (level,))
        return self

    def unpersist(self):
        return self

    def count(self):
        return len(self.rows)

    def collect(self):
        return [Row(**dict((c, row[c]) for c in self.columns)) for row in self.rows]

    @property
    def write(self):
        return DataFrameWriter(self)

    def __getattr__(self, name):
        raise NotImplementedError("the evaluating stand-in has no DataFrame.%s" % name)


class Row(object):
    def __init__(self, **fields):
        self._fields = fields

    def asDict(self):
        return dict(self._fields)

    def __getitem__(self, key):
        return self._fields[key]


class PathMap(object):
    """s3:// prefixes mapped to local folders (--map s3://bucket/prefix/=/local/folder)."""

    def __init__(self, pairs):
        self.pairs = sorted(pairs, key=lambda p: -len(p[0]))

    def local(self, uri):
        for prefix, folder in self.pairs:
            if uri.startswith(prefix):
                return os.path.join(folder, uri[len(prefix):])
        raise ValueError("no --map for %s" % uri)

    def uri(self, path):
        for prefix, folder in self.pairs:
            if os.path.abspath(path).startswith(os.path.abspath(folder) + os.sep):
                return prefix + os.path.relpath(path, folder).replace(os.sep, "/")
        return path


def write_json_lines(frame, folder, partition_keys=(), name="part-00000.json"):
    """Spark's JSON writer: one object per row, NULL fields dropped, Hive folders for the partition keys."""
    groups = {}
    for row in frame.rows:
        record = dict((c, row[c]) for c in frame.columns if c not in partition_keys)
        key = tuple((k, row[k]) for k in partition_keys)
        groups.setdefault(key, []).append(json_text(record))
    for key, lines in sorted(groups.items(), key=lambda item: str(item[0])):
        target = os.path.join(folder, *["%s=%s" % (k, "__HIVE_DEFAULT_PARTITION__" if v is None else to_text(v)) for k, v in key])
        os.makedirs(target, exist_ok=True)
        with open(os.path.join(target, name), "w", encoding="utf-8") as handle:
            handle.write("".join(line + "\n" for line in lines))


class DataFrameWriter(object):
    """df.write: mode, option, partitionBy, format, save. Writes JSON lines; other formats are refused."""

    paths = None  # a PathMap, set by the runner
    on_save = None  # called with (uri, state) for the events file

    def __init__(self, frame):
        self.frame = frame
        self.state = {"mode": "errorifexists", "options": {}, "partitionBy": [], "format": None}

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
        self.state["partitionBy"] = list(columns)
        return self

    def format(self, format):
        self.state["format"] = format
        return self

    def save(self, path):
        if self.state["format"] != "json" or self.state["options"].get("compression", "none") != "none":
            raise NotImplementedError("the evaluating stand-in writes uncompressed JSON only, not %r" % (self.state,))
        folder = DataFrameWriter.paths.local(path)
        if self.state["mode"] == "overwrite" and os.path.isdir(folder):
            shutil.rmtree(folder)
        elif self.state["mode"] != "append" and os.path.isdir(folder) and os.listdir(folder):
            raise AnalysisException("path %s already exists" % path)
        write_json_lines(self.frame, folder, self.state["partitionBy"])
        if DataFrameWriter.on_save:
            DataFrameWriter.on_save(path, self.state)

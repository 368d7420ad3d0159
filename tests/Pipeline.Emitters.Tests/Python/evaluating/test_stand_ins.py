"""Self-tests of the evaluating stand-ins: the Spark semantics the parity tests rely on (run by EvaluatingStandInTests)."""
import datetime
import decimal
import os
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import glue_frame  # noqa: E402
import spark_frame as S  # noqa: E402
from spark_frame import DataFrame, col, lit  # noqa: E402

D = decimal.Decimal


class CastTests(unittest.TestCase):
    def test_text_that_does_not_parse_is_null_not_an_error(self):
        self.assertIsNone(S.cast("abc", "decimal(18,2)"))
        self.assertIsNone(S.cast("abc", "int"))
        self.assertIsNone(S.cast("abc", "double"))
        self.assertIsNone(S.cast("maybe", "boolean"))
        self.assertIsNone(S.cast("2024-02-30", "date"))
        self.assertIsNone(S.cast("noon", "timestamp"))

    def test_spark_parses_what_it_parses(self):
        self.assertEqual(12, S.cast("12.5", "int"))  # the fraction is truncated
        self.assertEqual(7, S.cast(" 7 ", "int"))
        self.assertEqual(D("49.90"), S.cast(49.9, "decimal(18,2)"))
        self.assertEqual(D("1000.00"), S.cast("1e3", "decimal(18,2)"))
        self.assertEqual(D("0.13"), S.cast("0.125", "decimal(10,2)"))  # HALF_UP
        self.assertTrue(S.cast(" Yes ", "boolean"))
        self.assertEqual(datetime.date(2024, 11, 4), S.cast("2024-11-04T08:00:00", "date"))
        self.assertEqual(datetime.datetime(2024, 11, 4, 8), S.cast("2024-11-04 08:00:00", "timestamp"))

    def test_overflow_is_null(self):
        self.assertIsNone(S.cast("12345678901234567", "decimal(18,2)"))
        self.assertIsNone(S.cast("3000000000", "int"))
        self.assertIsNone(S.cast(300, "tinyint"))

    def test_numbers_as_text_follow_java(self):
        self.assertEqual(["120", "120.0", "49.9", "1.0E20", "true"], [S.cast(v, "string") for v in (120, 120.0, 49.9, 1e20, True)])

    def test_unknown_targets_are_refused(self):
        with self.assertRaises(NotImplementedError):
            S.cast("[1]", "array<int>")


class NullSemanticsTests(unittest.TestCase):
    frame = DataFrame(["a", "b"], [{"a": 1, "b": None}, {"a": None, "b": 2}, {"a": 3, "b": 4}])

    def values(self, column):
        return [column.evaluate(row) for row in self.frame.rows]

    def test_comparisons_with_null_are_null(self):
        self.assertEqual([True, None, True], self.values(col("a") > lit(0)))
        self.assertEqual([None, None, False], self.values(col("a") == col("b")))

    def test_three_valued_logic(self):
        self.assertEqual([None, None, True], self.values((col("a") > lit(0)) & (col("b") > lit(0))))
        self.assertEqual([False, None, True], self.values((col("a") > lit(1)) & (col("b") > lit(0))))
        self.assertEqual([True, True, True], self.values((col("a") > lit(0)) | (col("b") > lit(0))))
        self.assertEqual([False, None, False], self.values(~(col("a") > lit(0))))
        self.assertEqual([True, False, False], self.values(col("b").eqNullSafe(lit(None))))

    def test_filter_keeps_only_true(self):
        self.assertEqual([1, 3], [r["a"] for r in self.frame.filter(col("a") > lit(0)).rows])
        self.assertEqual([3], [r["a"] for r in self.frame.filter(~(col("b") < lit(3))).rows])

    def test_when_concat_ws_and_to_json(self):
        problem = S.when(col("b").isNull(), lit("b: missing"))
        self.assertEqual(["b: missing", "", ""], self.values(S.concat_ws("; ", problem)))
        self.assertEqual(['{"a":1}', '{"b":2}', '{"a":3,"b":4}'], self.values(S.to_json(S.struct(col("a"), col("b")))))
        self.assertEqual('{"x":120.00}', S.json_text({"x": D("120.00")}))
        chained = S.when(col("a") > lit(2), lit("big")).when(col("a") > lit(0), lit("small")).otherwise(lit("none"))
        self.assertEqual(["small", "none", "big"], self.values(chained))
        with self.assertRaises(TypeError):
            col("a").otherwise(lit(1))

    def test_a_column_is_never_a_python_bool(self):
        with self.assertRaises(ValueError):
            bool(col("a") > lit(0))

    def test_unknown_columns_and_constructs_fail_loudly(self):
        with self.assertRaises(S.AnalysisException):
            self.frame.select(col("c"))
        with self.assertRaises(NotImplementedError):
            self.frame.groupBy(col("a"))
        with self.assertRaises(NotImplementedError):
            col("a").substr(1, 2)
        with self.assertRaises(NotImplementedError):
            col("a.b")


class ReaderTests(unittest.TestCase):
    def setUp(self):
        self.root = tempfile.mkdtemp()
        glue_frame.Reader.paths = S.PathMap([("s3://in/", self.root)])

    def tearDown(self):
        shutil.rmtree(self.root)

    def read(self, name, text, format, options=None):
        os.makedirs(os.path.join(self.root, format), exist_ok=True)
        with open(os.path.join(self.root, format, name), "w") as handle:
            handle.write(text)
        return glue_frame.Reader().from_options("s3", {"paths": ["s3://in/%s/" % format]}, format, options)

    def test_json_lines_that_do_not_parse_are_error_records(self):
        frame = self.read("a.json", '{"id": "r1", "n": 1}\n{"id": "r2", "n": \n[1, 2]\n', "json")
        self.assertEqual(2, frame.errorsCount())
        self.assertEqual(1, frame.toDF().count())
        self.assertIn('{"id": "r2", "n": ', frame.errorsAsDynamicFrame().toDF().rows[0]["error"]["input"])

    def test_mixed_types_are_a_choice_that_spark_cannot_use_until_resolved(self):
        frame = self.read("a.json", '{"n": 120}\n{"n": 49.9}\n{"m": null}\n', "json")
        kinds = dict((f.name, f.dataType.typeName()) for f in frame.schema().fields)
        self.assertEqual({"n": "choice", "m": "null"}, kinds)
        with self.assertRaises(S.AnalysisException):
            frame.toDF().select(col("n").cast("decimal(18,2)"))
        resolved = frame.resolveChoice(specs=[("n", "cast:string")]).toDF()
        self.assertEqual(["120", "49.9", None], [r["n"] for r in resolved.rows])

    def test_csv_rows_with_another_field_count_are_error_records_and_text_is_typed(self):
        frame = self.read("a.csv", "id,n\nr1,120\nr2,49.9,x\nr3,\n", "csv", {"withHeader": True, "separator": ",", "quoteChar": '"'})
        self.assertEqual(1, frame.errorsCount())
        self.assertEqual([{"id": "r1", "n": 120}, {"id": "r3", "n": None}],
                         [dict((c, r[c]) for c in ("id", "n")) for r in frame.toDF().rows])
        self.assertEqual("s3://in/csv/a.csv", frame.toDF().select(S.input_file_name().alias("f")).rows[0]["f"])


if __name__ == "__main__":
    unittest.main()

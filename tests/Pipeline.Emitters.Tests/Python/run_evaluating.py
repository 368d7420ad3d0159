"""Runs a generated Glue script on data: stand-ins for awsglue and pyspark that read and write local files.

usage: python3 run_evaluating.py <script.py> <events.json> --map s3://bucket/prefix/=<folder> [--map ...] [-- <job arguments>...]

run_with_stubs.py checks a script's control flow without data; this one computes: sources are read from the local
folders the s3:// paths map to (JSON lines and CSV, with Glue's error records and choice types), Column expressions
are evaluated row by row with Spark's null and cast semantics, and sinks and DataFrame writes land as JSON-lines files
in the mapped folders (see evaluating/). Only what the generated scripts of the parity pipelines use is there; anything
else raises NotImplementedError. Calls and log records go to <events.json>, with an `exit` entry last.
"""
import json
import os
import runpy
import sys
import traceback
import types

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "evaluating"))

import glue_frame  # noqa: E402
import spark_frame  # noqa: E402


def module(name, **members):
    mod = types.ModuleType(name)
    mod.__dict__.update(members)
    sys.modules[name] = mod
    return mod


def refused(name):
    def missing(*args, **kwargs):
        raise NotImplementedError("the evaluating stand-in has no %s" % name)
    return missing


def install():
    functions = module("pyspark.sql.functions", **spark_frame.FUNCTIONS)
    for name in spark_frame.REFUSED_FUNCTIONS:
        setattr(functions, name, refused("F." + name))
    module("pyspark", StorageLevel=types.SimpleNamespace(MEMORY_AND_DISK="MEMORY_AND_DISK"))
    module("pyspark.context", SparkContext=types.SimpleNamespace(getOrCreate=lambda: object()))
    module("pyspark.sql", functions=functions)
    module("awsglue")
    module("awsglue.context", GlueContext=glue_frame.GlueContext)
    module("awsglue.dynamicframe", DynamicFrame=glue_frame.DynamicFrame)
    module("awsglue.job", Job=glue_frame.Job)
    module("awsglue.transforms", SelectFromCollection=refused("SelectFromCollection"))
    module("awsglue.utils", getResolvedOptions=glue_frame.getResolvedOptions)
    module("awsgluedq")
    module("awsgluedq.transforms", EvaluateDataQuality=refused("EvaluateDataQuality"))


def main(argv):
    script, events_path, options = argv[1], argv[2], argv[3:]
    job_arguments = []
    if "--" in options:
        job_arguments = options[options.index("--") + 1:]
        options = options[:options.index("--")]
    pairs = []
    while options:
        flag, value = options[0], options[1]
        if flag != "--map" or "=" not in value or not value.startswith("s3://"):
            raise SystemExit("usage: --map s3://bucket/prefix/=<folder>")
        prefix, folder = value.split("=", 1)
        pairs.append((prefix, folder))
        options = options[2:]
    paths = spark_frame.PathMap(pairs)
    glue_frame.Reader.paths = paths
    spark_frame.DataFrameWriter.paths = paths
    spark_frame.DataFrameWriter.on_save = lambda uri, state: glue_frame.record("df.write.save", path=uri, **state)
    install()
    sys.argv = [script, "--JOB_NAME", "test-job", "--JOB_RUN_ID", "jr_0123"] + job_arguments
    try:
        runpy.run_path(script, run_name="__main__")
        glue_frame.record("exit", error=None)
    except BaseException as exc:
        glue_frame.record("exit", error=type(exc).__name__, message=traceback.format_exc())
    finally:
        with open(events_path, "w") as handle:
            json.dump(glue_frame.EVENTS, handle, indent=1, default=str)


if __name__ == "__main__":
    main(sys.argv)

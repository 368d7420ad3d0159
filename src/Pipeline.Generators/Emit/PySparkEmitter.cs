using System.Collections.Generic;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

/// <summary>
/// Writes the AWS Glue PySpark script of a pipeline (<c>glue/&lt;job&gt;.py</c>): the canonical Glue job shape
/// (<c>getResolvedOptions</c>, <c>GlueContext</c>, <c>Job.init</c> … <c>job.commit()</c> last), reads with stable
/// <c>transformation_ctx</c> names derived from source and stage ids, transforms in native Spark functions, Glue Data
/// Quality per sink, partitioned compressed writes that update the Data Catalog, and structured JSON logging.
/// Every S3 location comes from a required job argument (<see cref="PathArguments"/>), set per environment by the
/// Terraform job; a run whose bookmarked sources all read nothing new is a logged no-op that still commits.
/// </summary>
/// <remarks>
/// Pure function of the model; the output is pure ASCII with <c>\n</c> line ends and is byte-identical in every culture.
/// The data-quality evaluation context of a sink is its DQDL ruleset name (<see cref="QualityRuleset.Name"/>), so the
/// CloudWatch metrics, the Terraform ruleset and the dashboards all agree on one stable key.
/// </remarks>
internal static partial class PySparkEmitter
{
    private const string CacheLevel = "StorageLevel.MEMORY_AND_DISK";

    public static string Emit(PipelineSpec spec)
    {
        var rulesets = new Dictionary<string, QualityRuleset>();
        foreach (var ruleset in DqdlEmitter.Emit(spec))
        {
            rulesets[ruleset.SinkName] = ruleset;
        }

        var inputs = new Dictionary<string, string>();
        foreach (var source in spec.Sources)
        {
            inputs[source.Name] = PySparkPlanPrinter.FrameVariable(SourceName(source));
        }

        foreach (var stage in spec.Stages)
        {
            inputs[stage.Name] = PySparkPlanPrinter.FrameVariable(StageName(stage));
        }

        var consumers = CountConsumers(spec);
        var writer = new SourceWriter();
        WriteHeader(writer, spec, rulesets.Count > 0);
        WriteHelpers(writer, spec, rulesets.Count > 0);
        WriteRunDate(writer, spec);
        WriteRulesets(writer, spec, rulesets);

        writer.WriteLine("def run():");
        writer.Indentation++;
        writer.WriteLine("\"\"\"Reads every source, runs every stage and writes every sink, in dependency order.\"\"\"");
        var pathArguments = PathArguments(spec);
        foreach (var source in spec.Sources)
        {
            writer.WriteLine();
            WriteSource(writer, spec, source, consumers, pathArguments);
        }

        WriteNoNewInputCheck(writer, spec);

        var recomputed = new Dictionary<string, RecomputedAggregate>();
        foreach (var aggregate in IncrementalAggregates.Find(spec.Sources, spec.Stages))
        {
            recomputed[aggregate.Stage] = aggregate;
        }

        var plans = new PySparkPlanPrinter(writer, inputs);
        foreach (var stage in spec.Stages)
        {
            writer.WriteLine();
            // An aggregate over an increment: its batch result gives the affected keys, its groups come from the full input.
            var recompute = recomputed.TryGetValue(stage.Name, out var aggregate)
                ? (System.Func<string, string>)(batch => WriteRecompute(writer, spec, stage, aggregate, batch, inputs, consumers, pathArguments))
                : null;
            WriteStage(writer, spec, stage, plans, consumers, rulesets, pathArguments, recompute);
        }

        writer.Indentation--;
        writer.WriteLine();
        writer.WriteLine();
        writer.WriteLine("""
            try:
                log("job_started")
                run()
                log("job_succeeded")
            except Exception as exc:
                log("job_failed", level="ERROR", error=str(exc), error_type=type(exc).__name__)
                raise

            # Last statement: bookmark state is saved only here, so a failed run re-reads the same input next time.
            job.commit()
            """);
        return writer.ToString();
    }

    /// <summary>Python base name of a source (<c>orders</c>); its frame is <c>orders_df</c>.</summary>
    private static string SourceName(SourceSpec source) => PySparkSyntax.Identifier(source.Id);

    /// <summary>Python base name of a stage (<c>clean</c>); its frame is <c>clean_df</c>.</summary>
    private static string StageName(StageSpec stage) => PySparkSyntax.Identifier(stage.Id);

    /// <summary>The bookmark key of a source read: <c>source_&lt;id&gt;</c>.</summary>
    public static string SourceContext(SourceSpec source) => "source_" + SourceName(source);

    /// <summary>The key of a sink write: <c>sink_&lt;id&gt;</c>.</summary>
    public static string SinkContext(StageSpec stage) => "sink_" + StageName(stage);

    /// <summary>The key of a sink's quarantine write: <c>quarantine_&lt;id&gt;</c>.</summary>
    public static string QuarantineContext(StageSpec stage) => "quarantine_" + StageName(stage);

    /// <summary>A job argument naming an S3 location the script reads or writes, and the location the pipeline declares.</summary>
    internal sealed record PathArgument(string Name, string DeclaredUri, PathArgumentKind Kind)
    {
        /// <summary>The module-level Python constant holding the argument's value (<c>SOURCE_ORDERS_PATH</c>).</summary>
        public string Constant => Name.ToUpperInvariant();
    }

    internal enum PathArgumentKind
    {
        Source,
        Sink,
        Quarantine,
        Malformed,
    }

    /// <summary>
    /// Every S3 location the script uses, as a required job argument (no <c>--</c>): <c>source_&lt;id&gt;_path</c> per S3
    /// source, <c>sink_&lt;id&gt;_path</c> per sink and <c>quarantine_&lt;id&gt;_path</c> per sink that quarantines (the
    /// transformation_ctx of the read or write plus <c>_path</c>). The script hard-codes no bucket: the Terraform job sets
    /// each argument to the environment's URI, built from the same bucket locals as the job's IAM policy. Catalog sources
    /// take no argument (the table's location is in the Data Catalog).
    /// </summary>
    internal static IReadOnlyList<PathArgument> PathArguments(PipelineSpec spec)
    {
        var arguments = new List<PathArgument>();
        foreach (var source in spec.Sources)
        {
            if (source.Kind == SourceKind.S3)
            {
                arguments.Add(new PathArgument(SourceContext(source) + "_path", source.Path ?? "", PathArgumentKind.Source));
            }
        }

        foreach (var stage in spec.Stages)
        {
            if (stage.Sink is not { } sink)
            {
                continue;
            }

            arguments.Add(new PathArgument(SinkContext(stage) + "_path", sink.Path, PathArgumentKind.Sink));
            if (Quarantines(sink))
            {
                arguments.Add(new PathArgument(QuarantineContext(stage) + "_path", sink.QuarantinePath!, PathArgumentKind.Quarantine));
            }
        }

        if (MalformedRowsUri(spec) is { } malformed)
        {
            arguments.Add(new PathArgument(MalformedArgument, malformed, PathArgumentKind.Malformed));
        }

        return arguments;
    }

    /// <summary>Whether a sink writes failing rows to its quarantine path (Quarantine with a path; otherwise it acts as Warn).</summary>
    private static bool Quarantines(SinkSpec sink) => sink.OnFailure == QualityActionKind.Quarantine && !string.IsNullOrEmpty(sink.QuarantinePath);

    private static PathArgument FindPathArgument(IReadOnlyList<PathArgument> arguments, string name)
    {
        foreach (var argument in arguments)
        {
            if (argument.Name == name)
            {
                return argument;
            }
        }

        throw new System.InvalidOperationException("No job argument " + name);
    }

    private static void WriteHeader(SourceWriter writer, PipelineSpec spec, bool hasQuality)
    {
        var className = spec.Namespace.Length == 0 ? spec.ClassName : spec.Namespace + "." + spec.ClassName;
        writer.WriteLine("# <auto-generated/>");
        writer.WriteLine("# Generated by Pipeline from " + PySparkSyntax.CommentText(className) + "; do not edit.");
        writer.WriteLine("# AWS Glue " + PySparkSyntax.CommentText(spec.Job.GlueVersion) + " PySpark script of job " + PySparkSyntax.CommentText(spec.Job.Name) + ".");
        if (UsesRunDate(spec))
        {
            writer.WriteLine("import datetime");
        }

        writer.WriteLine("import json");
        writer.WriteLine("import sys");
        writer.WriteLine();
        writer.WriteLine("from awsglue.context import GlueContext");
        writer.WriteLine("from awsglue.dynamicframe import DynamicFrame");
        writer.WriteLine("from awsglue.job import Job");
        if (hasQuality)
        {
            writer.WriteLine("from awsglue.transforms import SelectFromCollection");
        }

        writer.WriteLine("from awsglue.utils import getResolvedOptions");
        if (hasQuality)
        {
            writer.WriteLine("from awsgluedq.transforms import EvaluateDataQuality");
        }

        writer.WriteLine("from pyspark import StorageLevel");
        writer.WriteLine("from pyspark.context import SparkContext");
        writer.WriteLine("from pyspark.sql import functions as F");
        writer.WriteLine();
        var pathArguments = PathArguments(spec);
        if (pathArguments.Count == 0)
        {
            writer.WriteLine("args = getResolvedOptions(sys.argv, [\"JOB_NAME\"])");
        }
        else
        {
            // Every option by its full name: Glue 6 rejects abbreviated options, and none of these has a default.
            writer.WriteLine("args = getResolvedOptions(sys.argv, [");
            writer.Indentation++;
            writer.WriteLine("\"JOB_NAME\",");
            foreach (var argument in pathArguments)
            {
                writer.WriteLine(PySparkSyntax.PyLiteral(argument.Name) + ",");
            }

            writer.Indentation--;
            writer.WriteLine("])");
        }

        writer.WriteLine("""
            sc = SparkContext.getOrCreate()
            glueContext = GlueContext(sc)
            spark = glueContext.spark_session
            # Timestamps are instants in UTC, as in C# and the local runner: text with an offset is converted, text without
            # one is taken as UTC, and year()/dayofmonth() give the UTC day, whatever zone the cluster runs in.
            spark.conf.set("spark.sql.session.timeZone", "UTC")
            job = Job(glueContext)
            job.init(args["JOB_NAME"], args)
            logger = glueContext.get_logger()
            """);
        writer.WriteLine($"PIPELINE = {PySparkSyntax.PyLiteral(className)}");
        if (pathArguments.Count > 0)
        {
            writer.WriteLine();
            writer.WriteLine("# S3 locations per environment, from the job arguments: the Glue job's default_arguments set each from the");
            writer.WriteLine("# environment's bucket names (the ones its IAM policy grants). The comments show the declared locations.");
            foreach (var argument in pathArguments)
            {
                writer.WriteLine($"{argument.Constant} = args[{PySparkSyntax.PyLiteral(argument.Name)}]  # declared: {PySparkSyntax.CommentText(argument.DeclaredUri)}");
            }
        }

        writer.WriteLine();
        writer.WriteLine();
    }

    private static void WriteHelpers(SourceWriter writer, PipelineSpec spec, bool hasQuality)
    {
        writer.WriteLine("""
            def _argv_option(name):
                # Glue injects --JOB_RUN_ID; getResolvedOptions returns only the options it is asked for, so read it here.
                flag = "--" + name
                for index, value in enumerate(sys.argv):
                    if value == flag and index + 1 < len(sys.argv):
                        return sys.argv[index + 1]
                    if value.startswith(flag + "="):
                        return value[len(flag) + 1:]
                return None


            JOB_NAME = args["JOB_NAME"]
            RUN_ID = args.get("JOB_RUN_ID") or _argv_option("JOB_RUN_ID") or "unknown"


            def log(event, level="INFO", **fields):
                # One JSON object per line, keys sorted, through the Glue logger and stdout.
                record = dict(fields)
                record["job"] = JOB_NAME
                record["run_id"] = RUN_ID
                record["pipeline"] = PIPELINE
                record["event"] = event
                record["level"] = level
                line = json.dumps(record, sort_keys=True, default=str)
                if level == "ERROR":
                    logger.error(line)
                elif level == "WARN":
                    logger.warn(line)
                else:
                    logger.info(line)
                print(line)


            """);
        WriteConformHelper(writer, MalformedRowsUri(spec) is not null);
        if (hasQuality)
        {
            writer.WriteLine();
            writer.WriteLine();
            writer.WriteLine("""
                class DataQualityError(Exception):
                    pass


                def rule_failures(sink, results, context, level):
                    # Logs every rule that did not pass and returns them; ruleOutcomes has one row per rule.
                    outcomes = SelectFromCollection.apply(dfc=results, key="ruleOutcomes", transformation_ctx=context + "_rule_outcomes").toDF()
                    rules = [row.asDict() for row in outcomes.collect()]
                    failed = [rule for rule in rules if rule.get("Outcome") != "Passed"]
                    for rule in failed:
                        log("dq_rule_failed", level=level, sink=sink, context=context, rule=rule.get("Rule"),
                            outcome=rule.get("Outcome"), failure_reason=rule.get("FailureReason"))
                    log("dq_evaluated", sink=sink, context=context, rules=len(rules), rules_passed=len(rules) - len(failed),
                        rules_failed=len(failed))
                    return failed
                """);
        }

        writer.WriteLine();
        writer.WriteLine();
    }

    private static void WriteRulesets(SourceWriter writer, PipelineSpec spec, Dictionary<string, QualityRuleset> rulesets)
    {
        var any = false;
        foreach (var stage in spec.Stages)
        {
            if (stage.Sink is null || !rulesets.TryGetValue(stage.Name, out var ruleset))
            {
                continue;
            }

            any = true;
            writer.WriteLine($"# DQDL ruleset {PySparkSyntax.CommentText(ruleset.Name)} ({PySparkSyntax.CommentText(ruleset.Path)}).");
            writer.WriteLine($"{RulesetConstant(stage)} = (");
            writer.Indentation++;
            var text = ruleset.Text;
            var start = 0;
            while (start < text.Length)
            {
                var end = text.IndexOf('\n', start);
                var line = end < 0 ? text.Substring(start) : text.Substring(start, end + 1 - start);
                writer.WriteLine(PySparkSyntax.PyLiteral(line));
                start = end < 0 ? text.Length : end + 1;
            }

            writer.Indentation--;
            writer.WriteLine(")");
        }

        if (any)
        {
            writer.WriteLine();
            writer.WriteLine();
        }
    }

    private static string RulesetConstant(StageSpec stage) => "RULESET_" + StageName(stage).ToUpperInvariant();

    /// <summary>
    /// When no bookmarked source (increment) has anything new and every other source is only a join's lookup side, the
    /// run is a no-op, as in the local runner:
    /// it logs <c>no_new_input</c> and returns before quality evaluation and writes, so <c>job.commit()</c> still saves
    /// the bookmark state and no empty output (or failed <c>RowCount &gt; 0</c> rule) is produced.
    /// </summary>
    private static void WriteNoNewInputCheck(SourceWriter writer, PipelineSpec spec)
    {
        if (spec.Sources.Count == 0)
        {
            return;
        }

        var counts = new List<string>();
        var ids = new List<string>();
        foreach (var source in spec.Sources)
        {
            // A reference used only as a join's lookup side does not make a run worth doing on its own; any other
            // reference is data read in full every run, so empty input there is real and the run always goes on.
            if (source.Bookmarked)
            {
                counts.Add(SourceRecords(source) + " == 0");
                ids.Add(source.Id);
            }
            else if (!source.LookupOnly)
            {
                return;
            }
        }

        if (counts.Count == 0)
        {
            return;
        }

        writer.WriteLine();
        if (counts.Count == spec.Sources.Count)
        {
            writer.WriteLine("# Every source is bookmarked: nothing new in any of them makes this run a no-op. No quality evaluation, no");
            writer.WriteLine("# writes; job.commit() still runs and saves the bookmark state.");
        }
        else
        {
            writer.WriteLine("# Nothing new in the bookmarked sources (increments) makes this run a no-op: the others are only lookup");
            writer.WriteLine("# sides of joins. No quality evaluation, no writes; job.commit() still runs and saves the bookmark state.");
        }

        writer.WriteLine($"if {string.Join(" and ", counts)}:");
        writer.Indentation++;
        writer.WriteLine($"log(\"no_new_input\", sources={PySparkSyntax.PyList(ids)}, message=\"no new input since the last run (bookmarks); nothing to do\")");
        writer.WriteLine("return");
        writer.Indentation--;
    }

    /// <summary>The Python variable holding the record count of a source read (<c>orders_records</c>).</summary>
    private static string SourceRecords(SourceSpec source) => SourceName(source) + "_records";

    /// <param name="full">
    /// The second read of an increment for a recomputed aggregate: every file (no <c>transformation_ctx</c>, so the
    /// bookmark neither filters nor records it), into <c>&lt;source&gt;_full_df</c>, not counted or logged.
    /// </param>
    private static void WriteSource(SourceWriter writer, PipelineSpec spec, SourceSpec source, Dictionary<string, int> consumers, IReadOnlyList<PathArgument> pathArguments, bool full = false)
    {
        var name = SourceName(source) + (full ? "_full" : "");
        var frame = name + "_frame";
        var df = PySparkPlanPrinter.FrameVariable(name);
        var schema = spec.FindSchema(source.SchemaType);
        var context = source.Bookmarked && !full ? SourceContext(source) : null;
        var role = full ? ", again in full (no transformation_ctx: every file, whatever the bookmark)" : source.Bookmarked ? ", bookmarked" : ", read in full every run";

        if (source.Kind == SourceKind.Catalog && RunParameters.HasPlaceholders(source.PushDownPredicate))
        {
            writer.WriteLine($"# {PySparkSyntax.CommentText(source.Name)}'s push-down predicate, formatted from the run date: {PySparkSyntax.CommentText(source.PushDownPredicate!)}");
            writer.WriteLine($"{PredicateVariable(name)} = {RunDatePredicate(source.PushDownPredicate!)}");
        }

        if (source.Kind == SourceKind.Catalog)
        {
            writer.WriteLine($"# Source {PySparkSyntax.CommentText(source.Name)}: catalog table {PySparkSyntax.CommentText(source.Database ?? "")}.{PySparkSyntax.CommentText(source.Table ?? "")}{role}.");
            writer.WriteLine($"{frame} = glueContext.create_dynamic_frame.from_catalog(");
            writer.Indentation++;
            writer.WriteLine($"database={PySparkSyntax.PyLiteral(source.Database ?? "")},");
            writer.WriteLine($"table_name={PySparkSyntax.PyLiteral(source.Table ?? "")},");
            if (!string.IsNullOrEmpty(source.PushDownPredicate))
            {
                writer.WriteLine($"push_down_predicate={(RunParameters.HasPlaceholders(source.PushDownPredicate) ? PredicateVariable(name) : PySparkSyntax.PyLiteral(source.PushDownPredicate!))},");
            }
        }
        else
        {
            var path = FindPathArgument(pathArguments, SourceContext(source) + "_path");
            writer.WriteLine($"# Source {PySparkSyntax.CommentText(source.Name)}: {PySparkSyntax.CommentText(FormatName(source.Format))} files under {path.Constant} (declared {PySparkSyntax.CommentText(source.Path ?? "")}){role}.");
            writer.WriteLine($"{frame} = glueContext.create_dynamic_frame.from_options(");
            writer.Indentation++;
            writer.WriteLine("connection_type=\"s3\",");
            writer.WriteLine($"connection_options={{\"paths\": [{path.Constant}], \"recurse\": True}},");
            writer.WriteLine($"format={PySparkSyntax.PyLiteral(FormatName(source.Format))},");
            switch (source.Format)
            {
                case FileFormat.Csv:
                    var csv = source.Csv;
                    writer.WriteLine($"format_options={{\"withHeader\": {(csv.Header ? "True" : "False")}, \"separator\": {PySparkSyntax.PyLiteral(csv.Delimiter)}, \"quoteChar\": {PySparkSyntax.PyLiteral(csv.Quote)}}},");
                    break;
                case FileFormat.Json:
                    writer.WriteLine("format_options={\"multiLine\": False},");
                    break;
            }
        }

        // Only a bookmarked read gets a transformation_ctx: Glue bookmarks exactly the reads that carry one.
        if (context is not null)
        {
            writer.WriteLine($"transformation_ctx={PySparkSyntax.PyLiteral(context)},");
        }

        writer.Indentation--;
        writer.WriteLine(")");

        // Right after the read: the declared columns in their declared types; malformed rows set aside (see read_conformed).
        if (schema is null)
        {
            writer.WriteLine($"{df} = {frame}.toDF()");
        }
        else
        {
            // A full re-read (recompute of an aggregate) meets rows the increment read already set aside: not again.
            WriteConformedRead(writer, source, schema, frame, df, setAside: !full);
        }

        if (full)
        {
            return;
        }

        if (consumers.TryGetValue(source.Name, out var uses) && uses > 1)
        {
            writer.WriteLine($"{df} = {df}.persist({CacheLevel})");
        }

        writer.WriteLine($"{SourceRecords(source)} = {df}.count()");
        var predicateField = source.Kind == SourceKind.Catalog && RunParameters.HasPlaceholders(source.PushDownPredicate) ? ", push_down_predicate=" + PredicateVariable(name) : "";
        writer.WriteLine($"log(\"source_read\", source={PySparkSyntax.PyLiteral(source.Id)}, records={SourceRecords(source)}{predicateField})");
    }

    private static void WriteConformColumns(SourceWriter writer, SchemaSpec schema)
    {
        writer.Indentation++;
        foreach (var column in schema.Columns)
        {
            writer.WriteLine($"{PySparkSyntax.Col(null, column.Name)}.cast({PySparkSyntax.PyLiteral(PySparkSyntax.SparkType(column.Type))}).alias({PySparkSyntax.PyLiteral(column.Name)}),");
        }

        writer.Indentation--;
    }

    private static void WriteSelectColumns(SourceWriter writer, SchemaSpec schema)
    {
        writer.Indentation++;
        foreach (var column in schema.Columns)
        {
            writer.WriteLine(PySparkSyntax.Col(null, column.Name) + ",");
        }

        writer.Indentation--;
    }

    private static void WriteStage(
        SourceWriter writer,
        PipelineSpec spec,
        StageSpec stage,
        PySparkPlanPrinter plans,
        Dictionary<string, int> consumers,
        Dictionary<string, QualityRuleset> rulesets,
        IReadOnlyList<PathArgument> pathArguments,
        System.Func<string, string>? recompute)
    {
        var name = StageName(stage);
        var df = PySparkPlanPrinter.FrameVariable(name);
        var schema = spec.FindSchema(stage.SchemaType);
        var schemaName = schema?.Name ?? stage.SchemaType;
        var inputs = string.Join(", ", stage.Inputs);
        writer.WriteLine($"# {(stage.Sink is null ? "Stage" : "Sink")} {PySparkSyntax.CommentText(stage.Name)}({PySparkSyntax.CommentText(inputs)}) -> {PySparkSyntax.CommentText(schemaName)}.");
        var result = plans.Print(stage.Plan, name);
        if (recompute is not null)
        {
            result = recompute(result);
        }
        var usedDownstream = consumers.TryGetValue(stage.Name, out var uses) && uses > 0;

        if (stage.Sink is not { } sink)
        {
            if (result != df)
            {
                writer.WriteLine($"{df} = {result}");
            }

            if (uses > 1)
            {
                writer.WriteLine($"{df} = {df}.persist({CacheLevel})");
            }

            return;
        }

        // The written columns are exactly the sink schema's, in its order and types (the catalog table's shape).
        if (schema is null)
        {
            if (result != df)
            {
                writer.WriteLine($"{df} = {result}");
            }
        }
        else
        {
            writer.WriteLine($"{df} = {result}.select(");
            WriteConformColumns(writer, schema);
            writer.WriteLine(")");
            if (sink.Mode == WriteModeKind.Merge)
            {
                // Quality is evaluated on what is written: the merged rows of the rewritten partitions.
                WriteMerge(writer, spec, stage, schema, df);
            }
        }

        // Quality evaluation, counting and writing each scan the frame: compute it once.
        writer.WriteLine($"{df} = {df}.persist({CacheLevel})");

        var hasRules = rulesets.TryGetValue(stage.Name, out var ruleset);
        var action = sink.OnFailure;
        if (action == QualityActionKind.Quarantine && !Quarantines(sink))
        {
            // Nowhere to put failing rows: report them and write everything, as Warn does.
            action = QualityActionKind.Warn;
        }

        string? rowsVariable = null;
        if (hasRules)
        {
            var context = ruleset!.Name;
            var results = name + "_dq";
            var failures = name + "_failures";
            writer.WriteLine($"{results} = EvaluateDataQuality().process_rows(");
            writer.Indentation++;
            writer.WriteLine($"frame=DynamicFrame.fromDF({df}, glueContext, {PySparkSyntax.PyLiteral(name + "_dq_input")}),");
            writer.WriteLine($"ruleset={RulesetConstant(stage)},");
            writer.WriteLine("publishing_options={");
            writer.Indentation++;
            writer.WriteLine($"\"dataQualityEvaluationContext\": {PySparkSyntax.PyLiteral(context)},");
            writer.WriteLine("\"enableDataQualityCloudWatchMetrics\": True,");
            writer.WriteLine("\"enableDataQualityResultsPublishing\": True,");
            writer.Indentation--;
            writer.WriteLine("},");
            writer.WriteLine("additional_options={\"observations.scope\": \"ALL\", \"performanceTuning.caching\": \"CACHE_NOTHING\"},");
            writer.Indentation--;
            writer.WriteLine(")");
            var level = action == QualityActionKind.Fail ? "ERROR" : "WARN";
            var check = $"rule_failures({PySparkSyntax.PyLiteral(stage.Id)}, {results}, {PySparkSyntax.PyLiteral(context)}, {PySparkSyntax.PyLiteral(level)})";
            writer.WriteLine(action == QualityActionKind.Fail ? $"{failures} = {check}" : check);
            switch (action)
            {
                case QualityActionKind.Fail:
                    writer.WriteLine($"if {failures}:");
                    writer.Indentation++;
                    writer.WriteLine($"raise DataQualityError({PySparkSyntax.PyLiteral("sink " + stage.Id + ": %d data-quality rule(s) failed; nothing was written")} % len({failures}))");
                    writer.Indentation--;
                    break;
                case QualityActionKind.Warn:
                    writer.WriteLine("# Warn: failures are logged and published; the data is written anyway.");
                    break;
                case QualityActionKind.Quarantine:
                    rowsVariable = name + "_rows";
                    var quarantine = name + "_quarantine_df";
                    writer.WriteLine("# Quarantine: rows failing a row-level rule go to the quarantine path; the others to the sink.");
                    writer.WriteLine($"{rowsVariable} = SelectFromCollection.apply(");
                    writer.Indentation++;
                    writer.WriteLine($"dfc={results}, key=\"rowLevelOutcomes\", transformation_ctx={PySparkSyntax.PyLiteral("dq_" + name + "_row_outcomes")}");
                    writer.Indentation--;
                    writer.WriteLine($").toDF().persist({CacheLevel})");
                    writer.WriteLine($"{quarantine} = {rowsVariable}.filter(F.col(\"DataQualityEvaluationResult\") == F.lit(\"Failed\"))");
                    var quarantinePath = FindPathArgument(pathArguments, QuarantineContext(stage) + "_path");
                    WriteWrite(writer, quarantine, name + "_quarantine", QuarantineContext(stage), quarantinePath, FileFormat.Json, CompressionKind.Gzip, sink.PartitionKeys, catalog: null, sink.Mode);
                    writer.WriteLine($"log(\"quarantine_written\", level=\"WARN\", sink={PySparkSyntax.PyLiteral(stage.Id)}, path={quarantinePath.Constant}, records={quarantine}.count())");
                    writer.WriteLine($"{df}.unpersist()");
                    writer.WriteLine($"{df} = {rowsVariable}.filter(~(F.col(\"DataQualityEvaluationResult\").eqNullSafe(F.lit(\"Failed\"))))" + (schema is null ? "" : ".select("));
                    if (schema is not null)
                    {
                        // Dropping the helper columns Glue Data Quality adds: only the schema's columns are written.
                        WriteSelectColumns(writer, schema);
                        writer.WriteLine(")");
                    }

                    break;
            }
        }

        var records = name + "_records";
        writer.WriteLine($"{records} = {df}.count()");
        var sinkPath = FindPathArgument(pathArguments, SinkContext(stage) + "_path");
        WriteWrite(writer, df, name, SinkContext(stage), sinkPath, sink.Format, sink.Compression, sink.PartitionKeys, sink, sink.Mode);
        writer.WriteLine($"log(\"sink_written\", sink={PySparkSyntax.PyLiteral(stage.Id)}, table={PySparkSyntax.PyLiteral(sink.Database + "." + sink.Table)}, path={sinkPath.Constant}, records={records})");
        if (!usedDownstream)
        {
            writer.WriteLine($"{rowsVariable ?? df}.unpersist()");
        }
    }

    private static void WriteWrite(
        SourceWriter writer,
        string df,
        string name,
        string context,
        PathArgument path,
        FileFormat format,
        CompressionKind compression,
        EquatableArray<string> partitionKeys,
        SinkSpec? catalog,
        WriteModeKind mode)
    {
        if (mode != WriteModeKind.Append)
        {
            WriteOverwrite(writer, df, path, format, compression, partitionKeys, catalog, mode);
            return;
        }

        var sinkVariable = name + "_sink";

        // Glue updates the catalog from json, csv, avro and (Glue-writer) parquet output only.
        var updateCatalog = catalog is not null && format != FileFormat.Orc;
        writer.WriteLine($"{sinkVariable} = glueContext.getSink(");
        writer.Indentation++;
        writer.WriteLine("connection_type=\"s3\",");
        writer.WriteLine($"path={path.Constant},  # declared: {PySparkSyntax.CommentText(path.DeclaredUri)}");
        writer.WriteLine($"enableUpdateCatalog={(updateCatalog ? "True" : "False")},");
        if (updateCatalog)
        {
            // Terraform owns the table and its schema; the job only adds the partitions it writes (LOG: never rewrites
            // the declared schema, so the next terraform plan shows no drift).
            writer.WriteLine("updateBehavior=\"LOG\",");
        }

        writer.WriteLine($"partitionKeys={PySparkSyntax.PyList(partitionKeys)},");

        // Text formats are compressed by the S3 connection; columnar formats by their own writer (setFormat below).
        var textFormat = format is FileFormat.Json or FileFormat.Csv;
        if (textFormat && compression != CompressionKind.None)
        {
            writer.WriteLine($"compression={PySparkSyntax.PyLiteral(CodecName(compression))},");
        }

        writer.WriteLine($"transformation_ctx={PySparkSyntax.PyLiteral(context)},");
        writer.Indentation--;
        writer.WriteLine(")");
        if (updateCatalog)
        {
            writer.WriteLine($"{sinkVariable}.setCatalogInfo(catalogDatabase={PySparkSyntax.PyLiteral(catalog!.Database)}, catalogTableName={PySparkSyntax.PyLiteral(catalog.Table)})");
        }
        else if (catalog is not null)
        {
            writer.WriteLine($"# ORC output cannot update the Data Catalog from a job; table {PySparkSyntax.CommentText(catalog.Database)}.{PySparkSyntax.CommentText(catalog.Table)} is maintained outside the job.");
        }

        switch (format)
        {
            case FileFormat.Parquet:
                writer.WriteLine($"{sinkVariable}.setFormat(\"glueparquet\", compression={PySparkSyntax.PyLiteral(compression == CompressionKind.None ? "uncompressed" : CodecName(compression))})");
                break;
            case FileFormat.Orc:
                writer.WriteLine($"{sinkVariable}.setFormat(\"orc\", compression={PySparkSyntax.PyLiteral(OrcCodecName(compression))})");
                break;
            case FileFormat.Csv:
                writer.WriteLine($"{sinkVariable}.setFormat(\"csv\", writeHeader=True)");
                break;
            default:
                writer.WriteLine($"{sinkVariable}.setFormat(\"json\")");
                break;
        }

        writer.WriteLine($"{sinkVariable}.writeFrame(DynamicFrame.fromDF({df}, glueContext, {PySparkSyntax.PyLiteral(name)}))");
    }

    /// <summary>
    /// <see cref="WriteModeKind.OverwritePartitions"/>, <see cref="WriteModeKind.Overwrite"/> and <see cref="WriteModeKind.Merge"/> (whose frame is already merged): Glue's S3 sink only
    /// appends, so these write with Spark's DataFrame writer in overwrite mode — dynamic partition overwrite (only the
    /// partitions present in the data are replaced) or static (the whole path) — set per write, not per session. The
    /// sink table's partitions are then registered with <c>MSCK REPAIR TABLE</c> (the job runs with the Data Catalog
    /// as its metastore; Terraform declares the table).
    /// </summary>
    private static void WriteOverwrite(SourceWriter writer, string df, PathArgument path, FileFormat format, CompressionKind compression, EquatableArray<string> partitionKeys, SinkSpec? catalog, WriteModeKind mode)
    {
        var dynamic = mode is WriteModeKind.OverwritePartitions or WriteModeKind.Merge && partitionKeys.Count > 0;
        if (mode == WriteModeKind.Merge)
        {
            writer.WriteLine(dynamic
                ? "# Merged rows: replace exactly the partitions they fill (Spark's dynamic partition overwrite); the others stay."
                : "# Merged rows: replace everything under the path (the rows not replaced were carried over).");
        }
        else
        {
            writer.WriteLine(dynamic
                ? "# Write mode OverwritePartitions: replace exactly the partitions this run writes (Spark's dynamic partition overwrite);"
                : "# Write mode Overwrite: replace everything under the path with this run's output.");
            writer.WriteLine(dynamic
                ? "# the other partitions stay. Reprocessing the same input gives the same output, so retries are safe."
                : "# Reprocessing the same input gives the same output, so retries are safe.");
        }

        writer.WriteLine("(");
        writer.Indentation++;
        writer.WriteLine($"{df}.write.mode(\"overwrite\")");
        writer.WriteLine($".option(\"partitionOverwriteMode\", {(dynamic ? "\"dynamic\"" : "\"static\"")})");
        if (partitionKeys.Count > 0)
        {
            var keys = new List<string>();
            foreach (var key in partitionKeys)
            {
                keys.Add(PySparkSyntax.PyLiteral(key));
            }

            writer.WriteLine($".partitionBy({string.Join(", ", keys)})");
        }

        var (sparkFormat, codec) = format switch
        {
            FileFormat.Orc => ("orc", OrcCodecName(compression)),
            FileFormat.Csv => ("csv", CodecName(compression)),
            FileFormat.Json => ("json", CodecName(compression)),
            _ => ("parquet", compression == CompressionKind.None ? "uncompressed" : CodecName(compression)),
        };
        writer.WriteLine($".format({PySparkSyntax.PyLiteral(sparkFormat)})");
        writer.WriteLine($".option(\"compression\", {PySparkSyntax.PyLiteral(codec)})");
        if (format == FileFormat.Csv)
        {
            writer.WriteLine(".option(\"header\", \"true\")");
        }

        writer.WriteLine($".save({path.Constant})  # declared: {PySparkSyntax.CommentText(path.DeclaredUri)}");
        writer.Indentation--;
        writer.WriteLine(")");
        if (catalog is not null && partitionKeys.Count > 0)
        {
            writer.WriteLine("# The DataFrame writer does not touch the Data Catalog: register the partitions it wrote.");
            writer.WriteLine($"spark.sql({PySparkSyntax.PyLiteral("MSCK REPAIR TABLE `" + catalog.Database + "`.`" + catalog.Table + "`")})");
        }
    }

    private static string FormatName(FileFormat format) => format switch
    {
        FileFormat.Csv => "csv",
        FileFormat.Parquet => "parquet",
        FileFormat.Orc => "orc",
        _ => "json",
    };

    private static string CodecName(CompressionKind compression) => compression switch
    {
        CompressionKind.Gzip => "gzip",
        CompressionKind.Zstd => "zstd",
        CompressionKind.None => "none",
        _ => "snappy",
    };

    private static string OrcCodecName(CompressionKind compression) => compression switch
    {
        CompressionKind.Gzip => "zlib",
        CompressionKind.Zstd => "zstd",
        CompressionKind.None => "none",
        _ => "snappy",
    };

    /// <summary>How many plan inputs read each source or stage (by member name), to cache frames read more than once.</summary>
    private static Dictionary<string, int> CountConsumers(PipelineSpec spec)
    {
        var counts = new Dictionary<string, int>();
        foreach (var stage in spec.Stages)
        {
            CountInputs(stage.Plan, counts);
        }

        return counts;
    }

    private static void CountInputs(PlanNode node, Dictionary<string, int> counts)
    {
        switch (node)
        {
            case InputNode input:
                counts[input.Input] = counts.TryGetValue(input.Input, out var count) ? count + 1 : 1;
                break;
            case FilterNode filter:
                CountInputs(filter.Child, counts);
                break;
            case ProjectNode project:
                CountInputs(project.Child, counts);
                break;
            case DistinctNode distinct:
                CountInputs(distinct.Child, counts);
                break;
            case AggregateNode aggregate:
                CountInputs(aggregate.Child, counts);
                break;
            case JoinNode join:
                CountInputs(join.Left, counts);
                CountInputs(join.Right, counts);
                break;
            case UnionNode union:
                CountInputs(union.Left, counts);
                CountInputs(union.Right, counts);
                break;
        }
    }
}

using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Generators.Emit;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Emitters.Tests;

public sealed class PySparkEmitterTests
{
    public static TheoryData<string> SpecNames => new() { "OrdersDaily", "CustomerRevenue", "EventsAudit" };

    private static string Emit(string name) => PySparkEmitter.Emit(Specs.All[name]());

    [Theory]
    [MemberData(nameof(SpecNames))]
    public void Script_matches_baseline(string name) =>
        TestFiles.AssertBaseline(name, Specs.All[name]().Job.Identifier + ".py.txt", Emit(name));

    [Theory]
    [MemberData(nameof(SpecNames))]
    public void Script_compiles_with_python(string name)
    {
        var path = TestFiles.WriteTemp(name + ".py", Emit(name));
        var (exitCode, _, stderr) = TestFiles.RunPython("-m", "py_compile", path);
        Assert.True(exitCode == 0, "py_compile failed:\n" + stderr);
    }

    [Theory]
    [MemberData(nameof(SpecNames))]
    public void Script_has_canonical_glue_shape(string name)
    {
        var script = Emit(name);
        var lines = script.Split('\n');

        Assert.Equal("", lines[^1]); // ends with "\n"
        Assert.DoesNotContain('\r', script);
        Assert.Equal("job.commit()", lines.Last(l => l.Trim().Length > 0));
        Assert.Single(Regex.Matches(script, @"^job\.commit\(\)$", RegexOptions.Multiline));

        var init = script.IndexOf("job.init(args[\"JOB_NAME\"], args)", StringComparison.Ordinal);
        Assert.True(init > 0, "job.init missing");
        Assert.True(script.IndexOf("args = getResolvedOptions(sys.argv, [", StringComparison.Ordinal) is var resolve && resolve >= 0 && resolve < init);
        var firstRead = script.IndexOf("glueContext.create_dynamic_frame.", StringComparison.Ordinal);
        Assert.True(firstRead > init, "a read comes before job.init");

        // The body is wrapped: failures are logged and re-raised before job.commit().
        Assert.Matches(new Regex(@"^try:\n    log\(""job_started""\)\n    run\(\)\n(.*\n)*?except Exception as exc:\n    log\(""job_failed"", level=""ERROR"", error=str\(exc\), error_type=type\(exc\)\.__name__\)\n    raise\n", RegexOptions.Multiline), script);
    }

    [Theory]
    [MemberData(nameof(SpecNames))]
    public void Script_uses_native_spark_functions_only(string name)
    {
        var script = Emit(name);
        Assert.DoesNotMatch(new Regex(@"\budf\b|pandas_udf|F\.expr\(|selectExpr|spark\.sql\("), script);
        Assert.Contains("from pyspark.sql import functions as F", script);
    }

    [Theory]
    [MemberData(nameof(SpecNames))]
    public void Reads_and_writes_carry_stable_unique_transformation_ctx(string name)
    {
        var spec = Specs.All[name]();
        var script = Emit(name);

        foreach (var call in Calls(script, "glueContext.getSink("))
        {
            Assert.Matches(new Regex(@"transformation_ctx=""(sink|quarantine)_[a-z0-9_]+"""), call);
        }

        var reads = Calls(script, "glueContext.create_dynamic_frame.from_options(").Concat(Calls(script, "glueContext.create_dynamic_frame.from_catalog(")).ToList();
        Assert.Equal(spec.Sources.Count, reads.Count);
        foreach (var source in spec.Sources)
        {
            var expected = $"transformation_ctx=\"source_{source.Id}\"";
            var read = Assert.Single(reads, r => r.Contains(source.Kind == SourceKind.S3 ? $"\"paths\": [SOURCE_{source.Id.ToUpperInvariant()}_PATH]" : $"table_name=\"{source.Table}\"", StringComparison.Ordinal));
            if (source.Bookmarked)
            {
                Assert.Contains(expected, read);
            }
            else
            {
                // Glue bookmarks every read that has a transformation_ctx; a non-bookmarked source must not have one.
                Assert.DoesNotContain("transformation_ctx", read);
            }
        }

        var sinks = spec.Stages.Where(s => s.Sink is not null).ToList();
        foreach (var stage in sinks)
        {
            Assert.Contains($"transformation_ctx=\"sink_{stage.Id}\",", script);
        }

        var contexts = Regex.Matches(script, @"transformation_ctx=""([^""]+)""").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(contexts.Count, contexts.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotMatch(new Regex(@"transformation_ctx=""[^""]*\d+"""), string.Join("\n", contexts.Select(c => $"transformation_ctx=\"{c}\"")));
    }

    [Theory]
    [MemberData(nameof(SpecNames))]
    public void Script_is_pure_ascii(string name)
    {
        var script = Emit(name);
        var offending = script.Select((c, i) => (c, i)).FirstOrDefault(p => p.c > 0x7E || (p.c < 0x20 && p.c != '\n'));
        Assert.True(offending == default, $"non-ASCII or control character U+{(int)offending.c:X4} at offset {offending.i}");
    }

    [Theory]
    [MemberData(nameof(SpecNames))]
    public void Script_is_identical_in_every_culture(string name)
    {
        var original = CultureInfo.CurrentCulture;
        var originalUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
            var invariant = Emit(name);
            foreach (var culture in new[] { "tr-TR", "de-DE", "ar-SA", "fa-IR" })
            {
                CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo(culture);
                Assert.Equal(invariant, Emit(name));
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
            CultureInfo.CurrentUICulture = originalUi;
        }
    }

    [Theory]
    [MemberData(nameof(SpecNames))]
    public void Script_runs_against_glue_stand_ins(string name)
    {
        var spec = Specs.All[name]();
        var events = Run(name, failingRules: 0);

        // The options are resolved first, each by its full name: JOB_NAME and every path argument.
        Assert.Equal("getResolvedOptions", events[0].GetProperty("call").GetString());
        Assert.Equal(new[] { "JOB_NAME" }.Concat(PySparkEmitter.PathArguments(spec).Select(a => a.Name)), events[0].GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        Assert.Equal("job.init", events.Skip(1).First(e => e.GetProperty("call").GetString() != "spark.conf.set").GetProperty("call").GetString());
        Assert.Null(events[^1].GetProperty("error").GetString());
        Assert.Equal("job.commit", events[^2].GetProperty("call").GetString());

        var reads = events.Where(e => e.GetProperty("call").GetString() is "from_options" or "from_catalog").ToList();
        Assert.Equal(spec.Sources.Count, reads.Count);

        // Timestamps are UTC instants, as in C# and locally: the session time zone is set before anything is read.
        var zone = events.FindIndex(e => e.GetProperty("call").GetString() == "spark.conf.set" && e.GetProperty("key").GetString() == "spark.sql.session.timeZone");
        Assert.True(zone >= 0 && events[zone].GetProperty("value").GetString() == "UTC", "the script does not set the session time zone to UTC");
        Assert.True(reads.Count == 0 || zone < events.IndexOf(reads[0]), "the session time zone is set after the first read");

        // Sinks are written in stage order, each once, after the reads.
        var writes = events.Where(e => e.GetProperty("call").GetString() == "writeFrame").Select(e => e.GetProperty("ctx").GetString()!).ToList();
        var expectedWrites = spec.Stages.Where(s => s.Sink is not null)
            .SelectMany(s => s.Sink!.OnFailure == QualityActionKind.Quarantine && s.Sink.QuarantinePath is not null
                ? new[] { "quarantine_" + s.Id, "sink_" + s.Id }
                : new[] { "sink_" + s.Id })
            .ToList();
        Assert.Equal(expectedWrites, writes);

        // Every catalog-updating sink names its table.
        foreach (var stage in spec.Stages.Where(s => s.Sink is { Format: not FileFormat.Orc }))
        {
            Assert.Contains(events, e => e.GetProperty("call").GetString() == "setCatalogInfo"
                && e.GetProperty("ctx").GetString() == "sink_" + stage.Id
                && e.GetProperty("database").GetString() == stage.Sink!.Database
                && e.GetProperty("table").GetString() == stage.Sink.Table);
        }

        // Structured logs: standard fields on every line, and record counts per source and sink.
        var logs = events.Where(e => e.GetProperty("call").GetString() == "log").Select(e => e.GetProperty("record")).ToList();
        Assert.All(logs, l =>
        {
            Assert.Equal("test-job", l.GetProperty("job").GetString());
            Assert.Equal("jr_0123", l.GetProperty("run_id").GetString());
            Assert.False(string.IsNullOrEmpty(l.GetProperty("event").GetString()));
        });
        foreach (var source in spec.Sources)
        {
            Assert.Contains(logs, l => l.GetProperty("event").GetString() == "source_read" && l.GetProperty("source").GetString() == source.Id && l.GetProperty("records").GetInt32() == 3);
        }

        foreach (var stage in spec.Stages.Where(s => s.Sink is not null))
        {
            Assert.Contains(logs, l => l.GetProperty("event").GetString() == "sink_written" && l.GetProperty("sink").GetString() == stage.Id && l.GetProperty("records").GetInt32() == 3);
        }

        Assert.Equal("job_succeeded", logs[^1].GetProperty("event").GetString());

        // Data quality runs once per sink with a ruleset, under the ruleset's stable name.
        var rulesets = DqdlEmitter.Emit(spec);
        var evaluations = events.Where(e => e.GetProperty("call").GetString() == "process_rows").ToList();
        Assert.Equal(rulesets.Select(r => r.Name), evaluations.Select(e => e.GetProperty("publishing_options").GetProperty("dataQualityEvaluationContext").GetString()));
        Assert.All(evaluations, e =>
        {
            Assert.True(e.GetProperty("publishing_options").GetProperty("enableDataQualityCloudWatchMetrics").GetBoolean());
            Assert.True(e.GetProperty("publishing_options").GetProperty("enableDataQualityResultsPublishing").GetBoolean());
            Assert.Equal("ALL", e.GetProperty("additional_options").GetProperty("observations.scope").GetString());
        });
    }

    [Fact]
    public void Fail_action_raises_before_writing_and_never_commits()
    {
        var events = Run("OrdersDaily", failingRules: 2);

        Assert.Equal("DataQualityError", events[^1].GetProperty("error").GetString());
        Assert.DoesNotContain(events, e => e.GetProperty("call").GetString() is "writeFrame" or "getSink" or "job.commit");
        var logs = events.Where(e => e.GetProperty("call").GetString() == "log").ToList();
        Assert.Equal(2, logs.Count(l => l.GetProperty("record").GetProperty("event").GetString() == "dq_rule_failed" && l.GetProperty("level").GetString() == "ERROR"));
        var failed = logs[^1].GetProperty("record");
        Assert.Equal("job_failed", failed.GetProperty("event").GetString());
        Assert.Equal("DataQualityError", failed.GetProperty("error_type").GetString());
        Assert.Contains("2 data-quality rule(s) failed", failed.GetProperty("error").GetString());
    }

    [Fact]
    public void Warn_action_logs_failures_and_writes_anyway()
    {
        var events = Run("EventsAudit", failingRules: 1);

        Assert.Null(events[^1].GetProperty("error").GetString());
        Assert.Equal("job.commit", events[^2].GetProperty("call").GetString());
        var warned = events.Where(e => e.GetProperty("call").GetString() == "log" && e.GetProperty("record").GetProperty("event").GetString() == "dq_rule_failed").ToList();
        Assert.Equal(new[] { "audit_json", "audit_orc" }, warned.Select(w => w.GetProperty("record").GetProperty("sink").GetString()));
        Assert.All(warned, w => Assert.Equal("WARN", w.GetProperty("level").GetString()));
        var writes = events.Where(e => e.GetProperty("call").GetString() == "writeFrame").Select(e => e.GetProperty("ctx").GetString());
        Assert.Equal(new[] { "sink_audit_json", "sink_audit_orc", "sink_teams" }, writes);
    }

    private static PipelineSpec WithMode(PipelineSpec spec, WriteModeKind mode) => spec with
    {
        Stages = spec.Stages.Select(s => s.Sink is null ? s : s with { Sink = s.Sink with { Mode = mode } }).ToEquatableArray(),
    };

    [Theory]
    [InlineData("OverwritePartitions", "dynamic")]
    [InlineData("Overwrite", "static")]
    public void Overwrite_modes_write_with_the_dataframe_writer_and_register_the_partitions(string mode, string overwrite)
    {
        var spec = WithMode(Specs.All["CustomerRevenue"](), Enum.Parse<WriteModeKind>(mode));
        var events = Run("CustomerRevenue", failingRules: 1, spec: spec);

        Assert.Null(events[^1].GetProperty("error").GetString());
        Assert.DoesNotContain(events, e => e.GetProperty("call").GetString() == "getSink");
        // The malformed-row writes (the strict stand-ins count 3 rows everywhere) go to their own path, checked elsewhere.
        var saves = events.Where(e => e.GetProperty("call").GetString() == "df.write.save"
            && !e.GetProperty("path").GetString()!.StartsWith("s3://acme-marts-env/_malformed/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, saves.Count);
        Assert.Equal("s3://acme-quarantine-env/customer-revenue/", saves[0].GetProperty("path").GetString());
        Assert.Equal("json", saves[0].GetProperty("format").GetString());
        Assert.Equal("s3://acme-marts-env/customer-revenue/", saves[1].GetProperty("path").GetString());
        Assert.Equal("parquet", saves[1].GetProperty("format").GetString());
        foreach (var save in saves)
        {
            Assert.Equal("overwrite", save.GetProperty("mode").GetString());
            Assert.Equal(overwrite, save.GetProperty("options").GetProperty("partitionOverwriteMode").GetString());
            Assert.Equal(new[] { "country" }, save.GetProperty("partitionBy").EnumerateArray().Select(k => k.GetString()));
        }

        var sql = Assert.Single(events, e => e.GetProperty("call").GetString() == "spark.sql");
        Assert.StartsWith("MSCK REPAIR TABLE `", sql.GetProperty("query").GetString());
        Assert.True(events.FindIndex(e => e.GetProperty("call").GetString() == "spark.sql") > events.IndexOf(saves[1]), "partitions are registered after the write");
    }

    private static PipelineSpec WithMerge(PipelineSpec spec, params string[] keys) => spec with
    {
        Stages = spec.Stages.Select(s => s.Sink is null ? s : s with
        {
            Sink = s.Sink with { Mode = WriteModeKind.Merge, MergeKeys = keys.ToEquatableArray(), OnFailure = QualityActionKind.Warn, QuarantinePath = null },
        }).ToEquatableArray(),
    };

    [Fact]
    public void Merge_reads_the_sink_table_replaces_by_key_and_overwrites_the_affected_partitions()
    {
        var spec = WithMerge(Specs.All["CustomerRevenue"](), "customer_id");
        var script = PySparkEmitter.Emit(spec);
        var events = Run("CustomerRevenue", failingRules: 0, spec: spec);

        Assert.Null(events[^1].GetProperty("error").GetString());
        // The sink's current rows come from its catalog table, read whole (no bookmark), before quality and the write.
        var sinkRead = Assert.Single(events, e => e.GetProperty("call").GetString() == "from_catalog" && e.GetProperty("table_name").GetString() == "customer_revenue");
        Assert.Equal(JsonValueKind.Null, sinkRead.GetProperty("transformation_ctx").ValueKind);
        var quality = events.FindIndex(e => e.GetProperty("call").GetString() == "process_rows");
        Assert.True(events.IndexOf(sinkRead) < quality, "quality sees the merged rows");
        // The sink's own rows are never set aside as malformed input (only the sources' are).
        Assert.DoesNotContain(events, e => e.GetProperty("call").GetString() == "df.write.save" && e.GetProperty("path").GetString()!.Contains("/sink_", StringComparison.Ordinal));
        // The malformed-row writes of the source read (the strict stand-ins count 3 rows everywhere) go to their own path.
        var save = Assert.Single(events, e => e.GetProperty("call").GetString() == "df.write.save"
            && !e.GetProperty("path").GetString()!.StartsWith("s3://acme-marts-env/_malformed/", StringComparison.Ordinal));
        Assert.Equal("dynamic", save.GetProperty("options").GetProperty("partitionOverwriteMode").GetString());
        Assert.Equal(new[] { "country" }, save.GetProperty("partitionBy").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains(events, e => e.GetProperty("call").GetString() == "spark.sql");

        // One row per key from the run; existing rows with a run key are dropped (left join, marker null); the kept
        // rows are restricted to the affected partitions (the run's and those a replaced row left).
        Assert.Contains("revenue_batch_df = revenue_df.dropDuplicates([\"customer_id\"])", script);
        Assert.Contains("F.col(\"l.customer_id\").eqNullSafe(F.col(\"r.customer_id\"))", script);
        Assert.Contains("revenue_carried_df = revenue_marked_df.filter(F.col(\"__replaced\").isNull()).alias(\"l\").join(\n        revenue_affected_df.alias(\"r\"),\n        F.col(\"l.country\").eqNullSafe(F.col(\"r.country\")),\n        \"inner\",\n    )", script);
        Assert.Contains("revenue_df = revenue_batch_df.unionByName(revenue_carried_df)", script);
        Assert.True(script.IndexOf("revenue_df = revenue_batch_df.unionByName(revenue_carried_df)", StringComparison.Ordinal) < script.IndexOf("EvaluateDataQuality().process_rows(", StringComparison.Ordinal));
    }

    [Fact]
    public void Merge_without_partition_keys_rewrites_the_whole_sink()
    {
        var spec = WithMerge(Specs.All["CustomerRevenue"](), "customer_id", "country");
        spec = spec with { Stages = spec.Stages.Select(s => s.Sink is null ? s : s with { Sink = s.Sink with { PartitionKeys = EquatableArray<string>.Empty } }).ToEquatableArray() };
        var events = Run("CustomerRevenue", failingRules: 0, spec: spec);

        Assert.Null(events[^1].GetProperty("error").GetString());
        // The malformed-row writes of the source read (the strict stand-ins count 3 rows everywhere) go to their own path.
        var save = Assert.Single(events, e => e.GetProperty("call").GetString() == "df.write.save"
            && !e.GetProperty("path").GetString()!.StartsWith("s3://acme-marts-env/_malformed/", StringComparison.Ordinal));
        Assert.Equal("static", save.GetProperty("options").GetProperty("partitionOverwriteMode").GetString());
        var script = PySparkEmitter.Emit(spec);
        Assert.Contains("(F.col(\"l.customer_id\").eqNullSafe(F.col(\"r.customer_id\"))) & (F.col(\"l.country\").eqNullSafe(F.col(\"r.country\")))", script);
        // The key is the aggregate's group key: its rows are one per key already, no dropDuplicates pass.
        Assert.Contains("revenue_batch_df = revenue_df  # already one row per key", script);
    }

    [Fact]
    public void An_aggregate_over_an_increment_recomputes_the_affected_groups_from_a_full_read()
    {
        // customer-revenue groups by (customer_id, country) over bookmarked orders; its sink overwrites country partitions.
        var spec = WithMode(Specs.All["CustomerRevenue"](), WriteModeKind.OverwritePartitions);
        var script = PySparkEmitter.Emit(spec);
        var events = Run("CustomerRevenue", failingRules: 0, spec: spec);
        Assert.Null(events[^1].GetProperty("error").GetString());

        // Two reads of the increment: the bookmarked one (with its transformation_ctx), then the full one without,
        // both with the push-down predicate; the reference is read once.
        var orders = events.Where(e => e.GetProperty("call").GetString() == "from_catalog" && e.GetProperty("table_name").GetString() == "orders").ToList();
        Assert.Equal(2, orders.Count);
        Assert.Equal("source_orders", orders[0].GetProperty("transformation_ctx").GetString());
        // Only the increment's read sets malformed rows aside; the full read drops them again without a second copy.
        Assert.Single(events, e => e.GetProperty("call").GetString() == "df.write.save" && e.GetProperty("path").GetString()!.EndsWith("/src_orders/", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, orders[1].GetProperty("transformation_ctx").ValueKind);
        Assert.Equal(orders[0].GetProperty("push_down_predicate").GetString(), orders[1].GetProperty("push_down_predicate").GetString());
        Assert.Single(events, e => e.GetProperty("call").GetString() == "from_catalog" && e.GetProperty("table_name").GetString() == "customers");

        // The affected keys come from the batch's aggregate; the full join is restricted to them before the aggregate;
        // the sink writes the recomputed groups, replacing their partitions.
        var affected = script.IndexOf("revenue_affected_keys_df = revenue_df.select(F.col(\"country\").alias(\"__r0\")).distinct()", StringComparison.Ordinal);
        var fullRead = script.IndexOf("orders_full_frame = glueContext.create_dynamic_frame.from_catalog(", StringComparison.Ordinal);
        var fullJoin = script.IndexOf("joined_full_df = orders_full_df.alias(\"l\").join(", StringComparison.Ordinal);
        var restricted = script.IndexOf("revenue_full_input_df = joined_full_df.alias(\"l\").join(\n        revenue_affected_keys_df.alias(\"r\"),\n        F.col(\"l.country\").eqNullSafe(F.col(\"r.__r0\")),\n        \"inner\",\n    )", StringComparison.Ordinal);
        var aggregate = script.IndexOf("revenue_full_df = revenue_full_input_df.groupBy(", StringComparison.Ordinal);
        var written = script.IndexOf("revenue_df = revenue_full_df.select(", StringComparison.Ordinal);
        Assert.True(affected > 0 && affected < fullRead && fullRead < fullJoin && fullJoin < restricted && restricted < aggregate && aggregate < written, script);
        var save = Assert.Single(events, e => e.GetProperty("call").GetString() == "df.write.save" && e.GetProperty("path").GetString() == "s3://acme-marts-env/customer-revenue/");
        Assert.Equal("dynamic", save.GetProperty("options").GetProperty("partitionOverwriteMode").GetString());
    }

    [Fact]
    public void An_appending_aggregate_is_not_recomputed()
    {
        // Such a pipeline is PIPE108 (the parser rejects it); the emitter leaves a hand-built spec as it is.
        Assert.DoesNotContain("_full", Emit("CustomerRevenue"));
    }

    private static PipelineSpec WithPredicate(PipelineSpec spec, string predicate) => spec with
    {
        Sources = spec.Sources.Select(s => s.PushDownPredicate is null ? s : s with { PushDownPredicate = predicate }).ToEquatableArray(),
    };

    [Fact]
    public void Run_parameters_are_formatted_from_the_RUN_DATE_argument()
    {
        var spec = WithPredicate(Specs.All["CustomerRevenue"](), "year = '{RunDate:yyyy}' AND month = '{RunDate:MM}' AND day >= '{RunDate-1d:dd}'");
        var arguments = new Dictionary<string, string>(ArguedPaths(spec)) { ["RUN_DATE"] = "2024-11-05" };
        var events = Run("CustomerRevenue", failingRules: 0, arguments: arguments, spec: spec);

        Assert.Null(events[^1].GetProperty("error").GetString());
        var read = Assert.Single(events, e => e.GetProperty("call").GetString() == "from_catalog" && e.GetProperty("table_name").GetString() == "orders");
        Assert.Equal("year = '2024' AND month = '11' AND day >= '04'", read.GetProperty("push_down_predicate").GetString());

        // RUN_DATE is optional: it is not asked of getResolvedOptions (which fails on a missing option).
        var resolved = Assert.Single(events, e => e.GetProperty("call").GetString() == "getResolvedOptions");
        Assert.DoesNotContain("RUN_DATE", resolved.GetProperty("names").EnumerateArray().Select(n => n.GetString()));
        var script = PySparkEmitter.Emit(spec);
        Assert.Contains("value = _argv_option(\"RUN_DATE\")", script);
        Assert.Contains("orders_predicate = \"year = '\" + run_date(0, \"%Y\") + \"' AND month = '\" + run_date(0, \"%m\") + \"' AND day >= '\" + run_date(-1, \"%d\") + \"'\"", script);
    }

    [Fact]
    public void Without_RUN_DATE_the_predicate_uses_the_current_utc_date()
    {
        var spec = WithPredicate(Specs.All["CustomerRevenue"](), "order_date = '{RunDate:yyyy-MM-dd}'");
        var before = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var events = Run("CustomerRevenue", failingRules: 0, spec: spec);
        var after = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        Assert.Null(events[^1].GetProperty("error").GetString());
        var read = Assert.Single(events, e => e.GetProperty("call").GetString() == "from_catalog" && e.GetProperty("table_name").GetString() == "orders");
        Assert.Contains(read.GetProperty("push_down_predicate").GetString(), new[] { $"order_date = '{before}'", $"order_date = '{after}'" });
    }

    [Fact]
    public void A_constant_predicate_stays_a_literal()
    {
        Assert.DoesNotContain("RUN_DATE", Emit("CustomerRevenue"));
        Assert.DoesNotContain("import datetime", Emit("CustomerRevenue"));
    }

    [Fact]
    public void Append_sinks_keep_glues_sink()
    {
        Assert.Equal(Emit("CustomerRevenue"), PySparkEmitter.Emit(WithMode(Specs.All["CustomerRevenue"](), WriteModeKind.Append)));
        // No sink is written with the DataFrame writer (only the malformed input rows are, in read_conformed).
        Assert.DoesNotContain("_df.write.mode(", Emit("CustomerRevenue"));
    }

    [Fact]
    public void Quarantine_action_writes_failed_rows_to_the_quarantine_path_and_passed_rows_to_the_sink()
    {
        var events = Run("CustomerRevenue", failingRules: 1);

        Assert.Null(events[^1].GetProperty("error").GetString());
        var sinks = events.Where(e => e.GetProperty("call").GetString() == "getSink").ToList();
        Assert.Equal(2, sinks.Count);
        Assert.Equal("s3://acme-quarantine-env/customer-revenue/", sinks[0].GetProperty("path").GetString());
        Assert.False(sinks[0].GetProperty("enableUpdateCatalog").GetBoolean());
        Assert.Equal("s3://acme-marts-env/customer-revenue/", sinks[1].GetProperty("path").GetString());
        Assert.True(sinks[1].GetProperty("enableUpdateCatalog").GetBoolean());
        Assert.Equal("LOG", sinks[1].GetProperty("updateBehavior").GetString());
        Assert.Equal(new[] { "country" }, sinks[1].GetProperty("partitionKeys").EnumerateArray().Select(k => k.GetString()));

        var script = Emit("CustomerRevenue");
        Assert.Contains("key=\"rowLevelOutcomes\"", script);
        Assert.Contains("F.col(\"DataQualityEvaluationResult\") == F.lit(\"Failed\")", script);
        Assert.Contains("~(F.col(\"DataQualityEvaluationResult\").eqNullSafe(F.lit(\"Failed\")))", script);

        // The passed rows are re-selected to the sink schema, which drops the Glue Data Quality helper columns.
        var passed = script.Substring(script.IndexOf("revenue_df = revenue_rows.filter(", StringComparison.Ordinal));
        passed = passed.Substring(0, passed.IndexOf("\n    )\n", StringComparison.Ordinal));
        Assert.Equal(5, Regex.Matches(passed, @"^        F\.col\(""[a-z_]+""\),$", RegexOptions.Multiline).Count);
        Assert.DoesNotContain("DataQualityRules", script);
    }

    [Fact]
    public void Sources_prune_and_cast_to_the_declared_schema_right_after_the_read()
    {
        var script = Emit("OrdersDaily");
        Assert.Contains("""
                orders_df = read_conformed(
                    orders_frame, "orders", "src_orders",
                    "`order_id` string, `customer_id` string, `amount` decimal(18,2), `status` string, `email` string, `quantity` int, `created_at` timestamp",
                    [
                        ("order_id", "string", "VARCHAR"),
                        ("customer_id", "string", "VARCHAR"),
                        ("amount", "decimal(18,2)", "DECIMAL(18,2)"),
            """, script);
        Assert.Contains("        \"not valid JSON\",\n    )\n", script);
        Assert.Contains("format_options={\"multiLine\": False},", script);
        Assert.Contains("connection_options={\"paths\": [SOURCE_ORDERS_PATH], \"recurse\": True},", script);
    }

    [Fact]
    public void Csv_source_passes_its_options()
    {
        var script = Emit("EventsAudit");
        Assert.Contains("format=\"csv\",\n        format_options={\"withHeader\": False, \"separator\": \";\", \"quoteChar\": \"'\"},", script);
        Assert.Contains("format=\"parquet\",\n        transformation_ctx=\"source_parquet_events\",", script);
    }

    [Fact]
    public void Catalog_source_pushes_its_predicate_down()
    {
        var script = Emit("CustomerRevenue");
        Assert.Contains("""
                orders_frame = glueContext.create_dynamic_frame.from_catalog(
                    database="acme_curated",
                    table_name="orders",
                    push_down_predicate="year >= 2024",
                    transformation_ctx="source_orders",
                )
            """, script);
    }

    [Fact]
    public void Parquet_sink_is_partitioned_compressed_and_updates_the_catalog()
    {
        var script = Emit("OrdersDaily");
        Assert.Contains("""
                curated_sink = glueContext.getSink(
                    connection_type="s3",
                    path=SINK_CURATED_PATH,  # declared: s3://acme-curated/orders/
                    enableUpdateCatalog=True,
                    updateBehavior="LOG",
                    partitionKeys=["year", "month", "day"],
                    transformation_ctx="sink_curated",
                )
                curated_sink.setCatalogInfo(catalogDatabase="acme_curated", catalogTableName="orders")
                curated_sink.setFormat("glueparquet", compression="snappy")
                curated_sink.writeFrame(DynamicFrame.fromDF(curated_df, glueContext, "curated"))
            """, script);
    }

    [Fact]
    public void Text_and_orc_sinks_use_their_own_compression()
    {
        var script = Emit("EventsAudit");
        Assert.Contains("compression=\"gzip\",\n        transformation_ctx=\"sink_audit_json\",", script);
        Assert.Contains("audit_orc_sink.setFormat(\"orc\", compression=\"zstd\")", script);
        Assert.Contains("enableUpdateCatalog=False,\n        partitionKeys=[\"team\"],", script);
        Assert.Contains("teams_sink.setFormat(\"csv\", writeHeader=True)", script);
    }

    [Fact]
    public void Job_run_id_is_read_from_argv_defensively()
    {
        var script = Emit("OrdersDaily");
        Assert.Contains("args = getResolvedOptions(sys.argv, [\n    \"JOB_NAME\",\n    \"source_orders_path\",\n    \"sink_curated_path\",\n    \"malformed_path\",\n])\n", script);
        Assert.Contains("RUN_ID = args.get(\"JOB_RUN_ID\") or _argv_option(\"JOB_RUN_ID\") or \"unknown\"", script);
        Assert.Contains("line = json.dumps(record, sort_keys=True, default=str)", script);
    }

    [Fact]
    public void Header_names_the_source_class()
    {
        var lines = Emit("OrdersDaily").Split('\n');
        Assert.Equal("# Generated by Pipeline from Acme.Orders.OrdersDaily; do not edit.", lines[1]);
        Assert.Equal("# Generated by Pipeline from EventsAudit; do not edit.", Emit("EventsAudit").Split('\n')[1]);
    }

    // ------------------------------------------------------------ S3 locations come from job arguments

    [Fact]
    public void Path_arguments_are_named_after_the_stable_ids()
    {
        Assert.Equal(
            new[] { "source_orders_path", "sink_curated_path", "malformed_path" },
            PySparkEmitter.PathArguments(Specs.All["OrdersDaily"]()).Select(a => a.Name));
        Assert.Equal(
            new[] { "sink_revenue_path", "quarantine_revenue_path", "malformed_path" },
            PySparkEmitter.PathArguments(Specs.All["CustomerRevenue"]()).Select(a => a.Name));
        Assert.Equal(
            new[] { "source_csv_events_path", "source_parquet_events_path", "source_users_path", "sink_audit_json_path", "sink_audit_orc_path", "sink_teams_path", "malformed_path" },
            PySparkEmitter.PathArguments(Specs.All["EventsAudit"]()).Select(a => a.Name));
    }

    [Theory]
    [MemberData(nameof(SpecNames))]
    public void Script_hard_codes_no_s3_location_and_requires_every_path_argument(string name)
    {
        var spec = Specs.All[name]();
        var script = Emit(name);

        // s3:// appears only in comments (the declared locations, for readers).
        foreach (var line in script.Split('\n').Where(l => l.Contains("s3://", StringComparison.Ordinal)))
        {
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            Assert.True(hash >= 0 && hash < line.IndexOf("s3://", StringComparison.Ordinal), "an S3 location outside a comment: " + line);
        }

        // Every argument is resolved by its full name and read without a fallback; each declared location is in a comment.
        var resolved = Regex.Match(script, @"^args = getResolvedOptions\(sys\.argv, \[\n((?:    ""[A-Za-z0-9_]+"",\n)+)\]\)$", RegexOptions.Multiline);
        Assert.True(resolved.Success, "getResolvedOptions does not list its options one per line");
        var names = Regex.Matches(resolved.Groups[1].Value, @"""([A-Za-z0-9_]+)""").Select(m => m.Groups[1].Value).ToList();
        var arguments = PySparkEmitter.PathArguments(spec);
        Assert.Equal(new[] { "JOB_NAME" }.Concat(arguments.Select(a => a.Name)), names);
        foreach (var argument in arguments)
        {
            Assert.Contains($"\n{argument.Constant} = args[\"{argument.Name}\"]  # declared: {argument.DeclaredUri}\n", script);
        }

        Assert.DoesNotContain("args.get(\"source_", script);
        Assert.DoesNotContain("args.get(\"sink_", script);
        Assert.DoesNotContain("args.get(\"quarantine_", script);
        var declared = spec.Sources.Where(s => s.Kind == SourceKind.S3).Select(s => s.Path!)
            .Concat(spec.Stages.Where(s => s.Sink is not null).Select(s => s.Sink!.Path))
            .Concat(spec.Stages.Where(s => s.Sink is { OnFailure: QualityActionKind.Quarantine, QuarantinePath: not null }).Select(s => s.Sink!.QuarantinePath!))
            .Append(PySparkEmitter.MalformedRowsUri(spec)!)
            .ToList();
        Assert.Equal(declared, arguments.Select(a => a.DeclaredUri));
    }

    [Theory]
    [MemberData(nameof(SpecNames))]
    public void Reads_and_writes_go_to_the_argued_paths(string name)
    {
        var spec = Specs.All[name]();
        var argued = ArguedPaths(spec);
        var events = Run(name, failingRules: 0);

        // Every S3 read uses exactly its source's argument.
        var reads = events.Where(e => e.GetProperty("call").GetString() == "from_options").ToList();
        Assert.Equal(
            spec.Sources.Where(s => s.Kind == SourceKind.S3).Select(s => argued["source_" + s.Id + "_path"]),
            reads.Select(r => Assert.Single(r.GetProperty("connection_options").GetProperty("paths").EnumerateArray().Select(p => p.GetString()))));

        // Every sink and quarantine write opens its own argument's path; nothing touches a declared (prod) location.
        var opened = events.Where(e => e.GetProperty("call").GetString() == "getSink").ToList();
        Assert.NotEmpty(opened);
        foreach (var sink in opened)
        {
            var context = sink.GetProperty("transformation_ctx").GetString()!;
            Assert.Equal(argued[context + "_path"], sink.GetProperty("path").GetString());
        }

        var expectedWrites = PySparkEmitter.PathArguments(spec).Where(a => a.Kind is not PySparkEmitter.PathArgumentKind.Source and not PySparkEmitter.PathArgumentKind.Malformed).Select(a => a.Name).ToList();
        Assert.Equal(expectedWrites.OrderBy(n => n, StringComparer.Ordinal), opened.Select(o => o.GetProperty("transformation_ctx").GetString() + "_path").OrderBy(n => n, StringComparer.Ordinal));

        // The logs report the argued locations too.
        var logged = events.Where(e => e.GetProperty("call").GetString() == "log")
            .Select(e => e.GetProperty("record"))
            .Where(r => r.TryGetProperty("path", out _))
            .Select(r => r.GetProperty("path").GetString())
            .ToList();
        Assert.NotEmpty(logged);
        // Malformed rows go to <malformed_path><run id>/<relation>/, under the argued prefix.
        var malformed = argued[PySparkEmitter.MalformedArgument];
        Assert.All(logged, p => Assert.True(argued.Values.Contains(p) || Regex.IsMatch(p!, "^" + Regex.Escape(malformed) + @"jr_0123/src_[a-z0-9_]+/$"), p));
        Assert.Contains(events, e => e.GetProperty("call").GetString() == "df.write.save" && e.GetProperty("path").GetString()!.StartsWith(malformed, StringComparison.Ordinal));
        var declared = PySparkEmitter.PathArguments(spec).Select(a => a.DeclaredUri).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(events, e => declared.Any(d => e.GetRawText().Contains("\"" + d + "\"", StringComparison.Ordinal)));
    }

    [Fact]
    public void Script_without_its_path_arguments_stops_before_touching_anything()
    {
        var events = Run("OrdersDaily", failingRules: 0, arguments: new Dictionary<string, string> { ["source_orders_path"] = "s3://acme-raw-env/orders/" }, expectedError: "SystemExit");
        Assert.Contains("--sink_curated_path", events[^1].GetProperty("message").GetString());
        Assert.DoesNotContain(events, e => e.GetProperty("call").GetString() is "job.init" or "from_options" or "getSink" or "job.commit");
    }

    // ------------------------------------------------------------ incremental run with no new input

    [Fact]
    public void Run_without_new_input_commits_the_bookmarks_without_quality_or_writes()
    {
        // orders-daily: its only source is bookmarked and its sink has the Fail action with RowCount > 0, which an empty
        // read would fail; a run with nothing new must be a no-op, as in the local runner.
        var events = Run("OrdersDaily", failingRules: 1, emptyReads: true);

        Assert.Null(events[^1].GetProperty("error").GetString());
        Assert.Equal("job.commit", events[^2].GetProperty("call").GetString());
        Assert.Single(events, e => e.GetProperty("call").GetString() == "job.commit");
        Assert.Single(events, e => e.GetProperty("call").GetString() == "from_options");
        Assert.DoesNotContain(events, e => e.GetProperty("call").GetString() is "process_rows" or "getSink" or "setCatalogInfo" or "setFormat" or "writeFrame");

        var logs = events.Where(e => e.GetProperty("call").GetString() == "log").Select(e => e.GetProperty("record")).ToList();
        var noInput = Assert.Single(logs, l => l.GetProperty("event").GetString() == "no_new_input");
        Assert.Equal(new[] { "orders" }, noInput.GetProperty("sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("INFO", noInput.GetProperty("level").GetString());
        Assert.Equal("test-job", noInput.GetProperty("job").GetString());
        Assert.Equal("jr_0123", noInput.GetProperty("run_id").GetString());
        Assert.Contains(logs, l => l.GetProperty("event").GetString() == "source_read" && l.GetProperty("records").GetInt32() == 0);
        Assert.DoesNotContain(logs, l => l.GetProperty("event").GetString() is "dq_evaluated" or "sink_written" or "job_failed");
        Assert.Equal(new[] { "job_started", "source_read", "no_new_input", "job_succeeded" }, logs.Select(l => l.GetProperty("event").GetString()));
    }

    [Theory]
    [InlineData("EventsAudit")]
    [InlineData("CustomerRevenue")]
    public void Run_with_a_source_read_in_full_is_never_skipped(string name)
    {
        // A source without a bookmark is read in full every run: empty input there is real data, so quality and writes run.
        var spec = Specs.All[name]();
        Assert.Contains(spec.Sources, s => !s.Bookmarked);
        Assert.DoesNotContain("no_new_input", Emit(name));
        var events = Run(name, failingRules: 0, emptyReads: true);

        Assert.Null(events[^1].GetProperty("error").GetString());
        Assert.Equal(DqdlEmitter.Emit(spec).Count, events.Count(e => e.GetProperty("call").GetString() == "process_rows"));
        Assert.Contains(events, e => e.GetProperty("call").GetString() == "writeFrame");
    }

    [Fact]
    public void No_new_input_check_covers_every_source_when_all_are_bookmarked()
    {
        var spec = Specs.All["EventsAudit"]();
        spec = spec with { Sources = spec.Sources.Select(s => s with { Bookmarked = true }).ToEquatableArray() };
        var script = PySparkEmitter.Emit(spec);
        Assert.Contains("    if csv_events_records == 0 and parquet_events_records == 0 and users_records == 0:\n        log(\"no_new_input\", sources=[\"csv_events\", \"parquet_events\", \"users\"],", script);

        // The check sits after the last read and before the first stage.
        var check = script.IndexOf("no_new_input", StringComparison.Ordinal);
        Assert.True(script.LastIndexOf("create_dynamic_frame.", StringComparison.Ordinal) < check);
        Assert.True(script.IndexOf("# Stage ", StringComparison.Ordinal) > check);
    }

    [Fact]
    public void Test_specs_cover_every_function_and_operator()
    {
        var functions = new HashSet<FunctionKind>();
        var operators = new HashSet<BinaryOp>();
        foreach (var spec in Specs.All.Values.Select(f => f()))
        {
            foreach (var stage in spec.Stages)
            {
                ExprWalker.Walk(stage.Plan, e =>
                {
                    if (e is FunctionExpr f)
                    {
                        functions.Add(f.Function);
                    }
                    else if (e is BinaryExpr b)
                    {
                        operators.Add(b.Op);
                    }
                });
            }
        }

        Assert.Equal(Enum.GetValues<FunctionKind>().OrderBy(x => x), functions.OrderBy(x => x));
        Assert.Equal(Enum.GetValues<BinaryOp>().OrderBy(x => x), operators.OrderBy(x => x));
    }

    private static List<string> Calls(string script, string opening)
    {
        var calls = new List<string>();
        var index = 0;
        while ((index = script.IndexOf(opening, index, StringComparison.Ordinal)) >= 0)
        {
            var end = script.IndexOf("\n    )\n", index, StringComparison.Ordinal);
            Assert.True(end > index, "unterminated call " + opening);
            calls.Add(script.Substring(index, end - index));
            index = end;
        }

        return calls;
    }

    /// <summary>
    /// The job arguments a test run passes: every path argument, pointing at an environment-suffixed bucket
    /// (<c>s3://acme-raw/orders/</c> → <c>s3://acme-raw-env/orders/</c>), as the Terraform job of a non-prod environment does.
    /// </summary>
    private static Dictionary<string, string> ArguedPaths(PipelineSpec spec)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var argument in PySparkEmitter.PathArguments(spec))
        {
            var match = Regex.Match(argument.DeclaredUri, "^s3://([^/]+)(/.*)?$");
            Assert.True(match.Success, argument.DeclaredUri);
            paths[argument.Name] = "s3://" + match.Groups[1].Value + "-env" + match.Groups[2].Value;
        }

        return paths;
    }

    private static List<JsonElement> Run(string name, int failingRules, bool emptyReads = false, Dictionary<string, string>? arguments = null, string? expectedError = null, PipelineSpec? spec = null)
    {
        var script = TestFiles.WriteTemp(name + ".py", spec is null ? Emit(name) : PySparkEmitter.Emit(spec));
        var eventsPath = Path.Combine(Path.GetDirectoryName(script)!, "events.json");
        var harness = Path.Combine(TestFiles.ProjectDirectory, "Python", "run_with_stubs.py");
        var command = new List<string> { harness, script, eventsPath, failingRules.ToString(CultureInfo.InvariantCulture) };
        if (emptyReads)
        {
            command.Add("--empty-reads");
        }

        command.Add("--");
        foreach (var (key, value) in arguments ?? ArguedPaths(spec ?? Specs.All[name]()))
        {
            command.Add("--" + key);
            command.Add(value);
        }

        var (_, stdout, stderr) = TestFiles.RunPython(command.ToArray());
        Assert.True(File.Exists(eventsPath), "the harness wrote no events:\n" + stdout + stderr);
        var events = JsonDocument.Parse(File.ReadAllText(eventsPath)).RootElement.EnumerateArray().ToList();
        var exit = events[^1];
        Assert.Equal("exit", exit.GetProperty("call").GetString());
        if (exit.GetProperty("error").GetString() is { } error && error != "DataQualityError" && error != expectedError)
        {
            Assert.Fail($"script failed with {error}: {exit.GetProperty("message").GetString()}\n{stderr}");
        }

        return events;
    }
}

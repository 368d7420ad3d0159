using System;
using System.Collections.Generic;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

internal static partial class TerraformEmitter
{
    /// <summary>An S3 location split into bucket and key prefix; the prefix is empty or ends in <c>/</c>.</summary>
    internal sealed record S3Location(string Bucket, string Prefix);

    /// <summary>
    /// Parses <c>s3://bucket/prefix</c>. A prefix without a trailing slash is treated as a folder (<c>orders</c> →
    /// <c>orders/</c>), so a grant on <c>orders/*</c> never reaches a sibling such as <c>orders_archive/</c>.
    /// </summary>
    internal static S3Location? ParseS3(string? uri)
    {
        const string scheme = "s3://";
        if (uri is null || !uri.StartsWith(scheme, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = uri.Substring(scheme.Length);
        var slash = rest.IndexOf('/');
        var bucket = slash < 0 ? rest : rest.Substring(0, slash);
        var prefix = slash < 0 ? "" : rest.Substring(slash + 1);
        if (bucket.Length == 0)
        {
            return null;
        }

        if (prefix.Length > 0 && !prefix.EndsWith("/", StringComparison.Ordinal))
        {
            prefix += "/";
        }

        return new S3Location(bucket, prefix);
    }

    internal static string S3Uri(S3Location location) => "s3://" + location.Bucket + "/" + location.Prefix;

    internal static string BucketArn(string bucket) => "arn:" + PartitionRef + ":s3:::" + bucket;

    internal static string GlueArn(string resource) => "arn:" + PartitionRef + ":glue:" + RegionRef + ":" + AccountRef + ":" + resource;

    /// <summary>One bucket's listing grant: the key prefixes the job may list (already template-escaped or expressions).</summary>
    private sealed class BucketListing
    {
        public BucketListing(string bucketExpression) => BucketExpression = bucketExpression;

        public string BucketExpression { get; }

        public SortedSet<string> Prefixes { get; } = new(StringComparer.Ordinal);
    }

    private static void AddIam(
        PipelineSpec spec,
        JsonObject data,
        JsonObject resource,
        IReadOnlyList<QualityRuleset> rulesets,
        IReadOnlyList<string> logGroups,
        string kmsKeyRef,
        JsonObject tags)
    {
        var job = spec.Job;
        var id = job.Identifier;
        var documents = data.Object("aws_iam_policy_document");

        // Trust: only the Glue service, only on behalf of this account (confused-deputy guard).
        documents[id + "_assume_role"] = GlueTrustDocument();

        var statements = new JsonArray();
        var listings = new SortedDictionary<string, BucketListing>(StringComparer.Ordinal);
        void List(string bucketExpression, string prefixExpression)
        {
            if (!listings.TryGetValue(bucketExpression, out var listing))
            {
                listing = new BucketListing(bucketExpression);
                listings.Add(bucketExpression, listing);
            }

            listing.Prefixes.Add(prefixExpression);
        }

        // S3 sources (declared prefixes) and catalog sources (their data location, a variable).
        var readObjects = new SortedSet<string>(StringComparer.Ordinal);
        var catalogReads = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in spec.Sources)
        {
            var declared = source.Kind == SourceKind.S3 ? ParseS3(source.Path) : ParseS3(source.Location);
            if (declared is { } location)
            {
                var bucket = BucketRef(location.Bucket);
                var prefix = Literal(location.Prefix);
                readObjects.Add(BucketArn(bucket) + "/" + prefix + "*");
                List(bucket, prefix);
            }
            else if (source.Kind == SourceKind.Catalog)
            {
                // No declared location: the table's data location is a variable of this pipeline.
                var variable = "var." + CatalogLocationVariable(spec, source);
                readObjects.Add(BucketArn("${trimprefix(" + variable + ", \"s3://\")}") + "*");
                List("${regex(\"^s3://([^/]+)/\", " + variable + ")[0]}", "${regex(\"^s3://[^/]+/(.*)$\", " + variable + ")[0]}");
            }

            if (source.Kind == SourceKind.Catalog && source.Database is not null && source.Table is not null)
            {
                catalogReads.Add(GlueArn("database/" + Literal(source.Database)));
                catalogReads.Add(GlueArn("table/" + Literal(source.Database) + "/" + Literal(source.Table)));
            }
        }

        if (readObjects.Count > 0)
        {
            statements.Add(Statement("ReadSourceData", new[] { "s3:GetObject" }, readObjects));
        }

        statements.Add(Statement(
            "ReadJobScript",
            new[] { "s3:GetObject" },
            new[] { BucketArn(ScriptsBucketRef) + "/${aws_s3_object." + id + "_script.key}" }));

        // Sinks, quarantine and malformed-row prefixes.
        var writeObjects = new SortedSet<string>(StringComparer.Ordinal);
        var catalogWrites = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var sink in Sinks(spec))
        {
            foreach (var path in new[] { sink.Sink!.Path, sink.Sink.QuarantinePath })
            {
                if (ParseS3(path) is { } location)
                {
                    var bucket = BucketRef(location.Bucket);
                    var prefix = Literal(location.Prefix);
                    writeObjects.Add(BucketArn(bucket) + "/" + prefix + "*");
                    List(bucket, prefix);
                }
            }

            catalogWrites.Add(GlueArn("database/" + Literal(sink.Sink.Database)));
            catalogWrites.Add(GlueArn("table/" + Literal(sink.Sink.Database) + "/" + Literal(sink.Sink.Table)));
        }

        // Malformed input rows: the job's own _malformed/<job>/ prefix in its first sink's bucket (PySparkEmitter.MalformedRowsUri).
        if (ParseS3(PySparkEmitter.MalformedRowsUri(spec)) is { } malformed)
        {
            var bucket = BucketRef(malformed.Bucket);
            var prefix = Literal(malformed.Prefix);
            writeObjects.Add(BucketArn(bucket) + "/" + prefix + "*");
            List(bucket, prefix);
        }

        var objectWrite = new[] { "s3:DeleteObject", "s3:GetObject", "s3:PutObject" };
        if (writeObjects.Count > 0)
        {
            statements.Add(Statement("WriteSinkData", objectWrite, writeObjects));
        }

        statements.Add(Statement("UseTempDir", objectWrite, new[] { BucketArn(TempBucketRef) + "/" + TempPrefix(job) + "*" }));
        List(TempBucketRef, TempPrefix(job));
        statements.Add(Statement("WriteSparkUiEventLogs", new[] { "s3:GetObject", "s3:PutObject" }, new[] { BucketArn(LogBucketRef) + "/" + SparkUiPrefix(job) + "*" }));
        List(LogBucketRef, SparkUiPrefix(job));

        var index = 0;
        foreach (var listing in listings.Values)
        {
            index++;
            var statement = Statement("ListBucket" + index.ToString(System.Globalization.CultureInfo.InvariantCulture), new[] { "s3:ListBucket" }, new[] { BucketArn(listing.BucketExpression) });
            if (!listing.Prefixes.Contains(""))
            {
                var values = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var prefix in listing.Prefixes)
                {
                    values.Add(prefix);
                    values.Add(prefix + "*");
                }

                statement["condition"] = JsonArray.Of(Condition("StringLike", "s3:prefix", values));
            }

            statements.Add(statement);
        }

        // Data Catalog: read the catalog sources, maintain the sink tables and their partitions.
        var catalogArn = GlueArn("catalog");
        if (catalogReads.Count > 0)
        {
            catalogReads.Add(catalogArn);
            statements.Add(Statement(
                "ReadCatalogSources",
                new[] { "glue:BatchGetPartition", "glue:GetDatabase", "glue:GetPartition", "glue:GetPartitions", "glue:GetTable" },
                catalogReads));
        }

        if (catalogWrites.Count > 0)
        {
            catalogWrites.Add(catalogArn);
            statements.Add(Statement(
                "MaintainSinkTables",
                new[]
                {
                    "glue:BatchCreatePartition", "glue:BatchGetPartition", "glue:CreatePartition", "glue:CreateTable", "glue:GetDatabase",
                    "glue:GetPartition", "glue:GetPartitions", "glue:GetTable", "glue:UpdatePartition", "glue:UpdateTable",
                },
                catalogWrites));
        }

        if (rulesets.Count > 0)
        {
            var arns = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var ruleset in rulesets)
            {
                arns.Add(GlueArn("dataQualityRuleset/" + Literal(ruleset.Name)));
            }

            statements.Add(Statement("PublishDataQuality", new[] { "glue:PublishDataQuality" }, arns));
        }

        // Logs: only the job's own, pre-created groups.
        var logArns = new List<string>();
        foreach (var group in logGroups)
        {
            var arn = "${aws_cloudwatch_log_group." + id + "_" + group + ".arn}";
            logArns.Add(arn);
            logArns.Add(arn + ":*");
        }

        statements.Add(Statement(
            "WriteJobLogs",
            new[] { "logs:AssociateKmsKey", "logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents" },
            logArns));

        statements.Add(Statement("UsePipelineKey", KeyUseActions, new[] { kmsKeyRef }));

        // PutMetricData has no resource-level permissions; the namespace condition is the only scope there is.
        var metrics = Statement("PutJobMetrics", new[] { "cloudwatch:PutMetricData" }, new[] { "*" });
        metrics["condition"] = JsonArray.Of(Condition("StringEquals", "cloudwatch:namespace", new[] { "Glue", "Glue Data Quality" }));
        statements.Add(metrics);

        documents[id + "_job"] = new JsonObject { ["statement"] = statements };

        resource.Object("aws_iam_role")[id + "_job"] = new JsonObject
        {
            ["name"] = Literal(RoleName(job)),
            ["description"] = Literal("Runtime role of the Glue job " + job.Name + " (generated, least privilege)."),
            ["assume_role_policy"] = "${data.aws_iam_policy_document." + id + "_assume_role.json}",
            ["max_session_duration"] = 3600,
            ["tags"] = tags,
        };

        // A customer-managed policy attached to the role, not an inline one (IAM_NO_INLINE_POLICY_CHECK, A4.27).
        resource.Object("aws_iam_policy")[id + "_job"] = new JsonObject
        {
            ["name"] = Literal(RoleName(job)),
            ["description"] = Literal("Least-privilege runtime permissions of the Glue job " + job.Name + " (generated from its sources and sinks)."),
            ["policy"] = "${data.aws_iam_policy_document." + id + "_job.json}",
            ["tags"] = tags,
        };
        resource.Object("aws_iam_role_policy_attachment")[id + "_job"] = new JsonObject
        {
            ["role"] = "${aws_iam_role." + id + "_job.name}",
            ["policy_arn"] = "${aws_iam_policy." + id + "_job.arn}",
        };
    }

    /// <summary>IAM role names are at most 64 characters.</summary>
    internal static string RoleName(JobSpec job) => RoleName(job.Name);

    internal static string RoleName(string jobName)
    {
        var name = "glue-" + jobName;
        return name.Length <= 64 ? name : name.Substring(0, 64);
    }

    internal static JsonObject Statement(string sid, IEnumerable<string> actions, IEnumerable<string> resources)
    {
        var sortedActions = new SortedSet<string>(actions, StringComparer.Ordinal);
        return new JsonObject
        {
            ["sid"] = sid,
            ["effect"] = "Allow",
            ["actions"] = JsonArray.OfStrings(sortedActions),
            ["resources"] = JsonArray.OfStrings(resources),
        };
    }

    internal static JsonObject Condition(string test, string variable, string value) => Condition(test, variable, new[] { value });

    internal static JsonObject Condition(string test, string variable, IEnumerable<string> values) => new()
    {
        ["test"] = test,
        ["variable"] = variable,
        ["values"] = JsonArray.OfStrings(values),
    };
}

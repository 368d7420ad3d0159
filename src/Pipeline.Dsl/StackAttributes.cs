using System;

namespace Pipeline.Dsl;

/// <summary>
/// Project-wide deployment settings of all the pipelines of an assembly: who owns the stack, what it is charged to, and
/// the storage and logging defaults the generated Terraform applies. Put it once per project:
/// <c>[assembly: PipelineStack("retail-lake", Owner = "data-platform", CostCenter = "retail-analytics")]</c>.
/// Without it the stack is named after the assembly, and its <c>Owner</c>/<c>CostCenter</c> default tags are the
/// <c>owner</c>/<c>cost-center</c> tags every job declares (left out when the jobs disagree).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class PipelineStackAttribute : Attribute
{
    public PipelineStackAttribute(string name) => Name = name;

    /// <summary>Stack name (lowercase letters, digits, hyphens): prefixes the shared AWS resources (key alias, topic, queue, workflows).</summary>
    public string Name { get; }

    /// <summary>The team that owns the stack; the <c>Owner</c> default tag of every resource.</summary>
    public string? Owner { get; set; }

    /// <summary>The cost centre the stack is charged to; the <c>CostCenter</c> default tag of every resource.</summary>
    public string? CostCenter { get; set; }

    /// <summary>Days after which data objects in managed data zones move to Glacier Instant Retrieval (default 90, at least 31).</summary>
    public int ArchiveAfterDays { get; set; } = 90;

    /// <summary>Days after which non-current object versions in managed buckets expire (default 90).</summary>
    public int NoncurrentVersionExpirationDays { get; set; } = 90;

    /// <summary>Days after which objects in the temp zone expire (default 30).</summary>
    public int TempExpirationDays { get; set; } = 30;

    /// <summary>Retention of every log group the stack creates: 365 (default), 400, 545, 731, 1827 or 3653 days.</summary>
    public int LogRetentionDays { get; set; } = 365;
}

/// <summary>
/// A storage zone of the stack and the S3 bucket behind it. Well-known zone names: <c>raw</c> (crawled into the catalog),
/// <c>curated</c>, <c>scripts</c> (job scripts), <c>temp</c> (Glue temporary files) and <c>logs</c> (S3 access logs and
/// Spark UI event logs); any other name is a further data zone. With <see cref="Managed"/> the Terraform creates and
/// secures the bucket; otherwise it references an existing bucket by a variable.
/// Buckets used by a pipeline's S3 paths that no zone names become managed data zones named after the bucket.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class DataZoneAttribute : Attribute
{
    public DataZoneAttribute(string zone, string bucket)
    {
        Zone = zone;
        Bucket = bucket;
    }

    public string Zone { get; }

    /// <summary>The bucket name as written in the pipelines' <c>s3://</c> paths (the production name).</summary>
    public string Bucket { get; }

    /// <summary>Create and secure the bucket (default) or reference an existing one.</summary>
    public bool Managed { get; set; } = true;

    /// <summary>Raw zones: the catalog database the zone's crawler writes tables to (default <c>&lt;stack&gt;_raw</c>).</summary>
    public string? Database { get; set; }

    /// <summary>Raw zones: an AWS cron expression for the crawler; on demand when omitted.</summary>
    public string? CrawlerSchedule { get; set; }

    /// <summary>
    /// Who writes into the zone besides the pipelines (an ingestion service, another team): IAM role names in the
    /// environment's account, or full role ARNs. The stack key lets them encrypt objects of this zone's bucket (only through
    /// S3, only for this bucket): <c>kms:Encrypt</c>, <c>kms:Decrypt</c> (multipart uploads), <c>kms:GenerateDataKey*</c>.
    /// </summary>
    public string[]? Producers { get; set; }

    /// <summary>
    /// Who reads the zone besides the pipelines (Athena users, BI): IAM role names in the environment's account, or full role
    /// ARNs. The stack key lets them decrypt objects of this zone's bucket (only through S3, only for this bucket).
    /// </summary>
    public string[]? Readers { get; set; }
}

/// <summary>
/// A deployment environment, written as <c>terraform/environments/&lt;name&gt;.tfvars.json</c>. Without any, the stack gets
/// <c>dev</c> (bucket suffix <c>-dev</c>, 2 workers, schedules off), <c>staging</c> (suffix <c>-staging</c>) and
/// <c>prod</c> (declared names and sizes).
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
public sealed class DeploymentEnvironmentAttribute : Attribute
{
    public DeploymentEnvironmentAttribute(string name) => Name = name;

    public string Name { get; }

    /// <summary>The 12-digit AWS account of the environment; when omitted, pass <c>-var aws_account_id=…</c>.</summary>
    public string? AccountId { get; set; }

    /// <summary>The AWS Region (default eu-west-1).</summary>
    public string? Region { get; set; }

    /// <summary>Appended to every bucket name in this environment (e.g. <c>-dev</c>); empty for production names.</summary>
    public string BucketSuffix { get; set; } = "";

    /// <summary>Caps every job's number of workers in this environment (0 = the declared size).</summary>
    public int MaxWorkers { get; set; }

    /// <summary>Whether scheduled triggers are active (default true).</summary>
    public bool SchedulesEnabled { get; set; } = true;

    /// <summary>E-mail address subscribed to the failure topic (none when omitted).</summary>
    public string? AlertEmail { get; set; }
}

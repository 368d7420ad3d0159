using Microsoft.CodeAnalysis;
using Pipeline.Analyzers.Support;

namespace Pipeline.Analyzers;

/// <summary>Every descriptor the analyzers report. Errors are not configurable: an invalid pipeline produces no artifacts.</summary>
internal static class DiagnosticDescriptors
{
    public static readonly DiagnosticDescriptor InvalidSetting = Error(
        DiagnosticIds.InvalidSetting, DiagnosticCategories.Reliability,
        title: "Invalid pipeline setting",
        messageFormat: "{0}",
        description: "A DSL attribute argument has a value the generator cannot use.");

    public static readonly DiagnosticDescriptor NoTimeout = Error(
        DiagnosticIds.NoTimeout, DiagnosticCategories.Reliability,
        title: "Glue job has no timeout",
        messageFormat: "Job '{0}' has no timeout; set TimeoutMinutes (1..10079) so a hung run is stopped instead of running for 48 hours",
        description: "Without a timeout a Glue ETL run may go on for 2,880 minutes, burning DPUs and blocking the next run.");

    public static readonly DiagnosticDescriptor TimeoutTooLong = Error(
        DiagnosticIds.TimeoutTooLong, DiagnosticCategories.Reliability,
        title: "Glue job timeout is 7 days or more",
        messageFormat: "{0}",
        description: "Glue rejects jobs whose timeout is 10,080 minutes (7 days) or more.");

    public static readonly DiagnosticDescriptor WorkersOutOfRange = Error(
        DiagnosticIds.WorkersOutOfRange, DiagnosticCategories.Reliability,
        title: "Number of workers outside the allowed range",
        messageFormat: "{0}",
        description: "Glue allocates at least 2 workers; the upper bound per worker type follows the default account quota.");

    public static readonly DiagnosticDescriptor InvalidWorkerType = Error(
        DiagnosticIds.InvalidWorkerType, DiagnosticCategories.Reliability,
        title: "Worker type incompatible with the job",
        messageFormat: "{0}",
        description: "G.4X and G.8X need Glue 3.0 or later; Flex execution is only available with G.1X and G.2X workers.");

    public static readonly DiagnosticDescriptor UnsupportedGlueVersion = Error(
        DiagnosticIds.UnsupportedGlueVersion, DiagnosticCategories.Reliability,
        title: "Unsupported Glue version",
        messageFormat: "{0}",
        description: "The generator targets Glue 4.0 and 5.0; older versions are out of support.");

    public static readonly DiagnosticDescriptor InvalidPartitionKey = Error(
        DiagnosticIds.InvalidPartitionKey, DiagnosticCategories.Data,
        title: "Partition key is not a primitive column of the sink schema",
        messageFormat: "{0}",
        description: "Partition keys name output columns, and Glue only supports primitive types as partition keys.");

    public static readonly DiagnosticDescriptor UnknownQualityColumn = Error(
        DiagnosticIds.UnknownQualityColumn, DiagnosticCategories.Data,
        title: "Data-quality rule references an unknown column",
        messageFormat: "Quality rule references column '{0}', which is not in the schema of '{1}' (columns: {2})",
        description: "DQDL rules address columns by name; a missing column fails the job at run time.");

    public static readonly DiagnosticDescriptor InvalidDqdl = Error(
        DiagnosticIds.InvalidDqdl, DiagnosticCategories.Data,
        title: "Data-quality rules are not valid DQDL",
        messageFormat: "Invalid DQDL: {0}",
        description: "Glue rejects a ruleset that does not parse or is longer than 65,536 characters.");

    public static readonly DiagnosticDescriptor InvalidCron = Error(
        DiagnosticIds.InvalidCron, DiagnosticCategories.Reliability,
        title: "Invalid AWS cron schedule",
        messageFormat: "Invalid schedule: {0}",
        description: "Glue schedules are AWS cron expressions with six fields, one of day-of-month/day-of-week '?', and at least 5 minutes between runs.");

    public static readonly DiagnosticDescriptor InvalidName = Error(
        DiagnosticIds.InvalidName, DiagnosticCategories.Naming,
        title: "Name violates AWS limits",
        messageFormat: "{0}",
        description: "Job names are 1-255 characters of letters, digits, '_' and '-'; catalog database and table names are lowercase, start with a letter and use only letters, digits and '_'.");

    public static readonly DiagnosticDescriptor InvalidS3Uri = Error(
        DiagnosticIds.InvalidS3Uri, DiagnosticCategories.Naming,
        title: "Malformed S3 URI",
        messageFormat: "Invalid S3 URI: {0}",
        description: "Paths must be s3:// URIs with a valid bucket name (no dots), no glob characters and no empty segments.");

    public static readonly DiagnosticDescriptor MissingRequiredTag = new(
        id: DiagnosticIds.MissingRequiredTag,
        title: "Missing owner or cost-center tag",
        messageFormat: "Job '{0}' has no '{1}' tag; add [Tag(\"{1}\", \"...\")] so its resources have an accountable owner",
        category: DiagnosticCategories.Governance,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Organisations require owner and cost-center tags on every resource (Security Hub Glue.1).",
        helpLinkUri: HelpLink(DiagnosticIds.MissingRequiredTag));

    public static readonly DiagnosticDescriptor BookmarkedLookupSource = new(
        id: DiagnosticIds.BookmarkedLookupSource,
        title: "Bookmarked source used only as a join's lookup side",
        messageFormat: "Source '{0}' is only the lookup side of joins but is declared an increment (bookmarked): after the first run it reads nothing new, so the joins drop every row; make it Role = SourceRole.Reference (or remove Role/Bookmarked to get that default)",
        category: DiagnosticCategories.Data,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A job bookmark hands each file or partition to one run only. A dimension table read through a bookmark is empty on every later run, and an inner join with it is empty too; the data that arrived is then lost for good.",
        helpLinkUri: HelpLink(DiagnosticIds.BookmarkedLookupSource));

    public static readonly DiagnosticDescriptor IntegerOverflow = new(
        id: DiagnosticIds.IntegerOverflow,
        title: "Integer arithmetic can overflow",
        messageFormat: "'{0}' is computed in {1} and can reach {2}, outside its range: C# and Spark wrap, the local run fails; widen an operand first ((long)a * b into a long column) or declare [Range] on the columns",
        category: DiagnosticCategories.Translation,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Unchecked C# integer arithmetic wraps on overflow and so does Spark with ANSI mode off, while DuckDB fails the run with an out-of-range error: the engines agree only when the result stays in range. The range is computed from constants, [Range] on the columns and the operand types.",
        helpLinkUri: HelpLink(DiagnosticIds.IntegerOverflow));

    public static readonly DiagnosticDescriptor AppendWithRetries = new(
        id: DiagnosticIds.AppendWithRetries,
        title: "Sink appends in a job that retries failed runs",
        messageFormat: "Job '{0}' retries failed runs (MaxRetries = {1}) and sink '{2}' appends: a retry writes again the rows of the failed attempt; use Mode = WriteMode.OverwritePartitions (or Overwrite, or Merge with a Key), or MaxRetries = 0",
        category: DiagnosticCategories.Reliability,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A retry re-runs the whole job from the last committed bookmark; files written by the failed attempt stay, so an appending sink gets its rows twice. Overwrite modes replace what they write and Merge replaces by key, so a retry is harmless.",
        helpLinkUri: HelpLink(DiagnosticIds.AppendWithRetries));

    public static readonly DiagnosticDescriptor UntranslatableExpression = Error(
        DiagnosticIds.UntranslatableExpression, DiagnosticCategories.Translation,
        title: "Transform expression cannot be translated to Spark",
        messageFormat: "{0}",
        description: "Every construct in a transform is translated to native Spark at compile time; anything else is an error at that sub-expression.");

    public static readonly DiagnosticDescriptor UnboundInput = Error(
        DiagnosticIds.UnboundInput, DiagnosticCategories.Translation,
        title: "Transform parameter is bound to no source or stage",
        messageFormat: "{0}",
        description: "Stage parameters bind by name to a source property or another stage of the pipeline.");

    public static readonly DiagnosticDescriptor StageCycle = Error(
        DiagnosticIds.StageCycle, DiagnosticCategories.Translation,
        title: "Stages form a cycle",
        messageFormat: "{0}",
        description: "The dataflow graph of a pipeline must be acyclic.");

    public static readonly DiagnosticDescriptor NotPartial = Error(
        DiagnosticIds.NotPartial, DiagnosticCategories.Translation,
        title: "Pipeline class or source property is not partial",
        messageFormat: "{0}",
        description: "The generator implements the pipeline class and its source properties; both must be declared partial.");

    public static readonly DiagnosticDescriptor QuarantineWithoutPath = Error(
        DiagnosticIds.QuarantineWithoutPath, DiagnosticCategories.Data,
        title: "Quarantine action without a quarantine path",
        messageFormat: "{0}",
        description: "QualityAction.Quarantine writes failing rows to QuarantinePath, which must be set.");

    public static readonly DiagnosticDescriptor NotAQuery = Error(
        DiagnosticIds.NotAQuery, DiagnosticCategories.Translation,
        title: "Stage body is not a single query expression",
        messageFormat: "{0}",
        description: "A stage's body is one expression over its inputs, which the generator translates.");

    public static readonly DiagnosticDescriptor UnsupportedColumnType = Error(
        DiagnosticIds.UnsupportedColumnType, DiagnosticCategories.Translation,
        title: "Schema property type has no Spark equivalent",
        messageFormat: "{0}",
        description: "Schema properties map to Spark types: string, numbers, decimal, bool, dates, nested records and lists.");

    public static readonly DiagnosticDescriptor InvalidMergeKey = Error(
        DiagnosticIds.InvalidMergeKey, DiagnosticCategories.Data,
        title: "Merge sink without a valid key",
        messageFormat: "{0}",
        description: "Mode = WriteMode.Merge replaces rows by key: S3Sink.Key must name one or more primitive columns of the sink's record, and only a Merge sink has a key.");

    public static readonly DiagnosticDescriptor AppendedIncrementalAggregate = Error(
        DiagnosticIds.AppendedIncrementalAggregate, DiagnosticCategories.Data,
        title: "Aggregate over an increment is not recomputed",
        messageFormat: "{0}",
        description: "A GroupBy over new input only gives partial groups: a late file for a group already written adds a second row for it. The sink must replace the affected groups (OverwritePartitions on group-key partitions, or Merge on group keys); the job then recomputes them from the full input.");

    public static readonly DiagnosticDescriptor InvalidRunParameter = Error(
        DiagnosticIds.InvalidRunParameter, DiagnosticCategories.Reliability,
        title: "Invalid run parameter in a push-down predicate",
        messageFormat: "{0}",
        description: "Placeholders in PushDownPredicate are {RunDate:format} or {RunDate-Nd:format} / {RunDate+Nd:format}, with a format of yyyy, MM, dd and the separators - / _ . and space.");

    public static readonly DiagnosticDescriptor PipelineDependencyCycle = new(
        id: DiagnosticIds.PipelineDependencyCycle,
        title: "Cycle in the pipeline dependency graph",
        messageFormat: "Pipeline '{0}' is part of a dependency cycle: {1}; a Glue workflow with conditional triggers can never start it",
        category: DiagnosticCategories.Reliability,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A pipeline depends on another when it reads that pipeline's sink table or a path under its sink path. Conditional triggers fire on their predecessors' success, so a cycle never starts.",
        helpLinkUri: HelpLink(DiagnosticIds.PipelineDependencyCycle),
        customTags: new[] { WellKnownDiagnosticTags.NotConfigurable, WellKnownDiagnosticTags.CompilationEnd });

    /// <summary>
    /// PIPE041 for the stack's <c>Owner</c>/<c>CostCenter</c> (the default tags of every stack resource). Same id, category,
    /// severity and page as <see cref="MissingRequiredTag"/>, with a message about the stack instead of a job; not in
    /// <see cref="All"/>, which lists one descriptor per id.
    /// </summary>
    public static readonly DiagnosticDescriptor MissingStackTag = new(
        id: DiagnosticIds.MissingRequiredTag,
        title: "Missing owner or cost-center tag",
        messageFormat: "{0}",
        category: DiagnosticCategories.Governance,
        defaultSeverity: DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Organisations require owner and cost-center tags on every resource (Security Hub Glue.1).",
        helpLinkUri: HelpLink(DiagnosticIds.MissingRequiredTag));

    public static readonly DiagnosticDescriptor DuplicateName = Error(
        DiagnosticIds.DuplicateName, DiagnosticCategories.Naming,
        title: "Duplicate name",
        messageFormat: "{0}",
        description: "Names of data zones, deployment environments and the stack itself become AWS resource names and file names, which must be unique.");

    /// <summary>
    /// PIPE036 for two <c>[GlueJob]</c> classes with one job name. Same id, category, severity and page as
    /// <see cref="DuplicateName"/>, but found only once every pipeline is known (a compilation-end diagnostic); not in
    /// <see cref="All"/>, which lists one descriptor per id.
    /// </summary>
    public static readonly DiagnosticDescriptor DuplicateJobName = new(
        id: DiagnosticIds.DuplicateName,
        title: "Duplicate name",
        messageFormat: "{0}",
        category: DiagnosticCategories.Naming,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: "A job name becomes the Glue job's name, its script and Terraform file names and its Terraform resource names, which must be unique.",
        helpLinkUri: HelpLink(DiagnosticIds.DuplicateName),
        customTags: new[] { WellKnownDiagnosticTags.NotConfigurable, WellKnownDiagnosticTags.CompilationEnd });

    public static readonly DiagnosticDescriptor InvalidRetention = Error(
        DiagnosticIds.InvalidRetention, DiagnosticCategories.Reliability,
        title: "Retention or lifecycle period not an allowed value",
        messageFormat: "{0}",
        description: "S3 lifecycle periods are 1..36500 days (archiving at least 31); CloudWatch Logs retention must be one of the allowed values.");

    /// <summary>All descriptors, for the analyzers' <c>SupportedDiagnostics</c> lookups and the tests.</summary>
    public static readonly DiagnosticDescriptor[] All =
    {
        InvalidSetting, NoTimeout, TimeoutTooLong, WorkersOutOfRange, InvalidWorkerType, UnsupportedGlueVersion,
        InvalidPartitionKey, UnknownQualityColumn, InvalidDqdl, InvalidCron, InvalidName, InvalidS3Uri, MissingRequiredTag,
        UntranslatableExpression, UnboundInput, StageCycle, NotPartial, QuarantineWithoutPath, NotAQuery, UnsupportedColumnType,
        InvalidMergeKey, AppendedIncrementalAggregate, InvalidRunParameter, PipelineDependencyCycle, DuplicateName, InvalidRetention, BookmarkedLookupSource, AppendWithRetries,
        IntegerOverflow,
    };

    /// <summary>The documentation page of a rule: docs/rules/&lt;id&gt;.md where <see cref="HelpLinks.Folder"/> says.</summary>
    public static string HelpLink(string id) => HelpLinks.Folder + id + ".md";

    private static DiagnosticDescriptor Error(string id, string category, string title, string messageFormat, string description) => new(
        id: id,
        title: title,
        messageFormat: messageFormat,
        category: category,
        defaultSeverity: DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        description: description,
        helpLinkUri: HelpLink(id),
        customTags: WellKnownDiagnosticTags.NotConfigurable);
}

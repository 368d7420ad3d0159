using Pipeline.Generators.Parsing;

namespace Pipeline.Analyzers;

/// <summary>
/// Rule ids, from the guardrail catalogue (Table B) plus the parser's structural rules (PIPE1xx). The ids the parser
/// also finds are taken from <see cref="ParserRuleIds"/>, so the two can never disagree.
/// </summary>
internal static class DiagnosticIds
{
    public const string InvalidSetting = ParserRuleIds.InvalidSetting;
    public const string NoTimeout = ParserRuleIds.NoTimeout;
    public const string TimeoutTooLong = ParserRuleIds.TimeoutTooLong;
    public const string WorkersOutOfRange = ParserRuleIds.Workers;
    public const string InvalidWorkerType = ParserRuleIds.WorkerType;
    public const string UnsupportedGlueVersion = ParserRuleIds.GlueVersion;
    public const string InvalidPartitionKey = ParserRuleIds.PartitionKey;
    public const string UnknownQualityColumn = ParserRuleIds.QualityColumn;
    public const string InvalidDqdl = ParserRuleIds.Dqdl;
    public const string InvalidCron = ParserRuleIds.Cron;
    public const string InvalidName = ParserRuleIds.Name;
    public const string InvalidS3Uri = ParserRuleIds.S3Uri;
    public const string UntranslatableExpression = ParserRuleIds.UntranslatableExpression;
    public const string UnboundInput = ParserRuleIds.UnboundInput;
    public const string StageCycle = ParserRuleIds.StageCycle;
    public const string NotPartial = ParserRuleIds.NotPartial;
    public const string QuarantineWithoutPath = ParserRuleIds.QuarantineWithoutPath;
    public const string NotAQuery = ParserRuleIds.NotAQuery;
    public const string UnsupportedColumnType = ParserRuleIds.UnsupportedColumnType;
    public const string InvalidMergeKey = ParserRuleIds.MergeKey;
    public const string AppendedIncrementalAggregate = ParserRuleIds.IncrementalAggregate;
    public const string InvalidRunParameter = ParserRuleIds.RunParameter;
    public const string MissingRequiredTag = "PIPE041";
    public const string PipelineDependencyCycle = "PIPE034";
    public const string DuplicateName = "PIPE036";
    public const string InvalidRetention = "PIPE043";
    public const string BookmarkedLookupSource = "PIPE056";
    public const string AppendWithRetries = "PIPE010";
    public const string IntegerOverflow = "PIPE110";
}

using Microsoft.CodeAnalysis;

namespace Pipeline.Generators.Parsing;

/// <summary>
/// Something the parser could not turn into a model, with the rule id the analyzers report it under and the
/// exact location. The generator only counts them (any problem means no artifacts); the analyzers report them.
/// Never stored in a model: it holds a <see cref="Location"/>.
/// </summary>
internal sealed class ParseProblem
{
    public ParseProblem(string ruleId, Location location, string message)
    {
        RuleId = ruleId;
        Location = location;
        Message = message;
    }

    public string RuleId { get; }

    public Location Location { get; }

    public string Message { get; }
}

/// <summary>Rule ids of the problems the parser finds itself (the analyzers own the descriptors).</summary>
internal static class ParserRuleIds
{
    public const string InvalidSetting = "PIPE000";
    public const string UntranslatableExpression = "PIPE100";
    public const string UnboundInput = "PIPE101";
    public const string StageCycle = "PIPE102";
    public const string NotPartial = "PIPE103";
    public const string QuarantineWithoutPath = "PIPE104";
    public const string NotAQuery = "PIPE105";
    public const string UnsupportedColumnType = "PIPE106";
    public const string MergeKey = "PIPE107";
    public const string IncrementalAggregate = "PIPE108";
    public const string RunParameter = "PIPE109";
    public const string PartitionKey = "PIPE018";
    public const string NoTimeout = "PIPE001";
    public const string TimeoutTooLong = "PIPE002";
    public const string Workers = "PIPE004";
    public const string WorkerType = "PIPE005";
    public const string GlueVersion = "PIPE008";
    public const string QualityColumn = "PIPE022";
    public const string Dqdl = "PIPE025";
    public const string Cron = "PIPE032";
    public const string Name = "PIPE037";
    public const string S3Uri = "PIPE038";
}

namespace Pipeline.Analyzers;

/// <summary>Rule ids, from the guardrail catalogue (Table B) plus the parser's structural rules (PIPE1xx).</summary>
internal static class DiagnosticIds
{
    public const string InvalidSetting = "PIPE000";
    public const string NoTimeout = "PIPE001";
    public const string TimeoutTooLong = "PIPE002";
    public const string WorkersOutOfRange = "PIPE004";
    public const string InvalidWorkerType = "PIPE005";
    public const string UnsupportedGlueVersion = "PIPE008";
    public const string InvalidPartitionKey = "PIPE018";
    public const string UnknownQualityColumn = "PIPE022";
    public const string InvalidDqdl = "PIPE025";
    public const string InvalidCron = "PIPE032";
    public const string InvalidName = "PIPE037";
    public const string InvalidS3Uri = "PIPE038";
    public const string MissingRequiredTag = "PIPE041";
    public const string UntranslatableExpression = "PIPE100";
    public const string UnboundInput = "PIPE101";
    public const string StageCycle = "PIPE102";
    public const string NotPartial = "PIPE103";
    public const string QuarantineWithoutPath = "PIPE104";
    public const string NotAQuery = "PIPE105";
    public const string UnsupportedColumnType = "PIPE106";
}

using System.Collections.Generic;
using System.Linq;

namespace Pipeline.Runner.Quality;

/// <summary>
/// The outcome of one top-level DQDL rule, shaped like a row of Glue's <c>ruleOutcomes</c>.
/// </summary>
/// <param name="Rule">The rule's source text (as written in the ruleset).</param>
/// <param name="Outcome"><c>"Passed"</c>, <c>"Failed"</c>, <c>"Skipped"</c> (cannot run locally) or <c>"Error"</c> (invalid DQDL, SQL error).</param>
/// <param name="Observed">The metric(s) the rule compared, e.g. <c>"RowCount = 27"</c>, <c>"Completeness = 0.96"</c> (invariant culture).</param>
/// <param name="Reason">Why the rule failed, was skipped or errored; null when it passed.</param>
public sealed record RuleOutcome(string Rule, string Outcome, string Observed, string? Reason)
{
    public const string Passed = "Passed";
    public const string Failed = "Failed";
    public const string Skipped = "Skipped";
    public const string Error = "Error";
}

/// <summary>The outcomes of every rule of a ruleset, and the number of rows of the evaluated relation.</summary>
public sealed record QualityReport(IReadOnlyList<RuleOutcome> Rules, long Rows)
{
    /// <summary>True when no rule failed or errored. Skipped rules (reference datasets, history, S3 files) do not fail the report.</summary>
    public bool Passed => Rules.All(r => r.Outcome == RuleOutcome.Passed || r.Outcome == RuleOutcome.Skipped);

    public int Count(string outcome) => Rules.Count(r => r.Outcome == outcome);
}

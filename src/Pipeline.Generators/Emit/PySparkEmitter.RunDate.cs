using System.Collections.Generic;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Generators.Emit;

/// <summary>
/// Run parameters (<see cref="RunParameters"/>) in the Glue script: the run date comes from the optional job argument
/// <c>--RUN_DATE yyyy-MM-dd</c> (a backfill passes it to StartJobRun), else it is the run's current UTC date. Read
/// with <c>_argv_option</c>: <c>getResolvedOptions</c> fails on an option that is not given. Each predicate with
/// placeholders is formatted into a variable just before its read and logged with it.
/// </summary>
internal static partial class PySparkEmitter
{
    private static bool UsesRunDate(PipelineSpec spec)
    {
        foreach (var source in spec.Sources)
        {
            if (source.Kind == SourceKind.Catalog && RunParameters.HasPlaceholders(source.PushDownPredicate))
            {
                return true;
            }
        }

        return false;
    }

    private static void WriteRunDate(SourceWriter writer, PipelineSpec spec)
    {
        if (!UsesRunDate(spec))
        {
            return;
        }

        writer.WriteLine("""
            def _run_date():
                # --RUN_DATE yyyy-MM-dd when the run is given one (a backfill, a rerun of an earlier day), else today in UTC.
                value = _argv_option("RUN_DATE")
                if value:
                    return datetime.datetime.strptime(value, "%Y-%m-%d").date()
                return datetime.datetime.now(datetime.timezone.utc).date()


            RUN_DATE = _run_date()


            def run_date(days, fmt):
                # The run date shifted by whole days, formatted for a push-down predicate.
                return (RUN_DATE + datetime.timedelta(days=days)).strftime(fmt)
            """);
        writer.WriteLine();
        writer.WriteLine();
    }

    private static string PredicateVariable(string sourceName) => sourceName + "_predicate";

    /// <summary>A Python expression building the predicate: its literal parts and a <c>run_date(...)</c> per placeholder.</summary>
    private static string RunDatePredicate(string predicate)
    {
        RunParameters.TryParse(predicate, out var segments, out _);
        var parts = new List<string>();
        foreach (var segment in segments)
        {
            parts.Add(segment.Text is { } text
                ? PySparkSyntax.PyLiteral(text)
                : $"run_date({segment.OffsetDays.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {PySparkSyntax.PyLiteral(RunParameters.StrftimeFormat(segment.Format))})");
        }

        return string.Join(" + ", parts);
    }
}

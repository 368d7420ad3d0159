using System;
using System.Globalization;

namespace Pipeline.Generators.Validation;

/// <summary>
/// Validates Glue job settings: timeout (PIPE001/PIPE002), Glue version (PIPE008), capacity and worker type
/// (PIPE004/PIPE005), and names (PIPE037).
/// </summary>
internal static class JobSettings
{
    /// <summary>Glue rejects timeouts of 7 days (10,080 minutes) or more.</summary>
    public const int MaximumTimeoutMinutes = 10079;

    /// <summary>Glue allocates at least 2 workers to a Spark job.</summary>
    public const int MinimumWorkers = 2;

    public static readonly string[] SupportedGlueVersions = { "4.0", "5.0" };

    public static readonly string[] SupportedWorkerTypes = { "G.1X", "G.2X", "G.4X", "G.8X" };

    public static bool TryValidateTimeout(int minutes, out string? error)
    {
        if (minutes == 0)
        {
            error = "the job has no timeout; without one Glue lets a hung run go on for 48 hours. Set TimeoutMinutes (1.." + MaximumTimeoutMinutes.ToString(CultureInfo.InvariantCulture) + ")";
        }
        else if (minutes < 0)
        {
            error = "timeout " + minutes.ToString(CultureInfo.InvariantCulture) + " is negative; set TimeoutMinutes to 1.." + MaximumTimeoutMinutes.ToString(CultureInfo.InvariantCulture);
        }
        else if (minutes > MaximumTimeoutMinutes)
        {
            error = "timeout " + minutes.ToString(CultureInfo.InvariantCulture) + " minutes is 7 days or more; Glue requires less than 10080 minutes";
        }
        else
        {
            error = null;
        }

        return error is null;
    }

    public static bool TryValidateGlueVersion(string version, out string? error)
    {
        if (Array.IndexOf(SupportedGlueVersions, version) >= 0)
        {
            error = null;
            return true;
        }

        error = "Glue version '" + version + "' is not supported; use one of " + string.Join(", ", SupportedGlueVersions);
        return false;
    }

    /// <summary>
    /// The largest worker count the product accepts per worker type: what fits the default Glue quota of 300 DPUs
    /// per account (299 G.1X and 149 G.2X are the figures the Glue guide quoted; G.4X and G.8X scale the same way).
    /// </summary>
    public static int MaximumWorkers(string workerType) => workerType switch
    {
        "G.1X" => 299,
        "G.2X" => 149,
        "G.4X" => 74,
        "G.8X" => 37,
        _ => 0,
    };

    /// <summary>Both checks below: the worker type (PIPE005) first, then the worker count (PIPE004).</summary>
    public static bool TryValidateWorkers(string glueVersion, string workerType, int workers, bool autoScaling, string executionClass, out string? error) =>
        TryValidateWorkerType(glueVersion, workerType, executionClass, out error)
        && TryValidateWorkerCount(workerType, workers, autoScaling, out error);

    /// <summary>The worker type against the Glue version and the execution class (PIPE005).</summary>
    public static bool TryValidateWorkerType(string glueVersion, string workerType, string executionClass, out string? error)
    {
        error = null;
        if (Array.IndexOf(SupportedWorkerTypes, workerType) < 0)
        {
            error = "worker type '" + workerType + "' is not supported for Spark ETL jobs; use one of " + string.Join(", ", SupportedWorkerTypes);
        }
        else if (string.Equals(executionClass, "FLEX", StringComparison.OrdinalIgnoreCase) && workerType != "G.1X" && workerType != "G.2X")
        {
            error = "Flex execution is only available with G.1X and G.2X workers, not " + workerType;
        }
        else if ((workerType == "G.4X" || workerType == "G.8X") && IsBelow3(glueVersion))
        {
            error = workerType + " workers need Glue 3.0 or later (the job uses " + glueVersion + ")";
        }

        return error is null;
    }

    /// <summary>The number of workers (the maximum with auto scaling) against the per-type range (PIPE004).</summary>
    public static bool TryValidateWorkerCount(string workerType, int workers, bool autoScaling, out string? error)
    {
        error = null;
        var max = MaximumWorkers(workerType);
        if (max == 0)
        {
            return true; // an unknown worker type is PIPE005's finding
        }

        if (workers < MinimumWorkers || workers > max)
        {
            error = (autoScaling ? "the maximum number of workers " : "the number of workers ") + workers.ToString(CultureInfo.InvariantCulture)
                + " is outside " + MinimumWorkers.ToString(CultureInfo.InvariantCulture) + ".." + max.ToString(CultureInfo.InvariantCulture)
                + " for " + workerType + " workers (Glue needs at least 2; the upper bound is the default 300-DPU account quota)";
        }

        return error is null;
    }

    public static bool TryValidateJobName(string name, out string? error)
    {
        error = null;
        if (name is null || name.Length == 0)
        {
            error = "the job name is empty";
        }
        else if (name.Length > 255)
        {
            error = "the job name is " + name.Length.ToString(CultureInfo.InvariantCulture) + " characters long; Glue allows at most 255";
        }
        else if (!IsAsciiLetter(name[0]))
        {
            error = "job name '" + name + "' must start with a letter";
        }
        else
        {
            foreach (var c in name)
            {
                if (!(IsAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-'))
                {
                    error = "job name '" + name + "' contains '" + c + "'; use only letters, digits, '_' and '-' (the name also becomes S3 keys, log streams and metric dimensions)";
                    break;
                }
            }
        }

        return error is null;
    }

    public static bool TryValidateCatalogName(string name, out string? error)
    {
        error = null;
        if (name is null || name.Length == 0)
        {
            error = "the catalog name is empty";
        }
        else if (name.Length > 255)
        {
            error = "catalog name is " + name.Length.ToString(CultureInfo.InvariantCulture) + " characters long; Glue allows at most 255";
        }
        else if (!(name[0] >= 'a' && name[0] <= 'z'))
        {
            error = "catalog name '" + name + "' must start with a lowercase letter (Athena needs quoting otherwise)";
        }
        else
        {
            foreach (var c in name)
            {
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
                {
                    error = "catalog name '" + name + "' contains '" + c + "'; Glue database and table names are lowercase letters, digits and '_'";
                    break;
                }
            }
        }

        return error is null;
    }

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsBelow3(string glueVersion)
    {
        var dot = glueVersion.IndexOf('.');
        var major = dot < 0 ? glueVersion : glueVersion.Substring(0, dot);
        return int.TryParse(major, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m < 3;
    }
}

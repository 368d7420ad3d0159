using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Pipeline.Analyzers.Support;
using Pipeline.Generators.Model;
using Pipeline.Generators.Parsing;
using Pipeline.Generators.Validation;

namespace Pipeline.Analyzers.Rules;

/// <summary>
/// The assembly-level stack declarations: <c>[assembly: PipelineStack]</c>, <c>[assembly: DataZone]</c> and
/// <c>[assembly: DeploymentEnvironment]</c>. <see cref="StackParser"/> never throws and falls back to a default (or drops
/// the zone/environment) for every value it cannot use; this analyzer reports each such value, at the argument, with the
/// rule the value breaks:
/// PIPE037 names (stack, zone, environment, crawler database), PIPE038 buckets and bucket suffixes, PIPE036 duplicates,
/// PIPE043 lifecycle/log retention periods, PIPE032 crawler schedules, PIPE004 worker caps, PIPE041 owner/cost-centre,
/// PIPE000 other environment settings (account, Region, alert e-mail) and settings that only apply to raw zones.
/// </summary>
/// <remarks>
/// The attributes are read once per syntax tree from <see cref="Compilation.Assembly"/> (a handful of attributes), and only
/// those applied in that tree are reported, so the rule runs in live analysis and needs no compilation-end action; the
/// duplicate checks still see every attribute of the assembly, in <see cref="StackParser"/>'s order.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StackAttributesAnalyzer : DiagnosticAnalyzer
{
    /// <summary>StackParser's name rule (its private <c>IsName</c>): 1-32 of <c>[a-z0-9_-]</c>, starting with a letter.</summary>
    internal const int MaxNameLength = 32;

    /// <summary>StackParser's suffix rule (its private <c>IsSuffix</c>): at most 20 of <c>[a-z0-9-]</c>.</summary>
    internal const int MaxSuffixLength = 20;

    internal const int MinArchiveDays = 31;
    internal const int MinExpirationDays = 1;
    internal const int MaxLifecycleDays = 36500;

    private static readonly Regex Region = new(@"^[a-z]{2}(-gov)?-[a-z]+-[0-9]$", RegexOptions.CultureInvariant);
    private static readonly Regex Email = new(@"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}$", RegexOptions.CultureInvariant);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InvalidName,
        DiagnosticDescriptors.InvalidS3Uri,
        DiagnosticDescriptors.DuplicateName,
        DiagnosticDescriptors.InvalidRetention,
        DiagnosticDescriptors.InvalidCron,
        DiagnosticDescriptors.WorkersOutOfRange,
        DiagnosticDescriptors.MissingStackTag,
        DiagnosticDescriptors.InvalidSetting);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            var stack = compilation.GetTypeByMetadataName(StackParser.PipelineStackAttribute);
            var zone = compilation.GetTypeByMetadataName(StackParser.DataZoneAttribute);
            var environment = compilation.GetTypeByMetadataName(StackParser.DeploymentEnvironmentAttribute);
            if (stack is null && zone is null && environment is null)
            {
                return; // Pipeline.Dsl is not referenced.
            }

            start.RegisterSemanticModelAction(modelContext =>
            {
                var tree = modelContext.SemanticModel.SyntaxTree;
                var attributes = compilation.Assembly.GetAttributes();
                var applied = false;
                foreach (var attribute in attributes)
                {
                    if (attribute.ApplicationSyntaxReference?.SyntaxTree == tree && IsStackAttribute(attribute))
                    {
                        if (EditState.HasSyntaxError(attribute.ApplicationSyntaxReference.GetSyntax(modelContext.CancellationToken).Parent))
                        {
                            return; // a stack attribute being typed: the compiler's error is the one to show
                        }

                        applied = true;
                    }
                }

                if (applied)
                {
                    new Checker(modelContext, compilation.AssemblyName ?? string.Empty, attributes).Run();
                }
            });
        });
    }

    private static bool IsStackAttribute(AttributeData attribute) =>
        AttributeReader.Is(attribute.AttributeClass, StackParser.PipelineStackAttribute)
        || AttributeReader.Is(attribute.AttributeClass, StackParser.DataZoneAttribute)
        || AttributeReader.Is(attribute.AttributeClass, StackParser.DeploymentEnvironmentAttribute);

    /// <summary>Why a stack, zone or environment name fails StackParser's <c>IsName</c>, or null.</summary>
    internal static string? NameError(string what, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "the " + what + " name is empty";
        }

        if (value!.Length > MaxNameLength)
        {
            return what + " name '" + value + "' is " + Number(value.Length) + " characters long; at most " + Number(MaxNameLength) + " are allowed (it prefixes AWS resource names)";
        }

        if (!(value[0] >= 'a' && value[0] <= 'z'))
        {
            return what + " name '" + value + "' must start with a lowercase letter";
        }

        foreach (var c in value)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
            {
                return what + " name '" + value + "' contains '" + c + "'; use only lowercase letters, digits, '-' and '_'";
            }
        }

        return null;
    }

    /// <summary>Why a bucket name fails StackParser's <c>IsBucket</c> (including a key in the bucket name), or null.</summary>
    internal static string? BucketError(string? bucket)
    {
        if (bucket is null || bucket.Length == 0)
        {
            return "the bucket name is empty";
        }

        if (bucket.StartsWith("s3://", StringComparison.OrdinalIgnoreCase))
        {
            return "'" + bucket + "' is a URI; give the bucket name only, without 's3://'";
        }

        foreach (var c in bucket)
        {
            if (c == '/')
            {
                return "bucket name '" + bucket + "' contains '/'; give the bucket name only, without a key";
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                return "bucket name '" + bucket + "' contains whitespace or a control character";
            }
        }

        // The same test as StackParser.IsBucket: S3Uri's bucket rules (B.1) plus the product's no-dot rule.
        return S3Uri.TryValidate("s3://" + bucket + "/", out var error) ? null : error;
    }

    /// <summary>Why a bucket suffix fails StackParser's <c>IsSuffix</c>, or null.</summary>
    internal static string? SuffixError(string value)
    {
        foreach (var c in value)
        {
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
            {
                return "BucketSuffix '" + value + "' contains '" + c + "'; use only lowercase letters, digits and '-' (the generator would use no suffix)";
            }
        }

        return value.Length <= MaxSuffixLength
            ? null
            : "BucketSuffix '" + value + "' is " + Number(value.Length) + " characters long; at most " + Number(MaxSuffixLength) + " are allowed (the generator would use no suffix)";
    }

    internal static bool IsAccountId(string value)
    {
        if (value.Length != 12)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsRegion(string value) => Region.IsMatch(value);

    internal static bool IsEmail(string value) => value.Length <= 254 && Email.IsMatch(value);

    /// <summary>Zones the generator crawls into the catalog (TerraformEmitter.CrawledZones): <c>raw</c>, <c>raw-…</c>, <c>raw_…</c>.</summary>
    internal static bool IsCrawled(string zone) =>
        zone == ZoneSpec.Raw || zone.StartsWith("raw-", StringComparison.Ordinal) || zone.StartsWith("raw_", StringComparison.Ordinal);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>One pass over the assembly's stack attributes, reporting those applied in the analyzed tree.</summary>
    private sealed class Checker
    {
        private readonly SemanticModelAnalysisContext context;
        private readonly string assemblyName;
        private readonly ImmutableArray<AttributeData> attributes;
        private readonly CancellationToken ct;

        public Checker(SemanticModelAnalysisContext context, string assemblyName, ImmutableArray<AttributeData> attributes)
        {
            this.context = context;
            this.assemblyName = assemblyName;
            this.attributes = attributes;
            ct = context.CancellationToken;
        }

        public void Run()
        {
            AttributeData? firstStack = null;
            var zones = new Dictionary<string, AttributeData>(StringComparer.Ordinal);
            var environments = new Dictionary<string, AttributeData>(StringComparer.Ordinal);
            var declaredBuckets = new List<(string Zone, string Bucket)>();
            var declaredZones = new HashSet<string>(StringComparer.Ordinal);
            var environmentAttributes = new List<AttributeData>();
            string? stackName = null;

            foreach (var attribute in attributes)
            {
                ct.ThrowIfCancellationRequested();
                if (AttributeReader.Is(attribute.AttributeClass, StackParser.PipelineStackAttribute))
                {
                    if (firstStack is null)
                    {
                        firstStack = attribute;
                    }
                    else
                    {
                        Report(DiagnosticDescriptors.DuplicateName, AttributeArguments.AttributeLocation(attribute, ct), attribute,
                            "[PipelineStack] is declared more than once; declare the stack once per project (the generator would use the last one)");
                    }

                    var name = AttributeArguments.GetConstructorString(attribute, 0);
                    stackName = NameError("stack", name) is null ? name : stackName;
                    CheckStack(attribute, name);
                }
                else if (AttributeReader.Is(attribute.AttributeClass, StackParser.DataZoneAttribute))
                {
                    var zone = AttributeArguments.GetConstructorString(attribute, 0);
                    var bucket = AttributeArguments.GetConstructorString(attribute, 1);
                    CheckZone(attribute, zone, bucket);
                    if (zone is not null)
                    {
                        if (zones.TryGetValue(zone, out _))
                        {
                            Report(DiagnosticDescriptors.DuplicateName, AttributeArguments.PositionalLocation(attribute, 0, ct), attribute,
                                "data zone '" + zone + "' is declared more than once; the generator keeps the first valid declaration and ignores the others");
                        }
                        else
                        {
                            zones.Add(zone, attribute);
                            declaredZones.Add(zone);
                            if (NameError("zone", zone) is null && BucketError(bucket) is null)
                            {
                                declaredBuckets.Add((zone, bucket!));
                            }
                        }
                    }
                }
                else if (AttributeReader.Is(attribute.AttributeClass, StackParser.DeploymentEnvironmentAttribute))
                {
                    var name = AttributeArguments.GetConstructorString(attribute, 0);
                    if (NameError("environment", name) is { } error)
                    {
                        Report(DiagnosticDescriptors.InvalidName, AttributeArguments.PositionalLocation(attribute, 0, ct), attribute,
                            error + " (the generator would skip this environment)");
                    }
                    else if (environments.ContainsKey(name!))
                    {
                        Report(DiagnosticDescriptors.DuplicateName, AttributeArguments.PositionalLocation(attribute, 0, ct), attribute,
                            "deployment environment '" + name + "' is declared more than once; the generator keeps the first valid declaration and ignores the others");
                    }
                    else
                    {
                        environments.Add(name!, attribute);
                    }

                    environmentAttributes.Add(attribute);
                }
            }

            // The buckets a suffix is appended to: the declared zones', plus the stack's own scripts/temp/logs buckets.
            stackName ??= StackParser.DefaultSettings(assemblyName).Name;
            foreach (var special in new[] { ZoneSpec.Scripts, ZoneSpec.Temp, ZoneSpec.Logs })
            {
                if (!declaredZones.Contains(special))
                {
                    declaredBuckets.Add((special, stackName + "-" + special));
                }
            }

            foreach (var attribute in environmentAttributes)
            {
                CheckEnvironment(attribute, declaredBuckets);
            }
        }

        private void CheckStack(AttributeData attribute, string? name)
        {
            if (NameError("stack", name) is { } nameError)
            {
                Report(DiagnosticDescriptors.InvalidName, AttributeArguments.PositionalLocation(attribute, 0, ct), attribute,
                    nameError + " (the generator would name the stack '" + StackParser.DefaultSettings(assemblyName).Name + "')");
            }

            foreach (var tag in new[] { "Owner", "CostCenter" })
            {
                if (!AttributeArguments.TryGetNamed(attribute, tag, out var value))
                {
                    Report(DiagnosticDescriptors.MissingStackTag, AttributeArguments.AttributeLocation(attribute, ct), attribute,
                        "[PipelineStack] has no " + tag + "; set " + tag + " = \"...\" so every stack resource has an accountable owner (else the default tag is taken from the jobs' tags, and left out when they disagree)");
                }
                else if (string.IsNullOrWhiteSpace(value.Value as string))
                {
                    Report(DiagnosticDescriptors.MissingStackTag, AttributeArguments.NamedLocation(attribute, tag, ct), attribute,
                        "[PipelineStack] " + tag + " is empty; give the accountable " + (tag == "Owner" ? "team" : "cost centre") + " (else the default tag is taken from the jobs' tags, and left out when they disagree)");
                }
            }

            CheckDays(attribute, "ArchiveAfterDays", MinArchiveDays, 90);
            CheckDays(attribute, "NoncurrentVersionExpirationDays", MinExpirationDays, 90);
            CheckDays(attribute, "TempExpirationDays", MinExpirationDays, 30);

            if (Int(attribute, "LogRetentionDays") is { } retention && Array.IndexOf(StackSettings.AllowedLogRetention, retention) < 0)
            {
                var allowed = new List<string>();
                foreach (var days in StackSettings.AllowedLogRetention)
                {
                    allowed.Add(Number(days));
                }

                Report(DiagnosticDescriptors.InvalidRetention, AttributeArguments.NamedLocation(attribute, "LogRetentionDays", ct), attribute,
                    "LogRetentionDays is " + Number(retention) + "; use a CloudWatch Logs retention of at least a year: " + string.Join(", ", allowed)
                    + " days (the generator would use 365)");
            }
        }

        private void CheckDays(AttributeData attribute, string argument, int min, int fallback)
        {
            if (Int(attribute, argument) is { } days && (days < min || days > MaxLifecycleDays))
            {
                var clamped = Math.Max(min, Math.Min(MaxLifecycleDays, days));
                Report(DiagnosticDescriptors.InvalidRetention, AttributeArguments.NamedLocation(attribute, argument, ct), attribute,
                    argument + " is " + Number(days) + "; S3 lifecycle periods must be " + Number(min) + ".." + Number(MaxLifecycleDays)
                    + " days (the generator would use " + Number(clamped) + "; default " + Number(fallback) + ")");
            }
        }

        private void CheckZone(AttributeData attribute, string? zone, string? bucket)
        {
            if (NameError("zone", zone) is { } nameError)
            {
                Report(DiagnosticDescriptors.InvalidName, AttributeArguments.PositionalLocation(attribute, 0, ct), attribute,
                    nameError + " (the generator would skip this zone)");
            }

            if (BucketError(bucket) is { } bucketError)
            {
                Report(DiagnosticDescriptors.InvalidS3Uri, AttributeArguments.PositionalLocation(attribute, 1, ct), attribute,
                    bucketError + " (the generator would skip zone '" + zone + "')");
            }

            var crawled = zone is not null && IsCrawled(zone);
            if (AttributeArguments.TryGetNamed(attribute, "Database", out var databaseValue))
            {
                var database = databaseValue.Value as string;
                if (!crawled)
                {
                    ReportRawOnly(attribute, "Database", zone);
                }
                else if (!JobSettings.TryValidateCatalogName(database ?? string.Empty, out var error))
                {
                    Report(DiagnosticDescriptors.InvalidName, AttributeArguments.NamedLocation(attribute, "Database", ct), attribute,
                        "Invalid crawler database name: " + error);
                }
            }

            if (AttributeArguments.TryGetNamed(attribute, "CrawlerSchedule", out var scheduleValue))
            {
                var schedule = scheduleValue.Value as string;
                if (!crawled)
                {
                    ReportRawOnly(attribute, "CrawlerSchedule", zone);
                }
                else if (!CronExpression.TryValidate(schedule ?? string.Empty, out var error))
                {
                    Report(DiagnosticDescriptors.InvalidCron, AttributeArguments.NamedLocation(attribute, "CrawlerSchedule", ct), attribute,
                        error + (string.IsNullOrWhiteSpace(schedule) ? " (omit CrawlerSchedule for an on-demand crawler)" : string.Empty));
                }
            }
        }

        private void ReportRawOnly(AttributeData attribute, string argument, string? zone) =>
            Report(DiagnosticDescriptors.InvalidSetting, AttributeArguments.NamedLocation(attribute, argument, ct), attribute,
                argument + " only applies to crawled zones ('raw', 'raw-…', 'raw_…'); zone '" + zone + "' has no crawler, so the generator ignores it");

        private void CheckEnvironment(AttributeData attribute, List<(string Zone, string Bucket)> buckets)
        {
            var name = AttributeArguments.GetConstructorString(attribute, 0);
            if (AttributeArguments.TryGetNamed(attribute, "AccountId", out var accountValue)
                && !(accountValue.Value is string account && IsAccountId(account)))
            {
                Report(DiagnosticDescriptors.InvalidSetting, AttributeArguments.NamedLocation(attribute, "AccountId", ct), attribute,
                    "AccountId '" + accountValue.Value + "' of environment '" + name + "' is not a 12-digit AWS account id; omit it to pass -var aws_account_id=… instead");
            }

            if (AttributeArguments.TryGetNamed(attribute, "Region", out var regionValue)
                && !(regionValue.Value is string region && IsRegion(region)))
            {
                Report(DiagnosticDescriptors.InvalidSetting, AttributeArguments.NamedLocation(attribute, "Region", ct), attribute,
                    "Region '" + regionValue.Value + "' of environment '" + name + "' is not an AWS Region code such as 'eu-west-1' or 'us-gov-west-1'"
                    + (string.IsNullOrWhiteSpace(regionValue.Value as string) ? " (omit it for the default " + StackParser.DefaultRegion + ")" : string.Empty));
            }

            if (AttributeArguments.TryGetNamed(attribute, "AlertEmail", out var emailValue)
                && !(emailValue.Value is string email && IsEmail(email)))
            {
                Report(DiagnosticDescriptors.InvalidSetting, AttributeArguments.NamedLocation(attribute, "AlertEmail", ct), attribute,
                    "AlertEmail '" + emailValue.Value + "' of environment '" + name + "' is not an e-mail address; the failure topic's subscription would never be confirmed (omit it for no subscription)");
            }

            if (Int(attribute, "MaxWorkers") is { } maxWorkers && (maxWorkers < 0 || maxWorkers == 1))
            {
                Report(DiagnosticDescriptors.WorkersOutOfRange, AttributeArguments.NamedLocation(attribute, "MaxWorkers", ct), attribute,
                    "MaxWorkers of environment '" + name + "' is " + Number(maxWorkers) + "; use 0 (the declared sizes) or a cap of at least 2, the Glue minimum (the generator would use "
                    + (maxWorkers < 0 ? "0" : "2") + ")");
            }

            if (AttributeArguments.TryGetNamed(attribute, "BucketSuffix", out var suffixValue))
            {
                var suffix = suffixValue.Value as string ?? string.Empty;
                var location = AttributeArguments.NamedLocation(attribute, "BucketSuffix", ct);
                if (SuffixError(suffix) is { } suffixError)
                {
                    Report(DiagnosticDescriptors.InvalidS3Uri, location, attribute, suffixError);
                }
                else if (suffix.Length > 0)
                {
                    foreach (var (zone, bucket) in buckets)
                    {
                        if (BucketError(bucket + suffix) is { } error)
                        {
                            Report(DiagnosticDescriptors.InvalidS3Uri, location, attribute,
                                "with BucketSuffix '" + suffix + "' the bucket of zone '" + zone + "' in environment '" + name + "' would be '" + bucket + suffix + "': " + error);
                            break;
                        }
                    }
                }
            }
        }

        private static int? Int(AttributeData attribute, string name) =>
            AttributeArguments.TryGetNamed(attribute, name, out var value) && value.Value is int number ? number : null;

        /// <summary>Reports only the attributes applied in the tree being analyzed (each tree reports its own).</summary>
        private void Report(DiagnosticDescriptor descriptor, Location location, AttributeData attribute, string message)
        {
            if (attribute.ApplicationSyntaxReference?.SyntaxTree == context.SemanticModel.SyntaxTree)
            {
                context.ReportDiagnostic(Diagnostic.Create(descriptor, location, message));
            }
        }
    }
}

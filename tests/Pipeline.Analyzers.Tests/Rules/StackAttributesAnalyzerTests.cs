using System;
using System.Reflection;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Pipeline.Analyzers.Rules;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.StackAttributesAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

public class StackAttributesAnalyzerTests
{
    /// <summary>examples/RetailLake/Stack.cs, verbatim.</summary>
    private const string RetailLakeStack = """
        using Pipeline.Dsl;

        // The deployment stack of the RetailLake pipelines: who owns it, its storage zones and its environments.
        // Buckets of the pipelines' S3 paths that no zone names (acme-analytics, acme-quarantine) become managed data zones.
        [assembly: PipelineStack("retail-lake", Owner = "data-platform", CostCenter = "retail-analytics", ArchiveAfterDays = 90)]
        [assembly: DataZone("raw", "acme-raw", Database = "retail", CrawlerSchedule = "cron(0 1 * * ? *)")]
        [assembly: DataZone("curated", "acme-curated")]
        [assembly: DataZone("scripts", "acme-glue-scripts")]
        [assembly: DataZone("temp", "acme-glue-temp")]
        [assembly: DataZone("logs", "acme-access-logs")]
        [assembly: DeploymentEnvironment("dev", BucketSuffix = "-dev", MaxWorkers = 2, SchedulesEnabled = false)]
        [assembly: DeploymentEnvironment("staging", BucketSuffix = "-staging", MaxWorkers = 5)]
        [assembly: DeploymentEnvironment("prod")]
        """;

    private const string Stack = """[assembly: Pipeline.Dsl.PipelineStack("lake", Owner = "data-platform", CostCenter = "cc-1")]""";

    private static Task Verify(string attributes, params DiagnosticResult[] expected) =>
        Verifier.VerifyAsync("using Pipeline.Dsl;\n" + attributes + "\n", expected);

    [Fact]
    public Task RetailLake_stack_reports_nothing() => Verifier.VerifyAsync(RetailLakeStack);

    [Fact]
    public Task No_stack_attributes_report_nothing() => Verifier.VerifyAsync(Sources.Job());

    [Fact]
    public Task Every_setting_at_its_bounds_reports_nothing() => Verify(
        Stack.Replace(")]", ", ArchiveAfterDays = 31, NoncurrentVersionExpirationDays = 1, TempExpirationDays = 36500, LogRetentionDays = 3653)]") + """

        [assembly: DataZone("raw_events", "a-b", Managed = false, Database = "events_raw", CrawlerSchedule = "cron(0/5 * * * ? *)")]
        [assembly: DataZone("z2345678901234567890123456789012", "b23456789012345678901234567890123456789012345678901234567")]
        [assembly: DeploymentEnvironment("prod", AccountId = "123456789012", Region = "us-gov-west-1", BucketSuffix = "", MaxWorkers = 0, AlertEmail = "data.oncall+glue@acme-corp.example.com")]
        [assembly: DeploymentEnvironment("dev", Region = "ap-southeast-2", BucketSuffix = "-dev-2", MaxWorkers = 2)]
        """);

    // ---- [PipelineStack] ----

    [Theory]
    [InlineData("Retail-Lake")]
    [InlineData("1lake")]
    [InlineData("retail.lake")]
    [InlineData("")]
    [InlineData("a23456789012345678901234567890123")]
    public Task PIPE037_stack_name(string name) => Verify(
        $$"""[assembly: PipelineStack({|PIPE037:"{{name}}"|}, Owner = "o", CostCenter = "c")]""");

    [Fact]
    public Task PIPE037_stack_name_by_parameter_name() => Verify(
        """[assembly: PipelineStack(Owner = "o", CostCenter = "c", name: {|PIPE037:"Bad Name"|})]""");

    [Fact]
    public Task PIPE036_stack_declared_twice() => Verify(Stack + "\n" + """[assembly: {|PIPE036:PipelineStack("other", Owner = "o", CostCenter = "c")|}]""");

    [Theory]
    [InlineData("ArchiveAfterDays", 30)]
    [InlineData("ArchiveAfterDays", 36501)]
    [InlineData("NoncurrentVersionExpirationDays", 0)]
    [InlineData("NoncurrentVersionExpirationDays", 36501)]
    [InlineData("TempExpirationDays", -1)]
    [InlineData("TempExpirationDays", 40000)]
    [InlineData("LogRetentionDays", 30)]
    [InlineData("LogRetentionDays", 366)]
    [InlineData("LogRetentionDays", 0)]
    public Task PIPE043_lifecycle_and_log_retention(string argument, int days) => Verify(
        $$"""[assembly: PipelineStack("lake", Owner = "o", CostCenter = "c", {{argument}} = {|PIPE043:{{days}}|})]""");

    [Fact]
    public Task PIPE043_message_names_the_allowed_values() => Verify(
        """[assembly: PipelineStack("lake", Owner = "o", CostCenter = "c", LogRetentionDays = {|#0:90|})]""",
        new DiagnosticResult("PIPE043", DiagnosticSeverity.Error).WithLocation(0)
            .WithArguments("LogRetentionDays is 90; use a CloudWatch Logs retention of at least a year: 365, 400, 545, 731, 1827, 3653 days (the generator would use 365)"));

    [Theory]
    [InlineData("Owner = {|PIPE041:\"\"|}, CostCenter = \"c\"")]
    [InlineData("Owner = \"o\", CostCenter = {|PIPE041:\"\"|}")]
    public Task PIPE041_empty_owner_or_cost_center(string arguments) => Verify(
        $$"""[assembly: PipelineStack("lake", {{arguments}})]""");

    [Fact]
    public Task PIPE041_whitespace_owner() => Verify(
        """[assembly: PipelineStack("lake", Owner = {|PIPE041:"  "|}, CostCenter = "c")]""");

    [Fact]
    public Task PIPE041_missing_owner_and_cost_center_on_the_attribute() => Verify(
        """[assembly: {|#0:PipelineStack("lake")|}]""",
        new DiagnosticResult("PIPE041", DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("[PipelineStack] has no Owner; set Owner = \"...\" so every stack resource has an accountable owner (else the default tag is taken from the jobs' tags, and left out when they disagree)"),
        new DiagnosticResult("PIPE041", DiagnosticSeverity.Warning).WithLocation(0)
            .WithArguments("[PipelineStack] has no CostCenter; set CostCenter = \"...\" so every stack resource has an accountable owner (else the default tag is taken from the jobs' tags, and left out when they disagree)"));

    // ---- [DataZone] ----

    [Theory]
    [InlineData("Raw")]
    [InlineData("_raw")]
    [InlineData("raw zone")]
    [InlineData("")]
    public Task PIPE037_zone_name(string zone) => Verify(Stack + "\n" + $$"""[assembly: DataZone({|PIPE037:"{{zone}}"|}, "acme-raw")]""");

    [Theory]
    [InlineData("Bad_Bucket")]
    [InlineData("acme.raw")]
    [InlineData("ab")]
    [InlineData("acme-raw-")]
    [InlineData("xn--acme")]
    [InlineData("acme--ol-s3")]
    [InlineData("s3://acme-raw")]
    [InlineData("acme-raw/orders")]
    [InlineData("acme raw")]
    [InlineData("")]
    public Task PIPE038_zone_bucket(string bucket) => Verify(Stack + "\n" + $$"""[assembly: DataZone("raw", {|PIPE038:"{{bucket}}"|})]""");

    [Fact]
    public Task PIPE038_zone_bucket_by_parameter_name() => Verify(
        Stack + "\n" + """[assembly: DataZone(bucket: {|PIPE038:"Bad_Bucket"|}, zone: "raw")]""");

    [Fact]
    public Task PIPE036_zone_declared_twice() => Verify(Stack + "\n" + """
        [assembly: DataZone("raw", "acme-raw")]
        [assembly: DataZone({|PIPE036:"raw"|}, "acme-raw-2")]
        """);

    [Theory]
    [InlineData("cron(0 1 * * *)")]
    [InlineData("0 1 * * ? *")]
    [InlineData("cron(* * * * ? *)")]
    [InlineData("")]
    public Task PIPE032_crawler_schedule(string schedule) => Verify(
        Stack + "\n" + $$"""[assembly: DataZone("raw", "acme-raw", CrawlerSchedule = {|PIPE032:"{{schedule}}"|})]""");

    [Theory]
    [InlineData("Retail")]
    [InlineData("retail-db")]
    [InlineData("1retail")]
    [InlineData("")]
    public Task PIPE037_crawler_database(string database) => Verify(
        Stack + "\n" + $$"""[assembly: DataZone("raw-events", "acme-raw", Database = {|PIPE037:"{{database}}"|})]""");

    [Fact]
    public Task PIPE000_crawler_settings_on_a_zone_without_crawler() => Verify(Stack + "\n" + """
        [assembly: DataZone("curated", "acme-curated", Database = {|PIPE000:"curated"|}, CrawlerSchedule = {|PIPE000:"cron(0 1 * * ? *)"|})]
        """);

    // ---- [DeploymentEnvironment] ----

    [Theory]
    [InlineData("Prod")]
    [InlineData("prod env")]
    [InlineData("")]
    public Task PIPE037_environment_name(string name) => Verify(Stack + "\n" + $$"""[assembly: DeploymentEnvironment({|PIPE037:"{{name}}"|})]""");

    [Fact]
    public Task PIPE036_environment_declared_twice() => Verify(Stack + "\n" + """
        [assembly: DeploymentEnvironment("prod")]
        [assembly: DeploymentEnvironment({|PIPE036:"prod"|}, MaxWorkers = 4)]
        """);

    [Theory]
    [InlineData("AccountId", "12345678901")]
    [InlineData("AccountId", "1234-5678-9012")]
    [InlineData("AccountId", "")]
    [InlineData("Region", "EU-WEST-1")]
    [InlineData("Region", "eu-west")]
    [InlineData("Region", "Frankfurt")]
    [InlineData("Region", "")]
    [InlineData("AlertEmail", "oncall")]
    [InlineData("AlertEmail", "oncall@acme")]
    [InlineData("AlertEmail", "on call@acme.com")]
    [InlineData("AlertEmail", "")]
    public Task PIPE000_environment_settings(string argument, string value) => Verify(
        Stack + "\n" + $$"""[assembly: DeploymentEnvironment("prod", {{argument}} = {|PIPE000:"{{value}}"|})]""");

    [Theory]
    [InlineData("_dev")]
    [InlineData("-DEV")]
    [InlineData("-dev.1")]
    [InlineData("-a-very-long-suffix-xyz")]
    [InlineData("-dev-")]
    [InlineData("--x-s3")]
    public Task PIPE038_bucket_suffix(string suffix) => Verify(
        Stack + "\n" + "[assembly: DataZone(\"raw\", \"acme-raw\")]\n"
        + $$"""[assembly: DeploymentEnvironment("dev", BucketSuffix = {|PIPE038:"{{suffix}}"|})]""");

    [Fact]
    public Task PIPE038_bucket_suffix_making_a_declared_bucket_too_long() => Verify(
        Stack + "\n" + "[assembly: DataZone(\"raw\", \"a23456789012345678901234567890123456789012345678901234567890\")]\n"
        + """[assembly: DeploymentEnvironment("dev", BucketSuffix = {|#0:"-dev"|})]""",
        new DiagnosticResult("PIPE038", DiagnosticSeverity.Error).WithLocation(0).WithArguments(
            "with BucketSuffix '-dev' the bucket of zone 'raw' in environment 'dev' would be 'a23456789012345678901234567890123456789012345678901234567890-dev': "
            + "bucket name 'a23456789012345678901234567890123456789012345678901234567890-dev' must be 3-63 characters long"));

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public Task PIPE004_max_workers(int maxWorkers) => Verify(
        Stack + "\n" + $$"""[assembly: DeploymentEnvironment("dev", MaxWorkers = {|PIPE004:{{maxWorkers}}|})]""");

    [Fact]
    public Task Diagnostics_are_reported_in_the_file_that_applies_the_attribute()
    {
        var test = new Microsoft.CodeAnalysis.CSharp.Testing.CSharpAnalyzerTest<StackAttributesAnalyzer, DefaultVerifier>
        {
            ReferenceAssemblies = TestReferences.Net80,
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.TestState.AdditionalReferences.Add(typeof(Pipeline.Dsl.PipelineStackAttribute).Assembly);
        test.TestState.Sources.Add(("Stack.cs", "using Pipeline.Dsl;\n" + Stack + "\n[assembly: DataZone(\"raw\", \"acme-raw\")]\n"));
        test.TestState.Sources.Add(("Zones.cs", "using Pipeline.Dsl;\n[assembly: DataZone({|PIPE036:\"raw\"|}, {|PIPE038:\"Acme\"|})]\n"));
        return test.RunAsync();
    }

    // ---- agreement with StackParser's private rules ----

    [Theory]
    [InlineData("raw")]
    [InlineData("raw-events_2")]
    [InlineData("a23456789012345678901234567890123")]
    [InlineData("a2345678901234567890123456789012")]
    [InlineData("Raw")]
    [InlineData("_raw")]
    [InlineData("9raw")]
    [InlineData("raw.zone")]
    [InlineData("")]
    [InlineData(null)]
    public void Name_rule_agrees_with_StackParser(string? value) =>
        Assert.Equal(StackParserRule<string?>("IsName", value), StackAttributesAnalyzer.NameError("zone", value) is null);

    [Theory]
    [InlineData("")]
    [InlineData("-dev")]
    [InlineData("-dev-2")]
    [InlineData("12345678901234567890")]
    [InlineData("123456789012345678901")]
    [InlineData("_dev")]
    [InlineData("-Dev")]
    [InlineData("-dev.1")]
    public void Suffix_rule_agrees_with_StackParser(string value) =>
        Assert.Equal(StackParserRule("IsSuffix", value), StackAttributesAnalyzer.SuffixError(value) is null);

    [Theory]
    [InlineData("acme-raw")]
    [InlineData("abc")]
    [InlineData("ab")]
    [InlineData("acme.raw")]
    [InlineData("Acme")]
    [InlineData("acme-")]
    [InlineData("sthree-acme")]
    [InlineData("acme-s3alias")]
    [InlineData("")]
    [InlineData(null)]
    public void Bucket_rule_agrees_with_StackParser(string? value) =>
        Assert.Equal(StackParserRule<string?>("IsBucket", value), StackAttributesAnalyzer.BucketError(value) is null);

    [Theory]
    [InlineData("acme-raw/orders")]
    [InlineData("acme-raw/a/b")]
    public void Bucket_with_a_key_is_rejected_by_both(string value)
    {
        Assert.False(StackParserRule("IsBucket", value));
        Assert.NotNull(StackAttributesAnalyzer.BucketError(value));
    }

    [Fact]
    public void Stack_tag_descriptor_matches_PIPE041()
    {
        var job = DiagnosticDescriptors.MissingRequiredTag;
        var stack = DiagnosticDescriptors.MissingStackTag;
        Assert.Equal((job.Id, job.Category, job.DefaultSeverity, job.HelpLinkUri), (stack.Id, stack.Category, stack.DefaultSeverity, stack.HelpLinkUri));
    }

    /// <summary>StackParser's private rule of the same name, from the copy linked into the analyzer assembly.</summary>
    private static bool StackParserRule<T>(string method, T value)
    {
        var parser = typeof(StackAttributesAnalyzer).Assembly.GetType("Pipeline.Generators.Parsing.StackParser", throwOnError: true)!;
        var rule = parser.GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static) ?? throw new MissingMethodException("StackParser", method);
        return (bool)rule.Invoke(null, new object?[] { value })!;
    }
}

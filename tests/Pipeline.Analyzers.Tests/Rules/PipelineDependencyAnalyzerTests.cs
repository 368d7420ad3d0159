using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.PipelineDependencyAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

public class PipelineDependencyAnalyzerTests
{
    private static string Two(string firstJob, string secondJob, string secondSource) => $$"""
using System;
using Pipeline.Dsl;

namespace Shop;

public sealed record Row { public string Id { get; init; } = ""; }

[{{firstJob}}]
public sealed partial class First
{
    [CatalogSource("sales", "second_out")]
    public partial Dataset<Row> Input { get; }

    [S3Sink("s3://acme-curated/first/", Database = "sales", Table = "first_out")]
    public Dataset<Row> Output(Dataset<Row> input) => input;
}

[{{secondJob}}]
public sealed partial class Second
{
    {{secondSource}}
    public partial Dataset<Row> Input { get; }

    [S3Sink("s3://acme-curated/second/", Database = "sales", Table = "second_out")]
    public Dataset<Row> Output(Dataset<Row> input) => input;
}
""";

    [Fact]
    public Task Chain_without_cycle_is_fine() => Verifier.VerifyAsync(Two(
        """GlueJob("first", TimeoutMinutes = 60)""",
        """GlueJob("second", TimeoutMinutes = 60)""",
        """[S3Source("s3://acme-raw/second/")]"""));

    [Fact]
    public Task PIPE034_cycle_through_catalog_tables() => Verifier.VerifyAsync(Two(
        """{|PIPE034:GlueJob("first", TimeoutMinutes = 60)|}""",
        """{|PIPE034:GlueJob("second", TimeoutMinutes = 60)|}""",
        """[CatalogSource("sales", "first_out")]"""));

    [Fact]
    public Task PIPE034_cycle_through_a_path_under_a_sink() => Verifier.VerifyAsync(Two(
        """{|PIPE034:GlueJob("first", TimeoutMinutes = 60)|}""",
        """{|PIPE034:GlueJob("second", TimeoutMinutes = 60)|}""",
        """[S3Source("s3://acme-curated/first/year=2024/")]"""));

    [Fact]
    public Task Sibling_prefix_is_not_a_dependency() => Verifier.VerifyAsync(Two(
        """GlueJob("first", TimeoutMinutes = 60)""",
        """GlueJob("second", TimeoutMinutes = 60)""",
        """[S3Source("s3://acme-curated/first_archive/")]"""));

    [Fact]
    public Task PIPE036_two_jobs_with_one_name_are_reported_at_both_names() => Verifier.VerifyAsync(Two(
        """GlueJob({|PIPE036:"orders-daily"|}, TimeoutMinutes = 60)""",
        """GlueJob({|PIPE036:"orders-daily"|}, TimeoutMinutes = 60)""",
        """[S3Source("s3://acme-raw/second/")]"""));

    [Fact]
    public Task PIPE036_names_that_become_one_identifier_clash() => Verifier.VerifyAsync(Two(
        """GlueJob({|PIPE036:"orders-daily"|}, TimeoutMinutes = 60)""",
        """GlueJob({|PIPE036:"Orders_Daily"|}, TimeoutMinutes = 60)""",
        """[S3Source("s3://acme-raw/second/")]"""));

    [Fact]
    public Task PIPE036_message_names_the_other_job() => Verifier.VerifyAsync(
        Two("""GlueJob("orders-daily", TimeoutMinutes = 60)""", """GlueJob("orders-daily", TimeoutMinutes = 60)""", """[S3Source("s3://acme-raw/second/")]"""),
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult("PIPE036", Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithSpan(8, 10, 8, 24)
            .WithMessage("Job name 'orders-daily' is also used by Shop.Second ('orders-daily'); a job name becomes the Glue job, script and Terraform names (here 'orders_daily'), so each pipeline needs its own"),
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult("PIPE036", Microsoft.CodeAnalysis.DiagnosticSeverity.Error).WithSpan(18, 10, 18, 24)
            .WithMessage("Job name 'orders-daily' is also used by Shop.First ('orders-daily'); a job name becomes the Glue job, script and Terraform names (here 'orders_daily'), so each pipeline needs its own"));
}

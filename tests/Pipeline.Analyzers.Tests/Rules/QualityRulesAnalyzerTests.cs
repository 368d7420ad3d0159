using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.QualityRulesAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

public class QualityRulesAnalyzerTests
{
    [Fact]
    public Task Valid_rules_over_known_columns_are_fine() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Sink("s3://acme-curated/orders/")]
        [Quality("RowCount > 0, IsComplete \"id\", ColumnValues \"amount\" between 0 and 100000")]
        [Quality("(IsUnique \"id\") and (Completeness \"region_code\" >= 0.9)")]
        [Quality(@"ColumnValues ""order_date"" > (now() - 2 days)")]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));

    [Fact]
    public Task PIPE022_unknown_column_is_reported_inside_the_literal() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Sink("s3://acme-curated/orders/")]
        [Quality("RowCount > 0, Uniqueness id {|PIPE022:customer_id|} > 0.9")]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));

    [Fact]
    public Task PIPE022_property_name_instead_of_column_name() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Sink("s3://acme-curated/orders/")]
        [Quality("IsComplete {|PIPE022:OrderDate|}")]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));

    [Fact]
    public Task PIPE022_escaped_literal_reports_the_column_token() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Sink("s3://acme-curated/orders/")]
        [Quality("IsComplete \"{|PIPE022:customer|}\"")]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));

    [Fact]
    public Task PIPE022_after_unicode_and_tab_escapes() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Sink("s3://acme-curated/orders/")]
        [Quality("ColumnValues \"region_code\" in [\"\u00e9\"],\tIsComplete {|PIPE022:custmer|}")]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));

    [Fact]
    public Task PIPE022_verbatim_literal_reports_the_column_token() => Verifier.VerifyAsync(Sources.Job(body: """"
        [S3Sink("s3://acme-curated/orders/")]
        [Quality(@"IsComplete ""{|PIPE022:customer|}""")]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """"));

    [Fact]
    public Task PIPE022_raw_literal_reports_the_column_token() => Verifier.VerifyAsync(Sources.Job(body: """"
        [S3Sink("s3://acme-curated/orders/")]
        [Quality("""IsComplete "{|PIPE022:customer|}" """)]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """"));

    [Fact]
    public Task PIPE022_multi_line_raw_literal_reports_the_column_token() => Verifier.VerifyAsync(Sources.Job(body: """"
        [S3Sink("s3://acme-curated/orders/")]
        [Quality("""
            RowCount > 0,
            IsComplete "{|PIPE022:customer|}"
            """)]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """"));

    [Fact]
    public Task PIPE022_a_constant_reports_the_whole_argument() => Verifier.VerifyAsync(Sources.Job(body: """
        private const string Rules = "IsComplete customer";

        [S3Sink("s3://acme-curated/orders/")]
        [Quality({|PIPE022:Rules|})]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));

    [Fact]
    public Task PIPE025_unknown_rule_type_is_reported_on_the_word() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Sink("s3://acme-curated/orders/")]
        [Quality("RowCount > 0, {|PIPE025:RowsCount|} > 0")]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));

    [Fact]
    public Task PIPE025_uppercase_keyword() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Sink("s3://acme-curated/orders/")]
        [Quality("RowCount {|PIPE025:BETWEEN|} 1 and 10")]
        public Dataset<Order> Curated(Dataset<Order> orders) => orders;
    """));
}

using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.AnalyzerVerifier<Pipeline.Analyzers.Rules.PipelineStructureAnalyzer>;

namespace Pipeline.Analyzers.Tests.Rules;

public class PipelineStructureAnalyzerTests
{
    [Fact]
    public Task Valid_pipeline_has_no_problem() => Verifier.VerifyAsync(Sources.Job());

    [Fact]
    public Task Settings_problems_are_left_to_the_dedicated_analyzers() => Verifier.VerifyAsync(Sources.Job(
        glueJob: """GlueJob("orders daily", Workers = 1, Schedule = "cron(* * * * ? *)")"""));

    [Fact]
    public Task PIPE000_null_quality_rule() => Verifier.VerifyAsync(Sources.Job().Replace(
        "[Quality(\"RowCount > 0\")]", "[Quality({|PIPE000:null|})]"));

    [Fact]
    public Task PIPE000_null_partition_keys() => Verifier.VerifyAsync(Sources.Job().Replace(
        "[PartitionBy(nameof(Order.OrderDate))]", "[PartitionBy({|PIPE000:null|})]"));

    [Fact]
    public Task PIPE103_class_not_partial() => Verifier.VerifyAsync(Sources.Job().Replace(
        "public sealed partial class OrdersDaily", "public sealed class {|PIPE103:OrdersDaily|}"));

    [Fact]
    public Task PIPE103_source_property_not_partial() => Verifier.VerifyAsync(Sources.Job().Replace(
        "public partial Dataset<RawOrder> Orders { get; }", "public Dataset<RawOrder> {|PIPE103:Orders|} { get; } = Dataset<RawOrder>.Empty;"));

    [Fact]
    public Task PIPE101_parameter_bound_to_nothing() => Verifier.VerifyAsync(Sources.Job().Replace(
        "Curated(Dataset<RawOrder> orders) =>\n        orders.", "Curated(Dataset<RawOrder> {|PIPE101:order|}) =>\n        order."));

    [Fact]
    public Task PIPE105_block_body() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Source("s3://acme-raw/orders/")]
        public partial Dataset<RawOrder> Orders { get; }

        [S3Sink("s3://acme-curated/orders/")]
        public Dataset<Order> {|PIPE105:Curated|}(Dataset<RawOrder> orders)
        {
            var x = 1;
            return orders.Select(o => new Order { Id = o.OrderId, Amount = o.Amount + x, OrderDate = o.CreatedAt });
        }
    """));

    [Fact]
    public Task PIPE104_quarantine_without_path() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Source("s3://acme-raw/orders/")]
        public partial Dataset<RawOrder> Orders { get; }

        [S3Sink("s3://acme-curated/orders/")]
        [OnQualityFailure({|PIPE104:QualityAction.Quarantine|})]
        public Dataset<Order> Curated(Dataset<RawOrder> orders) =>
            orders.Select(o => new Order { Id = o.OrderId, Amount = o.Amount, OrderDate = o.CreatedAt });
    """));

    [Fact]
    public Task PIPE100_untranslatable_call() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Source("s3://acme-raw/orders/")]
        public partial Dataset<RawOrder> Orders { get; }

        [S3Sink("s3://acme-curated/orders/")]
        public Dataset<Order> Curated(Dataset<RawOrder> orders) =>
            orders.Where(o => {|PIPE100:o.OrderId.GetHashCode()|} > 0)
                  .Select(o => new Order { Id = o.OrderId, Amount = o.Amount, OrderDate = o.CreatedAt });
    """));

    private static string MergeSink(string sinkArguments) => Sources.Job(body: $$"""
        [S3Source("s3://acme-raw/orders/")]
        public partial Dataset<RawOrder> Orders { get; }

        [S3Sink("s3://acme-curated/orders/", {{sinkArguments}})]
        [PartitionBy(nameof(Order.OrderDate))]
        public Dataset<Order> Curated(Dataset<RawOrder> orders) =>
            orders.Select(o => new Order { Id = o.OrderId, Amount = o.Amount, OrderDate = o.CreatedAt });
    """);

    [Fact]
    public Task Merge_with_a_key_has_no_problem() => Verifier.VerifyAsync(MergeSink("Mode = WriteMode.Merge, Key = nameof(Order.Id)"));

    [Fact]
    public Task Merge_with_a_compound_key_by_property_and_column_name() => Verifier.VerifyAsync(MergeSink("Mode = WriteMode.Merge, Key = \"Id, region_code\""));

    [Fact]
    public Task PIPE107_merge_without_a_key() => Verifier.VerifyAsync(MergeSink("Mode = {|PIPE107:WriteMode.Merge|}"));

    [Fact]
    public Task PIPE107_merge_key_is_not_a_column() => Verifier.VerifyAsync(MergeSink("Mode = WriteMode.Merge, Key = {|PIPE107:\"OrderNumber\"|}"));

    [Fact]
    public Task PIPE107_merge_key_is_not_primitive() => Verifier.VerifyAsync(MergeSink("Mode = WriteMode.Merge, Key = {|PIPE107:nameof(Order.ShipTo)|}"));

    [Fact]
    public Task PIPE107_key_without_merge() => Verifier.VerifyAsync(MergeSink("Mode = WriteMode.OverwritePartitions, Key = {|PIPE107:nameof(Order.Id)|}"));

    [Fact]
    public Task PIPE000_merge_cannot_quarantine_yet() => Verifier.VerifyAsync(Sources.Job(body: """
        [S3Source("s3://acme-raw/orders/")]
        public partial Dataset<RawOrder> Orders { get; }

        [S3Sink("s3://acme-curated/orders/", Mode = {|PIPE000:WriteMode.Merge|}, Key = nameof(Order.Id))]
        [OnQualityFailure(QualityAction.Quarantine, QuarantinePath = "s3://acme-quarantine/orders/")]
        public Dataset<Order> Curated(Dataset<RawOrder> orders) =>
            orders.Select(o => new Order { Id = o.OrderId, Amount = o.Amount, OrderDate = o.CreatedAt });
    """));
}

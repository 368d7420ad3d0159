using System.Threading.Tasks;
using Xunit;
using Verifier = Pipeline.Analyzers.Tests.CodeFixes.CodeFixVerifier<Pipeline.Analyzers.Rules.PipelineStructureAnalyzer, Pipeline.CodeFixes.MakePartialFixer>;

namespace Pipeline.Analyzers.Tests.CodeFixes;

public class MakePartialFixerTests
{
    [Fact]
    public Task PIPE103_class_gets_partial_after_its_modifiers() => Verifier.VerifyAsync(
        Sources.Job().Replace("public sealed partial class OrdersDaily", "public sealed class {|PIPE103:OrdersDaily|}"),
        Sources.Job());

    [Fact]
    public Task PIPE103_source_property_becomes_partial_with_only_a_getter() => Verifier.VerifyAsync(
        Sources.Job().Replace("public partial Dataset<RawOrder> Orders { get; }", "public Dataset<RawOrder> {|PIPE103:Orders|} { get; } = Dataset<RawOrder>.Empty;"),
        Sources.Job());

    [Fact]
    public Task PIPE103_property_with_a_setter_loses_it() => Verifier.VerifyAsync(
        Sources.Job().Replace("public partial Dataset<RawOrder> Orders { get; }", "public Dataset<RawOrder> {|PIPE103:Orders|} { get; set; }"),
        Sources.Job());

    [Fact]
    public Task Fix_all_makes_the_class_and_its_source_property_partial() => Verifier.VerifyAsync(
        Sources.Job()
            .Replace("public sealed partial class OrdersDaily", "public sealed class {|PIPE103:OrdersDaily|}")
            .Replace("public partial Dataset<RawOrder> Orders { get; }", "public Dataset<RawOrder> {|PIPE103:Orders|} { get; } = Dataset<RawOrder>.Empty;"),
        Sources.Job());
}

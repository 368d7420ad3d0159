using System.Linq;
using Pipeline.Generators.Emit;
using Xunit;

namespace Pipeline.Generators.Tests;

/// <summary>
/// Source roles: a source used only as a join's lookup side is a reference (read whole, no <c>transformation_ctx</c>)
/// unless declared an increment; the same flag drives the Glue script and the local plan.
/// </summary>
public class SourceRoleTests
{
    private static Model.PipelineSpec Parse(string source)
    {
        var (_, output, diagnostics) = GeneratorHarness.Run(source);
        Assert.Empty(diagnostics);
        return GeneratorOutputTests.ParseSpec(output, "Shop.CustomerRevenue");
    }

    private static string Script(Model.PipelineSpec spec) => PySparkEmitter.Emit(spec);

    [Fact]
    public void A_lookup_side_is_a_reference_by_default_and_only_increments_carry_a_transformation_ctx()
    {
        var spec = Parse(TestPipelines.CustomerRevenue);
        Assert.True(spec.Sources.Single(s => s.Name == "Orders").Bookmarked);
        Assert.False(spec.Sources.Single(s => s.Name == "Customers").Bookmarked);

        var script = Script(spec);
        Assert.Contains("transformation_ctx=\"source_orders\"", script);
        Assert.DoesNotContain("transformation_ctx=\"source_customers\"", script);
        Assert.Contains("if orders_records == 0:", script);
        Assert.Contains("\"bookmarked\": false", LocalPlanEmitter.Emit(spec).Replace("\"bookmarked\":false", "\"bookmarked\": false"));
    }

    [Theory]
    [InlineData("Role = SourceRole.Increment", true)]
    [InlineData("Bookmarked = true", true)]
    [InlineData("Role = SourceRole.Reference", false)]
    [InlineData("Bookmarked = false", false)]
    public void A_declared_role_wins_over_the_default(string declaration, bool bookmarked)
    {
        var spec = Parse(TestPipelines.CustomerRevenue.Replace("[CatalogSource(\"retail\", \"customers\")]", $"[CatalogSource(\"retail\", \"customers\", {declaration})]"));
        Assert.Equal(bookmarked, spec.Sources.Single(s => s.Name == "Customers").Bookmarked);
        Assert.Equal(bookmarked, Script(spec).Contains("transformation_ctx=\"source_customers\""));
    }

    [Fact]
    public void The_driving_side_declared_a_reference_is_read_whole()
    {
        var spec = Parse(TestPipelines.CustomerRevenue.Replace("[CatalogSource(\"retail\", \"orders\",", "[CatalogSource(\"retail\", \"orders\", Role = SourceRole.Reference,"));
        Assert.False(spec.Sources.Single(s => s.Name == "Orders").Bookmarked);
        Assert.DoesNotContain("no_new_input", Script(spec));
    }
}

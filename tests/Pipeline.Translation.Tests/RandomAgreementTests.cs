using System.Collections.Generic;
using System.Linq;
using Pipeline.Translation.Tests.Pipelines;
using Xunit;

namespace Pipeline.Translation.Tests;

/// <summary>Every stage of the test pipelines, C# against DuckDB, on seeded random rows and on empty inputs.</summary>
public sealed class RandomAgreementTests
{
    public static IEnumerable<object[]> Seeds => RandomData.Seeds.Select(s => new object[] { s });

    private static Sources Items(int seed) => Sources.Of(("Items", new RandomData(seed).Items(150)));

    private static Sources Relational(int seed)
    {
        var data = new RandomData(seed);
        return Sources.Of(("Orders", data.Orders(120)), ("Customers", data.Customers(12)));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Filter(int seed) => DuckDbOracleHarness.AssertAgree(typeof(ExpressionsJob), Items(seed), "Filtered", "Output");

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Predicates(int seed) => DuckDbOracleHarness.AssertAgree(typeof(ExpressionsJob), Items(seed), "Predicates");

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Arithmetic(int seed) => DuckDbOracleHarness.AssertAgree(typeof(ExpressionsJob), Items(seed), "Arithmetic");

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Strings(int seed) => DuckDbOracleHarness.AssertAgree(typeof(ExpressionsJob), Items(seed), "Strings");

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Dates(int seed) => DuckDbOracleHarness.AssertAgree(typeof(ExpressionsJob), Items(seed), "Dates");

    [Theory]
    [MemberData(nameof(Seeds))]
    public void DistinctBy(int seed) => DuckDbOracleHarness.AssertAgree(typeof(RelationalJob), Relational(seed), "Distinct", "DistinctPair");

    [Theory]
    [MemberData(nameof(Seeds))]
    public void GroupBy(int seed) => DuckDbOracleHarness.AssertAgree(typeof(RelationalJob), Relational(seed), "ByRegion", "ByRegionCustomer", "ByBucket", "Output");

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Joins(int seed) => DuckDbOracleHarness.AssertAgree(typeof(RelationalJob), Relational(seed), "Joined", "LeftJoined", "CompositeJoined");

    [Theory]
    [MemberData(nameof(Seeds))]
    public void UnionAndConcat(int seed) => DuckDbOracleHarness.AssertAgree(typeof(RelationalJob), Relational(seed), "Unioned", "Concatenated");

    [Fact]
    public void EmptyInputs()
    {
        DuckDbOracleHarness.AssertAgree(typeof(ExpressionsJob), Sources.Of(("Items", new List<Item>())));
        DuckDbOracleHarness.AssertAgree(typeof(RelationalJob), Sources.Of(("Orders", new List<OrderRow>()), ("Customers", new List<CustomerRow>())));
        DuckDbOracleHarness.AssertAgree(typeof(RelationalJob), Sources.Of(("Orders", new RandomData(3).Orders(40)), ("Customers", new List<CustomerRow>())));
        DuckDbOracleHarness.AssertAgree(typeof(RelationalJob), Sources.Of(("Orders", new List<OrderRow>()), ("Customers", new RandomData(3).Customers(10))));
    }

    [Fact]
    public void OneRow() => DuckDbOracleHarness.AssertAgree(typeof(ExpressionsJob), Sources.Of(("Items", new RandomData(5).Items(1))), "Filtered", "Predicates", "Arithmetic", "Strings", "Dates");
}

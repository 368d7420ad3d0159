using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Pipeline.Dsl;

namespace Pipeline.Analyzers.Tests;

/// <summary>Runs one analyzer over markup source (<c>{|PIPE001:span|}</c>) with Pipeline.Dsl referenced and C# preview.</summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = TestReferences.Net80,
            // Partial properties have no implementing part without the generator; only the analyzer's findings matter here.
            CompilerDiagnostics = CompilerDiagnostics.None,
        };
        test.TestState.AdditionalReferences.Add(typeof(GlueJobAttribute).Assembly);
        test.SolutionTransforms.Add((solution, projectId) =>
        {
            var options = (CSharpParseOptions)solution.GetProject(projectId)!.ParseOptions!;
            return solution.WithProjectParseOptions(projectId, options.WithLanguageVersion(LanguageVersion.Preview));
        });
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync(CancellationToken.None);
    }
}

internal static class TestReferences
{
    /// <summary>Shared so the reference pack resolves once ("Reuse ReferenceAssemblies between tests").</summary>
    public static readonly ReferenceAssemblies Net80 = ReferenceAssemblies.Net.Net80;
}

/// <summary>Builds pipeline sources around the piece a test is about.</summary>
internal static class Sources
{
    public const string Tags = """
        [Tag("owner", "data-platform")]
        [Tag("cost-center", "cc-1234")]
        """;

    public const string GoodJob = """GlueJob("orders-daily", TimeoutMinutes = 60, Workers = 10)""";

    public const string DefaultBody = """
    [S3Source("s3://acme-raw/orders/")]
    public partial Dataset<RawOrder> Orders { get; }

    [S3Sink("s3://acme-curated/orders/", Database = "sales", Table = "orders")]
    [PartitionBy(nameof(Order.OrderDate))]
    [Quality("RowCount > 0")]
    public Dataset<Order> Curated(Dataset<RawOrder> orders) =>
        orders.Select(o => new Order { Id = o.OrderId, Amount = o.Amount, OrderDate = o.CreatedAt });
""";

    public static string Job(string glueJob = GoodJob, string body = DefaultBody, string tags = Tags) => $$"""
using System;
using System.Collections.Generic;
using Pipeline.Dsl;

namespace Shop;

{{tags}}
[{{glueJob}}]
public sealed partial class OrdersDaily
{
{{body}}
}

public sealed record RawOrder
{
    public string OrderId { get; init; } = "";
    public decimal Amount { get; init; }
    public DateOnly CreatedAt { get; init; }
}

public sealed record Address
{
    public string City { get; init; } = "";
}

public sealed record Order
{
    [Key] public required string Id { get; init; }
    [Range(0, 100000)] public decimal Amount { get; init; }
    public DateOnly OrderDate { get; init; }
    [Column("region_code")] public string Region { get; init; } = "";
    public Address? ShipTo { get; init; }
    public List<string>? Labels { get; init; }
}
""";
}

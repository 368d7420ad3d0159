using System;
using Pipeline.Dsl;

namespace MyLake;

/// <summary>One line of the raw feed (JSON lines; columns are the property names in snake_case).</summary>
public sealed record RawOrder
{
    public required string OrderId { get; init; }
    public decimal Amount { get; init; }
    public required string Currency { get; init; }
    public required string Status { get; init; }
    public DateTime CreatedAt { get; init; }
}

/// <summary>The curated order. The attributes become data-quality rules (DQDL) and Spark/Glue column types.</summary>
public sealed record Order
{
    [Key, Pattern("^ORD-[0-9]{6}$")] public required string OrderId { get; init; }
    [Range(0, 100_000), Decimal(12, 2)] public decimal Amount { get; init; }
    [AllowedValues("EUR", "USD", "GBP")] public required string Currency { get; init; }
    public int Year { get; init; }
    public int Month { get; init; }
    public int Day { get; init; }
}

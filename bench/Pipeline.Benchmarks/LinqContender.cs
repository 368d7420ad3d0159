using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Pipeline.Dsl;
using RetailLake;

namespace Pipeline.Benchmarks;

/// <summary>
/// Contender c: LINQ-to-objects. Parses the JSON lines with System.Text.Json (source-generated metadata, straight
/// from UTF-8 bytes, files in parallel, file order kept) into <see cref="RawOrder"/>, runs the pipeline's own C#
/// transform <see cref="OrdersDaily.Clean"/>, checks the same rules in one pass in C#, and writes JSON lines (not
/// Parquet: there is no Parquet writer without an extra package) partitioned year=/month=/day= like the others,
/// partitions written in parallel.
/// </summary>
internal static partial class LinqContender
{
    public static ChildResult Run(BenchOptions o)
    {
        var output = Workload.SinkDirectory(o, Contender.Linq);
        Workload.Clean(o.OutputDirectory(Contender.Linq)); // not timed
        var steps = new StepClock();
        var total = Stopwatch.StartNew();

        var files = Directory.GetFiles(o.RawDirectory, "*.json").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var perFile = new List<RawOrder>[files.Length];
        steps.Time("read: parse JSON lines (System.Text.Json, files in parallel)", () =>
            Parallel.For(0, files.Length, i => perFile[i] = Parse(files[i])));
        var raw = Dataset.From(perFile.SelectMany(f => f));
        long input = raw.Count;
        Array.Clear(perFile);

        var clean = steps.Time("transform: new OrdersDaily().Clean(orders)", () => new OrdersDaily().Clean(raw));
        raw = null;

        steps.Time("quality: the ruleset in one pass", () => Check(clean));

        var partitions = steps.Time("write: group by year/month/day", () =>
            clean.GroupBy(r => (r.Year, r.Month, r.Day)).ToList());
        steps.Time("write: JSON lines per partition (parallel)", () =>
            Parallel.ForEach(partitions, p => Write(output, p.Key, p)));

        total.Stop();
        return new ChildResult(Contender.Linq, input, clean.Count, total.Elapsed.TotalSeconds, ProcessStats.PeakRss(), null,
            GC.GetGCMemoryInfo().HeapSizeBytes, steps.Steps, $"{partitions.Count} partitions; output is JSON lines, not Parquet");
    }

    private static List<RawOrder> Parse(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var rows = new List<RawOrder>(bytes.Length / 150);
        var span = bytes.AsSpan();
        while (span.Length > 0)
        {
            var end = span.IndexOf((byte)'\n');
            var line = end < 0 ? span : span[..end];
            span = end < 0 ? default : span[(end + 1)..];
            if (line.Length > 0 && line[^1] == (byte)'\r')
            {
                line = line[..^1];
            }

            if (line.Trim((byte)' ').Length == 0)
            {
                continue;
            }

            rows.Add(JsonSerializer.Deserialize(line, BenchJson.Default.RawOrder)!);
        }

        return rows;
    }

    [GeneratedRegex(Workload.BenchPattern, RegexOptions.CultureInvariant)]
    private static partial Regex OrderIdPattern();

    private static readonly string[] Currencies = { "EUR", "USD", "GBP" };
    private static readonly string[] Channels = { "web", "app", "store", "unknown" };

    /// <summary>The orders-daily ruleset (IsComplete/IsUnique/matches/ColumnLength order_id, IsComplete/ColumnLength
    /// customer_id, amount in [0, 100000], currency and channel allowed values, RowCount > 0), in one pass.</summary>
    private static void Check(Dataset<Order> rows)
    {
        var failures = new long[11];
        var seen = new HashSet<string>(rows.Count, StringComparer.Ordinal);
        var pattern = OrderIdPattern();
        foreach (var r in rows)
        {
            if (r.OrderId is null) failures[0]++;
            else
            {
                if (!seen.Add(r.OrderId)) failures[1]++;
                if (!pattern.IsMatch(r.OrderId)) failures[2]++;
                if (r.OrderId.Length > 32) failures[3]++;
            }

            if (r.CustomerId is null) failures[4]++;
            else if (r.CustomerId.Length > 32) failures[5]++;
            if (r.Amount < 0) failures[6]++;
            if (r.Amount > 100_000) failures[7]++;
            if (Array.IndexOf(Currencies, r.Currency) < 0) failures[8]++;
            if (Array.IndexOf(Channels, r.Channel) < 0) failures[9]++;
        }

        if (rows.Count == 0) failures[10]++;
        if (failures.Any(f => f != 0))
        {
            throw new InvalidOperationException("linq: quality failed, nothing written: " + string.Join(", ", failures));
        }
    }

    private static void Write(string root, (int Year, int Month, int Day) key, IEnumerable<Order> rows)
    {
        var directory = Path.Combine(root, $"year={key.Year}", $"month={key.Month}", $"day={key.Day}");
        Directory.CreateDirectory(directory);
        using var stream = new FileStream(Path.Combine(directory, "data_0.json"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true });
        Span<char> date = stackalloc char[10];
        foreach (var r in rows)
        {
            writer.WriteStartObject();
            writer.WriteString("order_id"u8, r.OrderId);
            writer.WriteString("customer_id"u8, r.CustomerId);
            writer.WriteNumber("amount"u8, r.Amount);
            writer.WriteString("currency"u8, r.Currency);
            writer.WriteString("channel"u8, r.Channel);
            writer.WriteString("status"u8, r.Status);
            writer.WriteString("created_at"u8, r.CreatedAt);
            r.OrderDate.TryFormat(date, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            writer.WriteString("order_date"u8, date);
            writer.WriteEndObject();
            writer.Flush();
            buffer.Write("\n"u8);
            writer.Reset();
            if (buffer.WrittenCount > (1 << 20) - 512)
            {
                stream.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }

        stream.Write(buffer.WrittenSpan);
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(RawOrder))]
internal sealed partial class BenchJson : JsonSerializerContext
{
}

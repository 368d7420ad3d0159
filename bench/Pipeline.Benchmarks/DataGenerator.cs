using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Pipeline.Benchmarks;

/// <summary>
/// Generates the raw orders feed deterministically (seeded, one <see cref="Random"/> per file): JSON lines with the
/// field names and shapes of examples/RetailLake/data/raw/orders, spread over 90 days, with every case orders-daily
/// filters or normalises — test orders, refunds (negative) and zero amounts, guest orders without customer (key
/// missing or null), duplicate deliveries of an order (also with blanks around the id), mixed-case and padded
/// currency/channel, missing channel, mixed-case status.
/// </summary>
internal static class DataGenerator
{
    private const int Version = 1;
    private static readonly DateTime Start = new(2024, 9, 1, 0, 0, 0, DateTimeKind.Unspecified);
    private const int Days = 90;

    /// <summary>The marker written after a complete generation; a dataset with the same marker is reused.</summary>
    public static string MarkerPath(BenchOptions o) => Path.Combine(o.DataDirectory, "raw", ".bench-dataset.json");

    public static string IdFormat(long rows) => "D" + Math.Max(7, rows.ToString(CultureInfo.InvariantCulture).Length).ToString(CultureInfo.InvariantCulture);

    public static void EnsureDataset(BenchOptions o)
    {
        var marker = MarkerPath(o);
        var expected = JsonSerializer.Serialize(new Marker(Version, o.Rows, o.Files, o.Seed));
        if (File.Exists(marker) && File.ReadAllText(marker) == expected && Directory.Exists(o.RawDirectory)
            && Directory.GetFiles(o.RawDirectory, "*.json").Length == o.Files)
        {
            Console.WriteLine($"dataset: reusing {o.Rows:N0} rows in {o.Files} files under {o.RawDirectory}");
            return;
        }

        Console.WriteLine($"dataset: generating {o.Rows:N0} rows in {o.Files} files under {o.RawDirectory} (seed {o.Seed}) ...");
        var clock = Stopwatch.StartNew();
        if (File.Exists(marker))
        {
            File.Delete(marker);
        }

        if (Directory.Exists(o.RawDirectory))
        {
            Directory.Delete(o.RawDirectory, recursive: true);
        }

        Directory.CreateDirectory(o.RawDirectory);
        var idFormat = IdFormat(o.Rows);
        Parallel.For(0, o.Files, f =>
        {
            var first = o.Rows * f / o.Files;
            var count = o.Rows * (f + 1) / o.Files - first;
            WriteFile(Path.Combine(o.RawDirectory, $"orders-{f:D3}.json"), o.Seed * 1000 + f, first, count, idFormat);
        });

        File.WriteAllText(marker, expected);
        long bytes = 0;
        foreach (var file in Directory.GetFiles(o.RawDirectory, "*.json"))
        {
            bytes += new FileInfo(file).Length;
        }

        Console.WriteLine($"dataset: {bytes / 1048576.0:N0} MiB written in {clock.Elapsed.TotalSeconds:N1} s");
    }

    private static void WriteFile(string path, int seed, long firstId, long rows, string idFormat)
    {
        var random = new Random(seed);
        var ring = new (string Id, string Tail)[1024];
        var ringCount = 0;
        var nextId = firstId + 1;
        var line = new StringBuilder(256);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20);
        for (long i = 0; i < rows; i++)
        {
            line.Clear();
            if (ringCount > 0 && random.NextDouble() < 0.012)
            {
                // A duplicate delivery of a recent order; half of them with blanks around the id (trimmed by the pipeline).
                var (id, rest) = ring[random.Next(Math.Min(ringCount, ring.Length))];
                var padded = random.Next(2) == 0 ? " " + id + "  " : id;
                line.Append("{\"order_id\": \"").Append(padded).Append('"').Append(rest);
                writer.Write(line);
                writer.Write('\n');
                continue;
            }

            var orderId = "ORD-" + (nextId++).ToString(idFormat, CultureInfo.InvariantCulture);
            var restText = Rest(random);
            ring[ringCount++ % ring.Length] = (orderId, restText);
            line.Append("{\"order_id\": \"").Append(orderId).Append('"').Append(restText);
            writer.Write(line);
            writer.Write('\n');
        }
    }

    private static readonly string[] Currencies = { "EUR", "EUR", "EUR", "EUR", "EUR", "EUR", "USD", "USD", "USD", "GBP" };
    private static readonly string[] Statuses = { "placed", "placed", "placed", "placed", "placed", "shipped", "shipped", "shipped", "cancelled", "refunded" };
    private static readonly string[] Channels = { "web", "web", "web", "app", "app", "store" };

    /// <summary>Everything after the order id: <c>, "customer_id": …}</c>.</summary>
    private static string Rest(Random random)
    {
        var sb = new StringBuilder(192);

        // customer: 1.5 % guests (half without the key, half with an explicit null)
        var guest = random.NextDouble();
        if (guest < 0.0075)
        {
            // key missing
        }
        else if (guest < 0.015)
        {
            sb.Append(", \"customer_id\": null");
        }
        else
        {
            sb.Append(", \"customer_id\": \"C").Append(random.Next(1, 500_000).ToString("D6", CultureInfo.InvariantCulture)).Append('"');
        }

        // amount: 2 % refunds (negative), 0.5 % zero, else 1.00 .. 1999.99
        var kind = random.NextDouble();
        long cents = kind < 0.02 ? -random.Next(100, 200_000) : kind < 0.025 ? 0 : random.Next(100, 200_000);
        sb.Append(", \"amount\": ").Append((cents / 100m).ToString("0.00", CultureInfo.InvariantCulture));

        // currency: mixed case and blanks in 13 % of the rows
        var currency = Currencies[random.Next(Currencies.Length)];
        var style = random.NextDouble();
        currency = style < 0.08 ? currency.ToLowerInvariant() : style < 0.10 ? currency[0] + currency[1..].ToLowerInvariant() : style < 0.13 ? " " + currency + " " : currency;
        sb.Append(", \"currency\": \"").Append(currency).Append('"');

        // status: 2 % test orders, 5 % capitalised
        var status = random.NextDouble() < 0.02 ? "test" : Statuses[random.Next(Statuses.Length)];
        if (status != "test" && random.NextDouble() < 0.05)
        {
            status = char.ToUpperInvariant(status[0]) + status[1..];
        }

        sb.Append(", \"status\": \"").Append(status).Append('"');

        // channel: 3 % missing, 2 % null, 10 % mixed case, 2 % padded
        var channelKind = random.NextDouble();
        if (channelKind < 0.03)
        {
            // key missing
        }
        else if (channelKind < 0.05)
        {
            sb.Append(", \"channel\": null");
        }
        else
        {
            var channel = Channels[random.Next(Channels.Length)];
            var c = random.NextDouble();
            channel = c < 0.05 ? channel.ToUpperInvariant() : c < 0.10 ? char.ToUpperInvariant(channel[0]) + channel[1..] : c < 0.12 ? " " + channel : channel;
            sb.Append(", \"channel\": \"").Append(channel).Append('"');
        }

        var created = Start.AddSeconds(random.Next(Days * 86_400));
        sb.Append(", \"created_at\": \"").Append(created.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)).Append("\"}");
        return sb.ToString();
    }

    private sealed record Marker(int Version, long Rows, int Files, int Seed);
}

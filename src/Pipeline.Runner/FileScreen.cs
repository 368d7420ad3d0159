using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;

namespace Pipeline.Runner;

/// <summary>
/// Finds input files that cannot be decoded at all — binary data, text that is not UTF-8, a broken gzip stream, a
/// file that is not Parquet — and sets each aside whole: copied to <c>files/&lt;source&gt;/&lt;path&gt;</c> of the run's
/// malformed folder, with its reason in <c>&lt;source&gt;.files.jsonl</c>. Only the row-by-row path calls it (after
/// DuckDB's fast reader failed), so well-formed input is never read twice.
/// </summary>
internal static class FileScreen
{
    public static List<SetAsideFile> SetAsideUndecodable(DuckDBConnection connection, LocalSource source, string format, IReadOnlyList<string> files, string directory, string malformedDirectory, out List<string> good)
    {
        var bad = new List<SetAsideFile>();
        good = new List<string>();
        foreach (var file in files)
        {
            var reason = format == "parquet" ? ParquetProblem(connection, file) : TextProblem(file);
            if (reason is null)
            {
                good.Add(file);
                continue;
            }

            var key = Path.GetRelativePath(directory, file).Replace('\\', '/');
            var copy = Path.Combine(malformedDirectory, "files", source.Relation, key);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
            bad.Add(new SetAsideFile(key, reason));
        }

        if (bad.Count > 0)
        {
            Directory.CreateDirectory(malformedDirectory);
            File.WriteAllLines(Path.Combine(malformedDirectory, source.Relation + ".files.jsonl"),
                bad.Select(b => JsonSerializer.Serialize(new Dictionary<string, string> { ["file"] = b.File, ["reason"] = b.Reason }, RunnerJson.Default.DictionaryStringString)));
        }

        return bad;
    }

    /// <summary>Null when the file is UTF-8 text without NUL bytes (after gunzip for .gz), else why not.</summary>
    internal static string? TextProblem(string file)
    {
        try
        {
            using var raw = File.OpenRead(file);
            using var stream = file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(raw, CompressionMode.Decompress) : (Stream)raw;
            var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
            var bytes = new byte[1 << 16];
            var chars = new char[(1 << 16) + 4];
            long offset = 0;
            int read;
            while ((read = stream.Read(bytes, 0, bytes.Length)) > 0)
            {
                var nul = Array.IndexOf(bytes, (byte)0, 0, read);
                if (nul >= 0)
                {
                    return $"binary data, not text (a NUL byte at offset {offset + nul})";
                }

                try
                {
                    decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
                }
                catch (DecoderFallbackException e)
                {
                    return $"not UTF-8 text (an invalid byte sequence near offset {offset + Math.Max(0, e.Index)})";
                }

                offset += read;
            }

            try
            {
                decoder.GetChars(Array.Empty<byte>(), 0, 0, chars, 0, flush: true);
            }
            catch (DecoderFallbackException)
            {
                return "not UTF-8 text (it ends inside a multi-byte character)";
            }

            return null;
        }
        catch (InvalidDataException e)
        {
            return "not a valid gzip file (" + e.Message + ")";
        }
    }

    /// <summary>Null when DuckDB reads the file as Parquet, else why not.</summary>
    private static string? ParquetProblem(DuckDBConnection connection, string file)
    {
        var info = new FileInfo(file);
        if (info.Length < 12)
        {
            return "not a Parquet file (too short)";
        }

        try
        {
            connection.Scalar<long>($"SELECT count(*) FROM read_parquet({Duck.Literal(file)})");
            return null;
        }
        catch (DuckDBException e)
        {
            return "not a readable Parquet file (" + FirstLine(e.Message) + ")";
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}

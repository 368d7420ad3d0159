using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using DuckDB.NET.Data;

namespace Pipeline.Runner;

/// <summary>
/// What reading one source did. <see cref="Rows"/> is null for a large input streamed into the stages (counting it
/// would cost a second full read); the sink counts are always known.
/// </summary>
public sealed record SourceResult(string Name, string Directory, int FilesListed, int FilesRead, long? Rows, long Malformed)
{
    /// <summary>New 0-byte files: skipped, recorded in the bookmarks (nothing to read, nothing lost).</summary>
    public IReadOnlyList<string> EmptyFiles { get; init; } = Array.Empty<string>();

    /// <summary>New files with the same content as a file processed before (or earlier in this batch): not read again.</summary>
    public IReadOnlyList<(string File, string CopyOf)> Copies { get; init; } = Array.Empty<(string, string)>();

    /// <summary>Files processed before whose content changed under the same name: read again, in full.</summary>
    public IReadOnlyList<string> Changed { get; init; } = Array.Empty<string>();

    /// <summary>Files that could not be decoded at all (binary, not UTF-8, not Parquet): set aside whole, with the reason.</summary>
    public IReadOnlyList<SetAsideFile> SetAside { get; init; } = Array.Empty<SetAsideFile>();

    /// <summary>Declared columns no file of this read has: read as NULL (schema drift, reported once per source).</summary>
    public IReadOnlyList<string> MissingColumns { get; init; } = Array.Empty<string>();

    /// <summary>Columns in the files that the schema does not declare: ignored (schema drift, reported once per source).</summary>
    public IReadOnlyList<string> UndeclaredColumns { get; init; } = Array.Empty<string>();
}

/// <summary>An input file set aside whole under <c>_malformed/&lt;job&gt;/&lt;run&gt;/files/</c>.</summary>
public sealed record SetAsideFile(string File, string Reason);

/// <summary>
/// Reads a source's files into a typed DuckDB table named after the source's relation. The fast path is DuckDB's
/// own reader with strict casts; only when that fails (a malformed line, a value of the wrong type) does the reader
/// switch to a row-by-row path that keeps the good rows and sets the malformed ones aside, counted and quarantined,
/// so one bad row never fails the run and never disappears silently.
/// </summary>
internal sealed class SourceReader
{
    private static readonly string[] JsonExtensions = { ".json", ".jsonl", ".ndjson", ".json.gz", ".jsonl.gz", ".ndjson.gz" };
    private static readonly string[] CsvExtensions = { ".csv", ".csv.gz", ".tsv", ".txt" };
    private static readonly string[] ParquetExtensions = { ".parquet" };

    /// <summary>Inputs up to this size are read into a table (and counted); larger ones are streamed as a view.</summary>
    public const long DefaultStreamAboveBytes = 64L * 1024 * 1024;

    private readonly DuckDBConnection _connection;
    private readonly long _streamAboveBytes;
    private readonly Dictionary<string, (string Directory, List<string> Empty, List<(string, string)> Copies, List<string> Changed)> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (LocalSource Source, string Format, List<string> Files, List<string> HiveKeys, string Directory, int Listed, string MalformedDirectory)> _streamed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (List<string> Missing, List<string> Undeclared)> _drift = new(StringComparer.Ordinal);

    public SourceReader(DuckDBConnection connection, long streamAboveBytes = DefaultStreamAboveBytes)
    {
        _connection = connection;
        _streamAboveBytes = streamAboveBytes;
    }

    /// <summary>Whether some source is a strict view whose values are only checked when the stages read it.</summary>
    public bool HasStreamedSources => _streamed.Count > 0;

    /// <summary>
    /// A stage failed while reading a streamed source: a value did not convert or a line did not parse. Reads every
    /// streamed source again on the row-by-row path (malformed rows set aside), as tables, and returns the new results.
    /// </summary>
    public List<SourceResult> MaterializeStreamedTolerantly()
    {
        var results = new List<SourceResult>();
        foreach (var (source, format, files, hiveKeys, directory, listed, malformedDirectory) in _streamed.Values)
        {
            _connection.Execute($"DROP VIEW IF EXISTS {Duck.Identifier(source.Relation)}");
            var (malformed, setAside) = ReadTolerant(source, format, files, hiveKeys, directory, malformedDirectory);
            results.Add(Result(source, directory, listed, files.Count, _connection.Count(source.Relation), malformed, setAside));
        }

        _streamed.Clear();
        return results;
    }

    public SourceResult Read(LocalSource source, LocalLocation location, BookmarkState seen, BookmarkState next, string malformedDirectory)
    {
        if (location.Format == "orc")
        {
            throw new RunnerException($"Source {source.Name}: ORC files cannot be read by the local engine (DuckDB has no ORC reader); convert the sample data to Parquet.");
        }

        if (!Directory.Exists(location.Directory))
        {
            throw new RunnerException($"Source {source.Name}: folder {location.Directory} does not exist. Put sample data there or map the source in {LocalConfig.FileName}.");
        }

        var listed = ListFiles(location.Directory, location.Format);
        var toRead = new List<string>();
        var empty = new List<string>();
        var copies = new List<(string, string)>();
        var changed = new List<string>();
        var batch = new Dictionary<(long, string), string>();
        foreach (var file in listed)
        {
            var key = Path.GetRelativePath(location.Directory, file).Replace('\\', '/');
            var previous = seen.Stamp(source.Name, key);
            // A reference source is read whole every run: size and time are all its state needs (no hashing).
            var stamp = source.Bookmarked ? FileStamp.Of(file, previous) : new FileStamp(new FileInfo(file).Length, 0);
            next.Record(source.Name, key, stamp);
            if (source.Bookmarked && seen.IsProcessed(source.Name, key, stamp, out var copyOf))
            {
                if (copyOf is not null)
                {
                    copies.Add((key, copyOf));
                }

                continue;
            }

            if (stamp.Size == 0)
            {
                empty.Add(key);
                continue;
            }

            if (source.Bookmarked && stamp.Hash is not null)
            {
                if (batch.TryGetValue((stamp.Size, stamp.Hash), out var first))
                {
                    copies.Add((key, first));
                    continue;
                }

                batch[(stamp.Size, stamp.Hash)] = key;
            }

            if (source.Bookmarked && previous is not null)
            {
                changed.Add(key);
            }

            toRead.Add(file);
        }

        _files[source.Name] = (location.Directory, empty, copies, changed);
        if (toRead.Count == 0)
        {
            _connection.Execute($"CREATE OR REPLACE TEMP TABLE {Duck.Identifier(source.Relation)} AS SELECT {TypedNulls(source.Columns)} WHERE false");
            return Result(source, location.Directory, listed.Count, 0, 0, 0, Array.Empty<SetAsideFile>());
        }

        var hiveKeys = HiveKeys(location.Directory, toRead);
        _drift[source.Name] = Drift(source, location.Format, toRead, hiveKeys);
        var stream = toRead.Sum(f => new FileInfo(f).Length) > _streamAboveBytes;
        long malformed = 0;
        IReadOnlyList<SetAsideFile> setAside = Array.Empty<SetAsideFile>();
        try
        {
            ReadStrict(source, location.Format, toRead, hiveKeys, stream);
        }
        catch (DuckDBException)
        {
            stream = false;
            (malformed, setAside) = ReadTolerant(source, location.Format, toRead, hiveKeys, location.Directory, malformedDirectory);
        }

        if (stream)
        {
            // Large input: DuckDB reads it once, inside the first stage that uses it, as a hand-written query would.
            _streamed[source.Name] = (source, location.Format, toRead, hiveKeys, location.Directory, listed.Count, malformedDirectory);
            return Result(source, location.Directory, listed.Count, toRead.Count, null, 0, setAside);
        }

        return Result(source, location.Directory, listed.Count, toRead.Count, _connection.Count(source.Relation), malformed, setAside);
    }

    private SourceResult Result(LocalSource source, string directory, int listed, int read, long? rows, long malformed, IReadOnlyList<SetAsideFile> setAside)
    {
        var (_, empty, copies, changed) = _files[source.Name];
        _drift.TryGetValue(source.Name, out var drift);
        return new SourceResult(source.Name, directory, listed, read, rows, malformed)
        {
            EmptyFiles = empty,
            Copies = copies,
            Changed = changed,
            SetAside = setAside,
            MissingColumns = drift.Missing ?? (IReadOnlyList<string>)Array.Empty<string>(),
            UndeclaredColumns = drift.Undeclared ?? (IReadOnlyList<string>)Array.Empty<string>(),
        };
    }

    /// <summary>
    /// Schema drift of one read: declared columns no file has (read as NULL) and columns no schema declares (ignored),
    /// from the column names DuckDB's readers detect in each file (union_by_name; for JSON over the first records of each
    /// file, DuckDB's sample). Nothing when the names cannot be told (the files are too broken to sniff): the row-by-row
    /// path reports those rows anyway.
    /// </summary>
    private (List<string> Missing, List<string> Undeclared) Drift(LocalSource source, string format, IReadOnlyList<string> files, IReadOnlyList<string> hiveKeys)
    {
        var reader = format switch
        {
            "json" => $"read_json({Duck.PathList(files)}, format='newline_delimited', union_by_name=true, ignore_errors=true)",
            "csv" => $"read_csv({Duck.PathList(files)}, {CsvOptions(source)}, all_varchar=true, union_by_name=true, ignore_errors=true)",
            _ => $"read_parquet({Duck.PathList(files)}, union_by_name=true)",
        };

        var present = new List<string>();
        try
        {
            foreach (var row in _connection.Rows($"DESCRIBE SELECT * FROM {reader}"))
            {
                present.Add((string)row[0]!);
            }
        }
        catch (DuckDBException)
        {
            return (new List<string>(), new List<string>());
        }

        present.AddRange(hiveKeys);
        var declared = source.Columns.Select(c => c.Name).ToList();
        return (declared.Where(c => !present.Contains(c)).ToList(), present.Where(c => !declared.Contains(c)).Distinct().OrderBy(c => c, StringComparer.Ordinal).ToList());
    }

    internal static List<string> ListFiles(string directory, string format)
    {
        var extensions = format switch
        {
            "json" => JsonExtensions,
            "csv" => CsvExtensions,
            "parquet" => ParquetExtensions,
            _ => throw new RunnerException($"Format '{format}' cannot be read locally."),
        };

        return Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(directory, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.') || part.StartsWith('_')))
            .Where(f => extensions.Any(e => f.EndsWith(e, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Hive-style partition folders (<c>year=2024/</c>) shared by every file: their keys become columns.</summary>
    internal static List<string> HiveKeys(string root, IReadOnlyList<string> files)
    {
        List<string>? common = null;
        foreach (var file in files)
        {
            var keys = Path.GetRelativePath(root, Path.GetDirectoryName(file)!)
                .Split(Path.DirectorySeparatorChar)
                .Where(part => part.Contains('='))
                .Select(part => part.Substring(0, part.IndexOf('=')))
                .ToList();
            common = common is null ? keys : common.Intersect(keys, StringComparer.Ordinal).ToList();
        }

        return common ?? new List<string>();
    }

    private void ReadStrict(LocalSource source, string format, IReadOnlyList<string> files, IReadOnlyList<string> hiveKeys, bool asView)
    {
        var reader = format switch
        {
            "json" => $"read_json({Duck.PathList(files)}, format='newline_delimited', columns={{{JsonColumns(source, hiveKeys)}}}, hive_partitioning={Bool(hiveKeys.Count > 0)})",
            "csv" => $"read_csv({Duck.PathList(files)}, {CsvOptions(source)}, all_varchar=true, union_by_name=true, hive_partitioning={Bool(hiveKeys.Count > 0)})",
            _ => $"read_parquet({Duck.PathList(files)}, union_by_name=true, hive_partitioning={Bool(hiveKeys.Count > 0)})",
        };

        var available = Columns(reader);
        var select = new StringBuilder();
        foreach (var column in source.Columns)
        {
            var read = format == "csv" ? BlankIsNull(Duck.Identifier(column.Name), column.Type) : Duck.Identifier(column.Name);
            select.Append(select.Length == 0 ? "" : ", ");
            select.Append(available.Contains(column.Name)
                ? $"{Convert(read, column.Type, tryCast: false)} AS {Duck.Identifier(column.Name)}"
                : $"CAST(NULL AS {column.Type}) AS {Duck.Identifier(column.Name)}");
        }

        _connection.Execute($"CREATE OR REPLACE TEMP {(asView ? "VIEW" : "TABLE")} {Duck.Identifier(source.Relation)} AS SELECT {select} FROM {reader}{Where(source)}");
    }

    /// <summary>
    /// The row-by-row path: returns how many rows were malformed, after writing them to the quarantine folder, and the
    /// files set aside whole because they cannot be decoded at all.
    /// </summary>
    private (long Malformed, IReadOnlyList<SetAsideFile> SetAside) ReadTolerant(LocalSource source, string format, IReadOnlyList<string> allFiles, IReadOnlyList<string> hiveKeys, string directory, string malformedDirectory)
    {
        var setAside = FileScreen.SetAsideUndecodable(_connection, source, format, allFiles, directory, malformedDirectory, out var files);
        if (files.Count == 0)
        {
            _connection.Execute($"CREATE OR REPLACE TEMP TABLE {Duck.Identifier(source.Relation)} AS SELECT {TypedNulls(source.Columns)} WHERE false");
            return (0, setAside);
        }

        var raw = "raw_" + source.Relation;
        Func<string, string> value;
        Func<string, string> present;
        string valid;
        switch (format)
        {
            case "json":
                // One row per line, whatever it holds; json_valid tells lines that are not JSON at all.
                _connection.Execute($"CREATE OR REPLACE TEMP TABLE {Duck.Identifier(raw)} AS " +
                    $"SELECT filename, line, json_valid(line) AS __ok FROM (SELECT filename, unnest(string_split(replace(content, chr(13), ''), chr(10))) AS line FROM read_text({Duck.PathList(files)})) WHERE trim(line) <> ''");
                valid = "__ok";
                value = column => $"(line ->> {Duck.Literal("$." + JsonPathKey(column))})";
                present = column => $"(json_type(line, {Duck.Literal("$." + JsonPathKey(column))}) NOT IN ('NULL'))";
                break;
            case "csv":
                _connection.Execute($"CREATE OR REPLACE TEMP TABLE {Duck.Identifier(raw)} AS SELECT * FROM read_csv({Duck.PathList(files)}, {CsvOptions(source)}, all_varchar=true, filename=true, ignore_errors=true, store_rejects=true)");
                AddRowText(raw);
                valid = "true";
                value = column => BlankIsNull(Duck.Identifier(column), TypeOf(source, column));
                present = column => $"({value(column)} IS NOT NULL)";
                break;
            default:
                _connection.Execute($"CREATE OR REPLACE TEMP TABLE {Duck.Identifier(raw)} AS SELECT * FROM read_parquet({Duck.PathList(files)}, union_by_name=true, filename=true)");
                AddRowText(raw);
                valid = "true";
                value = column => Duck.Identifier(column);
                present = column => $"({Duck.Identifier(column)} IS NOT NULL)";
                break;
        }

        var rawColumns = Columns($"(SELECT * FROM {Duck.Identifier(raw)})");
        var typed = new StringBuilder();
        var problems = new List<string>();
        foreach (var column in source.Columns)
        {
            string expression;
            if (hiveKeys.Contains(column.Name))
            {
                expression = $"TRY_CAST(regexp_extract(filename, {Duck.Literal("[/\\\\]" + column.Name + "=([^/\\\\]*)")}, 1) AS {column.Type})";
            }
            else if (format == "json" || rawColumns.Contains(column.Name))
            {
                expression = Convert(value(column.Name), column.Type, tryCast: true);
                problems.Add($"CASE WHEN {present(column.Name)} AND {expression} IS NULL THEN {Duck.Literal(column.Name + ": not a " + column.Type)} END");
            }
            else
            {
                expression = $"CAST(NULL AS {column.Type})";
            }

            typed.Append(typed.Length == 0 ? "" : ", ").Append(expression).Append(" AS ").Append(Duck.Identifier(column.Name));
        }

        // Lines that are not JSON at all never reach the JSON functions (they would raise): the filter runs first.
        var reason = $"concat_ws('; ', {(problems.Count == 0 ? "NULL" : string.Join(", ", problems))})";
        var checkedTable = "checked_" + source.Relation;
        var nulls = string.Join(", ", source.Columns.Select(c => $"CAST(NULL AS {c.Type}) AS {Duck.Identifier(c.Name)}"));
        _connection.Execute($"CREATE OR REPLACE TEMP TABLE {Duck.Identifier(checkedTable)} AS " +
            $"SELECT {typed}, filename AS __file, line AS __line, nullif({reason}, '') AS __reason FROM {Duck.Identifier(raw)} WHERE {valid} " +
            $"UNION ALL SELECT {nulls}, filename AS __file, line AS __line, 'not valid JSON' AS __reason FROM {Duck.Identifier(raw)} WHERE NOT ({valid})");

        var columnList = string.Join(", ", source.Columns.Select(c => Duck.Identifier(c.Name)));
        _connection.Execute($"CREATE OR REPLACE TEMP TABLE {Duck.Identifier(source.Relation)} AS SELECT {columnList} FROM {Duck.Identifier(checkedTable)} WHERE __reason IS NULL{And(source)}");

        var malformedRows = $"SELECT __file AS file, __line AS line, __reason AS reason FROM {Duck.Identifier(checkedTable)} WHERE __reason IS NOT NULL";
        if (format == "csv" && RejectTableExists())
        {
            // DuckDB may report one line more than once (one entry per check it failed): one row per line, with its file.
            // A row with too few or too many fields is worded as the Glue script words it, so both engines agree.
            malformedRows += " UNION ALL SELECT s.file_path AS file, e.csv_line AS line, " +
                "min(CASE WHEN CAST(e.error_type AS VARCHAR) IN ('MISSING COLUMNS', 'TOO MANY COLUMNS') THEN 'wrong number of fields' ELSE e.error_message END) AS reason " +
                "FROM reject_errors e JOIN reject_scans s ON s.scan_id = e.scan_id AND s.file_id = e.file_id GROUP BY s.file_path, e.line, e.csv_line";
        }

        var count = _connection.Scalar<long>($"SELECT count(*) FROM ({malformedRows})");
        if (count > 0)
        {
            Directory.CreateDirectory(malformedDirectory);
            var target = Path.Combine(malformedDirectory, source.Relation + ".jsonl");
            _connection.Execute($"COPY ({malformedRows}) TO {Duck.Literal(target)} (FORMAT JSON)");
        }

        _connection.Execute($"DROP TABLE {Duck.Identifier(raw)}; DROP TABLE {Duck.Identifier(checkedTable)}");
        return (count, setAside);
    }

    /// <summary>
    /// Adds <c>line</c> (the whole raw row as a JSON object, the malformed-row text) and <c>__ok</c> to a raw table.
    /// (<c>to_json(columns(*))</c> would expand to one JSON value per column, and the first would win.)
    /// </summary>
    private void AddRowText(string raw)
    {
        var fields = new List<string>();
        foreach (var row in _connection.Rows($"DESCRIBE SELECT * FROM {Duck.Identifier(raw)}"))
        {
            var name = (string)row[0]!;
            if (name != "filename")
            {
                fields.Add(Duck.Literal(name) + ", " + Duck.Identifier(name));
            }
        }

        _connection.Execute($"CREATE OR REPLACE TEMP TABLE {Duck.Identifier(raw)} AS SELECT *, CAST(json_object({string.Join(", ", fields)}) AS VARCHAR) AS line, true AS __ok FROM {Duck.Identifier(raw)}");
    }

    private bool RejectTableExists() =>
        _connection.Scalar<long>("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'reject_errors'") > 0;

    private HashSet<string> Columns(string relation)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in _connection.Rows($"DESCRIBE SELECT * FROM {relation}"))
        {
            names.Add((string)row[0]!);
        }

        return names;
    }

    /// <remarks>
    /// Decimals are read as text and converted by <see cref="Convert"/>: read_json would round 12.345 into a DECIMAL(18,2)
    /// itself, before the check that such a value does not fit. (DuckDB's JSON reader holds every number as a double, so a
    /// JSON number with more than 15 significant digits has lost them already; such values must arrive as JSON strings —
    /// the same holds for Glue's JSON reader. docs/local-runs.md, "Decimals".)
    /// </remarks>
    private static string JsonColumns(LocalSource source, IReadOnlyList<string> hiveKeys) =>
        string.Join(", ", source.Columns.Where(c => !hiveKeys.Contains(c.Name)).Select(c => Duck.Literal(c.Name) + ": " + Duck.Literal(JsonReadType(c.Type))));

    private static string JsonReadType(string type) => type == Timestamp ? TimestampWithZone : DecimalType.TryParse(type, out _, out _) ? "VARCHAR" : type;

    private const string Timestamp = "TIMESTAMP";
    private const string TimestampWithZone = "TIMESTAMPTZ";

    /// <summary>
    /// A read value converted to its column's type. Timestamps are instants in UTC (docs/translation.md, "Time"), as C#
    /// and the Glue job (session time zone UTC) read them: text with an offset goes through TIMESTAMPTZ, which applies it
    /// (a plain cast to TIMESTAMP drops it: 01:00+02:00 stayed 01:00), and the connection's time zone is UTC, so text
    /// without one is taken as UTC.
    /// <para>
    /// A decimal converts only when no digit is lost: DuckDB (and Spark) round 12.345 into a DECIMAL(18,2) as 12.35, but a
    /// value that does not fit its declared scale is malformed, as one that does not fit its precision already is — the
    /// declared type is a contract on the input, and silently rounding money before any arithmetic is data loss. The text
    /// of the value is converted again at DECIMAL(38, 38 - (p - s)) — the same integral digits, every fractional digit
    /// 128 bits can carry — and the two must be equal. The strict path raises (and the source is read again row by row);
    /// the row-by-row path gives NULL, so the row is set aside as "not a DECIMAL(p,s)". The Glue script applies the same
    /// test (<c>_converted</c> in the script).
    /// </para>
    /// </summary>
    private static string Convert(string expression, string type, bool tryCast)
    {
        var cast = tryCast ? "TRY_CAST" : "CAST";
        if (type == Timestamp)
        {
            return $"CAST({cast}({expression} AS {TimestampWithZone}) AS {Timestamp})";
        }

        if (!DecimalType.TryParse(type, out var precision, out var scale))
        {
            return $"{cast}({expression} AS {type})";
        }

        var value = $"{cast}({expression} AS {type})";
        var exact = $"TRY_CAST(CAST({expression} AS VARCHAR) AS DECIMAL(38,{(38 - precision + scale).ToString(CultureInfo.InvariantCulture)}))";
        var otherwise = tryCast ? "NULL" : $"error({Duck.Literal("a value has more digits than " + type + " keeps")})";
        return $"CASE WHEN {value} IS NULL OR {value} = {exact} THEN {value} ELSE {otherwise} END";
    }

    /// <remarks>
    /// <c>skip=0</c>: left to itself, DuckDB's sniffer takes lines before the widest consistent block for a preamble, so
    /// one row with an extra field at the end of a file became the header and every row before it vanished (0 rows, no
    /// error). The first line is the header, as on Glue; a ragged row is a malformed row.
    /// Blank fields (<c>a,,c</c> and <c>a,"",c</c>) are read as empty text, as C# and Glue's CSV reader read them — DuckDB
    /// would make them NULL, and <c>Segment == null ? "unassigned" : …</c> would then differ between the engines. The null
    /// string is a control character no text file holds. A blank field of a column that is not text is a missing value
    /// (NULL), not a malformed one (<see cref="BlankIsNull"/>).
    /// </remarks>
    private static string CsvOptions(LocalSource source) =>
        $"header={Bool(source.CsvHeader)}, delim={Duck.Literal(source.CsvDelimiter)}, quote={Duck.Literal(source.CsvQuote)}, skip=0, nullstr={Duck.Literal("\u0001")}, allow_quoted_nulls=false";

    /// <summary>A CSV field of a column that is not text: blank is NULL (no value), as on Glue.</summary>
    private static string BlankIsNull(string field, string type) => type == "VARCHAR" ? field : $"NULLIF({field}, '')";

    private static string TypeOf(LocalSource source, string column) => source.Columns.First(c => c.Name == column).Type;

    private static string TypedNulls(IReadOnlyList<LocalColumn> columns) =>
        string.Join(", ", columns.Select(c => $"CAST(NULL AS {c.Type}) AS {Duck.Identifier(c.Name)}"));

    private static string JsonPathKey(string column) => "\"" + column.Replace("\"", "\\\"") + "\"";

    private static string Where(LocalSource source) => source.PushDownPredicate is { Length: > 0 } p ? " WHERE " + p : "";

    private static string And(LocalSource source) => source.PushDownPredicate is { Length: > 0 } p ? " AND (" + p + ")" : "";

    private static string Bool(bool value) => value ? "true" : "false";
}

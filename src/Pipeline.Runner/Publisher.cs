using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Pipeline.Runner;

/// <summary>
/// Publishes a run atomically. Everything a run writes (sink files, quarantined rows, malformed input rows) is first
/// written to a staging folder; nothing the user sees changes. Then one journal file is written (atomically, by
/// rename): that is the commit point. The journal lists every file move and the new bookmark state; applying it is
/// idempotent, so a run killed after the commit point is completed by the next start (roll forward), and a run
/// killed before it leaves the previous output and state exactly as they were (its staging is discarded).
/// </summary>
public sealed class Publisher
{
    private readonly string _stateRoot;
    private readonly string _job;

    public Publisher(string stateRoot, string job)
    {
        _stateRoot = stateRoot;
        _job = job;
    }

    [ThreadStatic]
    private static Action<string>? s_faultPoint;

    /// <summary>Test hook (per thread): called at named points of a publish; throwing there simulates a crash at that point.</summary>
    internal static Action<string>? FaultPoint
    {
        get => s_faultPoint;
        set => s_faultPoint = value;
    }

    private string JournalPath => Path.Combine(_stateRoot, "journal", _job + ".json");

    private string StagingRoot => Path.Combine(_stateRoot, "staging", _job);

    private string TrashRoot => Path.Combine(_stateRoot, "trash", _job);

    public string Staging(string runId) => Path.Combine(StagingRoot, runId);

    /// <summary>Completes a committed publish left by a killed run, and discards uncommitted staging. Returns what it did.</summary>
    public string? Recover()
    {
        string? message = null;
        if (File.Exists(JournalPath))
        {
            var journal = ReadJournal();
            Apply(journal);
            message = $"completed the publish of run {journal.RunId}, which was interrupted after its commit point";
        }

        if (Directory.Exists(StagingRoot))
        {
            var leftovers = Directory.GetDirectories(StagingRoot);
            if (leftovers.Length > 0)
            {
                message ??= $"discarded {leftovers.Length} uncommitted run(s); the previous output is untouched";
            }

            Directory.Delete(StagingRoot, recursive: true);
        }

        // The output a reset replaced, left behind by a run killed after its journal was deleted.
        if (Directory.Exists(TrashRoot))
        {
            Directory.Delete(TrashRoot, recursive: true);
        }

        return message;
    }

    /// <summary>
    /// Moves every staged file to its target (same relative path) and installs the pending state, which lives in the
    /// staging folder too, so a run that dies before its commit point leaves nothing behind but staging.
    /// </summary>
    /// <remarks>
    /// <paramref name="replace"/> (a reset, an overwrite sink, the partitions an overwritePartitions or merge sink writes) lists
    /// folders whose previous content the publish replaces: applying the
    /// journal first moves each aside (by rename, into the state folder), then moves the new files in, so until the
    /// commit point the old output stays, and after it the new output is complete once the journal is applied.
    /// </remarks>
    public void Commit(string runId, IReadOnlyList<(string StagedDirectory, string TargetDirectory)> outputs, string? pendingState, string statePath, IReadOnlyList<string>? replace = null)
    {
        var moves = new List<Move>();
        foreach (var (staged, target) in outputs)
        {
            if (!Directory.Exists(staged))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(staged, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
            {
                moves.Add(new Move(file, Path.Combine(target, Path.GetRelativePath(staged, file))));
            }
        }

        var journal = new Journal(runId, moves, pendingState, statePath, replace is { Count: > 0 } ? replace.Distinct(StringComparer.Ordinal).ToList() : null);
        FaultPoint?.Invoke("before-commit");
        Directory.CreateDirectory(Path.GetDirectoryName(JournalPath)!);
        var temporary = JournalPath + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(journal, RunnerJson.Default.Journal));
        File.Move(temporary, JournalPath, overwrite: true);
        FaultPoint?.Invoke("after-commit");
        Apply(journal);
        var staging = Staging(runId);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        DeleteIfEmpty(StagingRoot);
    }

    /// <summary>A committed publish is not fully applied yet (an error after the commit point): the next start completes it.</summary>
    public bool HasCommittedJournal => File.Exists(JournalPath);

    /// <summary>
    /// Removes a run's staging folder (a run that did not publish) and the job's staging folder when empty. Keeps it when
    /// the run got past its commit point: the journal still needs those files to complete the publish.
    /// </summary>
    public void Discard(string runId)
    {
        if (HasCommittedJournal)
        {
            return;
        }

        var staging = Staging(runId);
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        DeleteIfEmpty(StagingRoot);
    }

    private static void DeleteIfEmpty(string directory)
    {
        if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }
    }

    private void Apply(Journal journal)
    {
        var trash = Path.Combine(TrashRoot, journal.RunId);
        if (journal.Replace is { Count: > 0 } replace)
        {
            // Idempotent: each rename happens once (the folder is either still in place or already in the trash), and
            // the marker ends the phase, so a roll-forward never moves aside the new files it has started to install.
            var cleared = Path.Combine(trash, ".cleared");
            if (!File.Exists(cleared))
            {
                Directory.CreateDirectory(trash);
                for (var i = 0; i < replace.Count; i++)
                {
                    var aside = Path.Combine(trash, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (Directory.Exists(replace[i]) && !Directory.Exists(aside))
                    {
                        Directory.Move(replace[i], aside);
                    }
                }

                File.WriteAllText(cleared, "");
            }

            FaultPoint?.Invoke("after-clear");
        }

        var moved = 0;
        foreach (var move in journal.Moves)
        {
            if (File.Exists(move.From))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(move.To)!);
                File.Move(move.From, move.To, overwrite: true);
            }

            if (++moved == 1)
            {
                FaultPoint?.Invoke("after-first-move");
            }
        }

        if (journal.PendingState is { } pending && File.Exists(pending))
        {
            File.Move(pending, journal.StatePath, overwrite: true);
        }

        File.Delete(JournalPath);
        if (Directory.Exists(trash))
        {
            Directory.Delete(trash, recursive: true);
        }

        DeleteIfEmpty(TrashRoot);
    }

    private Journal ReadJournal()
    {
        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(JournalPath), RunnerJson.Default.Journal)
                ?? throw new RunnerException($"{JournalPath} is empty.");
        }
        catch (JsonException e)
        {
            throw new RunnerException($"{JournalPath}: the publish journal is corrupt ({e.Message}); inspect the output folder, then delete it.");
        }
    }

    internal sealed record Move(string From, string To);

    internal sealed record Journal(string RunId, IReadOnlyList<Move> Moves, string? PendingState, string StatePath, IReadOnlyList<string>? Replace = null);
}

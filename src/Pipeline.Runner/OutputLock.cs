using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace Pipeline.Runner;

/// <summary>
/// One writer per output: an exclusive OS file lock on <c>&lt;output&gt;/.pipeline/lock</c>, held for the whole run.
/// .NET takes <see cref="FileShare.None"/> as an exclusive <c>flock</c> on Unix and a share-mode lock on Windows; the
/// OS drops it when the process ends, however it ends (<c>kill -9</c> included), so a crash never leaves a stale lock.
/// The holder's process id and start time go to a separate <c>lock.owner</c> file, only for the message.
/// </summary>
public sealed class OutputLock : IDisposable
{
    private readonly FileStream _stream;

    private OutputLock(FileStream stream, string path)
    {
        _stream = stream;
        Path = path;
    }

    public string Path { get; }

    /// <summary>
    /// Takes the lock of an output's state folder. When another run holds it: with <paramref name="wait"/>, tells
    /// <paramref name="waiting"/> once and waits until it is free; without, throws <see cref="OutputBusyException"/>.
    /// </summary>
    public static OutputLock Acquire(string stateRoot, bool wait, Action<string>? waiting = null, CancellationToken cancellation = default)
    {
        Directory.CreateDirectory(stateRoot);
        var path = System.IO.Path.Combine(stateRoot, "lock");
        var told = false;
        while (true)
        {
            try
            {
                var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
                TryWriteOwner(stateRoot);
                return new OutputLock(stream, path);
            }
            catch (IOException) when (File.Exists(path) && !Directory.Exists(path))
            {
                var owner = Owner(stateRoot);
                if (!wait)
                {
                    throw new OutputBusyException(
                        $"another run{owner} is writing to {System.IO.Path.GetDirectoryName(stateRoot)}; nothing was done (pass --wait to wait for it)");
                }

                if (!told)
                {
                    waiting?.Invoke($"waiting for another run{owner} to finish writing to {System.IO.Path.GetDirectoryName(stateRoot)}");
                    told = true;
                }

                cancellation.WaitHandle.WaitOne(200);
                cancellation.ThrowIfCancellationRequested();
            }
        }
    }

    public void Dispose() => _stream.Dispose();

    private static void TryWriteOwner(string stateRoot)
    {
        try
        {
            File.WriteAllText(System.IO.Path.Combine(stateRoot, "lock.owner"),
                $"{Environment.ProcessId} {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Only used for the message of a run that finds the lock taken.
        }
    }

    private static string Owner(string stateRoot)
    {
        try
        {
            var text = File.ReadAllText(System.IO.Path.Combine(stateRoot, "lock.owner")).Split(' ');
            return text.Length == 2 ? $" (process {text[0]}, started {text[1]})" : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}

/// <summary>Another run holds the output's lock and the caller asked not to wait.</summary>
public sealed class OutputBusyException : Exception
{
    public OutputBusyException(string message)
        : base(message)
    {
    }
}

using System.Diagnostics;

namespace Ticketing.Launcher;

/// <summary>One run of an app as its own process, its output appended to a log file under the data folder.</summary>
public sealed class AppProcess : IDisposable
{
    // Unix reports a process ended by a signal as exit code 128 + the signal's number.
    private static readonly Dictionary<int, string> Signals = new()
    {
        [2] = "SIGINT", [6] = "SIGABRT", [9] = "SIGKILL", [11] = "SIGSEGV", [15] = "SIGTERM",
    };

    private readonly Process _process;
    private readonly StreamWriter _log;

    private AppProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
        Id = process.Id;
    }

    public int Id { get; }

    public DateTime StartedAt { get; } = DateTime.UtcNow;

    public bool HasExited => _process.HasExited;

    /// <summary>How the process ended, e.g. "exit code 137 (SIGKILL)"; only once it has exited.</summary>
    public string ExitReason => !OperatingSystem.IsWindows() && Signals.TryGetValue(_process.ExitCode - 128, out var signal)
        ? $"exit code {_process.ExitCode} ({signal})"
        : $"exit code {_process.ExitCode}";

    public static AppProcess Start(string assemblyPath, string logFile, IReadOnlyDictionary<string, string> environment)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(assemblyPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(assemblyPath);
        foreach (var (key, value) in environment) info.Environment[key] = value;

        var log = new StreamWriter(new FileStream(logFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new AppProcess(process, log);
    }

    public Task WaitForExitAsync(CancellationToken cancellationToken) => _process.WaitForExitAsync(cancellationToken);

    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* already gone */ }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log)
        {
            try { log.WriteLine(line); }
            catch (ObjectDisposedException) { /* the app is being stopped */ }
        }
    }
}

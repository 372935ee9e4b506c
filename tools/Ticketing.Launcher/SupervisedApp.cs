namespace Ticketing.Launcher;

/// <summary>
/// One app kept running: when its process exits without being asked (a crash, <c>kill -9</c>) it is started
/// again after a pause that doubles with each quick failure, until it has failed quickly so often in a row
/// that another try would only hide that it is broken. Every exit, restart and giving up goes to the launcher log.
/// </summary>
internal sealed class SupervisedApp
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly string _appId;
    private readonly Uri _url;
    private readonly string _logFile;
    private readonly Func<AppProcess> _start;
    private readonly RestartPolicy _policy;
    private readonly LauncherLog _log;
    private readonly CancellationTokenSource _stopping;
    private readonly Lock _gate = new();
    private readonly Task _supervision;
    private AppProcess _process;
    private int _restarts;
    private bool _gaveUp;
    private bool _stopped;

    public SupervisedApp(string appId, Uri url, string logFile, Func<AppProcess> start, RestartPolicy policy, LauncherLog log, CancellationToken systemStopping)
    {
        (_appId, _url, _logFile, _start, _policy, _log) = (appId, url, logFile, start, policy, log);
        _stopping = CancellationTokenSource.CreateLinkedTokenSource(systemStopping);
        _process = start();
        _supervision = Task.Run(SuperviseAsync);
    }

    /// <summary>The running process, or null while it is down (between a crash and its restart, or given up).</summary>
    public int? ProcessId
    {
        get { lock (_gate) return _stopped || _process.HasExited ? null : _process.Id; }
    }

    public int Restarts
    {
        get { lock (_gate) return _restarts; }
    }

    public bool GaveUp
    {
        get { lock (_gate) return _gaveUp; }
    }

    /// <summary>Waits until the app answers ready, through any restarts on the way; fails once it has been given up.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (GaveUp) throw new InvalidOperationException($"{_appId} keeps stopping while starting; see {_logFile}:\n{Tail(_logFile)}");
            if (await Readiness.IsReadyAsync(_url, cancellationToken)) return;
            await Task.Delay(PollInterval, cancellationToken);
        }
        throw new TimeoutException($"{_appId} was not ready within {timeout.TotalSeconds:0} s; see {_logFile}:\n{Tail(_logFile)}");
    }

    /// <summary>Asked to stop: the supervision ends first, so this exit is not mistaken for a crash.</summary>
    public async Task StopAsync()
    {
        _stopping.Cancel();
        await _supervision;
        await _process.StopAsync(); // the supervision has ended: no other process can replace this one now
        lock (_gate)
        {
            _stopped = true;
            _process.Dispose();
        }
        _stopping.Dispose();
    }

    private async Task SuperviseAsync()
    {
        var quickFailures = 0;
        try
        {
            while (true)
            {
                var run = _process;
                await run.WaitForExitAsync(_stopping.Token);
                if (_stopping.IsCancellationRequested) return; // exited because the system is stopping (Ctrl-C reaches the apps too)

                var ranFor = DateTime.UtcNow - run.StartedAt;
                quickFailures = ranFor < _policy.QuickFailure ? quickFailures + 1 : 0;
                if (quickFailures >= _policy.QuickFailuresBeforeGivingUp)
                {
                    lock (_gate) _gaveUp = true;
                    _log.Write($"{_appId} exited without being asked ({run.ExitReason}) after {Seconds(ranFor)}; " +
                               $"{quickFailures} quick failures in a row, giving up on it. See {_logFile}");
                    return;
                }

                var delay = _policy.DelayAfter(quickFailures);
                _log.Write($"{_appId} exited without being asked ({run.ExitReason}) after {Seconds(ranFor)}; restarting in {Seconds(delay)}");
                await Task.Delay(delay, _stopping.Token);
                var next = _start();
                lock (_gate)
                {
                    _process = next;
                    _restarts++;
                }
                run.Dispose();
                _log.Write($"{_appId} restarted (process {next.Id})");
                if (await UntilReadyAsync(next)) _log.Write($"{_appId} is ready again (process {next.Id}, {Seconds(DateTime.UtcNow - next.StartedAt)} after its restart)");
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // asked to stop
        }
        catch (Exception exception)
        {
            // A supervisor that dies silently would leave the app down without a word.
            lock (_gate) _gaveUp = true;
            _log.Write($"{_appId} could not be restarted ({exception.Message}); giving up on it");
        }
    }

    /// <summary>True once the restarted run answers ready; false if it exits first (the loop then sees the exit).</summary>
    private async Task<bool> UntilReadyAsync(AppProcess run)
    {
        while (!run.HasExited)
        {
            if (await Readiness.IsReadyAsync(_url, _stopping.Token)) return true;
            await Task.Delay(PollInterval, _stopping.Token);
        }
        return false;
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.#} s";

    private static string Tail(string file) =>
        File.Exists(file) ? string.Join('\n', File.ReadLines(file).TakeLast(30)) : "(no log)";
}

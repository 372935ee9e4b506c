namespace Ticketing.BuildingBlocks.Data;

/// <summary>
/// One writer per database in-process (design.md §6): SQLite allows one writer, and queuing on its file
/// lock costs seconds at p99 where an in-process queue costs milliseconds. Re-entrant within one unit of
/// work, so a handler that holds the gate can still call SaveChanges. Open on SQL Server.
/// </summary>
public sealed class WriteGate(bool serialise)
{
    private readonly SemaphoreSlim _writer = new(1, 1);
    private readonly AsyncLocal<bool> _held = new();

    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        if (!serialise || _held.Value) return await work();
        await _writer.WaitAsync(cancellationToken);
        try
        {
            _held.Value = true;
            return await work();
        }
        finally
        {
            _held.Value = false;
            _writer.Release();
        }
    }

    public Task RunAsync(Func<Task> work, CancellationToken cancellationToken = default) =>
        RunAsync(async () => { await work(); return true; }, cancellationToken);
}

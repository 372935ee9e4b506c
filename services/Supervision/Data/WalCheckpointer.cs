using Microsoft.EntityFrameworkCore;

namespace Ticketing.Supervision.Data;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file off the tick's path. A tick writes thousands of rows across
/// random pages; with SQLite's automatic checkpoint every commit would also copy them into the file, which is most of a
/// commit's time. The tick turns that off on its connection (<see cref="DeferWhileAsync{T}"/>) and asks for one passive
/// checkpoint here afterwards: writers are not blocked by it, and a checkpoint that cannot finish now is finished by the next.
/// </summary>
public sealed class WalCheckpointer(IServiceScopeFactory scopes, ILogger<WalCheckpointer> logger) : BackgroundService
{
    private readonly SemaphoreSlim _requested = new(0, 1);

    /// <summary>Runs <paramref name="work"/> with automatic checkpoints off on <paramref name="db"/>'s connection, then asks for one.</summary>
    public async Task<T> DeferWhileAsync<T>(SupervisionDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite()) return await work();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_autocheckpoint=0;", cancellationToken);
            return await work();
        }
        finally
        {
            // The pooled connection goes back as SQLite's default left it.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_autocheckpoint=1000;", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
            Request();
        }
    }

    private void Request()
    {
        if (_requested.CurrentCount == 0)
            try { _requested.Release(); }
            catch (SemaphoreFullException) { } // already requested: one checkpoint covers both
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _requested.WaitAsync(stoppingToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SupervisionDbContext>();
                await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Not lost: the log stays valid and the next checkpoint, automatic or asked for, copies it.
                logger.LogWarning(exception, "Checkpoint of the supervision database failed; the next one catches up");
            }
        }
    }
}

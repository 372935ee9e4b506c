using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Ticketing.BuildingBlocks.Data;

/// <summary>
/// A named piece of work that one instance of a service does at a time (a subscriber's deliveries, the SLA
/// scan, clean-up). The holder renews it; if the holder dies the lease runs out and another instance takes over.
/// </summary>
public sealed class Lease
{
    public string Name { get; private set; } = "";
    public string Holder { get; private set; } = "";
    public DateTimeOffset Until { get; private set; }

    private Lease() { }

    public static Lease Take(string name, string holder, DateTimeOffset until) => new() { Name = name, Holder = holder, Until = until };
}

/// <summary>Takes and renews leases in the service's own database, so instances sharing it agree without a broker.</summary>
public sealed class Leases(IServiceScopeFactory scopes, WriteGate gate, TimeProvider clock, string? instance = null)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _heldUntil = new();

    /// <summary>
    /// This instance, as lease holder: where it listens, so the same instance restarted after a crash takes its
    /// leases back at once instead of waiting for them to run out; without an address, this process.
    /// </summary>
    public string Holder { get; } = $"{Environment.MachineName}/{instance ?? $"pid-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}"}";

    /// <summary>
    /// True when this instance holds <paramref name="name"/>. A lease held for more than half its duration yet
    /// is not renewed, so busy loops do not write to the database on every pass.
    /// </summary>
    public async Task<bool> TryHoldAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (_heldUntil.TryGetValue(name, out var until) && until - clock.GetUtcNow() > duration / 2) return true;
        var held = await TryTakeAsync(name, duration, cancellationToken);
        if (held) _heldUntil[name] = clock.GetUtcNow() + duration;
        else _heldUntil.TryRemove(name, out _);
        return held;
    }

    private async Task<bool> TryTakeAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var now = clock.GetUtcNow();
        var until = now + duration;
        return await gate.RunAsync(async () =>
        {
            var renewed = await db.Leases
                .Where(l => l.Name == name && (l.Holder == Holder || l.Until < now))
                .ExecuteUpdateAsync(l => l.SetProperty(x => x.Holder, Holder).SetProperty(x => x.Until, until), cancellationToken);
            if (renewed == 1) return true;
            if (await db.Leases.AnyAsync(l => l.Name == name, cancellationToken)) return false;
            db.Leases.Add(Lease.Take(name, Holder, until));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return true;
            }
            catch (DbUpdateException)
            {
                return false; // another instance took it first
            }
        }, cancellationToken);
    }

    /// <summary>Lets another instance take over at once (on a clean stop) instead of after the lease runs out.</summary>
    public async Task ReleaseAsync(string name, CancellationToken cancellationToken)
    {
        _heldUntil.TryRemove(name, out _);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var now = clock.GetUtcNow();
        await gate.RunAsync(() => db.Leases.Where(l => l.Name == name && l.Holder == Holder)
            .ExecuteUpdateAsync(l => l.SetProperty(x => x.Until, now), cancellationToken), cancellationToken);
    }
}

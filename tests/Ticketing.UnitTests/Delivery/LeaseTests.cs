using Microsoft.Extensions.DependencyInjection;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Intake.Data;

namespace Ticketing.UnitTests.Delivery;

/// <summary>Instances sharing a database agree who does a piece of work through a lease that runs out if its holder dies.</summary>
public sealed class LeaseTests : IDisposable
{
    private readonly TestDatabase<IntakeSqliteDbContext> _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task One_instance_holds_a_lease_until_it_runs_out_or_is_released()
    {
        var (first, second) = (Instance(), Instance());
        var duration = TimeSpan.FromSeconds(30);

        Assert.True(await first.TryHoldAsync("sla-scan", duration, default));
        Assert.False(await second.TryHoldAsync("sla-scan", duration, default));
        Assert.True(await first.TryHoldAsync("sla-scan", duration, default)); // renewing
        Assert.True(await second.TryHoldAsync("retention", duration, default)); // another name is another lease

        _database.Clock.Advance(TimeSpan.FromSeconds(31)); // the holder died and did not renew
        Assert.True(await second.TryHoldAsync("sla-scan", duration, default));
        Assert.False(await first.TryHoldAsync("sla-scan", duration, default));

        await second.ReleaseAsync("sla-scan", default);
        _database.Clock.Advance(TimeSpan.FromTicks(1));
        Assert.True(await first.TryHoldAsync("sla-scan", duration, default));
    }

    private Leases Instance()
    {
        var services = new ServiceCollection().AddScoped<ServiceDbContext>(_ => _database.NewContext()).BuildServiceProvider();
        return new Leases(services.GetRequiredService<IServiceScopeFactory>(), new WriteGate(serialise: true), _database.Clock);
    }
}

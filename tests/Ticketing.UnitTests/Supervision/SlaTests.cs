using Microsoft.Extensions.DependencyInjection;
using Ticketing.BuildingBlocks.Hosting;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Supervision.Clocks;
using Ticketing.Supervision.Data;
using Ticketing.Supervision.Events;

namespace Ticketing.UnitTests.Supervision;

public sealed class SlaTests
{
    private static readonly SlaPolicy Policy = new(Options.Create(new SupervisionOptions()));

    [Fact]
    public async Task A_clock_breaches_once_when_its_deadline_passes()
    {
        using var database = new TestDatabase<SupervisionSqliteDbContext>();
        var ticketId = Guid.NewGuid();
        await using (var db = database.NewContext())
        {
            await new TicketAssignedHandler(db, Policy).HandleAsync(Assigned(ticketId, Urgency.Critical), default);
            await db.SaveChangesAsync();
        }

        database.Clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromMinutes(1));
        Assert.Empty(await Scan(database));
        database.Clock.Advance(TimeSpan.FromMinutes(2));
        var breached = Assert.Single(await Scan(database));
        Assert.Equal(ClockStatus.Breached, breached.Status);
        Assert.Equal(["sla.breached"], database.PublishedEvents().Select(e => e.Topic));

        database.Clock.Advance(TimeSpan.FromHours(1));
        await Scan(database);
        Assert.Single(database.PublishedEvents()); // not breached twice
    }

    [Fact]
    public async Task Completed_work_stops_the_clock_before_it_can_breach()
    {
        using var database = new TestDatabase<SupervisionSqliteDbContext>();
        var ticketId = Guid.NewGuid();
        await using (var db = database.NewContext())
        {
            await new TicketAssignedHandler(db, Policy).HandleAsync(Assigned(ticketId, Urgency.Urgent), default);
            await db.SaveChangesAsync();
        }
        database.Clock.Advance(TimeSpan.FromHours(10));
        await using (var db = database.NewContext())
        {
            await new HandlingCompletedHandler(db).HandleAsync(new HandlingCompleted(ticketId, "SFS-DC", "done", "clerk"), default);
            await db.SaveChangesAsync();
        }
        database.Clock.Advance(TimeSpan.FromDays(3));
        await Scan(database);

        await using var check = database.NewContext();
        var clock = Assert.Single(check.Clocks);
        Assert.Equal(ClockStatus.Stopped, clock.Status);
        Assert.Equal(clock.StartedAt + TimeSpan.FromHours(24), clock.Deadline);
        Assert.Empty(database.PublishedEvents());
    }

    [Fact]
    public async Task Two_instances_sharing_the_database_scan_one_at_a_time()
    {
        using var database = new TestDatabase<SupervisionSqliteDbContext>();
        await using (var db = database.NewContext())
        {
            await new TicketAssignedHandler(db, Policy).HandleAsync(Assigned(Guid.NewGuid(), Urgency.Critical), default);
            await db.SaveChangesAsync();
        }
        database.Clock.Advance(TimeSpan.FromHours(5));
        var services = new ServiceCollection().AddScoped<ServiceDbContext>(_ => database.NewContext()).BuildServiceProvider();
        var gate = new WriteGate(serialise: true);
        var options = Options.Create(new TicketingOptions());
        Leases Instance() => new(services.GetRequiredService<IServiceScopeFactory>(), gate, database.Clock);
        var (first, second) = (Instance(), Instance());

        await using var db1 = database.NewContext();
        await using var db2 = database.NewContext();
        Assert.Equal(1, await new SlaScan(db1, gate, first, options).RunOnOneInstanceAsync(default));
        Assert.Null(await new SlaScan(db2, gate, second, options).RunOnOneInstanceAsync(default)); // the other holds the scan
        Assert.Single(database.PublishedEvents());
    }

    [Theory]
    [InlineData(Urgency.Normal, 72)]
    [InlineData(Urgency.Urgent, 24)]
    [InlineData(Urgency.Critical, 4)]
    public void Handling_time_follows_urgency(Urgency urgency, int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), Policy.HandlingTime(urgency));

    private static TicketAssigned Assigned(Guid ticketId, Urgency urgency) =>
        new(ticketId, "GD20261123-000001", Guid.NewGuid(), "SFS-DC", "东城区人民政府", Category.Complaint, urgency);

    private static async Task<List<SlaClock>> Scan(TestDatabase<SupervisionSqliteDbContext> database)
    {
        await using var db = database.NewContext();
        await new SlaScan(db, new WriteGate(serialise: true), null!, Options.Create(new TicketingOptions())).RunAsync(default);
        return db.ChangeTracker.Entries<SlaClock>().Where(e => e.Entity.Status == ClockStatus.Breached && e.Entity.BreachedAt == database.Clock.GetUtcNow())
            .Select(e => e.Entity).ToList();
    }
}

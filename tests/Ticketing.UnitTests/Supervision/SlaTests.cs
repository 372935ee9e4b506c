using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ticketing.BuildingBlocks.Hosting;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Messaging;
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
        var requested = HandlingRequested(Guid.NewGuid(), Urgency.Critical);
        await Handle(database, requested);

        database.Clock.Advance(TimeSpan.FromHours(4) - TimeSpan.FromMinutes(1));
        Assert.Empty(await Scan(database));
        database.Clock.Advance(TimeSpan.FromMinutes(2));
        var breached = Assert.Single(await Scan(database));
        Assert.Equal(ClockStatus.Breached, breached.Status);
        var published = Assert.Single(database.PublishedEvents());
        Assert.Equal("sla.breached", published.Topic);
        Assert.Contains($"\"workItemId\":\"{requested.CaseId}\"", published.Payload);
        Assert.Contains("\"clock\":\"handling\"", published.Payload);

        database.Clock.Advance(TimeSpan.FromHours(1));
        await Scan(database);
        Assert.Single(database.PublishedEvents()); // not breached twice
    }

    [Fact]
    public async Task Each_work_item_has_its_own_clock_started_once()
    {
        using var database = new TestDatabase<SupervisionSqliteDbContext>();
        var ticketId = Guid.NewGuid();
        var assigned = Assigned(ticketId, Urgency.Urgent);
        var requested = HandlingRequested(ticketId, Urgency.Urgent) with { AssignmentId = assigned.AssignmentId };
        await Handle(database, assigned);
        await Handle(database, assigned with { Id = Guid.NewGuid() }); // the same assignment again
        await Handle(database, requested);
        await Handle(database, requested with { Id = Guid.NewGuid() });

        await using var check = database.NewContext();
        var clocks = await check.Clocks.OrderBy(c => c.Deadline).ToListAsync();
        Assert.Equal([(assigned.AssignmentId, SlaClock.SignFor), (requested.CaseId, SlaClock.Handling)], clocks.Select(c => (c.WorkItemId, c.Kind)));
        Assert.Equal([TimeSpan.FromHours(8), TimeSpan.FromHours(24)], clocks.Select(c => c.Deadline - c.StartedAt));
    }

    [Fact]
    public async Task Closing_a_case_stops_its_clock_and_leaves_the_reopened_cases_clock_running()
    {
        using var database = new TestDatabase<SupervisionSqliteDbContext>();
        var ticketId = Guid.NewGuid();
        var first = HandlingRequested(ticketId, Urgency.Urgent);
        var reopen = first with { Id = Guid.NewGuid(), CaseId = Guid.NewGuid(), Reopens = 1, Reason = "客户不满意" };
        await Handle(database, first);
        database.Clock.Advance(TimeSpan.FromHours(10));
        await Handle(database, reopen);
        await Handle(database, Closed(first.CaseId, WorkItemKind.HandlingCase, WorkItemOutcome.Done)); // the first case's 办结 arrives late

        await using (var check = database.NewContext())
        {
            var clocks = await check.Clocks.ToDictionaryAsync(c => c.WorkItemId);
            Assert.Equal((ClockStatus.Stopped, database.Clock.GetUtcNow()), (clocks[first.CaseId].Status, clocks[first.CaseId].StoppedAt));
            Assert.Equal((ClockStatus.Running, null), (clocks[reopen.CaseId].Status, clocks[reopen.CaseId].StoppedAt));
        }
        database.Clock.Advance(TimeSpan.FromHours(25));
        var breached = Assert.Single(await Scan(database));
        Assert.Equal(reopen.CaseId, breached.WorkItemId);
    }

    [Theory]
    [InlineData(WorkItemOutcome.Done)]
    [InlineData(WorkItemOutcome.Withdrawn)]
    [InlineData(WorkItemOutcome.Superseded)]
    public async Task Any_close_of_an_assignment_stops_its_sign_for_clock(WorkItemOutcome outcome)
    {
        using var database = new TestDatabase<SupervisionSqliteDbContext>();
        var assigned = Assigned(Guid.NewGuid(), Urgency.Normal);
        await Handle(database, assigned);
        await Handle(database, Closed(assigned.AssignmentId, WorkItemKind.Assignment, outcome));
        database.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Empty(await Scan(database));

        await using var check = database.NewContext();
        Assert.Equal(ClockStatus.Stopped, (await check.Clocks.SingleAsync()).Status);
    }

    [Fact]
    public async Task A_breached_clock_keeps_its_breach_when_its_item_closes()
    {
        using var database = new TestDatabase<SupervisionSqliteDbContext>();
        var assigned = Assigned(Guid.NewGuid(), Urgency.Critical);
        await Handle(database, assigned);
        database.Clock.Advance(TimeSpan.FromHours(3));
        Assert.Single(await Scan(database));
        await Handle(database, Closed(assigned.AssignmentId, WorkItemKind.Assignment, WorkItemOutcome.Done));

        await using var check = database.NewContext();
        var clock = await check.Clocks.SingleAsync();
        Assert.Equal((ClockStatus.Breached, database.Clock.GetUtcNow()), (clock.Status, clock.StoppedAt));
    }

    [Fact]
    public async Task A_close_that_arrives_before_its_clock_started_waits_and_other_kinds_are_not_timed()
    {
        using var database = new TestDatabase<SupervisionSqliteDbContext>();
        var itemId = Guid.NewGuid();
        Assert.Equal(EventOutcomeKind.WaitForEarlierStep, (await Handle(database, Closed(itemId, WorkItemKind.Assignment, WorkItemOutcome.Done))).Kind);
        Assert.Equal(EventOutcomeKind.WaitForEarlierStep, (await Handle(database, Closed(itemId, WorkItemKind.HandlingCase, WorkItemOutcome.Withdrawn))).Kind);
        Assert.Equal(EventOutcome.Handled, await Handle(database, Closed(itemId, WorkItemKind.CallbackTask, WorkItemOutcome.Done)));
        Assert.Equal(EventOutcome.Handled, await Handle(database, Closed(itemId, WorkItemKind.Dispatch, WorkItemOutcome.Done)));
    }

    [Fact]
    public async Task Two_instances_sharing_the_database_scan_one_at_a_time()
    {
        using var database = new TestDatabase<SupervisionSqliteDbContext>();
        await Handle(database, Assigned(Guid.NewGuid(), Urgency.Critical));
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

    [Theory]
    [InlineData(Urgency.Normal, 24)]
    [InlineData(Urgency.Urgent, 8)]
    [InlineData(Urgency.Critical, 2)]
    public void Sign_for_time_follows_urgency(Urgency urgency, int hours) =>
        Assert.Equal(TimeSpan.FromHours(hours), Policy.SignForTime(urgency));

    private static TicketAssigned Assigned(Guid ticketId, Urgency urgency) =>
        new(ticketId, "GD20261123-000001", Guid.NewGuid(), Guid.NewGuid(), "SFS-DC", "东城区人民政府", Category.Complaint, urgency, "dispatcher-1");

    private static HandlingRequested HandlingRequested(Guid ticketId, Urgency urgency) =>
        new(ticketId, Guid.NewGuid(), "GD20261123-000001", Guid.NewGuid(), "SFS-DC", urgency, 0, null);

    private static WorkItemClosed Closed(Guid itemId, WorkItemKind kind, WorkItemOutcome outcome) =>
        new(Guid.NewGuid(), itemId, kind, outcome, outcome.ToString());

    private static async Task<EventOutcome> Handle(TestDatabase<SupervisionSqliteDbContext> database, IntegrationEvent integrationEvent)
    {
        await using var db = database.NewContext();
        var outcome = integrationEvent switch
        {
            TicketAssigned assigned => await new TicketAssignedHandler(db, Policy).HandleAsync(assigned, default),
            HandlingRequested requested => await new HandlingRequestedHandler(db, Policy).HandleAsync(requested, default),
            WorkItemClosed closed => await new WorkItemClosedHandler(db).HandleAsync(closed, default),
            _ => throw new ArgumentException(integrationEvent.GetType().Name),
        };
        await db.SaveChangesAsync();
        return outcome;
    }

    private static async Task<List<SlaClock>> Scan(TestDatabase<SupervisionSqliteDbContext> database)
    {
        await using var db = database.NewContext();
        await new SlaScan(db, new WriteGate(serialise: true), null!, Options.Create(new TicketingOptions())).RunAsync(default);
        return db.ChangeTracker.Entries<SlaClock>().Where(e => e.Entity.Status == ClockStatus.Breached && e.Entity.BreachedAt == database.Clock.GetUtcNow())
            .Select(e => e.Entity).ToList();
    }
}

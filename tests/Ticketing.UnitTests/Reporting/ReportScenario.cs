using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Contracts.Queries;
using Ticketing.Reporting.Agents;
using Ticketing.Reporting.Data;
using Ticketing.Reporting.Events;
using Ticketing.Reporting.Offices;
using Ticketing.Reporting.Periods;
using Ticketing.Reporting.WorkingHours;

namespace Ticketing.UnitTests.Reporting;

/// <summary>Reporting's real SQLite read model, fed events through its own handlers, as the inbox would.</summary>
public sealed class ReportScenario : IDisposable
{
    public static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    public TestDatabase<ReportingSqliteDbContext> Database { get; } = new();

    public FakeSupervision Supervision { get; } = new();

    public HotlineTime Time { get; } = new(Options.Create(new ReportingOptions()));

    /// <summary>2026-11-30 (a Monday) at hh:mm in the hotline's time.</summary>
    public static DateTimeOffset At(int hour, int minute, int day = 30) => new(2026, 11, day, hour, minute, 0, Shanghai);

    public async Task DeliverAsync(IntegrationEvent e) => Assert.Equal(EventOutcome.Handled, await OfferAsync(e));

    /// <summary>Hands the event to its handler and saves what it did; the handler's answer says whether it took it.</summary>
    public async Task<EventOutcome> OfferAsync(IntegrationEvent e)
    {
        await using var db = Database.NewContext();
        var outcome = e switch
        {
            TicketReceived x => await new TicketReceivedHandler(db).HandleAsync(x, default),
            TicketResolvedAtFirstContact x => await new TicketResolvedAtFirstContactHandler(db).HandleAsync(x, default),
            TicketStateChanged x => await new TicketStateChangedHandler(db).HandleAsync(x, default),
            TicketAssigned x => await new TicketAssignedHandler(db).HandleAsync(x, default),
            AssignmentSigned x => await new AssignmentSignedHandler(db).HandleAsync(x, default),
            AssignmentReturned x => await new AssignmentReturnedHandler(db).HandleAsync(x, default),
            HandlingRequested x => await new HandlingRequestedHandler(db).HandleAsync(x, default),
            HandlingCompleted x => await new HandlingCompletedHandler(db).HandleAsync(x, default),
            SlaBreached x => await new SlaBreachedHandler(db).HandleAsync(x, default),
            SlaBreachWithdrawn x => await new SlaBreachWithdrawnHandler(db).HandleAsync(x, default),
            CallbackCompleted x => await new CallbackCompletedHandler(db).HandleAsync(x, default),
            CallbackFailed x => await new CallbackFailedHandler(db).HandleAsync(x, default),
            SurveyCompleted x => await new SurveyCompletedHandler(db).HandleAsync(x, default),
            _ => throw new ArgumentException($"Reporting does not take {e.GetType().Name}"),
        };
        await db.SaveChangesAsync();
        return outcome;
    }

    public async Task DeliverAsync(IEnumerable<IntegrationEvent> events)
    {
        foreach (var e in events) await DeliverAsync(e);
    }

    public async Task<int> MeasureAsync()
    {
        await using var db = Database.NewContext();
        return await new WorkingHoursMeasurer(db, Supervision, Options.Create(new ReportingOptions()), NullLogger<WorkingHoursMeasurer>.Instance)
            .MeasurePendingAsync(default);
    }

    public async Task<OfficeReport> OfficesAsync(string? from = null, string? to = null, string? period = null, string? date = null)
    {
        await using var db = Database.NewContext();
        return await OfficeReportQuery.RunAsync(db, Time.Between(from, to, period, date), "Asia/Shanghai", null, default);
    }

    public async Task<WeeklyOfficeReport> WeeklyAsync(Caller caller, int? weeks, string? date, string? office = null)
    {
        await using var db = Database.NewContext();
        return await WeeklyOfficeReportQuery.RunAsync(db, Time.WeeksUpTo(weeks, date, new DateTimeOffset(2027, 1, 2, 12, 0, 0, Shanghai)), office, "Asia/Shanghai",
            caller, default);
    }

    public async Task<AgentReport> AgentsAsync(string date, string? shift = null)
    {
        await using var db = Database.NewContext();
        return await AgentReportQuery.RunAsync(db, Time.DayOrShift(date, shift), "Asia/Shanghai", null, default);
    }

    public void Dispose() => Database.Dispose();
}

/// <summary>Supervision's working-time answer, as wall-clock minutes; down when told to be.</summary>
public sealed class FakeSupervision : ISupervisionApi
{
    public bool Down { get; set; }

    public int Calls { get; private set; }

    public Task<WorkingTimeView> WorkingTimeBetweenAsync(string code, WorkingTimeQuery query, CancellationToken cancellationToken = default)
    {
        Calls++;
        if (Down) throw new HttpRequestException("Connection refused (supervision)");
        Assert.Equal("default", code);
        return Task.FromResult(new WorkingTimeView((long)(query.To - query.From).TotalMinutes));
    }
}

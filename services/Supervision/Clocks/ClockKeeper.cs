using Microsoft.EntityFrameworkCore;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Supervision.Data;
using Ticketing.Supervision.Notices;
using Ticketing.Supervision.Policies;

namespace Ticketing.Supervision.Clocks;

/// <summary>Starts, stops and moves clocks for the event handlers, with the policy and calendar each needs.</summary>
public sealed class ClockKeeper(SupervisionDbContext db, SlaPolicies policies, ClockCalendars calendars)
{
    public SupervisionDbContext Db => db;

    public Task<SlaClock?> FindAsync(Guid workItemId, CancellationToken cancellationToken) =>
        db.Clocks.FirstOrDefaultAsync(c => c.WorkItemId == workItemId, cancellationToken);

    /// <summary>
    /// Starts the clock of a work item once and announces its deadline; a redelivered start changes nothing.
    /// <paramref name="assignmentId"/> is the dispatch assignment the work belongs to, for the office's inbox.
    /// </summary>
    public async Task StartAsync(Guid workItemId, string kind, Guid ticketId, string number, string officeCode, Category? category, Urgency urgency,
        DateTimeOffset at, Guid? assignmentId, CancellationToken cancellationToken)
    {
        if (await db.Clocks.AnyAsync(c => c.WorkItemId == workItemId, cancellationToken)) return;
        var policy = await policies.ForAsync(db, category, urgency, cancellationToken);
        var calendar = await calendars.ForOfficeAsync(db, officeCode, policy, cancellationToken);
        var clock = SlaClock.Start(workItemId, kind, ticketId, number, officeCode, category, urgency, policy, calendar, at, assignmentId);
        db.Clocks.Add(clock);
        AnnounceDeadline(clock, null);
    }

    /// <summary>sla.deadline-changed, in the transaction of the change, when what the office sees of the deadline changed.</summary>
    public void AnnounceDeadline(SlaClock clock, DeadlineShown? before)
    {
        if (clock.DeadlineChangedSince(before) is { } changed) db.Publish(changed);
    }

    /// <summary>Stops a clock at the moment the work ended; a breach that turns out wrong is withdrawn, open notices close.</summary>
    public async Task StopAsync(SlaClock clock, DateTimeOffset at, ClockOutcome outcome, CancellationToken cancellationToken)
    {
        var (deadlineBefore, shown) = (clock.Deadline, clock.ShownDeadline());
        var withdrawn = clock.Stop(at, outcome, await calendars.ForClockAsync(db, clock, cancellationToken));
        if (withdrawn)
            db.Publish(new SlaBreachWithdrawn(clock.TicketId, clock.WorkItemId, clock.OfficeCode, clock.Kind, deadlineBefore,
                $"The work ended at {at:u}, by the deadline; its report arrived after the breach was raised."));
        if (clock.IsStopped) await CloseNoticesAsync(clock, withdrawn ? "breach withdrawn" : "work ended", cancellationToken);
        AnnounceDeadline(clock, shown);
    }

    public async Task CloseNoticesAsync(SlaClock clock, string reason, CancellationToken cancellationToken)
    {
        var now = db.Clock.GetUtcNow();
        foreach (var notice in await db.Notices.Where(n => n.ClockId == clock.Id && n.Status != NoticeStatus.Closed).ToListAsync(cancellationToken))
            notice.Close(reason, now);
    }

    public async Task PauseOrResumeAsync(SlaClock clock, bool waiting, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var (calendar, shown) = (await calendars.ForClockAsync(db, clock, cancellationToken), clock.ShownDeadline());
        if (waiting) clock.Pause(at, calendar);
        else clock.Resume(at, calendar);
        AnnounceDeadline(clock, shown);
    }

    /// <summary>升级: every clock still running on the ticket shortens to the new urgency's policy.</summary>
    public async Task EscalateAsync(Guid ticketId, Urgency to, DateTimeOffset at, CancellationToken cancellationToken)
    {
        foreach (var clock in await db.Clocks.Where(c => c.TicketId == ticketId && c.StoppedAt == null).ToListAsync(cancellationToken))
        {
            var (policy, shown) = (await policies.ForAsync(db, clock.Category, to, cancellationToken), clock.ShownDeadline());
            clock.Escalate(to, policy, at, await calendars.ForClockAsync(db, clock, cancellationToken));
            AnnounceDeadline(clock, shown); // a paused clock's shortened deadline is announced when it resumes
        }
    }

    /// <summary>The ticket's category and urgency as its latest clock knows them.</summary>
    public async Task<(Category? Category, Urgency Urgency)?> TicketTermsAsync(Guid ticketId, CancellationToken cancellationToken) =>
        await db.Clocks.Where(c => c.TicketId == ticketId).OrderByDescending(c => c.StartedAt)
            .Select(c => new { c.Category, c.Urgency }).FirstOrDefaultAsync(cancellationToken) is { } terms
            ? (terms.Category, terms.Urgency)
            : null;
}

using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Data;

namespace Ticketing.Dispatch.Events;

/// <summary>
/// Supervision announced a clock's deadline: the assignment the clock's work belongs to shows it in the office's inbox.
/// A stale announcement (an earlier one of the same clock, or the sign-for clock's after the handling clock's) changes
/// nothing, so redelivery and any order of arrival leave the latest deadline of the latest clock.
/// </summary>
public sealed class SlaDeadlineChangedHandler(DispatchDbContext db) : IIntegrationEventHandler<SlaDeadlineChanged>
{
    public async Task<EventOutcome> HandleAsync(SlaDeadlineChanged changed, CancellationToken cancellationToken)
    {
        if (changed.AssignmentId is not { } id) return EventOutcome.Handled; // the call centre's callback clocks
        var assignment = await db.Assignments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (assignment is null) return EventOutcome.WaitForEarlierStep($"No assignment {id} here (yet).");
        var (readClock, readSequence) = (assignment.DueClockId, assignment.DueSequence);
        if (!assignment.TakeDeadline(new DeadlineAnnouncement(changed.WorkItemId, changed.Clock, changed.StartedAt, changed.Sequence,
                changed.Deadline, changed.Paused)))
            return EventOutcome.Handled;

        // Only the deadline's columns, and only as read: the office's own answers (guarded by the assignment's version) are
        // never refused for a deadline arriving meanwhile, and two announcements handled at once cannot both land.
        var written = await db.Assignments.Where(a => a.Id == id && a.DueClockId == readClock && a.DueSequence == readSequence)
            .ExecuteUpdateAsync(set => set
                .SetProperty(a => a.DueAt, assignment.DueAt)
                .SetProperty(a => a.DueKind, assignment.DueKind)
                .SetProperty(a => a.DuePaused, assignment.DuePaused)
                .SetProperty(a => a.DueClockId, assignment.DueClockId)
                .SetProperty(a => a.DueClockStartedAt, assignment.DueClockStartedAt)
                .SetProperty(a => a.DueSequence, assignment.DueSequence), cancellationToken);
        return written == 1 ? EventOutcome.Handled : EventOutcome.Retry($"The deadline of assignment {id} changed meanwhile.");
    }
}

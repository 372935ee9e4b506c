using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Supervision.Clocks;
using Ticketing.Supervision.Data;

namespace Ticketing.Supervision.Events;

/// <summary>交办 starts the office's sign-for clock on that assignment.</summary>
public sealed class TicketAssignedHandler(SupervisionDbContext db, SlaPolicy policy) : IIntegrationEventHandler<TicketAssigned>
{
    public async Task<EventOutcome> HandleAsync(TicketAssigned assigned, CancellationToken cancellationToken)
    {
        if (!await db.Clocks.AnyAsync(c => c.WorkItemId == assigned.AssignmentId, cancellationToken))
            db.Clocks.Add(SlaClock.Start(assigned.AssignmentId, SlaClock.SignFor, assigned.TicketId, assigned.Number, assigned.OfficeCode,
                assigned.Urgency, policy.SignForTime(assigned.Urgency), db.Clock.GetUtcNow()));
        return EventOutcome.Handled;
    }
}

/// <summary>A handling case (first handling, reopen or reply sent back) starts its own handling clock.</summary>
public sealed class HandlingRequestedHandler(SupervisionDbContext db, SlaPolicy policy) : IIntegrationEventHandler<HandlingRequested>
{
    public async Task<EventOutcome> HandleAsync(HandlingRequested requested, CancellationToken cancellationToken)
    {
        if (!await db.Clocks.AnyAsync(c => c.WorkItemId == requested.CaseId, cancellationToken))
            db.Clocks.Add(SlaClock.Start(requested.CaseId, SlaClock.Handling, requested.TicketId, requested.Number, requested.OfficeCode,
                requested.Urgency, policy.HandlingTime(requested.Urgency), db.Clock.GetUtcNow()));
        return EventOutcome.Handled;
    }
}

/// <summary>The workflow closed an office's work item, however it ended: that item's clock stops, and only that one.</summary>
public sealed class WorkItemClosedHandler(SupervisionDbContext db) : IIntegrationEventHandler<WorkItemClosed>
{
    public async Task<EventOutcome> HandleAsync(WorkItemClosed closed, CancellationToken cancellationToken)
    {
        if (closed.Kind is not (WorkItemKind.Assignment or WorkItemKind.HandlingCase)) return EventOutcome.Handled;
        var clock = await db.Clocks.FirstOrDefaultAsync(c => c.WorkItemId == closed.WorkItemId, cancellationToken);
        // ticket.assigned comes from dispatch, so the workflow's close of that assignment may arrive first.
        if (clock is null) return EventOutcome.WaitForEarlierStep($"The clock of {closed.Kind} {closed.WorkItemId} has not started here yet.");
        clock.Stop(db.Clock.GetUtcNow());
        return EventOutcome.Handled;
    }
}

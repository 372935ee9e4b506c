using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Supervision.Clocks;
using Ticketing.Supervision.Data;

namespace Ticketing.Supervision.Events;

/// <summary>Assignment starts the office's handling clock.</summary>
public sealed class TicketAssignedHandler(SupervisionDbContext db, SlaPolicy policy) : IIntegrationEventHandler<TicketAssigned>
{
    public Task<EventOutcome> HandleAsync(TicketAssigned assigned, CancellationToken cancellationToken)
    {
        db.Clocks.Add(SlaClock.StartHandling(assigned.TicketId, assigned.Number, assigned.OfficeCode, assigned.Urgency,
            policy.HandlingTime(assigned.Urgency), db.Clock.GetUtcNow()));
        return Task.FromResult(EventOutcome.Handled);
    }
}

/// <summary>A reopened ticket gives the same office a fresh handling clock.</summary>
public sealed class TicketReopenedHandler(SupervisionDbContext db, SlaPolicy policy) : IIntegrationEventHandler<TicketReopened>
{
    public async Task<EventOutcome> HandleAsync(TicketReopened reopened, CancellationToken cancellationToken)
    {
        var previous = await db.Clocks.Where(c => c.TicketId == reopened.TicketId).OrderByDescending(c => c.StartedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (previous is null) return EventOutcome.WaitForEarlierStep("The ticket has no clock here yet.");
        db.Clocks.Add(SlaClock.StartHandling(reopened.TicketId, reopened.Number, reopened.OfficeCode, previous.Urgency,
            policy.HandlingTime(previous.Urgency), db.Clock.GetUtcNow()));
        return EventOutcome.Handled;
    }
}

/// <summary>办结 stops every clock still running on the ticket.</summary>
public sealed class HandlingCompletedHandler(SupervisionDbContext db) : IIntegrationEventHandler<HandlingCompleted>
{
    public async Task<EventOutcome> HandleAsync(HandlingCompleted completed, CancellationToken cancellationToken)
    {
        var clocks = await db.Clocks.Where(c => c.TicketId == completed.TicketId).ToListAsync(cancellationToken);
        if (clocks.Count == 0) return EventOutcome.WaitForEarlierStep("Its clock starts with ticket.assigned, which has not arrived.");
        var open = clocks.Where(c => c.StoppedAt == null);
        foreach (var clock in open) clock.Stop(db.Clock.GetUtcNow());
        return EventOutcome.Handled;
    }
}

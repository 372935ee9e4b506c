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
        if (previous is null) return EventOutcome.Drop;
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
        var open = await db.Clocks.Where(c => c.TicketId == completed.TicketId && c.StoppedAt == null).ToListAsync(cancellationToken);
        foreach (var clock in open) clock.Stop(db.Clock.GetUtcNow());
        return EventOutcome.Handled;
    }
}

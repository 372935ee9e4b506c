using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Intake.Data;

namespace Ticketing.Intake.Events;

/// <summary>Agents see the urgency a ticket was escalated to; it only ever goes up.</summary>
public sealed class TicketEscalatedHandler(IntakeDbContext db) : IIntegrationEventHandler<TicketEscalated>
{
    public async Task<EventOutcome> HandleAsync(TicketEscalated escalated, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.FindAsync([escalated.TicketId], cancellationToken);
        if (ticket is null) return EventOutcome.WaitForEarlierStep("No ticket here has this id (yet).");
        ticket.Escalate(escalated.To);
        return EventOutcome.Handled;
    }
}

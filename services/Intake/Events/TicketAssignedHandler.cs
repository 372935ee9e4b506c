using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Intake.Data;

namespace Ticketing.Intake.Events;

/// <summary>交办: agents find a ticket by the office it was assigned to.</summary>
public sealed class TicketAssignedHandler(IntakeDbContext db) : IIntegrationEventHandler<TicketAssigned>
{
    public async Task<EventOutcome> HandleAsync(TicketAssigned assigned, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.FindAsync([assigned.TicketId], cancellationToken);
        if (ticket is null) return EventOutcome.WaitForEarlierStep("No ticket here has this id (yet).");
        ticket.AssignTo(assigned.OfficeCode, assigned.AssignmentId, assigned.OccurredAt);
        return EventOutcome.Handled;
    }
}

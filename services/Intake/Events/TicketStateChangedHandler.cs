using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Intake.Data;

namespace Ticketing.Intake.Events;

/// <summary>Keeps the status agents see on a ticket in step with the workflow service (a finished ticket is overdue no more).</summary>
public sealed class TicketStateChangedHandler(IntakeDbContext db) : IIntegrationEventHandler<TicketStateChanged>
{
    public async Task<EventOutcome> HandleAsync(TicketStateChanged changed, CancellationToken cancellationToken)
    {
        var ticket = await db.TicketWithOfficeWorkAsync(changed.TicketId, cancellationToken);
        if (ticket is null) return EventOutcome.WaitForEarlierStep("No ticket here has this id (yet).");
        ticket.ApplyLifecycleState(changed.To, changed.Sequence);
        return EventOutcome.Handled;
    }
}

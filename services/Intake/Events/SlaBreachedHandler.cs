using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Intake.Data;

namespace Ticketing.Intake.Events;

/// <summary>超时: an office's clock ran out on the ticket; it is overdue until that work item closes.</summary>
public sealed class SlaBreachedHandler(IntakeDbContext db) : IIntegrationEventHandler<SlaBreached>
{
    public async Task<EventOutcome> HandleAsync(SlaBreached breached, CancellationToken cancellationToken)
    {
        var ticket = await db.TicketWithOfficeWorkAsync(breached.TicketId, cancellationToken);
        if (ticket is null) return EventOutcome.WaitForEarlierStep("No ticket here has this id (yet).");
        ticket.RecordBreach(breached.WorkItemId);
        return EventOutcome.Handled;
    }
}

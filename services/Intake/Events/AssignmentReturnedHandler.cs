using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Intake.Data;

namespace Ticketing.Intake.Events;

/// <summary>退回: a returned ticket has no office until dispatch assigns it again.</summary>
public sealed class AssignmentReturnedHandler(IntakeDbContext db) : IIntegrationEventHandler<AssignmentReturned>
{
    public async Task<EventOutcome> HandleAsync(AssignmentReturned returned, CancellationToken cancellationToken)
    {
        var ticket = await db.Tickets.FindAsync([returned.TicketId], cancellationToken);
        if (ticket is null) return EventOutcome.WaitForEarlierStep("No ticket here has this id (yet).");
        ticket.ReturnFromOffice(returned.AssignmentId, returned.OccurredAt);
        return EventOutcome.Handled;
    }
}

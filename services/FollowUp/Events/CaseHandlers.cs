using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.FollowUp.Cases;
using Ticketing.FollowUp.Data;

namespace Ticketing.FollowUp.Events;

/// <summary>An assignment opens the office's case.</summary>
public sealed class TicketAssignedHandler(FollowUpDbContext db) : IIntegrationEventHandler<TicketAssigned>
{
    public async Task<EventOutcome> HandleAsync(TicketAssigned assigned, CancellationToken cancellationToken)
    {
        if (await db.Cases.FindAsync([assigned.TicketId], cancellationToken) is null)
            db.Cases.Add(HandlingCase.Open(assigned.TicketId, assigned.Number, assigned.AssignmentId, assigned.OfficeCode, db.Clock.GetUtcNow()));
        return EventOutcome.Handled;
    }
}

/// <summary>Signing for the assignment lets the office work on (and complete) the case.</summary>
public sealed class AssignmentSignedHandler(FollowUpDbContext db) : IIntegrationEventHandler<AssignmentSigned>
{
    public async Task<EventOutcome> HandleAsync(AssignmentSigned signed, CancellationToken cancellationToken)
    {
        var handling = await db.Cases.FindAsync([signed.TicketId], cancellationToken);
        if (handling is null) return EventOutcome.WaitForEarlierStep("The office's case opens with ticket.assigned, which has not arrived.");
        handling.Signed(db.Clock.GetUtcNow());
        return EventOutcome.Handled;
    }
}

public sealed class TicketReopenedHandler(FollowUpDbContext db) : IIntegrationEventHandler<TicketReopened>
{
    public async Task<EventOutcome> HandleAsync(TicketReopened reopened, CancellationToken cancellationToken)
    {
        var handling = await db.Cases.FindAsync([reopened.TicketId], cancellationToken);
        if (handling is null) return EventOutcome.WaitForEarlierStep("The ticket has no case here yet.");
        handling.Reopen();
        return EventOutcome.Handled;
    }
}

using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Intake.Data;

namespace Ticketing.Intake.Events;

/// <summary>
/// Intake keeps one kind of work item, the registration decision (its id is the ticket's). When the workflow
/// could not apply an agent's accept, reject or resolve, the ticket says so and why. An office's assignment or
/// handling case closing ends whatever breach of its clock made the ticket overdue.
/// </summary>
public sealed class WorkItemClosedHandler(IntakeDbContext db) : IIntegrationEventHandler<WorkItemClosed>
{
    public async Task<EventOutcome> HandleAsync(WorkItemClosed closed, CancellationToken cancellationToken)
    {
        switch (closed)
        {
            case { Kind: WorkItemKind.Registration, Outcome: WorkItemOutcome.Superseded }:
            {
                var ticket = await db.Tickets.FindAsync([closed.WorkItemId], cancellationToken);
                if (ticket is null) return EventOutcome.WaitForEarlierStep("No ticket here has this id (yet).");
                ticket.SupersedeDecision(closed.Reason);
                return EventOutcome.Handled;
            }
            case { Kind: WorkItemKind.Assignment or WorkItemKind.HandlingCase }:
            {
                var ticket = await db.TicketWithOfficeWorkAsync(closed.TicketId, cancellationToken);
                if (ticket is null) return EventOutcome.WaitForEarlierStep("No ticket here has this id (yet).");
                ticket.RecordOfficeWorkClosed(closed.WorkItemId);
                return EventOutcome.Handled;
            }
            default:
                return EventOutcome.Handled;
        }
    }
}

namespace Ticketing.Intake.Tickets;

/// <summary>
/// What intake has heard of one of an office's work items on a ticket (an assignment to sign for, or a handling case):
/// whether its SLA clock was breached, and whether the workflow closed it. Both only ever become true, so the two
/// events may come in either order, or twice, and end the same. A close is kept even without a breach, for the
/// breach that may still be on its way (supervision may breach a clock before it hears that its work item closed).
/// </summary>
public sealed class OfficeWorkItem
{
    /// <summary>The work item's own id: the assignment's or the handling case's.</summary>
    public Guid Id { get; private set; }

    public Guid TicketId { get; private set; }
    public bool Breached { get; private set; }
    public bool Closed { get; private set; }

    private OfficeWorkItem() { }

    internal OfficeWorkItem(Guid id, Guid ticketId) => (Id, TicketId) = (id, ticketId);

    /// <summary>Its clock ran out and the work is not closed: the ticket is overdue because of it.</summary>
    public bool IsOverdue => Breached && !Closed;

    internal bool Breach()
    {
        if (Breached) return false;
        Breached = true;
        return true;
    }

    internal bool Close()
    {
        if (Closed) return false;
        Closed = true;
        return true;
    }
}

using Ticketing.Contracts;

namespace Ticketing.Reporting.Facts;

/// <summary>
/// What reporting knows of one ticket, from intake's and the workflow's events in whatever order they came: who
/// registered it, whom it complains about, whether it was answered during the call, and whether it was closed as unreachable.
/// </summary>
public sealed class TicketFact
{
    public Guid TicketId { get; private set; }
    public DateTimeOffset? ReceivedAt { get; private set; }
    public string? ReceivedBy { get; private set; }

    /// <summary>The staff member a complaint names (被投诉人).</summary>
    public string? ConcernedStaff { get; private set; }

    public Category? Category { get; private set; }
    public DateTimeOffset? ResolvedAtFirstContactAt { get; private set; }
    public string? ResolvedBy { get; private set; }

    /// <summary>When the workflow closed it because the customer could not be reached for the callback.</summary>
    public DateTimeOffset? ClosedUnreachableAt { get; private set; }

    /// <summary>When it left the open states (closed, merged, rejected); its open breaches stop counting as open.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    private TicketFact() { }

    public static TicketFact Of(Guid ticketId) => new() { TicketId = ticketId };

    public void Received(DateTimeOffset at, string receivedBy, string? concernedStaff, Category category) =>
        (ReceivedAt, ReceivedBy, ConcernedStaff, Category) = (at, receivedBy, string.IsNullOrWhiteSpace(concernedStaff) ? null : concernedStaff, category);

    public void ResolvedAtFirstContact(DateTimeOffset at, string resolvedBy) => (ResolvedAtFirstContactAt, ResolvedBy) = (at, resolvedBy);

    /// <summary>A state change; an older one than what is known of the ending never moves it back.</summary>
    public void Moved(TicketState to, string trigger, DateTimeOffset at)
    {
        if (to is TicketState.Closed or TicketState.Merged or TicketState.Rejected) EndedAt ??= at;
        if (to == TicketState.Closed && trigger == UnreachableTrigger) ClosedUnreachableAt ??= at;
    }

    /// <summary>The workflow's trigger for a callback given up after the last unreachable attempt.</summary>
    public const string UnreachableTrigger = "CustomerUnreachable";
}

namespace Ticketing.Reporting.Facts;

/// <summary>
/// A breach supervision raised on one clock of one work item (the assignment's sign-for clock, the case's handling clock).
/// Kept per clock, so that a later withdrawal (<see cref="Withdraw"/>) turns the work item back to on time.
/// </summary>
public sealed class BreachFact
{
    public const string SignForClock = "sign-for";
    public const string HandlingClock = "handling";

    public Guid WorkItemId { get; private set; }
    public string Clock { get; private set; } = "";
    public Guid TicketId { get; private set; }
    public string OfficeCode { get; private set; } = "";
    public DateTimeOffset BreachedAt { get; private set; }
    public DateTimeOffset Deadline { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }

    private BreachFact() { }

    public static BreachFact Raised(Guid workItemId, string clock, Guid ticketId, string officeCode, DateTimeOffset at, DateTimeOffset deadline) =>
        new() { WorkItemId = workItemId, Clock = clock, TicketId = ticketId, OfficeCode = officeCode, BreachedAt = at, Deadline = deadline };

    public bool Stands => WithdrawnAt is null;

    /// <summary>Supervision took the breach back (a paused clock, a corrected deadline): the work item is on time again.</summary>
    public void Withdraw(DateTimeOffset at) => WithdrawnAt ??= at;
}

namespace Ticketing.Workflow.Timers;

/// <summary>
/// A durable timer a state started (e.g. escalate when no supervisor decided within a day). Stored with the
/// instance, so it survives restarts; it fires once, and only if the ticket is still in the state that
/// started it.
/// </summary>
public sealed class LifecycleTimer
{
    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public string Trigger { get; private set; } = "";
    public string? Reason { get; private set; }

    /// <summary>The instance's sequence when the state was entered: a later visit to the same state is another stay.</summary>
    public int StartedAtSequence { get; private set; }

    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset? FiredAt { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public int Version { get; set; }

    private LifecycleTimer() { }

    public static LifecycleTimer Start(Guid ticketId, string trigger, string? reason, int sequence, DateTimeOffset dueAt) => new()
    {
        Id = Guid.NewGuid(),
        TicketId = ticketId,
        Trigger = trigger,
        Reason = reason,
        StartedAtSequence = sequence,
        DueAt = dueAt,
    };

    public bool IsPending => FiredAt is null && CancelledAt is null;

    public void Fired(DateTimeOffset now) => FiredAt = now;

    public void Cancel(DateTimeOffset now) => CancelledAt ??= now;
}

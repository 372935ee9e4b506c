using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;

namespace Ticketing.Workflow.Lifecycle;

/// <summary>One persisted lifecycle per ticket: its state, where it is handled, and its append-only timeline.</summary>
public sealed class WorkflowInstance : IVersioned
{
    private readonly List<TimelineEntry> _timeline = [];

    public Guid TicketId { get; private set; }
    public string Number { get; private set; } = "";
    public TicketState State { get; private set; }

    /// <summary>Counts transitions; carried on ticket.state-changed so readers can order them.</summary>
    public int Sequence { get; private set; }

    public string? OfficeCode { get; private set; }
    public int ReopenCount { get; private set; }

    /// <summary>Lines on the timeline, so a new line is numbered without loading the old ones.</summary>
    public int TimelineLength { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; set; }
    public IReadOnlyList<TimelineEntry> Timeline => _timeline;

    private WorkflowInstance() { }

    public static WorkflowInstance Start(TicketReceived received, DateTimeOffset now)
    {
        var instance = new WorkflowInstance
        {
            TicketId = received.TicketId,
            Number = received.Number,
            State = TicketState.Received,
            CreatedAt = now,
            UpdatedAt = now,
        };
        instance.Record(now, "Received", received.ReceivedBy, $"{received.Channel} · {received.Category} · {received.Urgency}: {received.Title}", null, TicketState.Received);
        return instance;
    }

    public bool CanFire(LifecycleTrigger trigger) => Lifecycle().CanFire(trigger);

    /// <summary>Moves the ticket on and returns the event that tells the other services.</summary>
    public TicketStateChanged Fire(LifecycleTrigger trigger, string actor, string? note, DateTimeOffset now)
    {
        var lifecycle = Lifecycle();
        if (!lifecycle.CanFire(trigger))
            throw new DomainRuleException("Transition not allowed", $"Ticket {Number} is {State}; '{trigger}' is not allowed there.");
        var from = State;
        lifecycle.Fire(trigger);
        Sequence++;
        UpdatedAt = now;
        Record(now, trigger.ToString(), actor, note, from, State);
        return new TicketStateChanged(TicketId, from, State, trigger.ToString(), Sequence) { OccurredAt = now };
    }

    public void AssignTo(string officeCode) => OfficeCode = officeCode;

    public void CountReopen() => ReopenCount++;

    /// <summary>A supervision act or note: on the timeline, never a change of state.</summary>
    public void Note(string kind, string actor, string note, DateTimeOffset now)
    {
        UpdatedAt = now;
        Record(now, kind, actor, note, null, null);
    }

    private void Record(DateTimeOffset at, string kind, string actor, string? note, TicketState? from, TicketState? to) =>
        _timeline.Add(new TimelineEntry(TicketId, ++TimelineLength, at, kind, actor, note, from, to));

    private TicketLifecycle Lifecycle() => new(() => State, s => State = s);
}

/// <summary>One line of a ticket's timeline: who did what, when and why. Never updated or deleted.</summary>
public sealed record TimelineEntry(
    Guid TicketId, int Position, DateTimeOffset At, string Kind, string Actor, string? Note, TicketState? From, TicketState? To);

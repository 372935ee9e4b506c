using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Workflow.Lifecycle;
using Ticketing.Workflow.Timers;

namespace Ticketing.Workflow.Instances;

/// <summary>
/// One persisted lifecycle per ticket: the definition version it runs on, its state and counters, the work
/// items its states opened, its durable timers and its append-only timeline. The engine says where a step
/// leads; this aggregate carries it out and raises what happened as <see cref="LifecycleEvent"/>s.
/// </summary>
public sealed class WorkflowInstance : IVersioned, IOfficeScoped
{
    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<WorkItem> _workItems = [];
    private readonly List<LifecycleTimer> _timers = [];
    private readonly List<LifecycleEvent> _events = [];

    public Guid TicketId { get; private set; }
    public string Number { get; private set; } = "";
    public Category Category { get; private set; }
    public Urgency Urgency { get; private set; }
    public string RegionCode { get; private set; } = "";

    /// <summary>The catalogue's sub-category, which routing rules may name; null on tickets from before it existed.</summary>
    public string? SubCategory { get; private set; }

    public string DefinitionName { get; private set; } = "";
    public int DefinitionVersion { get; private set; }
    public TicketState State { get; private set; }

    /// <summary>Counts changes of state; carried on ticket.state-changed so readers can order them.</summary>
    public int Sequence { get; private set; }

    public string? OfficeCode { get; private set; }

    /// <summary>被投诉人: the staff member a complaint is about, who may not merge or close it.</summary>
    public string? ConcernedStaff { get; private set; }
    public Guid? AssignmentId { get; private set; }
    public int Returns { get; private set; }
    public int Reopens { get; private set; }
    public int Escalations { get; private set; }

    /// <summary>What the customer was told (the office's reply, or the agent's first-contact answer), for the callback.</summary>
    public string? ReplyToCustomer { get; private set; }

    /// <summary>The office a supervisor sent the ticket to, until dispatch is asked.</summary>
    public string? DirectedOfficeCode { get; private set; }

    public Guid? MergedInto { get; private set; }

    /// <summary>Lines on the timeline, so a new line is numbered without loading the old ones.</summary>
    public int TimelineLength { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; set; }

    public IReadOnlyList<TimelineEntry> Timeline => _timeline;
    public IReadOnlyList<WorkItem> WorkItems => _workItems;
    public IReadOnlyList<LifecycleTimer> Timers => _timers;

    /// <summary>What happened in this unit of work, for translation into integration events.</summary>
    public IReadOnlyList<LifecycleEvent> RaisedEvents => _events;

    private WorkflowInstance() { }

    public static WorkflowInstance Start(TicketReceived received, LifecycleDefinition definition, Guid sourceId, DateTimeOffset now)
    {
        var instance = new WorkflowInstance
        {
            TicketId = received.TicketId,
            Number = received.Number,
            Category = received.Category,
            Urgency = received.Urgency,
            RegionCode = received.RegionCode,
            SubCategory = received.SubCategory,
            ConcernedStaff = received.ConcernedStaff,
            DefinitionName = definition.Name,
            DefinitionVersion = definition.Version,
            State = Enum.Parse<TicketState>(definition.InitialState),
            CreatedAt = now,
            UpdatedAt = now,
        };
        instance.Record(now, "Received", new StepActor(received.ReceivedBy, Roles.Agent), sourceId,
            $"{received.Channel} · {received.Category} · {received.Urgency}: {received.Title} ({definition.Key})", null, instance.State);
        if (received.ConcernedStaff is { } named)
            instance.Record(now, "ConcernsStaff", new StepActor(received.ReceivedBy, Roles.Agent), null,
                string.Equals(named, received.ReceivedBy, StringComparison.OrdinalIgnoreCase)
                    ? $"For supervisors: this complaint is about {named}, who registered it; they may not reject, resolve, merge or close it."
                    : $"This complaint is about {named}, who may not reject, resolve, merge or close it.", null, null);
        instance.Enter(definition, definition.State(definition.InitialState), new LifecycleStep("Received", new StepActor(received.ReceivedBy, Roles.Agent)), now);
        return instance;
    }

    public StepFacts FactsFor(LifecycleStep step) =>
        new(TicketId, Returns, Reopens, OfficeCode, Urgency, step.Reason, step.OfficeCode, step.PrimaryTicketId, step.Attempt);

    public WorkItem? WorkItem(Guid id) => _workItems.FirstOrDefault(item => item.Id == id);

    public IEnumerable<WorkItem> OpenWorkItems => _workItems.Where(item => item.IsOpen);

    /// <summary>Carries out a step the engine permitted; returns the engine's decision either way.</summary>
    public LifecycleDecision Apply(LifecycleDefinition definition, ILifecycleEngine engine, LifecycleStep step, DateTimeOffset now)
    {
        var decision = engine.Decide(definition, State.ToString(), step.Trigger, FactsFor(step));
        if (!decision.Permitted) return decision;

        var from = State;
        var to = Enum.Parse<TicketState>(decision.To!);
        Effects(step, to);
        UpdatedAt = now;
        if (decision.StaysInState)
        {
            Record(now, step.Trigger, step.By, step.SourceId, step.Reason ?? step.Note, null, null);
            return decision;
        }

        State = to;
        Sequence++;
        Record(now, step.Trigger, step.By, step.SourceId, step.Reason ?? step.Note, from, to);
        _events.Add(new StateChanged(from, to, step.Trigger, Sequence));
        var why = $"The ticket moved to {to}: {step.Trigger} by {step.By.Id}{(step.Reason is null ? "" : $" ({step.Reason})")}.";
        foreach (var item in OpenWorkItems.ToList())
        {
            item.Close(item.Id == step.WorkItemId ? WorkItemStatus.Done : WorkItemStatus.Withdrawn, why, now);
            _events.Add(new WorkItemEnded(item));
        }
        foreach (var timer in _timers.Where(t => t.IsPending)) timer.Cancel(now);
        Enter(definition, definition.State(decision.To!), step, now);
        return decision;
    }

    /// <summary>
    /// A step a stage service reported on one of its work items that the ticket can no longer take: the
    /// item is marked superseded and its service told, so the person who acted sees why.
    /// </summary>
    public void Supersede(Guid workItemId, WorkItemKind kind, string? officeCode, LifecycleStep step, string reason, DateTimeOffset now)
    {
        var item = WorkItem(workItemId);
        if (item is null)
        {
            item = Instances.WorkItem.SupersededOnArrival(workItemId, TicketId, kind, State, officeCode, reason, now);
            _workItems.Add(item);
        }
        else
        {
            item.Close(WorkItemStatus.Superseded, reason, now);
        }
        UpdatedAt = now;
        Record(now, "StepSuperseded", step.By, step.SourceId, $"{step.Trigger} on {kind} {workItemId}: {reason}", null, null);
        _events.Add(new WorkItemEnded(item));
    }

    /// <summary>A supervision act or note: on the timeline, never a change of state.</summary>
    public void Note(string kind, StepActor by, Guid? sourceId, string note, DateTimeOffset now)
    {
        UpdatedAt = now;
        Record(now, kind, by, sourceId, note, null, null);
    }

    public void ForgetRaisedEvents() => _events.Clear();

    private void Effects(LifecycleStep step, TicketState to)
    {
        switch (step.Trigger)
        {
            case LifecycleTriggers.Assign:
                OfficeCode = step.OfficeCode;
                AssignmentId = step.AssignmentId;
                break;
            case LifecycleTriggers.Return:
                Returns++;
                break;
            case LifecycleTriggers.Reopen when to == TicketState.InProgress:
                Reopens++;
                break;
            case LifecycleTriggers.Complete or LifecycleTriggers.ResolveAtFirstContact:
                ReplyToCustomer = step.Note;
                break;
            case LifecycleTriggers.Reassign:
                DirectedOfficeCode = step.OfficeCode;
                break;
            case LifecycleTriggers.Merge:
                MergedInto = step.PrimaryTicketId;
                break;
            case LifecycleTriggers.Escalate:
                var raised = Urgency + 1;
                _events.Add(new UrgencyRaised(Urgency, raised, step.Reason ?? "Escalated", step.By.Id));
                Urgency = raised;
                Escalations++;
                break;
        }
    }

    /// <summary>Opens the work items and starts the timers the state asks for.</summary>
    private void Enter(LifecycleDefinition definition, StateDefinition state, LifecycleStep step, DateTimeOffset now)
    {
        foreach (var kind in state.OpensWorkItems)
        {
            var item = kind switch
            {
                WorkItemKind.Registration => Instances.WorkItem.Open(TicketId, TicketId, kind, State, null, false, null, now),
                WorkItemKind.Assignment => Instances.WorkItem.Open(step.AssignmentId!.Value, TicketId, kind, State, OfficeCode, false, null, now),
                WorkItemKind.Dispatch => Instances.WorkItem.Open(Guid.NewGuid(), TicketId, kind, State, DirectedOfficeCode, state.DispatchByHand,
                    step.Reason, now),
                WorkItemKind.CallbackTask => Instances.WorkItem.Open(Guid.NewGuid(), TicketId, kind, State, OfficeCode, false, null, now,
                    now + definition.Settings.CallbackDueAfter),
                _ => Instances.WorkItem.Open(Guid.NewGuid(), TicketId, kind, State, OfficeCode, false, step.Reason, now),
            };
            _workItems.Add(item);
            _events.Add(new WorkItemStarted(item));
        }
        if (state.OpensWorkItems.Contains(WorkItemKind.Dispatch)) DirectedOfficeCode = null;
        foreach (var timer in state.StartsTimers)
            _timers.Add(LifecycleTimer.Start(TicketId, timer.Fire, timer.Reason, Sequence, now + timer.After));
    }

    private void Record(DateTimeOffset at, string kind, StepActor by, Guid? sourceId, string? reason, TicketState? from, TicketState? to) =>
        _timeline.Add(new TimelineEntry(TicketId, ++TimelineLength, at, kind, by.Id, by.Role, reason, from, to, sourceId) { Office = by.Office });
}

/// <summary>One line of a ticket's timeline: who, in which role and office, did what, when and why. Never updated or deleted.</summary>
public sealed record TimelineEntry(
    Guid TicketId, int Position, DateTimeOffset At, string Kind, string Actor, string Role, string? Reason,
    TicketState? From, TicketState? To, Guid? SourceId)
{
    /// <summary>The office the actor acted for (office staff), as their token or their stage's event says.</summary>
    public string? Office { get; init; }
}

/// <summary>Who pulls a trigger: a person (by id, role and, for office staff, office), a stage service, or a timer.</summary>
public sealed record StepActor(string Id, string Role, string? Office = null);

/// <summary>
/// A trigger with what it brings: who, why, the work item it came from, and the trigger's own data.
/// <see cref="SourceId"/> is the event id or the client's request id, so a step is recognised when it comes again.
/// </summary>
public sealed record LifecycleStep(string Trigger, StepActor By)
{
    public string? Reason { get; init; }
    public string? Note { get; init; }
    public Guid? SourceId { get; init; }
    public Guid? WorkItemId { get; init; }
    public Guid? AssignmentId { get; init; }
    public string? OfficeCode { get; init; }
    public Guid? PrimaryTicketId { get; init; }
    public int? Attempt { get; init; }
}

/// <summary>What happened to an instance, raised inside it and translated into integration events in one place.</summary>
public abstract record LifecycleEvent;

public sealed record StateChanged(TicketState From, TicketState To, string Trigger, int Sequence) : LifecycleEvent;

public sealed record WorkItemStarted(WorkItem Item) : LifecycleEvent;

public sealed record WorkItemEnded(WorkItem Item) : LifecycleEvent;

public sealed record UrgencyRaised(Urgency From, Urgency To, string Reason, string By) : LifecycleEvent;

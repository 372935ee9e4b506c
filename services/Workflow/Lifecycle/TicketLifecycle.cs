using Stateless;
using Stateless.Graph;
using Ticketing.Contracts;

namespace Ticketing.Workflow.Lifecycle;

public enum LifecycleTrigger { Accept, Reject, Assign, SignFor, Complete, ConfirmSatisfied, Reopen }

/// <summary>
/// The main line of design.md §2 as a Stateless table. The machine reads and writes the persisted
/// instance's state, so the database row is the only truth. Returns, merges, first-contact resolution and
/// escalation come in a later issue.
/// </summary>
public sealed class TicketLifecycle
{
    private readonly StateMachine<TicketState, LifecycleTrigger> _machine;

    public TicketLifecycle(Func<TicketState> readState, Action<TicketState> writeState)
    {
        _machine = new StateMachine<TicketState, LifecycleTrigger>(readState, writeState);
        Configure(_machine);
    }

    private static void Configure(StateMachine<TicketState, LifecycleTrigger> machine)
    {
        machine.Configure(TicketState.Received)
            .Permit(LifecycleTrigger.Accept, TicketState.Accepted)
            .Permit(LifecycleTrigger.Reject, TicketState.Rejected);

        machine.Configure(TicketState.Accepted)
            .Permit(LifecycleTrigger.Assign, TicketState.Assigned);

        machine.Configure(TicketState.Assigned)
            .Permit(LifecycleTrigger.SignFor, TicketState.InProgress);

        machine.Configure(TicketState.InProgress)
            .Permit(LifecycleTrigger.Complete, TicketState.AwaitingCallback);

        machine.Configure(TicketState.AwaitingCallback)
            .Permit(LifecycleTrigger.ConfirmSatisfied, TicketState.Closed)
            .Permit(LifecycleTrigger.Reopen, TicketState.InProgress);
    }

    public bool CanFire(LifecycleTrigger trigger) => _machine.CanFire(trigger);

    public void Fire(LifecycleTrigger trigger) => _machine.Fire(trigger);

    /// <summary>The lifecycle as a Graphviz DOT graph, drawn from this very table.</summary>
    public static string ToDotGraph()
    {
        var state = TicketState.Received;
        var lifecycle = new TicketLifecycle(() => state, s => state = s);
        return UmlDotGraph.Format(lifecycle._machine.GetInfo());
    }
}

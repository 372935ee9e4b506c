using Ticketing.BuildingBlocks.Access;
using Ticketing.Contracts;

namespace Ticketing.Workflow.Lifecycle;

/// <summary>
/// What makes a definition runnable, checked when the service starts so a broken file stops it with a
/// clear message instead of stranding tickets later.
/// </summary>
public static class DefinitionRules
{
    public static void Check(LifecycleDefinition definition)
    {
        var problems = Problems(definition).ToList();
        if (problems.Count > 0) throw new InvalidLifecycleDefinitionException(definition.Key, problems);
    }

    public static IEnumerable<string> Problems(LifecycleDefinition d)
    {
        if (string.IsNullOrWhiteSpace(d.Name)) yield return "it has no name";
        if (d.Version < 1) yield return "its version must be 1 or more";
        if (d.Settings.FirstContactCallbackRate is < 0 or > 1) yield return "firstContactCallbackRate must be between 0 and 1";
        if (d.Settings.ReturnLimit < 0 || d.Settings.ReopenLimit < 0 || d.Settings.UnreachableAttempts < 1)
            yield return "returnLimit and reopenLimit must be 0 or more and unreachableAttempts 1 or more";

        var names = d.States.Select(s => s.Name).ToList();
        foreach (var duplicate in names.GroupBy(n => n).Where(g => g.Count() > 1)) yield return $"state '{duplicate.Key}' is defined twice";
        var states = d.States.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.First());

        foreach (var state in d.States)
        {
            if (!state.IsGroup && !Enum.TryParse<TicketState>(state.Name, out _))
                yield return $"state '{state.Name}' is not a ticket state ({string.Join(", ", Enum.GetNames<TicketState>())})";
            if (state.Parent is { } parent && !(states.TryGetValue(parent, out var group) && group.IsGroup))
                yield return $"state '{state.Name}' belongs to '{parent}', which is not a group of states";
            if (state.IsGroup && (state.OpensWorkItems.Count > 0 || state.StartsTimers.Count > 0))
                yield return $"group '{state.Name}' cannot open work items or start timers; its states do";
            foreach (var timer in state.StartsTimers)
            {
                if (d.Trigger(timer.Fire) is null) yield return $"a timer of '{state.Name}' fires the unknown trigger '{timer.Fire}'";
                if (timer.After <= TimeSpan.Zero) yield return $"a timer of '{state.Name}' must wait a positive time";
            }
            if (state.OpensWorkItems.Contains(WorkItemKind.Registration) && state.Name != d.InitialState)
                yield return $"only the initial state can open the {WorkItemKind.Registration} work item";
        }
        if (!states.TryGetValue(d.InitialState, out var initial) || initial.IsGroup)
            yield return $"the initial state '{d.InitialState}' is not a state";

        foreach (var trigger in d.Triggers)
        {
            if (!LifecycleTriggers.IsKnown(trigger.Name))
                yield return $"trigger '{trigger.Name}' has no meaning here ({string.Join(", ", LifecycleTriggers.All)})";
            else if (LifecycleTriggers.EventOf(trigger.Name) != trigger.Event)
                yield return $"trigger '{trigger.Name}' comes from {(LifecycleTriggers.EventOf(trigger.Name) is { } topic ? $"the event {topic}" : "a person or a timer")}, not {trigger.Event ?? "a person"}";
            if (trigger.IsCommand && (trigger.Roles is null || trigger.Roles.Count == 0))
                yield return $"trigger '{trigger.Name}' is pulled by a person but names no roles";
            foreach (var role in trigger.Roles ?? [])
                if (!Ticketing.BuildingBlocks.Access.Roles.All.Contains(role)) yield return $"trigger '{trigger.Name}' names the unknown role '{role}'";
        }

        foreach (var t in d.Transitions)
        {
            if (!states.ContainsKey(t.From)) yield return $"a transition starts from the unknown state '{t.From}'";
            if (t.To is { } to && !(states.TryGetValue(to, out var target) && !target.IsGroup))
                yield return $"'{t.Trigger}' from '{t.From}' leads to '{to}', which is not a state";
            if (d.Trigger(t.Trigger) is null) yield return $"the transition from '{t.From}' uses the undeclared trigger '{t.Trigger}'";
            foreach (var guard in t.GuardNames.Where(g => !LifecycleGuard.All.ContainsKey(g)))
                yield return $"'{t.Trigger}' from '{t.From}' names the unknown guard '{guard}' ({string.Join(", ", LifecycleGuard.All.Keys.Order())})";
            if (t.To is { } into && states.TryGetValue(into, out var entered)
                && entered.OpensWorkItems.Contains(WorkItemKind.Assignment) && t.Trigger != LifecycleTriggers.Assign)
                yield return $"'{into}' opens an assignment, which only '{LifecycleTriggers.Assign}' brings (dispatch gives its id), not '{t.Trigger}'";
        }

        if (initial is null || initial.IsGroup) yield break;
        var reachable = Reach(d, [d.InitialState], forward: true);
        foreach (var state in d.LeafStates.Where(s => !reachable.Contains(s)))
            yield return $"state '{state}' cannot be reached from '{d.InitialState}'";
        var terminals = d.LeafStates.Where(d.IsTerminal).ToList();
        if (terminals.Count == 0) yield return "no state ends the lifecycle";
        var canEnd = Reach(d, terminals, forward: false);
        foreach (var state in d.LeafStates.Where(s => !canEnd.Contains(s)))
            yield return $"no terminal state can be reached from '{state}'";
    }

    /// <summary>Leaf states reachable from (or, backwards, reaching) the given ones; a group's transitions apply to its states.</summary>
    private static HashSet<string> Reach(LifecycleDefinition d, IEnumerable<string> start, bool forward)
    {
        var edges = d.LeafStates
            .SelectMany(from => d.TransitionsFrom(from).Where(t => t.To is not null).Select(t => (From: from, To: t.To!)))
            .ToList();
        var seen = new HashSet<string>(start);
        var queue = new Queue<string>(seen);
        while (queue.TryDequeue(out var state))
            foreach (var next in edges.Where(e => (forward ? e.From : e.To) == state).Select(e => forward ? e.To : e.From))
                if (seen.Add(next)) queue.Enqueue(next);
        return seen;
    }
}

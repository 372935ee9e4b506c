using Stateless;
using Stateless.Graph;

namespace Ticketing.Workflow.Lifecycle;

/// <summary>
/// Runs a definition on Stateless: the machine is built from the definition's table on every decision
/// (cheap, and it never holds state of its own: the persisted instance is the only truth).
/// </summary>
public sealed class StatelessLifecycleEngine : ILifecycleEngine
{
    public void Compile(LifecycleDefinition definition)
    {
        DefinitionRules.Check(definition);
        var probe = new StepFacts(Guid.Empty, 0, 0, null, default) { Listing = true };
        foreach (var state in definition.LeafStates) _ = PermittedTriggers(definition, state, probe);
    }

    public LifecycleDecision Decide(LifecycleDefinition definition, string state, string trigger, StepFacts facts)
    {
        var candidates = definition.TransitionsFrom(state).Where(t => t.Trigger == trigger).ToList();
        if (candidates.Count == 0)
            return LifecycleDecision.Refused(trigger, state, $"'{trigger}' is not possible while the ticket is {state}.", StatusCodes.Status409Conflict);

        var (machine, current) = Build(definition, state, facts);
        if (!machine.CanFire(trigger, out _))
        {
            // The transition that came closest says why: the fewest unmet guards, the first of them.
            var unmet = candidates
                .Select(t => t.GuardNames.Select(name => LifecycleGuard.All[name]).Where(g => !g.IsMet(definition.Settings, facts)).ToList())
                .OrderBy(guards => guards.Count).First();
            var guard = unmet.OrderByDescending(g => g.RefusalStatus).First();
            return LifecycleDecision.Refused(trigger, state, guard.Refusal(definition.Settings, facts, trigger), guard.RefusalStatus);
        }

        machine.Fire(trigger);
        return LifecycleDecision.Leads(trigger, state, current(), staysInState: current() == state);
    }

    public IReadOnlyList<string> PermittedTriggers(LifecycleDefinition definition, string state, StepFacts facts)
    {
        var (machine, _) = Build(definition, state, facts);
        return definition.TransitionsFrom(state).Select(t => t.Trigger).Distinct().Where(trigger => machine.CanFire(trigger)).ToList();
    }

    public string Draw(LifecycleDefinition definition, LifecycleDrawing drawing)
    {
        var (machine, _) = Build(definition, definition.InitialState, new StepFacts(Guid.Empty, 0, 0, null, default) { Listing = true });
        var info = machine.GetInfo();
        return drawing == LifecycleDrawing.Mermaid ? MermaidGraph.Format(info) : UmlDotGraph.Format(info);
    }

    private static (StateMachine<string, string> machine, Func<string> current) Build(LifecycleDefinition definition, string state, StepFacts facts)
    {
        var current = state;
        var machine = new StateMachine<string, string>(() => current, s => current = s);
        foreach (var stateDefinition in definition.States)
        {
            var configuration = machine.Configure(stateDefinition.Name);
            if (stateDefinition.Parent is { } parent) configuration.SubstateOf(parent);
        }
        foreach (var transition in definition.Transitions)
        {
            var configuration = machine.Configure(transition.From);
            var guards = transition.GuardNames
                .Select(name => LifecycleGuard.All[name])
                .Select(guard => new Tuple<Func<bool>, string>(() => guard.IsMet(definition.Settings, facts), guard.Name))
                .ToArray();
            if (transition.IsInternal)
                configuration.InternalTransitionIf(transition.Trigger, _ => guards.All(g => g.Item1()), () => { },
                    guards.Length == 0 ? null : string.Join(" and ", guards.Select(g => g.Item2)));
            else if (guards.Length == 0)
                configuration.Permit(transition.Trigger, transition.To!);
            else
                configuration.PermitIf(transition.Trigger, transition.To!, guards);
        }
        return (machine, () => current);
    }
}

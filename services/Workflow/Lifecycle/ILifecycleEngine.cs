namespace Ticketing.Workflow.Lifecycle;

/// <summary>
/// The lifecycle engine: given a definition, where an instance is and what a step brings, it says where the
/// step leads or why it may not happen. The instance, its work items, timers and timeline are kept by this
/// service whatever the engine; an Elsa-based engine would implement this interface (see the README).
/// </summary>
public interface ILifecycleEngine
{
    /// <summary>Checks a definition can be run; throws <see cref="InvalidLifecycleDefinitionException"/> if not.</summary>
    void Compile(LifecycleDefinition definition);

    LifecycleDecision Decide(LifecycleDefinition definition, string state, string trigger, StepFacts facts);

    /// <summary>The triggers that would be permitted now, whatever a request would still have to bring.</summary>
    IReadOnlyList<string> PermittedTriggers(LifecycleDefinition definition, string state, StepFacts facts);

    string Draw(LifecycleDefinition definition, LifecycleDrawing drawing);
}

public enum LifecycleDrawing { Mermaid, Dot }

/// <summary>Where a step leads (<see cref="To"/> equals the state for a step that stays), or why it may not happen.</summary>
public sealed record LifecycleDecision(string Trigger, string From, string? To, bool StaysInState, string? Refusal, int RefusalStatus)
{
    public bool Permitted => Refusal is null;

    public static LifecycleDecision Leads(string trigger, string from, string to, bool staysInState) =>
        new(trigger, from, to, staysInState, null, 0);

    public static LifecycleDecision Refused(string trigger, string from, string refusal, int status) =>
        new(trigger, from, null, false, refusal, status);
}

using System.Text.Json;
using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;

namespace Ticketing.Workflow.Lifecycle;

/// <summary>
/// One ticket type's lifecycle as data (a file under Lifecycle/Definitions): its states, the triggers a
/// person, a stage service or a timer may pull, the transitions with their named guards, and the work
/// items each state opens. Instances keep the name and version they started on.
/// </summary>
public sealed record LifecycleDefinition(
    string Name,
    int Version,
    string Title,
    IReadOnlyList<Category> Categories,
    string InitialState,
    LifecycleSettings Settings,
    IReadOnlyList<StateDefinition> States,
    IReadOnlyList<TriggerDefinition> Triggers,
    IReadOnlyList<TransitionDefinition> Transitions)
{
    public string Key => $"{Name} v{Version}";

    public StateDefinition State(string name) =>
        States.SingleOrDefault(s => s.Name == name) ?? throw new InvalidOperationException($"{Key} has no state '{name}'.");

    public TriggerDefinition? Trigger(string name) =>
        Triggers.SingleOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The state and the groups it belongs to, innermost first: the transitions that apply in it.</summary>
    public IEnumerable<string> StateAndGroups(string state)
    {
        for (var current = States.SingleOrDefault(s => s.Name == state); current is not null;
             current = current.Parent is null ? null : States.SingleOrDefault(s => s.Name == current.Parent))
            yield return current.Name;
    }

    public IEnumerable<TransitionDefinition> TransitionsFrom(string state)
    {
        var applicable = StateAndGroups(state).ToHashSet();
        return Transitions.Where(t => applicable.Contains(t.From));
    }

    public bool IsTerminal(string state) => !States.Single(s => s.Name == state).IsGroup && !TransitionsFrom(state).Any();

    public IEnumerable<string> LeafStates => States.Where(s => !s.IsGroup).Select(s => s.Name);

    public static LifecycleDefinition Parse(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<LifecycleDefinition>(json, FileJson)
                   ?? throw new InvalidLifecycleDefinitionException(source, ["the file holds no definition"]);
        }
        catch (JsonException exception)
        {
            throw new InvalidLifecycleDefinitionException(source, [$"it is not a valid definition: {exception.Message}"]);
        }
    }

    private static readonly JsonSerializerOptions FileJson = new(EventJson.Options)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}

/// <summary>Numbers the guards and work items of one definition read.</summary>
public sealed record LifecycleSettings(
    int ReturnLimit = 2,
    int ReopenLimit = 2,
    int UnreachableAttempts = 3,
    double FirstContactCallbackRate = 0.1,
    TimeSpan? CallbackDue = null)
{
    /// <summary>How long an agent has to call the customer back.</summary>
    public TimeSpan CallbackDueAfter => CallbackDue ?? TimeSpan.FromHours(24);
}

/// <summary>
/// A state. A group (e.g. "Open") only gathers states so a transition can apply in all of them.
/// <see cref="DispatchByHand"/> puts the state's dispatch work item in the dispatchers' queue.
/// </summary>
public sealed record StateDefinition(
    string Name,
    string? Parent = null,
    bool IsGroup = false,
    string? Description = null,
    IReadOnlyList<WorkItemKind>? WorkItems = null,
    bool DispatchByHand = false,
    IReadOnlyList<TimerDefinition>? Timers = null)
{
    public IReadOnlyList<WorkItemKind> OpensWorkItems => WorkItems ?? [];

    public IReadOnlyList<TimerDefinition> StartsTimers => Timers ?? [];
}

/// <summary>
/// A trigger: pulled by a stage service's event (<see cref="Event"/> names the topic) or by a person
/// through the API, in one of <see cref="Roles"/>.
/// </summary>
public sealed record TriggerDefinition(string Name, string? Event = null, IReadOnlyList<string>? Roles = null, string? Description = null)
{
    public bool IsCommand => Event is null;

    public bool AllowsRole(string role) => Roles is { } roles && roles.Contains(role, StringComparer.OrdinalIgnoreCase);
}

/// <summary>A transition; without <see cref="To"/> the trigger acts without leaving the state (e.g. escalate).</summary>
public sealed record TransitionDefinition(string From, string Trigger, string? To = null, IReadOnlyList<string>? Guards = null)
{
    public IReadOnlyList<string> GuardNames => Guards ?? [];

    public bool IsInternal => To is null;
}

/// <summary>A durable timer: after <see cref="After"/> in the state, pull <see cref="Fire"/> (once).</summary>
public sealed record TimerDefinition(TimeSpan After, string Fire, string? Reason = null);

public sealed class InvalidLifecycleDefinitionException(string source, IReadOnlyList<string> problems)
    : Exception($"The lifecycle definition {source} cannot be used: {string.Join("; ", problems)}.")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

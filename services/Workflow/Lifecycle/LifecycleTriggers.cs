using Ticketing.Contracts.Events;

namespace Ticketing.Workflow.Lifecycle;

/// <summary>
/// The triggers the workflow knows how to carry out. A definition chooses which of them exist and where they
/// lead; what each one does besides moving the ticket (counting a return, raising urgency…) is code here.
/// </summary>
public static class LifecycleTriggers
{
    // Reported by stage services.
    public const string Accept = nameof(Accept);
    public const string Reject = nameof(Reject);
    public const string ResolveAtFirstContact = nameof(ResolveAtFirstContact);
    public const string Assign = nameof(Assign);
    public const string SignFor = nameof(SignFor);
    public const string Return = nameof(Return);
    public const string Complete = nameof(Complete);
    public const string ConfirmSatisfied = nameof(ConfirmSatisfied);
    public const string Reopen = nameof(Reopen);
    public const string CustomerUnreachable = nameof(CustomerUnreachable);

    // Pulled by people (or timers) through the workflow's API.
    public const string Escalate = nameof(Escalate);
    public const string CloseEarly = nameof(CloseEarly);
    public const string Merge = nameof(Merge);
    public const string Reassign = nameof(Reassign);
    public const string ApproveReply = nameof(ApproveReply);
    public const string SendBack = nameof(SendBack);
    public const string ReturnToOffice = nameof(ReturnToOffice);

    private static readonly Dictionary<string, string?> Events = new()
    {
        [Accept] = Topic.Of<TicketAccepted>().Name,
        [Reject] = Topic.Of<TicketRejected>().Name,
        [ResolveAtFirstContact] = Topic.Of<TicketResolvedAtFirstContact>().Name,
        [Assign] = Topic.Of<TicketAssigned>().Name,
        [SignFor] = Topic.Of<AssignmentSigned>().Name,
        [Return] = Topic.Of<AssignmentReturned>().Name,
        [Complete] = Topic.Of<HandlingCompleted>().Name,
        [ConfirmSatisfied] = Topic.Of<CallbackCompleted>().Name,
        [Reopen] = Topic.Of<CallbackCompleted>().Name,
        [CustomerUnreachable] = Topic.Of<CallbackFailed>().Name,
        [Escalate] = null,
        [CloseEarly] = null,
        [Merge] = null,
        [Reassign] = null,
        [ApproveReply] = null,
        [SendBack] = null,
        [ReturnToOffice] = null,
    };

    public static IEnumerable<string> All => Events.Keys;

    public static bool IsKnown(string trigger) => Events.ContainsKey(trigger);

    /// <summary>The topic of the event that pulls the trigger; null for a person's (or a timer's) command.</summary>
    public static string? EventOf(string trigger) => Events.GetValueOrDefault(trigger);

    /// <summary>The trigger's own spelling for a name given in any case (the API path is case-insensitive).</summary>
    public static string? Named(string name) => Events.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
}

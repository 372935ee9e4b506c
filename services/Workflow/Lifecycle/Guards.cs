using Ticketing.Contracts;

namespace Ticketing.Workflow.Lifecycle;

/// <summary>What the guards read: the instance's counters and what the step brings with it.</summary>
public sealed record StepFacts(
    Guid TicketId,
    int Returns,
    int Reopens,
    string? OfficeCode,
    Urgency Urgency,
    string? Reason = null,
    string? RequestedOfficeCode = null,
    Guid? PrimaryTicketId = null,
    int? Attempt = null)
{
    /// <summary>When listing what may be done next, what the request would bring is not known yet.</summary>
    public bool Listing { get; init; }
}

/// <summary>
/// A named rule a transition needs. Definitions name guards; each is a small class here, so rules multiply
/// without turning into if-chains, and a failed one says why in words a person can read.
/// </summary>
public abstract class LifecycleGuard
{
    public string Name => GetType().Name;

    public abstract bool IsMet(LifecycleSettings settings, StepFacts facts);

    public abstract string Refusal(LifecycleSettings settings, StepFacts facts, string trigger);

    /// <summary>409 when the ticket's situation forbids it; 422 when the request lacks what the step needs.</summary>
    public virtual int RefusalStatus => StatusCodes.Status409Conflict;

    public static IReadOnlyDictionary<string, LifecycleGuard> All { get; } = typeof(LifecycleGuard).Assembly.GetTypes()
        .Where(type => type.IsSubclassOf(typeof(LifecycleGuard)) && !type.IsAbstract)
        .Select(type => (LifecycleGuard)Activator.CreateInstance(type)!)
        .ToDictionary(guard => guard.Name);
}

/// <summary>A guard on what the request carries; taken as met when listing what may be done next.</summary>
public abstract class RequestGuard : LifecycleGuard
{
    public override int RefusalStatus => StatusCodes.Status422UnprocessableEntity;

    public override bool IsMet(LifecycleSettings settings, StepFacts facts) => facts.Listing || IsGiven(facts);

    protected abstract bool IsGiven(StepFacts facts);
}

public sealed class ReasonGiven : RequestGuard
{
    protected override bool IsGiven(StepFacts facts) => !string.IsNullOrWhiteSpace(facts.Reason);

    public override string Refusal(LifecycleSettings settings, StepFacts facts, string trigger) => $"'{trigger}' needs a reason.";
}

public sealed class OfficeGiven : RequestGuard
{
    protected override bool IsGiven(StepFacts facts) => !string.IsNullOrWhiteSpace(facts.RequestedOfficeCode);

    public override string Refusal(LifecycleSettings settings, StepFacts facts, string trigger) => $"'{trigger}' needs the office (officeCode) to send the ticket to.";
}

public sealed class PrimaryTicketGiven : RequestGuard
{
    protected override bool IsGiven(StepFacts facts) => facts.PrimaryTicketId is { } primary && primary != facts.TicketId;

    public override string Refusal(LifecycleSettings settings, StepFacts facts, string trigger) =>
        $"'{trigger}' needs the ticket to merge into (primaryTicketId), and it cannot be the ticket itself.";
}

public sealed class WithinReturnLimit : LifecycleGuard
{
    public override bool IsMet(LifecycleSettings settings, StepFacts facts) => facts.Returns < settings.ReturnLimit;

    public override string Refusal(LifecycleSettings settings, StepFacts facts, string trigger) =>
        $"The ticket has been returned {facts.Returns} times; after {settings.ReturnLimit} only a supervisor decides.";
}

public sealed class ReturnLimitReached : LifecycleGuard
{
    public override bool IsMet(LifecycleSettings settings, StepFacts facts) => facts.Returns >= settings.ReturnLimit;

    public override string Refusal(LifecycleSettings settings, StepFacts facts, string trigger) =>
        $"The ticket has been returned {facts.Returns} of {settings.ReturnLimit} times; dispatchers still decide.";
}

public sealed class WithinReopenLimit : LifecycleGuard
{
    public override bool IsMet(LifecycleSettings settings, StepFacts facts) => facts.Reopens < settings.ReopenLimit;

    public override string Refusal(LifecycleSettings settings, StepFacts facts, string trigger) =>
        $"The ticket has been reopened {facts.Reopens} times; after {settings.ReopenLimit} a supervisor decides.";
}

public sealed class ReopenLimitReached : LifecycleGuard
{
    public override bool IsMet(LifecycleSettings settings, StepFacts facts) => facts.Reopens >= settings.ReopenLimit;

    public override string Refusal(LifecycleSettings settings, StepFacts facts, string trigger) =>
        $"The ticket has been reopened {facts.Reopens} of {settings.ReopenLimit} times; it goes back to its office.";
}

/// <summary>
/// A first-contact resolution is called back at the definition's rate. The sample is drawn from the ticket
/// id, so the same ticket always gets the same answer (a redelivered step cannot change its mind).
/// </summary>
public sealed class SampledForCallback : LifecycleGuard
{
    public override bool IsMet(LifecycleSettings settings, StepFacts facts) => IsSampled(settings, facts.TicketId);

    public override string Refusal(LifecycleSettings settings, StepFacts facts, string trigger) =>
        $"The ticket is not in the {settings.FirstContactCallbackRate:P0} sample called back after a first-contact answer.";

    public static bool IsSampled(LifecycleSettings settings, Guid ticketId) =>
        BitConverter.ToUInt32(ticketId.ToByteArray(), 0) % 10_000 < settings.FirstContactCallbackRate * 10_000;
}

public sealed class NotSampledForCallback : LifecycleGuard
{
    public override bool IsMet(LifecycleSettings settings, StepFacts facts) => !SampledForCallback.IsSampled(settings, facts.TicketId);

    public override string Refusal(LifecycleSettings settings, StepFacts facts, string trigger) =>
        "The ticket is in the sample called back after a first-contact answer.";
}

public sealed class UnreachableLimitReached : LifecycleGuard
{
    public override bool IsMet(LifecycleSettings settings, StepFacts facts) => facts.Attempt >= settings.UnreachableAttempts;

    public override string Refusal(LifecycleSettings settings, StepFacts facts, string trigger) =>
        $"The customer has been unreachable {facts.Attempt ?? 0} times; the ticket closes as unreachable after {settings.UnreachableAttempts}.";
}

public sealed class BelowUnreachableLimit : LifecycleGuard
{
    public override bool IsMet(LifecycleSettings settings, StepFacts facts) => (facts.Attempt ?? 0) < settings.UnreachableAttempts;

    public override string Refusal(LifecycleSettings settings, StepFacts facts, string trigger) =>
        $"The customer has been unreachable {facts.Attempt} times, the limit of {settings.UnreachableAttempts}.";
}

public sealed class HandledByOffice : LifecycleGuard
{
    public override bool IsMet(LifecycleSettings settings, StepFacts facts) => facts.OfficeCode is not null;

    public override string Refusal(LifecycleSettings settings, StepFacts facts, string trigger) =>
        "No office has handled the ticket (it was answered at first contact).";
}

public sealed class NotHandledByOffice : LifecycleGuard
{
    public override bool IsMet(LifecycleSettings settings, StepFacts facts) => facts.OfficeCode is null;

    public override string Refusal(LifecycleSettings settings, StepFacts facts, string trigger) =>
        $"The ticket is handled by {facts.OfficeCode}.";
}

public sealed class UrgencyCanRise : LifecycleGuard
{
    public override bool IsMet(LifecycleSettings settings, StepFacts facts) => facts.Urgency < Urgency.Critical;

    public override string Refusal(LifecycleSettings settings, StepFacts facts, string trigger) =>
        "The ticket is already critical (特急); its urgency cannot rise further.";
}

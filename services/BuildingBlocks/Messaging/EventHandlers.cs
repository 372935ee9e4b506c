using Ticketing.Contracts.Events;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>What a handler decided about an event; the inbox turns it into daprd's answer.</summary>
public sealed record EventOutcome
{
    public EventOutcomeKind Kind { get; }
    public string? Reason { get; }

    private EventOutcome(EventOutcomeKind kind, string? reason) => (Kind, Reason) = (kind, reason);

    /// <summary>Done; its changes are saved with the processed-event record.</summary>
    public static EventOutcome Handled { get; } = new(EventOutcomeKind.Handled, null);

    /// <summary>
    /// It follows a step of the same ticket that has not arrived yet: it waits in this service's inbox and is
    /// handled when that ticket moves on, however long that takes. Nothing else waits for it.
    /// </summary>
    public static EventOutcome WaitForEarlierStep(string reason) => new(EventOutcomeKind.WaitForEarlierStep, reason);

    /// <summary>Not possible for a passing reason; nothing is saved and the publisher tries again (and dead-letters it in the end).</summary>
    public static EventOutcome Retry(string reason) => new(EventOutcomeKind.Retry, reason);

    /// <summary>Can never apply here; the publisher keeps it as a dead letter with this reason.</summary>
    public static EventOutcome Drop(string reason) => new(EventOutcomeKind.Drop, reason);

    public override string ToString() => Reason is null ? Kind.ToString() : $"{Kind}: {Reason}";
}

public enum EventOutcomeKind { Handled, WaitForEarlierStep, Retry, Drop }

/// <summary>Handles one integration event. Changes go through the service's DbContext; the inbox saves them.</summary>
public interface IIntegrationEventHandler<in TEvent> where TEvent : IntegrationEvent
{
    Task<EventOutcome> HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}

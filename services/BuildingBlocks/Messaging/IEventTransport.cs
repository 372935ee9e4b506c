namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>
/// Carries outbox events to one destination at a time. The relay keeps the order, the cursor, retries and
/// dead letters; a transport only sends and reports each answer.
/// </summary>
public interface IEventTransport
{
    /// <summary>Where events go: every subscribing peer (embedded), or the pub/sub component (Dapr).</summary>
    IReadOnlyList<string> Destinations { get; }

    /// <summary>The topics the destination takes; null while it cannot be asked (down or starting).</summary>
    Task<TopicFilter?> TopicsOfAsync(string destination, CancellationToken cancellationToken);

    /// <summary>What was last learnt of the destination's topics, without asking it (for backlog figures).</summary>
    TopicFilter? KnownTopicsOf(string destination);

    /// <summary>
    /// Sends the events in order; answers one result per event up to and including the first that was not
    /// taken (delivered and dropped events are taken; the rest wait behind a refused or unreachable one).
    /// </summary>
    Task<IReadOnlyList<DeliveryResult>> DeliverAsync(string destination, IReadOnlyList<OutboxMessage> inOrder, CancellationToken cancellationToken);
}

public enum DeliveryOutcome { Delivered, Dropped, Refused, Unreachable }

public sealed record DeliveryResult(DeliveryOutcome Outcome, string? Answer = null)
{
    public static DeliveryResult Delivered { get; } = new(DeliveryOutcome.Delivered);

    public bool Taken => Outcome is DeliveryOutcome.Delivered or DeliveryOutcome.Dropped;
}

/// <summary>The topics a destination takes: all (a broker) or the ones it subscribes to.</summary>
public sealed record TopicFilter(bool All, IReadOnlySet<string> Topics)
{
    public static TopicFilter Everything { get; } = new(true, new HashSet<string>());

    public static TopicFilter Only(IEnumerable<string> topics) => new(false, topics.ToHashSet(StringComparer.Ordinal));
}

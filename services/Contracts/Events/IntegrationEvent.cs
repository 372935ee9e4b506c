namespace Ticketing.Contracts.Events;

/// <summary>
/// Base of every integration event. <see cref="Id"/> doubles as the CloudEvent id, so subscribers
/// can recognise a redelivery whatever transport carried it.
/// </summary>
public abstract record IntegrationEvent
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// An event about one ticket. Subscribers keep events that arrive before the step they follow waiting per
/// ticket, so one ticket's late step never holds up another ticket's events.
/// </summary>
public interface ITicketEvent
{
    Guid TicketId { get; }
}

/// <summary>Names the pub/sub topic of an event and the version of its schema.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TopicAttribute(string name, int version = 1) : Attribute
{
    public string Name { get; } = name;
    public int Version { get; } = version;
}

public static class Topic
{
    public const string PubSubName = "ticketing-pubsub";

    public static TopicAttribute Of(Type eventType) =>
        eventType.GetCustomAttributes(typeof(TopicAttribute), false).OfType<TopicAttribute>().SingleOrDefault()
        ?? throw new InvalidOperationException($"{eventType.Name} has no [Topic].");

    public static TopicAttribute Of<TEvent>() where TEvent : IntegrationEvent => Of(typeof(TEvent));

    /// <summary>The CloudEvent type, e.g. <c>ticketing.ticket.accepted.v1</c>.</summary>
    public static string CloudEventType(Type eventType)
    {
        var topic = Of(eventType);
        return $"ticketing.{topic.Name}.v{topic.Version}";
    }

    /// <summary>Every integration event in the catalogue.</summary>
    public static IReadOnlyList<Type> Catalogue { get; } = typeof(IntegrationEvent).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(IntegrationEvent)))
        .OrderBy(t => Of(t).Name, StringComparer.Ordinal)
        .ToArray();
}

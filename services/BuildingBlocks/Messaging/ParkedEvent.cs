namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>
/// The subscriber's inbox: an event that arrived before the step it follows (another publisher's event
/// overtook it) waits here, per ticket, for as long as it takes. It is acknowledged to the transport, so it
/// never blocks other tickets nor counts towards dead-lettering; it is handled once its ticket moves on.
/// </summary>
public sealed class ParkedEvent
{
    public long Id { get; private set; }
    public Guid EventId { get; private set; }
    public string Handler { get; private set; } = "";
    public string Key { get; private set; } = "";
    public string Topic { get; private set; } = "";
    public string CloudEventType { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTimeOffset ParkedAt { get; private set; }
    public string Reason { get; private set; } = "";

    private ParkedEvent() { }

    public static ParkedEvent For(Guid eventId, string handler, string key, string topic, string cloudEventType, string payload,
        string reason, DateTimeOffset now) => new()
    {
        EventId = eventId,
        Handler = handler,
        Key = key,
        Topic = topic,
        CloudEventType = cloudEventType,
        Payload = payload,
        ParkedAt = now,
        Reason = DeadLetter.Shorten(reason),
    };
}

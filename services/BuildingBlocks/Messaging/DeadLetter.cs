using System.Text.Json.Serialization;

namespace Ticketing.BuildingBlocks.Messaging;

[JsonConverter(typeof(JsonStringEnumConverter<DeadLetterStatus>))]
public enum DeadLetterStatus { Dead, Requeued, Redelivered }

/// <summary>
/// An event a subscriber dropped or refused too often. It leaves the subscriber's queue so later events keep
/// flowing; it keeps its own copy of the event (the outbox row may be cleaned up) until an admin requeues it.
/// </summary>
public sealed class DeadLetter
{
    public const int AnswerLength = 2000;

    public long Id { get; private set; }
    public string Subscriber { get; private set; } = "";
    public long OutboxSequence { get; private set; }
    public Guid EventId { get; private set; }
    public string Topic { get; private set; } = "";
    public string CloudEventType { get; private set; } = "";
    public string Payload { get; private set; } = "";
    public DateTimeOffset OccurredAt { get; private set; }
    public string? TraceParent { get; private set; }
    public string Reason { get; private set; } = "";
    public string? LastAnswer { get; private set; }
    public int Attempts { get; private set; }
    public DateTimeOffset DeadAt { get; private set; }
    public DeadLetterStatus Status { get; private set; }
    public DateTimeOffset? RequeuedAt { get; private set; }
    public DateTimeOffset? RedeliveredAt { get; private set; }

    private DeadLetter() { }

    public static DeadLetter Of(string subscriber, OutboxMessage message, string reason, string? lastAnswer, int attempts, DateTimeOffset now) => new()
    {
        Subscriber = subscriber,
        OutboxSequence = message.Sequence,
        EventId = message.EventId,
        Topic = message.Topic,
        CloudEventType = message.CloudEventType,
        Payload = message.Payload,
        OccurredAt = message.OccurredAt,
        TraceParent = message.TraceParent,
        Reason = reason,
        LastAnswer = lastAnswer is null ? null : Shorten(lastAnswer),
        Attempts = attempts,
        DeadAt = now,
        Status = DeadLetterStatus.Dead,
    };

    public OutboxMessage ToMessage() =>
        OutboxMessage.Redelivery(OutboxSequence, EventId, Topic, CloudEventType, Payload, OccurredAt, TraceParent);

    /// <summary>An admin fixed the cause: deliver it once more, out of the subscriber's normal order.</summary>
    public bool Requeue(DateTimeOffset now)
    {
        if (Status != DeadLetterStatus.Dead) return false;
        Status = DeadLetterStatus.Requeued;
        RequeuedAt = now;
        Attempts = 0;
        return true;
    }

    public void Redelivered(DateTimeOffset now)
    {
        Status = DeadLetterStatus.Redelivered;
        RedeliveredAt = now;
    }

    /// <summary>The requeued event failed again: refused once more (back to dead after too many) or dropped.</summary>
    public void FailedAgain(string reason, string answer, bool dead, DateTimeOffset now)
    {
        Attempts++;
        LastAnswer = Shorten(answer);
        if (!dead) return;
        Reason = reason;
        Status = DeadLetterStatus.Dead;
        DeadAt = now;
    }

    internal static string Shorten(string text) => text.Length <= AnswerLength ? text : text[..AnswerLength];
}

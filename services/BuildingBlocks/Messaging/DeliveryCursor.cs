namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>
/// How far one subscriber (on Dapr: the pub/sub component) has got through this service's outbox. Each
/// subscriber has its own, so one that is down, slow or refusing holds up only its own events.
/// </summary>
public sealed class DeliveryCursor
{
    public string Subscriber { get; private set; } = "";

    /// <summary>Every outbox row up to this sequence is done for the subscriber: delivered, not wanted or dead-lettered.</summary>
    public long Position { get; private set; }

    /// <summary>Answered refusals of the event right after <see cref="Position"/>; connection failures do not count.</summary>
    public int Attempts { get; private set; }

    /// <summary>The subscriber's last real answer (or why it could not be reached).</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }
    public DateTimeOffset? LastDeliveredAt { get; private set; }

    private DeliveryCursor() { }

    public static DeliveryCursor StartAt(string subscriber, long position) => new() { Subscriber = subscriber, Position = position };

    /// <summary>The subscriber took the event (or it is not for it): the next one is the head.</summary>
    public void Passed(long sequence, DateTimeOffset now, bool delivered)
    {
        if (sequence <= Position) return;
        Position = sequence;
        Attempts = 0;
        LastError = null;
        if (delivered) LastDeliveredAt = now;
    }

    /// <summary>The subscriber answered, but not yes (RETRY, an error status).</summary>
    public void Refused(string answer, DateTimeOffset now)
    {
        Attempts++;
        LastError = DeadLetter.Shorten(answer);
        LastAttemptAt = now;
    }

    /// <summary>No answer at all (down, timed out): retried with backoff, never dead-lettered for it.</summary>
    public void Unreachable(string reason, DateTimeOffset now)
    {
        LastError = DeadLetter.Shorten(reason);
        LastAttemptAt = now;
    }
}

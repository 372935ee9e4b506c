namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>
/// A transport for outbox events. It records on each message what it achieved (delivered peers,
/// attempts, <see cref="OutboxMessage.SentAt"/>); the relay saves that.
/// </summary>
public interface IEventBus
{
    Task DeliverAsync(IReadOnlyList<OutboxMessage> pending, CancellationToken cancellationToken);

    /// <summary>Gets ready to deliver (e.g. learns who subscribes to what) so the first event does not pay for it.</summary>
    Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

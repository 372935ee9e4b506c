using Ticketing.BuildingBlocks.Hosting;

namespace Ticketing.BuildingBlocks.Messaging;

/// <summary>Exponential backoff for a destination that failed: first retry delay doubling up to the maximum.</summary>
public sealed class DeliveryBackoff
{
    private int _consecutiveFailures;

    public DateTimeOffset RetryAt { get; private set; }

    public bool Waiting(DateTimeOffset now) => RetryAt > now;

    public void Succeeded()
    {
        _consecutiveFailures = 0;
        RetryAt = default;
    }

    public void Failed(DateTimeOffset now, OutboxOptions options)
    {
        _consecutiveFailures++;
        var delay = options.FirstRetryDelay * Math.Pow(2, Math.Min(_consecutiveFailures - 1, 16));
        RetryAt = now + (delay < options.MaxRetryDelay ? delay : options.MaxRetryDelay);
    }
}

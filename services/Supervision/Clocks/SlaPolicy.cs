using Microsoft.Extensions.Options;
using Ticketing.Contracts;

namespace Ticketing.Supervision.Clocks;

public sealed class SupervisionOptions
{
    public const string Section = "Supervision";

    /// <summary>How often the breach scan runs on its own (the Dapr cron binding can also trigger it).</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Hours an office has to handle a ticket, by urgency.</summary>
    public Dictionary<Urgency, double> HandlingHours { get; set; } = new()
    {
        [Urgency.Normal] = 72,
        [Urgency.Urgent] = 24,
        [Urgency.Critical] = 4,
    };
}

public sealed class SlaPolicy(IOptions<SupervisionOptions> options)
{
    public TimeSpan HandlingTime(Urgency urgency) =>
        options.Value.HandlingHours.TryGetValue(urgency, out var hours) && hours > 0
            ? TimeSpan.FromHours(hours)
            : throw new InvalidOperationException($"Supervision:HandlingHours has no positive value for {urgency}.");
}

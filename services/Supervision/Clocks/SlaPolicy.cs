using Microsoft.Extensions.Options;
using Ticketing.Contracts;

namespace Ticketing.Supervision.Clocks;

public sealed class SupervisionOptions
{
    public const string Section = "Supervision";

    /// <summary>How often the breach scan runs on its own (the Dapr cron binding can also trigger it).</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Hours an office has to sign for (or return) an assignment, by urgency.</summary>
    public Dictionary<Urgency, double> SignForHours { get; set; } = new()
    {
        [Urgency.Normal] = 24,
        [Urgency.Urgent] = 8,
        [Urgency.Critical] = 2,
    };

    /// <summary>Hours an office has to handle a case, by urgency.</summary>
    public Dictionary<Urgency, double> HandlingHours { get; set; } = new()
    {
        [Urgency.Normal] = 72,
        [Urgency.Urgent] = 24,
        [Urgency.Critical] = 4,
    };
}

public sealed class SlaPolicy(IOptions<SupervisionOptions> options)
{
    public TimeSpan SignForTime(Urgency urgency) => Allowed(options.Value.SignForHours, nameof(SupervisionOptions.SignForHours), urgency);

    public TimeSpan HandlingTime(Urgency urgency) => Allowed(options.Value.HandlingHours, nameof(SupervisionOptions.HandlingHours), urgency);

    private static TimeSpan Allowed(Dictionary<Urgency, double> hoursByUrgency, string setting, Urgency urgency) =>
        hoursByUrgency.TryGetValue(urgency, out var hours) && hours > 0
            ? TimeSpan.FromHours(hours)
            : throw new InvalidOperationException($"{SupervisionOptions.Section}:{setting} has no positive value for {urgency}.");
}

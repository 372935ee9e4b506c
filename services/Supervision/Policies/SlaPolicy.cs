using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Contracts;
using Ticketing.Supervision.Data;

namespace Ticketing.Supervision.Policies;

/// <summary>
/// What an office (or the call centre) is given for one category × urgency: working time to sign for, to handle and
/// to call back, and the share of it used at which the yellow and red warnings go out. <see cref="NaturalTime"/>
/// counts round the clock (自然时) instead of on the office's business calendar.
/// </summary>
public sealed record Policy(Category Category, Urgency Urgency, TimeSpan SignFor, TimeSpan Handling, TimeSpan Callback,
    int YellowPercent, int RedPercent, bool NaturalTime, bool IsDefault)
{
    public TimeSpan Limit(string clockKind) => clockKind switch
    {
        Clocks.SlaClock.SignFor => SignFor,
        Clocks.SlaClock.Handling => Handling,
        Clocks.SlaClock.Callback => Callback,
        _ => throw new ArgumentOutOfRangeException(nameof(clockKind), clockKind, "Not a clock kind."),
    };
}

/// <summary>An admin's setting for one category × urgency; where there is none, the configured default applies.</summary>
public sealed class PolicySetting : IVersioned
{
    public Category Category { get; private set; }
    public Urgency Urgency { get; private set; }
    public int SignForMinutes { get; private set; }
    public int HandlingMinutes { get; private set; }
    public int CallbackMinutes { get; private set; }
    public int YellowPercent { get; private set; }
    public int RedPercent { get; private set; }
    public bool NaturalTime { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public int Version { get; set; }

    private PolicySetting() { }

    public static PolicySetting For(Category category, Urgency urgency) => new() { Category = category, Urgency = urgency };

    public void Set(int signForMinutes, int handlingMinutes, int callbackMinutes, int yellowPercent, int redPercent, bool naturalTime,
        string by, DateTimeOffset now) =>
        (SignForMinutes, HandlingMinutes, CallbackMinutes, YellowPercent, RedPercent, NaturalTime, UpdatedBy, UpdatedAt) =
        (signForMinutes, handlingMinutes, callbackMinutes, yellowPercent, redPercent, naturalTime, by, now);

    public Policy ToPolicy() => new(Category, Urgency, TimeSpan.FromMinutes(SignForMinutes), TimeSpan.FromMinutes(HandlingMinutes),
        TimeSpan.FromMinutes(CallbackMinutes), YellowPercent, RedPercent, NaturalTime, IsDefault: false);
}

public sealed class SupervisionOptions
{
    public const string Section = "Supervision";

    /// <summary>How often the SLA tick runs on its own timer (the Dapr cron binding can also call it).</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether the service ticks on its own timer; off where only the Dapr cron binding should tick.</summary>
    public bool OwnTimer { get; set; } = true;

    /// <summary>Default working hours to sign for (or return) an assignment, by urgency, for every category without a setting.</summary>
    public Dictionary<Urgency, double> SignForHours { get; set; } = new() { [Urgency.Normal] = 7.5, [Urgency.Urgent] = 3, [Urgency.Critical] = 1 };

    /// <summary>Default working hours to handle a case (until 办结), by urgency.</summary>
    public Dictionary<Urgency, double> HandlingHours { get; set; } = new() { [Urgency.Normal] = 37.5, [Urgency.Urgent] = 15, [Urgency.Critical] = 4 };

    /// <summary>Default working hours for the call centre to call the customer back after the office's reply.</summary>
    public Dictionary<Urgency, double> CallbackHours { get; set; } = new() { [Urgency.Normal] = 15, [Urgency.Urgent] = 7.5, [Urgency.Critical] = 3 };

    /// <summary>Urgencies whose clocks count round the clock (自然时) by default, not on the office's calendar.</summary>
    public List<Urgency> NaturalTimeUrgencies { get; set; } = [];

    public int YellowPercent { get; set; } = 75;
    public int RedPercent { get; set; } = 90;

    /// <summary>Working time a notice may stay unanswered by the work before it rises a level (1 → 2 → 3).</summary>
    public TimeSpan NoticeLevelInterval { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How many due clocks the tick takes per transaction (each commit costs a flush; 5 000 keep the memory small).</summary>
    public int TickBatchSize { get; set; } = 5000;
}

/// <summary>The policy in force for a category × urgency: the admins' setting, else the configured default.</summary>
public sealed class SlaPolicies(IOptions<SupervisionOptions> options)
{
    /// <summary>A clock whose ticket's category is not known here (a callback without an office clock before it) takes the urgency's default.</summary>
    public async Task<Policy> ForAsync(SupervisionDbContext db, Category? category, Urgency urgency, CancellationToken cancellationToken) =>
        category is not { } known ? Default(Contracts.Category.Consultation, urgency) : await ForAsync(db, known, urgency, cancellationToken);

    public async Task<Policy> ForAsync(SupervisionDbContext db, Category category, Urgency urgency, CancellationToken cancellationToken) =>
        (await db.Policies.AsNoTracking().FirstOrDefaultAsync(p => p.Category == category && p.Urgency == urgency, cancellationToken))?.ToPolicy()
        ?? Default(category, urgency);

    public Policy Default(Category category, Urgency urgency)
    {
        var o = options.Value;
        return new Policy(category, urgency, Hours(o.SignForHours, nameof(o.SignForHours), urgency), Hours(o.HandlingHours, nameof(o.HandlingHours), urgency),
            Hours(o.CallbackHours, nameof(o.CallbackHours), urgency), o.YellowPercent, o.RedPercent, o.NaturalTimeUrgencies.Contains(urgency), IsDefault: true);
    }

    private static TimeSpan Hours(Dictionary<Urgency, double> hoursByUrgency, string setting, Urgency urgency) =>
        hoursByUrgency.TryGetValue(urgency, out var hours) && hours > 0
            ? TimeSpan.FromHours(hours)
            : throw new InvalidOperationException($"{SupervisionOptions.Section}:{setting} has no positive value for {urgency}.");
}

namespace Ticketing.BuildingBlocks.Hosting;

public enum EventTransport { Embedded, Dapr }

public enum DatabaseProvider { Sqlite, SqlServer }

/// <summary>The "Ticketing" configuration section every service reads.</summary>
public sealed class TicketingOptions
{
    public const string Section = "Ticketing";

    /// <summary>This service's name, also its Dapr app id.</summary>
    public string AppId { get; set; } = "";

    public EventTransport Transport { get; set; } = EventTransport.Embedded;

    public DatabaseProvider DatabaseProvider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Where SQLite files live on the embedded default.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>Loopback base URL of every service by app id (embedded default).</summary>
    public Dictionary<string, string> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>
    /// The secret every event delivery carries and every subscriber checks (the role of Dapr's APP_API_TOKEN,
    /// which is read when this is not set). Configured per deployment; the launcher makes one per start.
    /// </summary>
    public string? AppApiToken { get; set; }

    public string? EventToken => string.IsNullOrEmpty(AppApiToken) ? Environment.GetEnvironmentVariable("APP_API_TOKEN") : AppApiToken;
}

public sealed class OutboxOptions
{
    /// <summary>How often the relay looks for pending events when nobody has signalled it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Events read per pass for one subscriber (and the most sent in one bulk request).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Answered refusals of one event before it goes to the dead letters.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long an instance holds a subscriber's deliveries (or a timer) before another may take over.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Readiness turns Degraded while an event has waited longer than this for a subscriber.</summary>
    public TimeSpan BacklogWarningAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Delivered outbox rows and processed-event records are removed once older than this.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan RetentionInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows removed per transaction, so clean-up never holds the writer for long.</summary>
    public int RetentionBatchSize { get; set; } = 500;
}

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
}

public sealed class OutboxOptions
{
    /// <summary>How often the relay looks for pending events when nobody has signalled it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    public int BatchSize { get; set; } = 100;
}

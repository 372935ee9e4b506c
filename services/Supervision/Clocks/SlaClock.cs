using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Contracts;

namespace Ticketing.Supervision.Clocks;

[JsonConverter(typeof(JsonStringEnumConverter<ClockStatus>))]
public enum ClockStatus { Running, Stopped, Breached }

/// <summary>
/// An SLA clock on one piece of an office's work. Plain hours for now; working-time calendars, pauses,
/// warnings and extensions are a later issue.
/// </summary>
public sealed class SlaClock : IVersioned
{
    public const string Handling = "handling";

    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public string Number { get; private set; } = "";
    public string OfficeCode { get; private set; } = "";
    public string Kind { get; private set; } = Handling;
    public Urgency Urgency { get; private set; }
    public ClockStatus Status { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset Deadline { get; private set; }
    public DateTimeOffset? StoppedAt { get; private set; }
    public DateTimeOffset? BreachedAt { get; private set; }
    public int Version { get; set; }

    private SlaClock() { }

    public static SlaClock StartHandling(Guid ticketId, string number, string officeCode, Urgency urgency, TimeSpan allowed, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        TicketId = ticketId,
        Number = number,
        OfficeCode = officeCode,
        Urgency = urgency,
        Status = ClockStatus.Running,
        StartedAt = now,
        Deadline = now + allowed,
    };

    /// <summary>The work is done; a breached clock keeps its breach for reporting.</summary>
    public void Stop(DateTimeOffset now)
    {
        if (StoppedAt is not null) return;
        StoppedAt = now;
        if (Status == ClockStatus.Running) Status = ClockStatus.Stopped;
    }

    public bool Breach(DateTimeOffset now)
    {
        if (Status != ClockStatus.Running || now < Deadline) return false;
        Status = ClockStatus.Breached;
        BreachedAt = now;
        return true;
    }
}

using Ticketing.BuildingBlocks.Access;
using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Data;
using Ticketing.Contracts;

namespace Ticketing.Supervision.Clocks;

[JsonConverter(typeof(JsonStringEnumConverter<ClockStatus>))]
public enum ClockStatus { Running, Stopped, Breached }

/// <summary>
/// An SLA clock on one of an office's work items: an assignment to sign for, or a handling case. It runs
/// until the workflow closes that item, whatever else happens on the ticket. Plain hours for now;
/// working-time calendars, pauses, warnings and extensions are a later issue.
/// </summary>
public sealed class SlaClock : IVersioned, IOfficeScoped
{
    /// <summary>签收: the office has to sign for (or return) an assignment.</summary>
    public const string SignFor = "sign-for";

    /// <summary>办理: the office has to report its result on a handling case.</summary>
    public const string Handling = "handling";

    public Guid Id { get; private set; }

    /// <summary>The work item it times: the assignment's id (sign-for) or the handling case's id (handling).</summary>
    public Guid WorkItemId { get; private set; }

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

    public static SlaClock Start(Guid workItemId, string kind, Guid ticketId, string number, string officeCode, Urgency urgency,
        TimeSpan allowed, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        WorkItemId = workItemId,
        Kind = kind,
        TicketId = ticketId,
        Number = number,
        OfficeCode = officeCode,
        Urgency = urgency,
        Status = ClockStatus.Running,
        StartedAt = now,
        Deadline = now + allowed,
    };

    /// <summary>Its work item closed; a breached clock keeps its breach for reporting.</summary>
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

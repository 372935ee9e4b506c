using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;

namespace Ticketing.Dispatch.Assignments;

[JsonConverter(typeof(JsonStringEnumConverter<AssignmentStatus>))]
public enum AssignmentStatus { Assigned, Signed }

/// <summary>交办: a ticket sent to its lead office (主办), waiting to be signed for.</summary>
public sealed class Assignment : IVersioned
{
    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public string Number { get; private set; } = "";
    public Category Category { get; private set; }
    public Urgency Urgency { get; private set; }
    public string RegionCode { get; private set; } = "";
    public string OfficeCode { get; private set; } = "";
    public string RoutingReason { get; private set; } = "";
    public AssignmentStatus Status { get; private set; }
    public DateTimeOffset AssignedAt { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }
    public string? SignedBy { get; private set; }
    public int Version { get; set; }

    private Assignment() { }

    public static Assignment Create(Guid ticketId, string number, Category category, Urgency urgency, string regionCode,
        string officeCode, string routingReason, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        TicketId = ticketId,
        Number = number,
        Category = category,
        Urgency = urgency,
        RegionCode = regionCode,
        OfficeCode = officeCode,
        RoutingReason = routingReason,
        Status = AssignmentStatus.Assigned,
        AssignedAt = now,
    };

    /// <summary>签收: the office takes the work.</summary>
    public void SignFor(string officeCode, string user, DateTimeOffset now)
    {
        if (!string.Equals(officeCode, OfficeCode, StringComparison.OrdinalIgnoreCase))
            throw new DomainRuleException("Not your assignment",
                $"Ticket {Number} is assigned to {OfficeCode}; {officeCode} cannot sign for it.", 403);
        if (Status != AssignmentStatus.Assigned)
            throw new DomainRuleException("Already signed for", $"Ticket {Number} was signed for at {SignedAt:u} by {SignedBy}.");
        Status = AssignmentStatus.Signed;
        SignedAt = now;
        SignedBy = user;
    }
}

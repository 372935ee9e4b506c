using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;

namespace Ticketing.FollowUp.Cases;

[JsonConverter(typeof(JsonStringEnumConverter<CaseStatus>))]
public enum CaseStatus { AwaitingSignature, InProgress, Completed }

/// <summary>跟进/办理: an office's handling of one ticket, ending in a result (办结) with a reply to the customer.</summary>
public sealed class HandlingCase : IVersioned
{
    public Guid TicketId { get; private set; }
    public string Number { get; private set; } = "";
    public Guid AssignmentId { get; private set; }
    public string OfficeCode { get; private set; } = "";
    public CaseStatus Status { get; private set; }
    public DateTimeOffset AssignedAt { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }
    public string? ReplyToCustomer { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletedBy { get; private set; }
    public int ReopenCount { get; private set; }
    public int Version { get; set; }

    private HandlingCase() { }

    public static HandlingCase Open(Guid ticketId, string number, Guid assignmentId, string officeCode, DateTimeOffset now) => new()
    {
        TicketId = ticketId,
        Number = number,
        AssignmentId = assignmentId,
        OfficeCode = officeCode,
        Status = CaseStatus.AwaitingSignature,
        AssignedAt = now,
    };

    public void Signed(DateTimeOffset now)
    {
        if (Status != CaseStatus.AwaitingSignature) return;
        Status = CaseStatus.InProgress;
        SignedAt = now;
    }

    public void Complete(string officeCode, string reply, string user, DateTimeOffset now)
    {
        if (!string.Equals(officeCode, OfficeCode, StringComparison.OrdinalIgnoreCase))
            throw new DomainRuleException("Not your case", $"Ticket {Number} is handled by {OfficeCode}, not {officeCode}.", 403);
        if (Status != CaseStatus.InProgress)
            throw new DomainRuleException("Case cannot be completed",
                Status == CaseStatus.Completed
                    ? $"Ticket {Number} was already completed at {CompletedAt:u}."
                    : $"Ticket {Number} has not been signed for yet; sign for it first.");
        Status = CaseStatus.Completed;
        ReplyToCustomer = reply.Trim();
        CompletedAt = now;
        CompletedBy = user;
    }

    /// <summary>重办: the customer was unsatisfied; the same office works on it again.</summary>
    public void Reopen()
    {
        Status = CaseStatus.InProgress;
        ReopenCount++;
    }
}

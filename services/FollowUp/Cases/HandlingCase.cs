using Ticketing.BuildingBlocks.Access;
using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.Contracts;

namespace Ticketing.FollowUp.Cases;

[JsonConverter(typeof(JsonStringEnumConverter<CaseStatus>))]
public enum CaseStatus { InProgress, Completed, Withdrawn, Superseded }

/// <summary>
/// 跟进/办理: one handling case the workflow opened at the office that signed for the ticket, ending in a
/// result (办结) with a reply to the customer. A ticket has one per handling: the first, each reopen (重办)
/// and each reply the review sent back; the workflow closes it when the ticket moves on.
/// </summary>
public sealed class HandlingCase : IVersioned, IOfficeScoped
{
    public const int ReasonLength = 1000;

    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public string Number { get; private set; } = "";
    public Guid AssignmentId { get; private set; }
    public string OfficeCode { get; private set; } = "";
    public Urgency Urgency { get; private set; }
    public int Reopens { get; private set; }

    /// <summary>Why the case opened again: a reopen or a reply sent back by review; null for the first handling.</summary>
    public string? OpenReason { get; private set; }

    public CaseStatus Status { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    public string? ReplyToCustomer { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? CompletedBy { get; private set; }

    /// <summary>Why the workflow withdrew or superseded the case.</summary>
    public string? ClosedReason { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }
    public int Version { get; set; }

    private HandlingCase() { }

    /// <summary>The office signed for the assignment before the workflow opened the case, so it may report its result at once.</summary>
    public static HandlingCase Open(Guid id, Guid ticketId, string number, Guid assignmentId, string officeCode, Urgency urgency,
        int reopens, string? reason, DateTimeOffset now) => new()
    {
        Id = id,
        TicketId = ticketId,
        Number = number,
        AssignmentId = assignmentId,
        OfficeCode = officeCode,
        Urgency = urgency,
        Reopens = reopens,
        OpenReason = Clip(reason),
        Status = CaseStatus.InProgress,
        OpenedAt = now,
    };

    public void Complete(string officeCode, string reply, string user, DateTimeOffset now)
    {
        if (!string.Equals(officeCode, OfficeCode, StringComparison.OrdinalIgnoreCase))
            throw new DomainRuleException("Not your case", new Phrase("Ticket {0} is handled by {1}, not {2}.", Number, OfficeCode, officeCode), 403);
        if (Status != CaseStatus.InProgress)
            throw new DomainRuleException("Case cannot be completed", Status switch
            {
                CaseStatus.Completed => $"This case of ticket {Number} was already completed at {CompletedAt:u} by {CompletedBy}.",
                CaseStatus.Withdrawn => $"This case of ticket {Number} was withdrawn at {ClosedAt:u}: {ClosedReason}",
                _ => $"The result reported for ticket {Number} at {CompletedAt:u} did not take effect (superseded at {ClosedAt:u}): {ClosedReason}",
            }) { Extensions = { ["caseStatus"] = Status.ToString() } };
        Status = CaseStatus.Completed;
        ReplyToCustomer = reply.Trim();
        CompletedAt = now;
        CompletedBy = user;
    }

    /// <summary>The ticket moved elsewhere (closed early, merged, reassigned) before the office reported its result.</summary>
    public void Withdraw(string reason, DateTimeOffset now)
    {
        if (Status != CaseStatus.InProgress) return;
        Close(CaseStatus.Withdrawn, reason, now);
    }

    /// <summary>
    /// The workflow could not apply the office's result (the ticket had moved on meanwhile). The result stays on
    /// the case, marked superseded with the reason, so the office sees why it did not take effect.
    /// </summary>
    public void Supersede(string reason, DateTimeOffset now)
    {
        if (Status is CaseStatus.Withdrawn or CaseStatus.Superseded) return;
        Close(CaseStatus.Superseded, reason, now);
    }

    private void Close(CaseStatus status, string reason, DateTimeOffset now)
    {
        Status = status;
        ClosedReason = Clip(reason);
        ClosedAt = now;
    }

    // The workflow writes the reasons; a long one is cut rather than failing the event on the column's length.
    private static string? Clip(string? reason) => reason?.Trim() is { } text ? text[..Math.Min(text.Length, ReasonLength)] : null;
}

using Ticketing.BuildingBlocks.Access;
using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;

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

    /// <summary>办理结果 with the office's reply; null until completed.</summary>
    public HandlingResult? Result { get; private set; }

    /// <summary>Why the matter is only partly resolved or cannot be resolved (required for those results).</summary>
    public string? ResultExplanation { get; private set; }

    /// <summary>等待群众补充: the office waits on the customer; supervision's handling clock stands still meanwhile.</summary>
    public bool WaitingOnCustomer { get; private set; }

    public DateTimeOffset? WaitingSince { get; private set; }

    /// <summary>Progress notes (办理过程), oldest first.</summary>
    public List<CaseNote> Notes { get; private set; } = [];

    /// <summary>Images and PDFs the office attached; the bytes live in the attachment store.</summary>
    public List<CaseAttachment> Attachments { get; private set; } = [];

    /// <summary>The co-handling offices' parts as the lead office completed the case.</summary>
    public List<CoHandlingPart> CoHandlerParts { get; private set; } = [];

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

    /// <summary>
    /// 办结: the office's reply and result. A partly resolved or unresolvable matter says why; a case waiting on the
    /// customer takes their reply first; <paramref name="parts"/> are the co-handlers' parts the lead office includes.
    /// </summary>
    public void Complete(string officeCode, string reply, string user, DateTimeOffset now, HandlingResult result = HandlingResult.Resolved,
        string? explanation = null, IReadOnlyList<CoHandlingPart>? parts = null)
    {
        EnsureCompletable(officeCode, result, explanation);
        Status = CaseStatus.Completed;
        ReplyToCustomer = reply.Trim();
        Result = result;
        ResultExplanation = string.IsNullOrWhiteSpace(explanation) ? null : explanation.Trim();
        CoHandlerParts = [.. parts ?? []];
        CompletedAt = now;
        CompletedBy = user;
    }

    /// <summary>Every rule of <see cref="Complete"/> but the parts: checked before the co-handlers' parts are asked for.</summary>
    public void EnsureCompletable(string officeCode, HandlingResult result, string? explanation)
    {
        EnsureHandledBy(officeCode);
        EnsureInProgress("Case cannot be completed");
        if (result != HandlingResult.Resolved && string.IsNullOrWhiteSpace(explanation))
            throw new DomainRuleException("Explanation required", $"A result of {result} says why: give resultExplanation.", 422);
        if (WaitingOnCustomer)
            throw new DomainRuleException("Waiting on the customer",
                $"Ticket {Number} has waited on the customer since {WaitingSince:u}; record their reply (waiting off) before completing.");
    }

    /// <summary>A progress note, public (the customer may be told) or internal.</summary>
    public CaseNote AddNote(string officeCode, string text, NoteVisibility visibility, string user, DateTimeOffset now)
    {
        EnsureHandledBy(officeCode);
        EnsureInProgress("Note cannot be added");
        var note = new CaseNote { Id = Guid.NewGuid(), Text = text.Trim(), Visibility = visibility, By = user, At = now };
        Notes.Add(note);
        return note;
    }

    /// <summary>Records an attachment whose bytes the store already keeps under <see cref="CaseAttachment.Id"/>.</summary>
    public void Attach(string officeCode, CaseAttachment attachment)
    {
        EnsureHandledBy(officeCode);
        EnsureInProgress("Attachment cannot be added");
        if (Attachments.Count >= MaxAttachments)
            throw new DomainRuleException("Too many attachments", $"A case keeps at most {MaxAttachments} attachments.", 422);
        Attachments.Add(attachment);
    }

    public const int MaxAttachments = 20;

    /// <summary>
    /// 等待群众补充 on or off. Returns false when nothing changed (already in that state), so a repeated request
    /// publishes nothing and the clock is paused once.
    /// </summary>
    public bool SetWaitingOnCustomer(string officeCode, bool waiting, DateTimeOffset now)
    {
        EnsureHandledBy(officeCode);
        EnsureInProgress("Waiting cannot change");
        if (WaitingOnCustomer == waiting) return false;
        WaitingOnCustomer = waiting;
        WaitingSince = waiting ? now : null;
        return true;
    }

    /// <summary>The office acting is the one handling the case; another office gets 403.</summary>
    public void EnsureHandledBy(string officeCode)
    {
        if (!string.Equals(officeCode, OfficeCode, StringComparison.OrdinalIgnoreCase))
            throw new DomainRuleException("Not your case", new Phrase("Ticket {0} is handled by {1}, not {2}.", Number, OfficeCode, officeCode), 403);
    }

    private void EnsureInProgress(string title)
    {
        if (Status != CaseStatus.InProgress)
            throw new DomainRuleException(title, Status switch
            {
                CaseStatus.Completed => $"This case of ticket {Number} was already completed at {CompletedAt:u} by {CompletedBy}.",
                CaseStatus.Withdrawn => $"This case of ticket {Number} was withdrawn at {ClosedAt:u}: {ClosedReason}",
                _ => $"The result reported for ticket {Number} at {CompletedAt:u} did not take effect (superseded at {ClosedAt:u}): {ClosedReason}",
            }) { Extensions = { ["caseStatus"] = Status.ToString() } };
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
        WaitingOnCustomer = false; // the clock it paused stops with the case
        WaitingSince = null;
        Status = status;
        ClosedReason = Clip(reason);
        ClosedAt = now;
    }

    // The workflow writes the reasons; a long one is cut rather than failing the event on the column's length.
    private static string? Clip(string? reason) => reason?.Trim() is { } text ? text[..Math.Min(text.Length, ReasonLength)] : null;
}

[JsonConverter(typeof(JsonStringEnumConverter<NoteVisibility>))]
public enum NoteVisibility { Public, Internal }

/// <summary>办理过程: a progress note; <see cref="NoteVisibility.Public"/> ones may be read to the customer.</summary>
public sealed class CaseNote
{
    public const int TextLength = 2000;

    public Guid Id { get; init; }
    public string Text { get; init; } = "";
    public NoteVisibility Visibility { get; init; }
    public string By { get; init; } = "";
    public DateTimeOffset At { get; init; }
}

/// <summary>An image or PDF attached to the case: what it is by its content, its name as uploaded, who added it.</summary>
public sealed class CaseAttachment
{
    public Guid Id { get; init; }
    public string FileName { get; init; } = "";
    public string ContentType { get; init; } = "";
    public long Size { get; init; }
    public string By { get; init; } = "";
    public DateTimeOffset At { get; init; }
}

/// <summary>
/// A co-handling office's part (协办意见) as read from dispatch when the lead office completed: <see cref="Report"/> is
/// null when the office had not reported and a supervisor completed the case anyway.
/// </summary>
public sealed class CoHandlingPart
{
    public Guid AssignmentId { get; init; }
    public string OfficeCode { get; init; } = "";
    public string? Report { get; init; }
    public DateTimeOffset? ReportedAt { get; init; }
    public string? ReportedBy { get; init; }

    public bool Reported => Report is not null;

    public CoHandlerPart ToContract() => new(AssignmentId, OfficeCode, Report, ReportedAt, ReportedBy);
}

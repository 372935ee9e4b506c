using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;

namespace Ticketing.Intake.Tickets;

/// <summary>工单 as registered from a call: who called, about what, and intake's decision on it.</summary>
public sealed class Ticket : IVersioned
{
    public const int SupersededReasonLength = 500;

    public Guid Id { get; private set; }
    public string Number { get; private set; } = "";
    public Channel Channel { get; private set; }
    public Category Category { get; private set; }

    /// <summary>The catalogue's second level (二级分类), as the catalogue spells it; none where the category has none.</summary>
    public string? SubCategory { get; private set; }
    public Urgency Urgency { get; private set; }
    public string Title { get; private set; } = "";
    public string Content { get; private set; } = "";
    public string CallerName { get; private set; } = "";
    public string CallerPhone { get; private set; } = "";
    public string RegionCode { get; private set; } = "";
    public string? Address { get; private set; }

    /// <summary>The address as duplicates are matched on it (<see cref="Duplicates.AddressKey"/>).</summary>
    public string? AddressKey { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public string ReceivedBy { get; private set; } = "";

    /// <summary>The client's Idempotency-Key for the registration: the same key from the same agent gets this ticket back.</summary>
    public string? IdempotencyKey { get; private set; }

    /// <summary>被投诉人: the staff member (user name) a complaint is about, who may not decide it.</summary>
    public string? ConcernedStaff { get; private set; }

    /// <summary>Intake's own decision, then the lifecycle state as the workflow service reports it.</summary>
    public TicketState Status { get; private set; }

    /// <summary>Sequence of the last workflow change applied, so a late, older change is ignored.</summary>
    public int StatusSequence { get; private set; }

    public string? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? RejectionReason { get; private set; }

    /// <summary>直接答复: what the agent answered during the call.</summary>
    public string? FirstContactAnswer { get; private set; }

    /// <summary>Why the workflow could not apply intake's decision: it did not take effect.</summary>
    public string? DecisionSupersededReason { get; private set; }

    /// <summary>
    /// 承办单位: the office dispatch assigned the ticket to (its code, upper-case). None before dispatch, and none from a
    /// return (退回) until dispatch assigns it again; it stays once the office has finished, so an office finds its done work.
    /// </summary>
    public string? OfficeCode { get; private set; }

    /// <summary>The assignment behind <see cref="OfficeCode"/> (or the one returned), and when dispatch made it or took its return.</summary>
    public Guid? OfficeAssignmentId { get; private set; }

    public DateTimeOffset? OfficeChangedAt { get; private set; }

    /// <summary>
    /// 超时: overdue now, that is one of the ticket's office work items has breached its SLA clock and is not closed yet.
    /// The breaches themselves, ended or not, stay in supervision (its clocks) and on the workflow's timeline.
    /// </summary>
    public bool Overdue { get; private set; }

    private readonly List<OfficeWorkItem> _officeWork = [];

    /// <summary>The office work items heard of while the ticket is open (loaded by the event handlers that need them).</summary>
    public IReadOnlyCollection<OfficeWorkItem> OfficeWork => _officeWork;

    public int Version { get; set; }

    private Ticket() { }

    public static Ticket Register(RegisterTicket request, string number, string agent, DateTimeOffset now, string? idempotencyKey = null) => new()
    {
        IdempotencyKey = idempotencyKey,
        Id = Guid.NewGuid(),
        Number = number,
        Channel = request.Channel,
        Category = request.Category,
        SubCategory = request.SubCategory,
        Urgency = request.Urgency,
        Title = request.Title.Trim(),
        Content = request.Content.Trim(),
        CallerName = request.CallerName?.Trim() ?? "", // empty: an anonymous caller, where the category allows one
        CallerPhone = PhoneNumbers.Normalise(request.CallerPhone),
        RegionCode = request.RegionCode.Trim(),
        Address = request.Address?.Trim(),
        AddressKey = Duplicates.AddressKey(request.Address),
        ReceivedAt = now,
        ReceivedBy = agent,
        ConcernedStaff = string.IsNullOrWhiteSpace(request.ConcernedStaff) ? null : request.ConcernedStaff.Trim(),
        Status = TicketState.Received,
    };

    public void Accept(string agent, DateTimeOffset now)
    {
        EnsureUndecided("accepted");
        Status = TicketState.Accepted;
        DecidedBy = agent;
        DecidedAt = now;
    }

    public void Reject(string reason, string agent, DateTimeOffset now)
    {
        EnsureUndecided("rejected");
        NotAboutThemselves.Check(this, agent, "reject");
        Status = TicketState.Rejected;
        RejectionReason = reason.Trim();
        DecidedBy = agent;
        DecidedAt = now;
    }

    /// <summary>
    /// 直接答复办结: the agent answered during the call. The status stays Received: the workflow decides whether the
    /// ticket closes or is sampled for a callback, and reports the state it chose.
    /// </summary>
    public void ResolveAtFirstContact(string answer, string agent, DateTimeOffset now)
    {
        EnsureUndecided("resolved at first contact");
        NotAboutThemselves.Check(this, agent, "resolve");
        FirstContactAnswer = answer.Trim();
        DecidedBy = agent;
        DecidedAt = now;
    }

    /// <summary>Whether a repeated registration (same Idempotency-Key) describes the same call as this ticket.</summary>
    public bool Repeats(RegisterTicket request) =>
        Title == request.Title.Trim() && Content == request.Content.Trim() && CallerPhone == PhoneNumbers.Normalise(request.CallerPhone)
        && Category == request.Category && RegionCode == request.RegionCode.Trim();

    /// <summary>The workflow could not apply the decision (the ticket had moved on); false when already recorded.</summary>
    public bool SupersedeDecision(string reason)
    {
        var why = reason.Trim();
        if (why.Length > SupersededReasonLength) // the workflow's text is not ours to refuse: cut it to the column, whole characters only
            why = why[..(char.IsHighSurrogate(why[SupersededReasonLength - 2]) ? SupersededReasonLength - 2 : SupersededReasonLength - 1)] + "…";
        if (DecisionSupersededReason == why) return false;
        DecisionSupersededReason = why;
        return true;
    }

    /// <summary>催办/升级 raises the urgency; a lower or equal one (a late or repeated escalation) changes nothing.</summary>
    public bool Escalate(Urgency to)
    {
        if (to <= Urgency) return false;
        Urgency = to;
        return true;
    }

    /// <summary>
    /// Mirrors the lifecycle state reported by the workflow service; older reports are ignored. A finished ticket is
    /// overdue no longer, and what it kept of its office work items is not needed any more.
    /// </summary>
    public bool ApplyLifecycleState(TicketState state, int sequence)
    {
        if (sequence <= StatusSequence) return false;
        Status = state;
        StatusSequence = sequence;
        if (IsFinished)
        {
            _officeWork.Clear();
            Overdue = false;
        }
        return true;
    }

    /// <summary>Closed, rejected or merged: nothing leaves these states, and no office works on the ticket any more.</summary>
    public bool IsFinished => Status is TicketState.Closed or TicketState.Rejected or TicketState.Merged;

    /// <summary>
    /// 交办: dispatch assigned the ticket to an office. Assignments and returns come from dispatch stamped by its clock:
    /// one older than the last applied arrived late and changes nothing.
    /// </summary>
    public bool AssignTo(string officeCode, Guid assignmentId, DateTimeOffset at)
    {
        if (OfficeChangedAt is { } last && at <= last) return false;
        OfficeCode = officeCode.Trim().ToUpperInvariant();
        OfficeAssignmentId = assignmentId;
        OfficeChangedAt = at;
        return true;
    }

    /// <summary>
    /// 退回: the office sent the work back; no office until dispatch assigns it again. At the same instant as its own
    /// assignment, the return is the later of the two.
    /// </summary>
    public bool ReturnFromOffice(Guid assignmentId, DateTimeOffset at)
    {
        var later = OfficeChangedAt is not { } last || at > last || (at == last && assignmentId == OfficeAssignmentId && OfficeCode is not null);
        if (!later) return false;
        OfficeCode = null;
        OfficeAssignmentId = assignmentId;
        OfficeChangedAt = at;
        return true;
    }

    /// <summary>
    /// A clock on one of the ticket's office work items ran out (sla.breached). It makes the ticket overdue unless that
    /// item is already closed (the close arrived first) or the ticket is finished.
    /// </summary>
    public bool RecordBreach(Guid workItemId)
    {
        if (IsFinished || !WorkItem(workItemId).Breach()) return false;
        Overdue = _officeWork.Any(w => w.IsOverdue);
        return true;
    }

    /// <summary>The workflow closed an office work item (signed for, returned, completed, withdrawn): its breach, if any, is over.</summary>
    public bool RecordOfficeWorkClosed(Guid workItemId)
    {
        if (IsFinished || !WorkItem(workItemId).Close()) return false;
        Overdue = _officeWork.Any(w => w.IsOverdue);
        return true;
    }

    private OfficeWorkItem WorkItem(Guid workItemId)
    {
        var item = _officeWork.FirstOrDefault(w => w.Id == workItemId);
        if (item is null) _officeWork.Add(item = new OfficeWorkItem(workItemId, Id));
        return item;
    }

    private void EnsureUndecided(string verb)
    {
        if (DecidedAt is not null)
            throw new DomainRuleException("Ticket already decided",
                $"Ticket {Number} was already {Decision} by {DecidedBy} at {DecidedAt:u}; it cannot be {verb} as well." +
                (DecisionSupersededReason is null ? "" : $" That decision did not take effect: {DecisionSupersededReason}"));
        if (Status != TicketState.Received)
            throw new DomainRuleException("Ticket already decided",
                $"Ticket {Number} is {Status}; only a received ticket can be {verb}.");
    }

    private string Decision => FirstContactAnswer is not null ? "resolved at first contact"
        : RejectionReason is not null ? "rejected" : "accepted";
}

/// <summary>Nobody buries a complaint about themselves: the staff member it names may not reject it or close it.</summary>
public static class NotAboutThemselves
{
    public static void Check(Ticket ticket, string decider, string decision)
    {
        if (ticket.ConcernedStaff is { } named && string.Equals(named, decider, StringComparison.OrdinalIgnoreCase))
            throw new DomainRuleException("Complaint about yourself",
                $"Ticket {ticket.Number} is a complaint about you: another agent or a supervisor must {decision} it.", StatusCodes.Status403Forbidden);
    }
}

using System.Text.Json.Serialization;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Contracts;

namespace Ticketing.Callback.Tasks;

/// <summary>
/// Open until the agent records what the customer said (Completed) or the workflow closes it: Closed when it
/// moved the ticket on without an answer (e.g. unreachable after enough attempts), Withdrawn when the ticket
/// moved elsewhere, Superseded when the recorded outcome could not be applied.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallbackTaskStatus>))]
public enum CallbackTaskStatus { Open, Completed, Closed, Withdrawn, Superseded }

/// <summary>How a call to the customer went: reached, or one of the ways it failed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CallResult>))]
public enum CallResult { Reached, NoAnswer, Busy, WrongNumber }

/// <summary>
/// One call the agent made on the task. A failed call <see cref="CountsTowardUnreachable"/> only when it came far enough
/// after the last one that counted (<see cref="CallbackRules.AttemptsApart"/>): three calls in ten minutes are one try.
/// </summary>
public sealed class CallbackCall
{
    public DateTimeOffset At { get; init; }
    public CallResult Result { get; init; }
    public string? Note { get; init; }
    public string AgentId { get; init; } = "";
    public bool CountsTowardUnreachable { get; init; }
}

/// <summary>The callback desk's rules (configuration section "Callback").</summary>
public sealed class CallbackRules
{
    public const string Section = "Callback";

    /// <summary>How long an agent's claim holds without the task being worked; then another agent may take it.</summary>
    public TimeSpan ClaimFor { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Failed calls count toward "unreachable" only this far apart (the workflow closes after its number of them).</summary>
    public TimeSpan AttemptsApart { get; set; } = TimeSpan.FromHours(2);
}

/// <summary>回访: an agent calls the customer back to hear whether the reply resolved it. The workflow opens and closes it.</summary>
public sealed class CallbackTask : IVersioned
{
    public const int NoteLength = 500;
    public const int ReasonLength = 1000;

    public Guid Id { get; private set; }
    public Guid TicketId { get; private set; }
    public string Number { get; private set; } = "";

    /// <summary>The office whose reply is heard; null after a first-contact resolution (no office handled it).</summary>
    public string? OfficeCode { get; private set; }

    public string ReplyToCustomer { get; private set; } = "";
    public DateTimeOffset DueAt { get; private set; }
    public CallbackTaskStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Failed calls that count toward unreachable; the workflow decides when they are enough.</summary>
    public int Attempts { get; private set; }

    /// <summary>Every call made on the task, reached or not, oldest first.</summary>
    public List<CallbackCall> Calls { get; private set; } = [];

    /// <summary>From when a failed call counts again toward unreachable; null before the first counted one.</summary>
    public DateTimeOffset? NextCountingAttemptAt { get; private set; }

    /// <summary>The agent working the task (领取); the claim lapses at <see cref="ClaimExpiresAt"/> if the task is not worked.</summary>
    public string? ClaimedBy { get; private set; }

    public DateTimeOffset? ClaimExpiresAt { get; private set; }

    public string? LastAttemptNote { get; private set; }
    public DateTimeOffset? LastAttemptAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public string? AgentId { get; private set; }
    public bool? Resolved { get; private set; }
    public Satisfaction? Satisfaction { get; private set; }
    public string? Comment { get; private set; }

    /// <summary>Why the workflow closed, withdrew or superseded the task.</summary>
    public string? ClosedReason { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }
    public int Version { get; set; }

    private CallbackTask() { }

    public static CallbackTask Open(Guid id, Guid ticketId, string number, string? officeCode, string reply, DateTimeOffset dueAt,
        DateTimeOffset now) => new()
    {
        Id = id,
        TicketId = ticketId,
        Number = number,
        OfficeCode = officeCode,
        ReplyToCustomer = reply,
        DueAt = dueAt,
        Status = CallbackTaskStatus.Open,
        CreatedAt = now,
    };

    /// <summary>Whether another agent holds a claim that has not lapsed.</summary>
    public bool IsClaimedByAnotherThan(string agent, DateTimeOffset now) =>
        ClaimedBy is not null && ClaimedBy != agent && ClaimExpiresAt > now;

    /// <summary>The agent takes the task from the queue; a claim of their own is renewed, another's lapsed claim taken over.</summary>
    public void Claim(string agent, DateTimeOffset now, CallbackRules rules)
    {
        EnsureOpen("Task cannot be claimed");
        EnsureNotClaimedByAnother(agent, now, "Task already claimed");
        ClaimedBy = agent;
        ClaimExpiresAt = now + rules.ClaimFor;
    }

    /// <summary>The agent puts the task back in the queue. Only the holder (or a supervisor) releases a live claim.</summary>
    public void Release(string agent, bool overrides, DateTimeOffset now)
    {
        if (!overrides) EnsureNotClaimedByAnother(agent, now, "Task claimed by another agent");
        ClaimedBy = null;
        ClaimExpiresAt = null;
    }

    /// <summary>
    /// The customer answered: what they said, the survey's scores among it. Refused while another agent's claim holds,
    /// unless <paramref name="overrides"/> (a supervisor).
    /// </summary>
    public void RecordOutcome(bool resolved, Satisfaction satisfaction, string? comment, string agent, DateTimeOffset now, bool overrides = false)
    {
        EnsureOpen("Callback cannot be recorded");
        if (!overrides) EnsureNotClaimedByAnother(agent, now, "Task claimed by another agent");
        Calls.Add(new CallbackCall { At = now, Result = CallResult.Reached, AgentId = agent });
        ClaimedBy = null;
        ClaimExpiresAt = null;
        Status = CallbackTaskStatus.Completed;
        Resolved = resolved;
        Satisfaction = satisfaction;
        Comment = comment?.Trim();
        AgentId = agent;
        CompletedAt = now;
    }

    /// <summary>
    /// The customer could not be reached on this call; the task stays open for the next and goes back to the queue.
    /// The call counts toward unreachable only <see cref="CallbackRules.AttemptsApart"/> after the last counted one;
    /// returns whether it counted (then <see cref="Attempts"/> is its number).
    /// </summary>
    public bool RecordFailedAttempt(CallResult result, string? note, string agent, DateTimeOffset now, CallbackRules rules, bool overrides = false)
    {
        if (result == CallResult.Reached)
            throw new DomainRuleException("Not a failed call", "A call that reached the customer is recorded as the outcome.", 422);
        EnsureOpen("Attempt cannot be recorded");
        if (!overrides) EnsureNotClaimedByAnother(agent, now, "Task claimed by another agent");
        var counts = NextCountingAttemptAt is not { } next || now >= next;
        var text = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Calls.Add(new CallbackCall { At = now, Result = result, Note = text, AgentId = agent, CountsTowardUnreachable = counts });
        LastAttemptNote = text ?? result.ToString();
        LastAttemptAt = now;
        ClaimedBy = null;
        ClaimExpiresAt = null;
        if (!counts) return false;
        Attempts++;
        NextCountingAttemptAt = now + rules.AttemptsApart;
        return true;
    }

    private void EnsureNotClaimedByAnother(string agent, DateTimeOffset now, string title)
    {
        if (IsClaimedByAnotherThan(agent, now))
            throw new DomainRuleException(title, $"The callback for {Number} is claimed by {ClaimedBy} until {ClaimExpiresAt:u}.")
                { Extensions = { ["claimedBy"] = ClaimedBy, ["claimExpiresAt"] = ClaimExpiresAt } };
    }

    /// <summary>The workflow's own step moved the ticket on; a task still open (no answer heard) is closed with its reason.</summary>
    public void Done(string reason, DateTimeOffset now)
    {
        if (Status == CallbackTaskStatus.Open) Close(CallbackTaskStatus.Closed, reason, now);
    }

    /// <summary>The ticket moved elsewhere before the callback was made.</summary>
    public void Withdraw(string reason, DateTimeOffset now)
    {
        if (Status == CallbackTaskStatus.Open) Close(CallbackTaskStatus.Withdrawn, reason, now);
    }

    /// <summary>The workflow could not apply what the agent recorded; the outcome stays on the task, marked with the reason.</summary>
    public void Supersede(string reason, DateTimeOffset now)
    {
        if (Status is CallbackTaskStatus.Open or CallbackTaskStatus.Completed) Close(CallbackTaskStatus.Superseded, reason, now);
    }

    private void EnsureOpen(string title)
    {
        if (Status == CallbackTaskStatus.Open) return;
        throw new DomainRuleException(title, Status switch
        {
            CallbackTaskStatus.Completed => $"The callback for {Number} was recorded at {CompletedAt:u} by {AgentId}.",
            CallbackTaskStatus.Closed => $"The callback for {Number} was closed at {ClosedAt:u}: {ClosedReason}",
            CallbackTaskStatus.Withdrawn => $"The callback for {Number} was withdrawn at {ClosedAt:u}: {ClosedReason}",
            _ => $"The callback for {Number} did not take effect (superseded at {ClosedAt:u}): {ClosedReason}",
        }) { Extensions = { ["taskStatus"] = Status.ToString() } };
    }

    private void Close(CallbackTaskStatus status, string reason, DateTimeOffset now)
    {
        var text = reason.Trim(); // the workflow writes it; cut rather than fail the event on the column's length
        Status = status;
        ClosedReason = text[..Math.Min(text.Length, ReasonLength)];
        ClosedAt = now;
    }
}

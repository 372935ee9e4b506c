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

    /// <summary>Calls that found no one; the workflow decides when they are enough.</summary>
    public int Attempts { get; private set; }

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

    public void RecordOutcome(bool resolved, Satisfaction satisfaction, string? comment, string agent, DateTimeOffset now)
    {
        EnsureOpen("Callback cannot be recorded");
        Status = CallbackTaskStatus.Completed;
        Resolved = resolved;
        Satisfaction = satisfaction;
        Comment = comment?.Trim();
        AgentId = agent;
        CompletedAt = now;
    }

    /// <summary>The customer could not be reached on this call; the task stays open for the next. Returns the attempt's number.</summary>
    public int RecordFailedAttempt(string note, DateTimeOffset now)
    {
        EnsureOpen("Attempt cannot be recorded");
        Attempts++;
        LastAttemptNote = note.Trim();
        LastAttemptAt = now;
        return Attempts;
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

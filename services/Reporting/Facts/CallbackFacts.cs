using Ticketing.Contracts;

namespace Ticketing.Reporting.Facts;

/// <summary>A callback (回访) an agent finished: the customer was reached and gave a verdict.</summary>
public sealed class CallbackDone
{
    public Guid CallbackTaskId { get; private set; }
    public Guid TicketId { get; private set; }
    public string AgentId { get; private set; } = "";
    public DateTimeOffset DoneAt { get; private set; }

    private CallbackDone() { }

    public static CallbackDone Of(Guid taskId, Guid ticketId, string agentId, DateTimeOffset at) =>
        new() { CallbackTaskId = taskId, TicketId = ticketId, AgentId = agentId, DoneAt = at };
}

/// <summary>One attempt at a callback that reached no one; the last one before an unreachable closure names the agent.</summary>
public sealed class CallbackAttemptFailed
{
    public Guid CallbackTaskId { get; private set; }
    public int Attempt { get; private set; }
    public Guid TicketId { get; private set; }
    public string AgentId { get; private set; } = "";
    public DateTimeOffset FailedAt { get; private set; }

    private CallbackAttemptFailed() { }

    public static CallbackAttemptFailed Of(Guid taskId, int attempt, Guid ticketId, string agentId, DateTimeOffset at) =>
        new() { CallbackTaskId = taskId, Attempt = attempt, TicketId = ticketId, AgentId = agentId, FailedAt = at };
}

/// <summary>A customer's verdict on a ticket (满意度), each survey answer counting once.</summary>
public sealed class SatisfactionAnswer
{
    public Guid ResponseId { get; private set; }
    public Guid TicketId { get; private set; }
    public Satisfaction Satisfaction { get; private set; }
    public DateTimeOffset AnsweredAt { get; private set; }

    private SatisfactionAnswer() { }

    public static SatisfactionAnswer Of(Guid responseId, Guid ticketId, Satisfaction satisfaction, DateTimeOffset at) =>
        new() { ResponseId = responseId, TicketId = ticketId, Satisfaction = satisfaction, AnsweredAt = at };

    public bool Content => Satisfaction is Satisfaction.Satisfied or Satisfaction.BasicallySatisfied;
}

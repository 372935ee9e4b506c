namespace Ticketing.Contracts.Events;

[Topic("callback.completed")]
public sealed record CallbackCompleted(
    Guid TicketId, Guid CallbackTaskId, bool Resolved, Satisfaction Satisfaction, string Comment, string AgentId) : IntegrationEvent, ITicketEvent;

/// <summary>An attempt to call the customer back found no one; <see cref="Attempt"/> counts this task's attempts.</summary>
[Topic("callback.failed")]
public sealed record CallbackFailed(Guid TicketId, Guid CallbackTaskId, int Attempt, string Note, string AgentId) : IntegrationEvent, ITicketEvent;

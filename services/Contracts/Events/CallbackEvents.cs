namespace Ticketing.Contracts.Events;

[Topic("callback.completed")]
public sealed record CallbackCompleted(
    Guid TicketId, Guid CallbackTaskId, bool Resolved, Satisfaction Satisfaction, string Comment, string AgentId) : IntegrationEvent, ITicketEvent;

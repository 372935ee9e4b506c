namespace Ticketing.Contracts.Events;

/// <summary>
/// 回访: the customer was reached and said whether the reply resolved it. The survey's 1–5 scores (attitude, speed,
/// result) are optional trailing members: v1 readers ignore them, a v1 event without them reads as not asked.
/// </summary>
[Topic("callback.completed")]
public sealed record CallbackCompleted(
    Guid TicketId, Guid CallbackTaskId, bool Resolved, Satisfaction Satisfaction, string Comment, string AgentId,
    int? AttitudeScore = null, int? SpeedScore = null, int? ResultScore = null) : IntegrationEvent, ITicketEvent;

/// <summary>An attempt to call the customer back found no one; <see cref="Attempt"/> counts this task's attempts.</summary>
[Topic("callback.failed")]
public sealed record CallbackFailed(Guid TicketId, Guid CallbackTaskId, int Attempt, string Note, string AgentId) : IntegrationEvent, ITicketEvent;

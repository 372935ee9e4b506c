namespace Ticketing.Contracts.Events;

[Topic("survey.completed")]
public sealed record SurveyCompleted(Guid TicketId, Guid ResponseId, Satisfaction Satisfaction, string Source) : IntegrationEvent, ITicketEvent;

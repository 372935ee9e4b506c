using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Survey.Data;
using Ticketing.Survey.Responses;

namespace Ticketing.Survey.Events;

/// <summary>The satisfaction and scores the customer gave on the callback become a survey response, checked for agreement.</summary>
public sealed class CallbackCompletedHandler(SurveyDbContext db, AgreementRules rules) : IIntegrationEventHandler<CallbackCompleted>
{
    public Task<EventOutcome> HandleAsync(CallbackCompleted completed, CancellationToken cancellationToken)
    {
        var response = SurveyResponse.FromCallbackOutcome(completed.TicketId, completed.Satisfaction, completed.Resolved, completed.Comment,
            new Scores(completed.AttitudeScore, completed.SpeedScore, completed.ResultScore), rules, db.Clock.GetUtcNow());
        db.Responses.Add(response);
        db.Publish(new SurveyCompleted(response.TicketId, response.Id, response.Satisfaction, response.Source));
        return Task.FromResult(EventOutcome.Handled);
    }
}

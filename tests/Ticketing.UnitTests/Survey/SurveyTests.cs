using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Survey.Data;
using Ticketing.Survey.Events;
using Ticketing.Survey.Responses;

namespace Ticketing.UnitTests.Survey;

public sealed class SurveyTests
{
    [Fact]
    public async Task The_callbacks_satisfaction_becomes_a_response_and_is_announced()
    {
        using var database = new TestDatabase<SurveySqliteDbContext>();
        var ticketId = Guid.NewGuid();
        await using (var db = database.NewContext())
        {
            await new CallbackCompletedHandler(db, AgreementRules.Shipped()).HandleAsync(
                new CallbackCompleted(ticketId, Guid.NewGuid(), false, Satisfaction.Unsatisfied, "没解决", "agent-1"), default);
            await db.SaveChangesAsync();
        }
        await using var check = database.NewContext();
        var response = Assert.Single(check.Responses);
        Assert.Equal((ticketId, Satisfaction.Unsatisfied, "没解决"), (response.TicketId, response.Satisfaction, response.Comment));
        var published = Assert.Single(database.PublishedEvents());
        Assert.Equal("survey.completed", published.Topic);
        Assert.Contains("\"satisfaction\":\"Unsatisfied\"", published.Payload);
    }
}

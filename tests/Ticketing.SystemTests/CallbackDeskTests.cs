using System.Net;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;

using static Ticketing.SystemTests.Problems;

namespace Ticketing.SystemTests;

/// <summary>
/// 回访: the queue soonest due first, an agent's claim that keeps colleagues off, calls recorded with how they went, and the
/// customer's answer with the survey's scores going to the survey service, flagged when score and comment disagree.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CallbackDeskTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    private sealed record CallView(string Result, string? Note, string AgentId, bool CountsTowardUnreachable);

    private sealed record DeskTaskView(Guid Id, Guid TicketId, string Status, DateTimeOffset DueAt, int Attempts, string? ClaimedBy,
        DateTimeOffset? ClaimExpiresAt, List<CallView> Calls);

    private sealed record ScoredResponseView(Guid TicketId, Satisfaction Satisfaction, bool? Resolved, int? AttitudeScore, int? SpeedScore,
        int? ResultScore, string Source, string? Comment, bool NeedsQualityReview, string? QualityReviewReason);

    [Fact]
    public async Task An_agent_claims_a_task_records_the_calls_and_the_customers_scores_which_the_survey_checks_for_agreement()
    {
        var (ticket, _, opened) = await Journeys.ToCallbackAsync(_gateway, Calls.NewTicket(Category.HelpRequest, title: "求助：路面塌陷"));
        var path = $"api/callback/tasks/{opened.Id}";

        // The queue is soonest due first.
        var queue = await _gateway.GetAsync<PageOf<DeskTaskView>>("api/callback/tasks?status=Open&pageSize=200");
        Assert.Equal(queue.Items.Select(t => t.DueAt).Order(), queue.Items.Select(t => t.DueAt));

        // agent1 claims it: agent2 can neither claim nor work it, and no longer sees it among the claimable.
        var claimed = await _gateway.PostAsync<DeskTaskView>($"{path}/claim", user: "agent1");
        Assert.Equal("agent1", claimed.ClaimedBy);
        Assert.True(claimed.ClaimExpiresAt > DateTimeOffset.UtcNow.AddMinutes(25));
        Assert.Contains("agent1", (await ProblemAsync(await _gateway.SendPostAsync($"{path}/claim", user: "agent2"), HttpStatusCode.Conflict)).Detail);
        await ProblemAsync(await _gateway.SendPostAsync($"{path}/attempts", new { result = "Busy" }, user: "agent2"), HttpStatusCode.Conflict);
        using (var asAgent2 = new HttpRequestMessage(HttpMethod.Get, "api/callback/tasks?claimable=true&pageSize=200").SignedInAs("agent2"))
            Assert.DoesNotContain((await (await _gateway.SendAsync(asAgent2)).ReadAsync<PageOf<DeskTaskView>>()).Items, t => t.Id == opened.Id);
        await ProblemAsync(await _gateway.SendPostAsync($"{path}/release", user: "agent2"), HttpStatusCode.Conflict);
        Assert.Null((await _gateway.PostAsync<DeskTaskView>($"{path}/release", user: "agent1")).ClaimedBy);

        // agent2 takes it over and calls: busy, then a wrong number; "reached" is not a failed call.
        await _gateway.PostAsync<DeskTaskView>($"{path}/claim", user: "agent2");
        var busy = await _gateway.PostAsync<DeskTaskView>($"{path}/attempts", new { result = "Busy", note = "占线" }, user: "agent2");
        Assert.Equal((1, null), (busy.Attempts, busy.ClaimedBy)); // a failed call puts it back in the queue
        Assert.Equal([("Busy", "占线", "agent2")], busy.Calls.Select(c => (c.Result, c.Note, c.AgentId)));
        var problem = await ProblemAsync(await _gateway.SendPostAsync($"{path}/attempts", new { result = "Reached" }, user: "agent2"),
            HttpStatusCode.BadRequest);
        Assert.Contains("result", problem.Errors!.Keys, StringComparer.OrdinalIgnoreCase);
        await ProblemAsync(await _gateway.SendPostAsync($"{path}/outcome", new { resolved = true, satisfaction = "Satisfied", resultScore = 6 }, user: "agent2"),
            HttpStatusCode.BadRequest);
        await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}"),
            i => i.Timeline.Any(l => l.Kind == "CustomerUnreachable"), what: "the failed call on the timeline");

        // Reached: "satisfied", yet the comment says nothing was solved; the survey flags it for quality review.
        var done = await _gateway.PostAsync<DeskTaskView>($"{path}/outcome", new
        {
            resolved = true, satisfaction = "Satisfied", comment = "态度挺好，不过问题其实没解决", attitudeScore = 5, speedScore = 4, resultScore = 2,
        }, user: "agent2");
        Assert.Equal(("Completed", "Reached"), (done.Status, done.Calls[^1].Result));
        var response = (await Eventually.Until(() => _gateway.GetAsync<PageOf<ScoredResponseView>>($"api/survey/responses?ticketId={ticket.Id}"),
            p => p.Total == 1, what: "the survey response")).Items.Single();
        Assert.Equal((Satisfaction.Satisfied, true, 5, 4, 2, "callback"),
            (response.Satisfaction, response.Resolved, response.AttitudeScore, response.SpeedScore, response.ResultScore, response.Source));
        Assert.True(response.NeedsQualityReview);
        Assert.Contains("没解决", response.QualityReviewReason);
        Assert.Contains((await _gateway.GetAsync<PageOf<ScoredResponseView>>("api/survey/responses?needsQualityReview=true&pageSize=200")).Items,
            r => r.TicketId == ticket.Id);
        await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Closed);
    }

    [Fact]
    public async Task An_unsatisfied_customer_reopens_the_ticket_and_an_agreeing_answer_is_not_flagged()
    {
        var (ticket, _, task) = await Journeys.ToCallbackAsync(_gateway, Calls.NewTicket(Category.HelpRequest, title: "求助：积水"));
        await _gateway.PostAsync<DeskTaskView>($"api/callback/tasks/{task.Id}/outcome",
            new { resolved = false, satisfaction = "Unsatisfied", comment = "不满意，积水还在", resultScore = 1 }, user: "agent1");
        await Eventually.Until(() => _gateway.GetAsync<PageOf<CaseView>>($"api/followup/cases?ticketId={ticket.Id}&status=InProgress"),
            p => p.Total == 1, what: "the reopened case");
        var response = (await Eventually.Until(() => _gateway.GetAsync<PageOf<ScoredResponseView>>($"api/survey/responses?ticketId={ticket.Id}"),
            p => p.Total == 1, what: "the survey response")).Items.Single();
        Assert.Equal((Satisfaction.Unsatisfied, false, null), (response.Satisfaction, response.NeedsQualityReview, response.QualityReviewReason));
    }

}

using System.Net;
using System.Text.Json.Nodes;
using Ticketing.Contracts;

namespace Ticketing.SystemTests;

/// <summary>
/// Every path of design.md §2 through the gateway, as agents, offices, dispatchers, specialists and supervisors
/// would take it; each ends with every service agreeing on where the ticket is.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class LifecycleTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    private Task<InstanceView> Trigger(Guid ticketId, string trigger, object body, string role = "supervisor", string? user = null) =>
        _gateway.PostAsync<InstanceView>($"api/workflow/instances/{ticketId}/triggers/{trigger}", body, user, role);

    [Fact]
    public async Task A_ticket_travels_from_registration_to_closed()
    {
        var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(Category.HelpRequest, region: "DC-DH"), user: "agent1");
        Assert.Matches(@"^GD\d{8}-\d{6}$", ticket.Number);
        Assert.Equal((TicketState.Received, "路灯不亮"), (ticket.Status, ticket.Title));
        var received = await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Received);
        Assert.Equal(new DefinitionView("default", 2), received.Definition);

        await _gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/accept", user: "agent1");
        var assignment = await Journeys.OpenAssignmentAsync(_gateway, ticket.Id);
        Assert.Equal(("SFS-DC-DH", "东城区东华街道办事处"), (assignment.OfficeCode, assignment.OfficeName)); // routed by region
        var clock = (await Eventually.Until(() => _gateway.GetAsync<PageOf<ClockView>>($"api/supervision/clocks?ticketId={ticket.Id}"),
            page => page.Total == 1, what: "the sign-for clock")).Items.Single();
        Assert.Equal(("sign-for", assignment.Id, "Running"), (clock.Kind, clock.WorkItemId, clock.Status));
        await Consistency.CheckAsync(_gateway, ticket.Id);

        await _gateway.PostAsync<AssignmentView>($"api/dispatch/assignments/{assignment.Id}/sign", new { officeCode = "SFS-DC-DH" }, user: "clerk-dcdh");
        var handling = await Journeys.OpenCaseAsync(_gateway, ticket.Id);
        Assert.Equal(assignment.OfficeCode, handling.OfficeCode);
        var task = await Journeys.CompleteAsync(_gateway, ticket.Id, handling, "已更换路灯灯泡，恢复照明。");
        var detail = await _gateway.GetAsync<CallbackTaskDetailView>($"api/callback/tasks/{task.Id}");
        Assert.Equal("已更换路灯灯泡，恢复照明。", detail.Task.ReplyToCustomer);
        Assert.Equal("13800138000", detail.Ticket?.CallerPhone); // read from intake through the Refit client
        await Consistency.CheckAsync(_gateway, ticket.Id);

        await _gateway.PostAsync<CallbackTaskView>($"api/callback/tasks/{task.Id}/outcome",
            new { resolved = true, satisfaction = "Satisfied", comment = "处理很及时" }, user: "agent1");
        var closed = await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Closed);
        Assert.Equal(["Received", "Accept", "Assign", "SignFor", "Complete", "ConfirmSatisfied"],
            closed.Timeline.Where(line => line.To is not null).Select(line => line.Kind)); // notes (the survey's answer) change no state
        Assert.Equal(("agent1", "agent"), (closed.Timeline[1].Actor, closed.Timeline[1].Role));
        Assert.Equal(("clerk-dcdh", "office", "SFS-DC-DH"), (closed.Timeline[3].Actor, closed.Timeline[3].Role, closed.Timeline[3].Office));
        Assert.DoesNotContain(closed.WorkItems, w => w.Status == "Open");
        var responses = await Eventually.Until(() => _gateway.GetAsync<PageOf<SurveyResponseView>>($"api/survey/responses?ticketId={ticket.Id}"),
            page => page.Total == 1, what: "the survey response"); // survey hears callback.completed on its own
        Assert.Equal(Satisfaction.Satisfied, Assert.Single(responses.Items).Satisfaction);
        await Consistency.CheckAsync(_gateway, ticket.Id);
    }

    [Fact]
    public async Task A_complaint_reply_is_reviewed_sent_back_reopened_by_an_unsatisfied_customer_and_closed()
    {
        var (ticket, assignment, handling) = await Journeys.ToInProgressAsync(_gateway, Calls.NewTicket(Category.Complaint, title: "噪音扰民"));
        Assert.Equal(new DefinitionView("complaint", 2), (await _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}")).Definition);
        await _gateway.PostAsync<CaseView>($"api/followup/cases/{handling.Id}/completion", new { officeCode = assignment.OfficeCode, replyToCustomer = "已沟通" });
        var review = await Journeys.StateAsync(_gateway, ticket.Id, TicketState.UnderReview);
        Assert.Single(review.Open(WorkItemKind.Review));

        var noReason = await _gateway.SendPostAsync($"api/workflow/instances/{ticket.Id}/triggers/SendBack", new { }, "specialist1");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        await Trigger(ticket.Id, "SendBack", new { reason = "答复未说明整改时限" }, "specialist", "specialist1");
        var second = await Journeys.OpenCaseAsync(_gateway, ticket.Id); // a new case at the same office
        Assert.NotEqual(handling.Id, second.Id);
        Assert.Equal(assignment.OfficeCode, second.OfficeCode);
        await Consistency.CheckAsync(_gateway, ticket.Id);

        var task = await Journeys.CompleteAsync(_gateway, ticket.Id, second, "已要求三日内整改");
        await _gateway.PostAsync<CallbackTaskView>($"api/callback/tasks/{task.Id}/outcome", new { resolved = false, satisfaction = "Unsatisfied", comment = "仍有噪音" });
        var reopened = await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}"),
            i => i.Counters.Reopens == 1 && i.State == TicketState.InProgress, what: "the reopen");
        Assert.Equal(assignment.OfficeCode, reopened.OfficeCode);
        var third = await Journeys.OpenCaseAsync(_gateway, ticket.Id);
        Assert.Equal(1, third.Reopens);
        await Consistency.CheckAsync(_gateway, ticket.Id);

        var again = await Journeys.CompleteAsync(_gateway, ticket.Id, third, "已整改完毕");
        await _gateway.PostAsync<CallbackTaskView>($"api/callback/tasks/{again.Id}/outcome", new { resolved = true, satisfaction = "BasicallySatisfied" });
        var closed = await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Closed);
        Assert.Equal(3, closed.WorkItems.Count(w => w.Kind == WorkItemKind.HandlingCase));
        await Consistency.CheckAsync(_gateway, ticket.Id);
    }

    [Fact]
    public async Task A_rejected_ticket_is_closed_with_its_reason_on_the_timeline()
    {
        var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(Category.Consultation, title: "询问外地社保"));
        await _gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/reject", new { reason = "不属于本市受理范围" }, user: "agent2");

        var rejected = await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Rejected);
        var line = rejected.Timeline.Last();
        Assert.Equal(("Reject", "agent2", "不属于本市受理范围"), (line.Kind, line.Actor, line.Reason));
        Assert.Equal(0, (await _gateway.GetAsync<PageOf<DispatchView>>($"api/dispatch/dispatches?ticketId={ticket.Id}")).Total);
        await Consistency.CheckAsync(_gateway, ticket.Id);
    }

    [Fact]
    public async Task A_first_contact_answer_closes_the_ticket_or_is_called_back_as_sampled()
    {
        // Complaints are always called back after a first-contact answer; consultations only at their sample rate.
        var complaint = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(Category.Complaint, title: "投诉话务员态度"));
        await _gateway.PostAsync<TicketView>($"api/intake/tickets/{complaint.Id}/resolve", new { answer = "已致歉并说明处理规定" }, user: "agent1");
        var sampled = await Journeys.StateAsync(_gateway, complaint.Id, TicketState.AwaitingCallback);
        Assert.Null(sampled.OfficeCode);
        var task = await Journeys.OpenCallbackTaskAsync(_gateway, complaint.Id);
        Assert.Equal(("已致歉并说明处理规定", null), (task.ReplyToCustomer, task.OfficeCode));
        await Consistency.CheckAsync(_gateway, complaint.Id);

        // Unsatisfied with an answer no office gave: the ticket goes to dispatch.
        await _gateway.PostAsync<CallbackTaskView>($"api/callback/tasks/{task.Id}/outcome", new { resolved = false, satisfaction = "Unsatisfied" });
        await Journeys.StateAsync(_gateway, complaint.Id, TicketState.Assigned);
        await Consistency.CheckAsync(_gateway, complaint.Id);

        var consultation = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(Category.Consultation, title: "咨询公积金提取"));
        await _gateway.PostAsync<TicketView>($"api/intake/tickets/{consultation.Id}/resolve", new { answer = "可在线办理" });
        var answered = await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{consultation.Id}"),
            i => i.State is TicketState.Closed or TicketState.AwaitingCallback, what: "the first-contact answer");
        Assert.Equal("ResolveAtFirstContact", answered.Timeline[^1].Kind);
        Assert.Equal("可在线办理", (await _gateway.GetAsync<TicketView>($"api/intake/tickets/{consultation.Id}")).FirstContactAnswer);
        await Consistency.CheckAsync(_gateway, consultation.Id);
    }

    [Fact]
    public async Task A_duplicate_is_merged_into_its_primary_ticket()
    {
        var primary = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(title: "小区停水"));
        var duplicate = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(title: "小区停水（重复来电）"));
        await Journeys.StateAsync(_gateway, duplicate.Id, TicketState.Received);
        await Journeys.StateAsync(_gateway, primary.Id, TicketState.Received);

        var merged = await Trigger(duplicate.Id, "Merge", new { reason = "同一事项重复来电", primaryTicketId = primary.Id }, "agent", "agent2");
        Assert.Equal((TicketState.Merged, primary.Id), (merged.State, merged.MergedInto));
        Assert.Contains((await _gateway.GetAsync<InstanceView>($"api/workflow/instances/{primary.Id}")).Timeline, l => l.Kind == "MergedFrom");
        Assert.Equal(TicketState.Merged, (await Consistency.CheckAsync(_gateway, duplicate.Id)).State);
        var late = await _gateway.SendPostAsync($"api/intake/tickets/{duplicate.Id}/accept"); // intake knows it is merged
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task A_returned_ticket_waits_in_the_dispatchers_queue_and_is_dispatched_again_by_hand()
    {
        var (ticket, first) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "DC-DH"));
        var noReason = await _gateway.SendPostAsync($"api/dispatch/assignments/{first.Id}/return",
            new { officeCode = first.OfficeCode, reasonCode = "NotOurJurisdiction", reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        await _gateway.PostAsync<AssignmentView>($"api/dispatch/assignments/{first.Id}/return",
            new { officeCode = first.OfficeCode, reasonCode = "NotOurJurisdiction", reason = "不属于本街道管辖" });

        var returned = await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Returned);
        Assert.Equal(1, returned.Counters.Returns);
        var queued = (await Eventually.Until(() => _gateway.GetAsync<PageOf<DispatchView>>($"api/dispatch/dispatches?status=Queued&ticketId={ticket.Id}"),
            page => page.Total == 1, what: "the dispatchers' queue")).Items.Single();
        Assert.True(queued.ByHand);
        await Consistency.CheckAsync(_gateway, ticket.Id);

        await _gateway.PostAsync<DispatchView>($"api/dispatch/dispatches/{queued.Id}/assign", new { officeCode = "SFS-CG" }, user: "dispatcher1");
        var second = await Journeys.OpenAssignmentAsync(_gateway, ticket.Id);
        Assert.Equal(("SFS-CG", queued.Id), (second.OfficeCode, second.DispatchId));
        var again = await _gateway.SendPostAsync($"api/dispatch/dispatches/{queued.Id}/assign", new { officeCode = "SFS-DC" });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var assigned = await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Assigned);
        Assert.Equal("SFS-CG", assigned.OfficeCode);
        await Consistency.CheckAsync(_gateway, ticket.Id);
    }

    [Fact]
    public async Task After_the_return_limit_only_a_supervisor_decides_and_is_chased_by_escalation_if_not()
    {
        var (ticket, assignment) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "XC"));
        for (var returns = 1; returns <= 3; returns++)
        {
            await _gateway.PostAsync<AssignmentView>($"api/dispatch/assignments/{assignment.Id}/return",
                new { officeCode = assignment.OfficeCode, reasonCode = "NotOurDuty", reason = $"第{returns}次退回" });
            if (returns == 3) break;
            await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Returned);
            var queued = (await Eventually.Until(() => _gateway.GetAsync<PageOf<DispatchView>>($"api/dispatch/dispatches?status=Queued&ticketId={ticket.Id}"),
                page => page.Total == 1)).Items.Single();
            await _gateway.PostAsync<DispatchView>($"api/dispatch/dispatches/{queued.Id}/assign", new { officeCode = "SFS-XC" });
            assignment = await Journeys.OpenAssignmentAsync(_gateway, ticket.Id);
        }

        var deciding = await Journeys.StateAsync(_gateway, ticket.Id, TicketState.AwaitingDecision);
        Assert.Equal(3, deciding.Counters.Returns);
        Assert.Equal(0, (await _gateway.GetAsync<PageOf<DispatchView>>($"api/dispatch/dispatches?status=Queued&ticketId={ticket.Id}")).Total);
        Assert.Single(deciding.Open(WorkItemKind.SupervisorDecision));
        var asAgent = await _gateway.SendPostAsync($"api/workflow/instances/{ticket.Id}/triggers/Reassign", new { reason = "x", officeCode = "SFS-CG" }, "agent1");
        Assert.Equal(HttpStatusCode.Forbidden, asAgent.StatusCode);
        await Consistency.CheckAsync(_gateway, ticket.Id);

        await Trigger(ticket.Id, "Reassign", new { reason = "由城管统一处理", officeCode = "SFS-CG" });
        var directed = await Journeys.OpenAssignmentAsync(_gateway, ticket.Id);
        Assert.Equal("SFS-CG", directed.OfficeCode);
        await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Assigned);
        await Consistency.CheckAsync(_gateway, ticket.Id);
    }

    [Fact]
    public async Task After_the_reopen_limit_a_supervisor_sends_the_ticket_back_to_its_office()
    {
        var (ticket, assignment, task) = await Journeys.ToCallbackAsync(_gateway, Calls.NewTicket(Category.Suggestion, region: "XC", title: "增设公交站"));
        for (var round = 1; round <= 3; round++)
        {
            await _gateway.PostAsync<CallbackTaskView>($"api/callback/tasks/{task.Id}/outcome", new { resolved = false, satisfaction = "Unsatisfied" });
            if (round == 3) break;
            var handling = await Journeys.OpenCaseAsync(_gateway, ticket.Id);
            Assert.Equal(round, handling.Reopens);
            task = await Journeys.CompleteAsync(_gateway, ticket.Id, handling, $"第{round + 1}次答复");
        }
        var deciding = await Journeys.StateAsync(_gateway, ticket.Id, TicketState.AwaitingDecision);
        Assert.Equal(2, deciding.Counters.Reopens);
        await Consistency.CheckAsync(_gateway, ticket.Id);

        await Trigger(ticket.Id, "ReturnToOffice", new { reason = "请原单位再次办理并当面答复" });
        var handlingAgain = await Journeys.OpenCaseAsync(_gateway, ticket.Id);
        Assert.Equal(assignment.OfficeCode, handlingAgain.OfficeCode);
        await Consistency.CheckAsync(_gateway, ticket.Id);
    }

    [Fact]
    public async Task A_customer_unreachable_three_times_closes_the_ticket_as_unreachable()
    {
        var (ticket, _, task) = await Journeys.ToCallbackAsync(_gateway, Calls.NewTicket(Category.HelpRequest, title: "求助：独居老人"));
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var tried = await _gateway.PostAsync<CallbackTaskView>($"api/callback/tasks/{task.Id}/attempts", new { result = "NoAnswer", note = $"第{attempt}次无人接听" });
            Assert.Equal(attempt, tried.Attempts);
            if (attempt < 3)
                await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}"),
                    i => i.Timeline.Count(l => l.Kind == "CustomerUnreachable") == attempt, what: $"attempt {attempt} on the timeline");
        }
        var closed = await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Closed);
        Assert.Equal("CustomerUnreachable", closed.Timeline[^1].Kind);
        await Consistency.CheckAsync(_gateway, ticket.Id); // the task is closed once callback hears of it
        var late = await _gateway.SendPostAsync($"api/callback/tasks/{task.Id}/outcome", new { resolved = true, satisfaction = "Satisfied" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task Only_a_supervisor_closes_a_ticket_early_and_the_office_then_cannot_complete_it()
    {
        var (ticket, assignment, handling) = await Journeys.ToInProgressAsync(_gateway, Calls.NewTicket(Category.Complaint, title: "投诉：话务员"));
        var asAgent = await _gateway.SendPostAsync($"api/workflow/instances/{ticket.Id}/triggers/CloseEarly", new { reason = "撤销" }, "agent1");
        Assert.Equal(HttpStatusCode.Forbidden, asAgent.StatusCode);
        var problem = JsonNode.Parse(await asAgent.Content.ReadAsStringAsync())!;
        Assert.Equal(["Escalate"], problem["permittedTriggers"]!.AsArray().Select(t => (string)t!));

        var closed = await Trigger(ticket.Id, "CloseEarly", new { reason = "市民撤回投诉" });
        Assert.Equal(TicketState.Closed, closed.State);
        var withdrawn = await Eventually.Until(() => _gateway.GetAsync<CaseView>($"api/followup/cases/{handling.Id}"), c => c.Status == "Withdrawn");
        Assert.Contains("CloseEarly by supervisor1", withdrawn.ClosedReason);
        var late = await _gateway.SendPostAsync($"api/followup/cases/{handling.Id}/completion", new { officeCode = assignment.OfficeCode, replyToCustomer = "已处理" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var notPermitted = await _gateway.SendPostAsync($"api/workflow/instances/{ticket.Id}/triggers/CloseEarly", new { reason = "再关一次" }, "supervisor1");
        Assert.Equal(HttpStatusCode.Conflict, notPermitted.StatusCode);
        var body = JsonNode.Parse(await notPermitted.Content.ReadAsStringAsync())!;
        Assert.Equal(("Closed", 0), ((string?)body["state"], body["permittedTriggers"]!.AsArray().Count));
        await Consistency.CheckAsync(_gateway, ticket.Id);
    }

    [Fact]
    public async Task Escalation_raises_urgency_in_any_open_state_without_moving_the_ticket()
    {
        var (ticket, _) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest));
        await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Assigned);
        var escalated = await Trigger(ticket.Id, "Escalate", new { reason = "市民第三次来电" }, "agent", "agent1");
        Assert.Equal((TicketState.Assigned, Urgency.Urgent), (escalated.State, escalated.Urgency));
        await Eventually.Until(() => _gateway.GetAsync<TicketView>($"api/intake/tickets/{ticket.Id}"), t => t.Urgency == Urgency.Urgent,
            what: "intake to show the raised urgency");
        await Consistency.CheckAsync(_gateway, ticket.Id);
    }

    [Fact]
    public async Task A_supervisor_reassigns_a_ticket_in_progress_and_the_first_office_can_no_longer_act_on_it()
    {
        var (ticket, assignment, handling) = await Journeys.ToInProgressAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "DC-DH"));
        await Trigger(ticket.Id, "Reassign", new { reason = "涉及多个街道，改由城管办理", officeCode = "SFS-CG" });
        var directed = await Journeys.OpenAssignmentAsync(_gateway, ticket.Id);
        Assert.Equal("SFS-CG", directed.OfficeCode);
        await Eventually.Until(() => _gateway.GetAsync<CaseView>($"api/followup/cases/{handling.Id}"), c => c.Status == "Withdrawn");
        var late = await _gateway.SendPostAsync($"api/followup/cases/{handling.Id}/completion", new { officeCode = assignment.OfficeCode, replyToCustomer = "已处理" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        await Consistency.CheckAsync(_gateway, ticket.Id);
    }

    [Fact]
    public async Task A_sign_for_racing_an_early_close_ends_consistent_with_the_office_told_its_step_did_not_take_effect()
    {
        for (var round = 0; round < 3; round++)
        {
            var (ticket, assignment) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, title: $"竞争 {round}"));
            await Task.WhenAll(
                _gateway.SendPostAsync($"api/dispatch/assignments/{assignment.Id}/sign", new { officeCode = assignment.OfficeCode }),
                _gateway.SendPostAsync($"api/workflow/instances/{ticket.Id}/triggers/CloseEarly", new { reason = "市民撤回" }, "supervisor1"));

            var settled = await Consistency.CheckAsync(_gateway, ticket.Id);
            if (settled.Timeline.Any(l => l.Kind == "StepSuperseded"))
            {
                // The office signed, but the close came first: it sees on its assignment that its step did not take effect, and why.
                var seenByOffice = await Eventually.Until(() => _gateway.GetAsync<AssignmentView>($"api/dispatch/assignments/{assignment.Id}"),
                    a => a.Status == "Superseded", what: "the office to see its sign-for superseded");
                Assert.Contains("did not take effect", seenByOffice.ClosedReason);
            }
            Assert.Equal(TicketState.Closed, settled.State);
        }
    }

    [Fact]
    public async Task A_missed_deadline_is_a_breach_on_the_timeline_without_changing_the_state()
    {
        var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(Category.HelpRequest, urgency: Urgency.Critical, region: "BH"));
        await _gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/accept");

        var clock = await Eventually.Until(() => _gateway.GetAsync<PageOf<ClockView>>($"api/supervision/clocks?ticketId={ticket.Id}"),
            page => page.Items.Any(c => c.Status == "Breached"), what: "the breach");
        // ticket.assigned and sla.breached are separate topics: the breach may reach the workflow before the assignment does.
        var instance = await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}"),
            i => i.Timeline.Any(line => line.Kind == "SlaBreached") && i.State != TicketState.Accepted, what: "the breach on the timeline");
        Assert.Equal(TicketState.Assigned, instance.State);
        Assert.Equal((instance.OfficeCode, "sign-for"), (clock.Items.Single().OfficeCode, clock.Items.Single().Kind));
        await Consistency.CheckAsync(_gateway, ticket.Id);
    }
}

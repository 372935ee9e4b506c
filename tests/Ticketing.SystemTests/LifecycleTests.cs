using Ticketing.Contracts;

namespace Ticketing.SystemTests;

/// <summary>A ticket travels the whole lifecycle through the gateway, each service's own view checked on the way.</summary>
[Collection(SystemCollection.Name)]
public sealed class LifecycleTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    [Fact]
    public async Task A_ticket_travels_from_registration_to_closed()
    {
        var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(region: "DC-DH"), user: "agent-7");
        Assert.Matches(@"^GD\d{8}-\d{6}$", ticket.Number);
        Assert.Equal(TicketState.Received, ticket.Status);
        Assert.Equal("路灯不亮", ticket.Title);

        await Eventually.Until(() => _gateway.GetAsync<PageOf<InstanceView>>($"api/workflow/instances?state=Received"),
            page => page.Items.Any(i => i.TicketId == ticket.Id), what: "the lifecycle instance");

        // How fast this happens is measured by bench/Ticketing.Bench, not asserted here.
        await _gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/accept", user: "agent-7");
        var assignment = (await Eventually.Until(
            () => _gateway.GetAsync<PageOf<AssignmentView>>($"api/dispatch/assignments?ticketId={ticket.Id}"),
            page => page.Total == 1, what: "the assignment")).Items.Single();
        Assert.Equal("SFS-DC-DH", assignment.OfficeCode); // routed by region: the Donghua subdistrict office
        Assert.Equal("东城区东华街道办事处", assignment.OfficeName);

        var clock = (await Eventually.Until(() => _gateway.GetAsync<PageOf<ClockView>>($"api/supervision/clocks?ticketId={ticket.Id}"),
            page => page.Total == 1, what: "the handling clock")).Items.Single();
        Assert.Equal("Running", clock.Status);
        Assert.True(clock.Deadline > DateTimeOffset.UtcNow.AddHours(71), "a normal ticket gets 72 hours");
        await Eventually.Until(() => _gateway.GetAsync<TicketView>($"api/intake/tickets/{ticket.Id}"),
            t => t.Status == TicketState.Assigned, what: "intake to show Assigned");

        await _gateway.PostAsync<AssignmentView>($"api/dispatch/assignments/{assignment.Id}/sign", new { officeCode = "SFS-DC-DH" }, user: "clerk-1");
        await Eventually.Until(() => _gateway.GetAsync<CaseView>($"api/followup/cases/{ticket.Id}"),
            c => c.Status == "InProgress", what: "the case to be in progress");

        await _gateway.PostAsync<CaseView>($"api/followup/cases/{ticket.Id}/completion",
            new { officeCode = "SFS-DC-DH", replyToCustomer = "已更换路灯灯泡，恢复照明。" }, user: "clerk-1");
        await Eventually.Until(() => _gateway.GetAsync<PageOf<ClockView>>($"api/supervision/clocks?ticketId={ticket.Id}"),
            page => page.Items.Single().Status == "Stopped", what: "the clock to stop");

        var task = (await Eventually.Until(() => _gateway.GetAsync<PageOf<CallbackTaskView>>($"api/callback/tasks?ticketId={ticket.Id}"),
            page => page.Total == 1, what: "the callback task")).Items.Single();
        var detail = await _gateway.GetAsync<CallbackTaskDetailView>($"api/callback/tasks/{task.Id}");
        Assert.Equal("已更换路灯灯泡，恢复照明。", detail.Task.ReplyToCustomer);
        Assert.Equal("13800138000", detail.Ticket?.CallerPhone); // read from intake through the Refit client

        await _gateway.PostAsync<CallbackTaskView>($"api/callback/tasks/{task.Id}/outcome",
            new { resolved = true, satisfaction = "Satisfied", comment = "处理很及时" }, user: "agent-7");

        var closed = await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}"),
            i => i.State == TicketState.Closed, what: "the ticket to close");
        Assert.Equal(
            ["Received", "Accept", "Assign", "SignFor", "Complete", "ConfirmSatisfied"],
            closed.Timeline.Select(line => line.Kind));
        Assert.Equal("agent-7", closed.Timeline[1].Actor);
        Assert.Equal("clerk-1", closed.Timeline[3].Actor);

        var responses = await _gateway.GetAsync<PageOf<SurveyResponseView>>($"api/survey/responses?ticketId={ticket.Id}");
        Assert.Equal(Satisfaction.Satisfied, Assert.Single(responses.Items).Satisfaction);
        await Eventually.Until(() => _gateway.GetAsync<TicketView>($"api/intake/tickets/{ticket.Id}"),
            t => t.Status == TicketState.Closed, what: "intake to show Closed");
    }

    [Fact]
    public async Task An_unsatisfied_customer_reopens_the_ticket_at_the_same_office()
    {
        var (ticket, assignment, task) = await Journeys.ToCallbackAsync(_gateway, Calls.NewTicket(Category.Report, region: "XC", title: "井盖缺失"), "已安排补装");
        Assert.Equal("SFS-CG", assignment.OfficeCode); // reports go to urban management citywide
        await _gateway.PostAsync<CallbackTaskView>($"api/callback/tasks/{task.Id}/outcome",
            new { resolved = false, satisfaction = "Unsatisfied", comment = "还没有补上" });

        var reopened = await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}"),
            i => i.ReopenCount == 1, what: "the reopen");
        Assert.Equal(TicketState.InProgress, reopened.State);
        Assert.Equal("SFS-CG", reopened.OfficeCode);
        var handling = await Eventually.Until(() => _gateway.GetAsync<CaseView>($"api/followup/cases/{ticket.Id}"),
            c => c.ReopenCount == 1, what: "the case to reopen");
        Assert.Equal("InProgress", handling.Status);
        var clocks = await Eventually.Until(() => _gateway.GetAsync<PageOf<ClockView>>($"api/supervision/clocks?ticketId={ticket.Id}"),
            page => page.Total == 2, what: "a fresh clock");
        Assert.Contains(clocks.Items, c => c.Status == "Running");

        // The office can complete it again, and the customer is called again.
        await _gateway.PostAsync<CaseView>($"api/followup/cases/{ticket.Id}/completion", new { officeCode = "SFS-CG", replyToCustomer = "已补装井盖" });
        await Eventually.Until(() => _gateway.GetAsync<PageOf<CallbackTaskView>>($"api/callback/tasks?ticketId={ticket.Id}&status=Open"),
            page => page.Total == 1, what: "a second callback task");
    }

    [Fact]
    public async Task A_rejected_ticket_is_closed_with_its_reason_on_the_timeline()
    {
        var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(Category.Consultation, title: "询问外地社保"));
        await _gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/reject", new { reason = "不属于本市受理范围" }, user: "agent-9");

        var rejected = await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}"),
            i => i.State == TicketState.Rejected);
        var line = rejected.Timeline.Last();
        Assert.Equal(("Reject", "agent-9", "不属于本市受理范围"), (line.Kind, line.Actor, line.Note));
        var assignments = await _gateway.GetAsync<PageOf<AssignmentView>>($"api/dispatch/assignments?ticketId={ticket.Id}");
        Assert.Equal(0, assignments.Total);
    }

    [Fact]
    public async Task A_missed_deadline_is_a_breach_on_the_timeline_without_changing_the_state()
    {
        var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(urgency: Urgency.Critical, region: "BH"));
        await _gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/accept");

        var clock = await Eventually.Until(() => _gateway.GetAsync<PageOf<ClockView>>($"api/supervision/clocks?ticketId={ticket.Id}"),
            page => page.Items.Any(c => c.Status == "Breached"), what: "the breach");
        Assert.Equal("SFS-BH", clock.Items.Single().OfficeCode);
        var instance = await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}"),
            i => i.Timeline.Any(line => line.Kind == "SlaBreached"), what: "the breach on the timeline");
        Assert.Equal(TicketState.Assigned, instance.State);
    }
}

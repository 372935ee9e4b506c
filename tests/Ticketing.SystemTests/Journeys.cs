using Ticketing.Contracts;

namespace Ticketing.SystemTests;

/// <summary>Common stretches of the lifecycle, driven through the gateway as the users would.</summary>
public static class Journeys
{
    /// <summary>Registers and accepts a ticket; returns it with the assignment dispatch routed it to.</summary>
    public static async Task<(TicketView Ticket, AssignmentView Assignment)> ToAssignedAsync(HttpClient gateway, object call)
    {
        var ticket = await gateway.PostAsync<TicketView>("api/intake/tickets", call);
        await gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/accept");
        return (ticket, await OpenAssignmentAsync(gateway, ticket.Id));
    }

    /// <summary>Registers, accepts and signs for a ticket; returns it with its assignment and the office's open case.</summary>
    public static async Task<(TicketView Ticket, AssignmentView Assignment, CaseView Case)> ToInProgressAsync(HttpClient gateway, object call)
    {
        var (ticket, assignment) = await ToAssignedAsync(gateway, call);
        await gateway.PostAsync<AssignmentView>($"api/dispatch/assignments/{assignment.Id}/sign", new { officeCode = assignment.OfficeCode });
        return (ticket, assignment, await OpenCaseAsync(gateway, ticket.Id));
    }

    /// <summary>Registers, accepts, signs for and completes a ticket (approving the reply where it is reviewed); returns it with its callback task.</summary>
    public static async Task<(TicketView Ticket, AssignmentView Assignment, CallbackTaskView Task)> ToCallbackAsync(
        HttpClient gateway, object call, string reply = "已处理")
    {
        var (ticket, assignment, handling) = await ToInProgressAsync(gateway, call);
        return (ticket, assignment, await CompleteAsync(gateway, ticket.Id, handling, reply));
    }

    /// <summary>The office reports its result; a reviewed ticket's reply is approved; returns the callback task that opens.</summary>
    public static async Task<CallbackTaskView> CompleteAsync(HttpClient gateway, Guid ticketId, CaseView handling, string reply = "已处理")
    {
        await gateway.PostAsync<CaseView>($"api/followup/cases/{handling.Id}/completion", new { officeCode = handling.OfficeCode, replyToCustomer = reply });
        var instance = await Eventually.Until(() => gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticketId}"),
            i => i.State is TicketState.UnderReview or TicketState.AwaitingCallback, what: "the completion to be applied");
        if (instance.State == TicketState.UnderReview)
            await gateway.PostAsync<InstanceView>($"api/workflow/instances/{ticketId}/triggers/ApproveReply", new { }, "specialist1");
        return await OpenCallbackTaskAsync(gateway, ticketId);
    }

    public static async Task<AssignmentView> OpenAssignmentAsync(HttpClient gateway, Guid ticketId) =>
        (await Eventually.Until(() => gateway.GetAsync<PageOf<AssignmentView>>($"api/dispatch/assignments?ticketId={ticketId}&status=Assigned"),
            page => page.Total == 1, what: "the open assignment")).Items.Single();

    public static async Task<CaseView> OpenCaseAsync(HttpClient gateway, Guid ticketId) =>
        (await Eventually.Until(() => gateway.GetAsync<PageOf<CaseView>>($"api/followup/cases?ticketId={ticketId}&status=InProgress"),
            page => page.Total == 1, what: "the open case")).Items.Single();

    public static async Task<CallbackTaskView> OpenCallbackTaskAsync(HttpClient gateway, Guid ticketId) =>
        (await Eventually.Until(() => gateway.GetAsync<PageOf<CallbackTaskView>>($"api/callback/tasks?ticketId={ticketId}&status=Open"),
            page => page.Total == 1, what: "the open callback task")).Items.Single();

    public static Task<InstanceView> StateAsync(HttpClient gateway, Guid ticketId, TicketState state) =>
        Eventually.Until(() => gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticketId}"), i => i.State == state,
            what: $"the ticket to be {state}");
}

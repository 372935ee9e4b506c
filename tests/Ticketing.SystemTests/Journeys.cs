using Ticketing.Contracts;

namespace Ticketing.SystemTests;

/// <summary>Common stretches of the lifecycle, driven through the gateway as the users would.</summary>
public static class Journeys
{
    /// <summary>Registers, accepts, signs for and completes a ticket; returns it with its callback task.</summary>
    public static async Task<(TicketView Ticket, AssignmentView Assignment, CallbackTaskView Task)> ToCallbackAsync(
        HttpClient gateway, object call, string reply = "已处理")
    {
        var ticket = await gateway.PostAsync<TicketView>("api/intake/tickets", call);
        await gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/accept");
        var assignment = (await Eventually.Until(
            () => gateway.GetAsync<PageOf<AssignmentView>>($"api/dispatch/assignments?ticketId={ticket.Id}"),
            page => page.Total == 1, what: "the assignment")).Items.Single();
        await gateway.PostAsync<AssignmentView>($"api/dispatch/assignments/{assignment.Id}/sign", new { officeCode = assignment.OfficeCode });
        await Eventually.Until(() => gateway.GetAsync<CaseView>($"api/followup/cases/{ticket.Id}"), c => c.Status == "InProgress",
            what: "the case to be in progress");
        await gateway.PostAsync<CaseView>($"api/followup/cases/{ticket.Id}/completion",
            new { officeCode = assignment.OfficeCode, replyToCustomer = reply });
        var task = (await Eventually.Until(() => gateway.GetAsync<PageOf<CallbackTaskView>>($"api/callback/tasks?ticketId={ticket.Id}&status=Open"),
            page => page.Total == 1, what: "the callback task")).Items.Single();
        return (ticket, assignment, task);
    }
}

using System.Net;
using System.Net.Http.Json;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;

namespace Ticketing.SystemTests;

/// <summary>
/// Search by the office a ticket is assigned to (with its sub-offices), by whether it is overdue now, and by two
/// characters of text: intake keeps the office and the overdue flag from dispatch's, supervision's and the workflow's events.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class IntakeSearchTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    private sealed record Found(Guid Id, string Number, string Title, TicketState Status, string? OfficeCode, bool Overdue);

    private static string Marker() => "检索" + Guid.NewGuid().ToString("N")[..6];

    private Task<PageOf<Found>> SearchAsync(string query) => _gateway.GetAsync<PageOf<Found>>($"api/intake/tickets?{query}&pageSize=100");

    private static string Text(string text) => "text=" + Uri.EscapeDataString(text);

    [Fact]
    public async Task An_office_finds_the_tickets_assigned_to_it_and_its_sub_offices_and_a_returned_one_has_no_office_until_reassigned()
    {
        var marker = Marker();
        var (atSubOffice, assignment) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "DC-DH", title: $"路灯不亮 {marker}"));
        var (atDistrict, _) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "DC", title: $"路灯不亮 {marker}"));
        var (elsewhere, _) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "XC", title: $"路灯不亮 {marker}"));
        Assert.Equal("SFS-DC-DH", assignment.OfficeCode);

        var district = await Eventually.Until(() => SearchAsync($"office=SFS-DC&{Text(marker)}"), page => page.Total == 2,
            what: "intake to hear of both assignments under SFS-DC");
        Assert.Equal([atDistrict.Id, atSubOffice.Id], district.Items.Select(t => t.Id)); // newest first
        Assert.Equal(["SFS-DC", "SFS-DC-DH"], district.Items.Select(t => t.OfficeCode));
        Assert.Equal([atSubOffice.Id], (await SearchAsync($"office=sfs-dc-dh&{Text(marker)}")).Items.Select(t => t.Id));
        Assert.Equal([elsewhere.Id],
            (await Eventually.Until(() => SearchAsync($"office=SFS-XC&{Text(marker)}"), page => page.Total == 1)).Items.Select(t => t.Id));

        await _gateway.PostAsync<object>($"api/dispatch/assignments/{assignment.Id}/return",
            new { officeCode = assignment.OfficeCode, reasonCode = "NotOurJurisdiction", reason = "不属于本街道" });
        var returned = await Eventually.Until(() => _gateway.GetAsync<Found>($"api/intake/tickets/{atSubOffice.Id}"), t => t.OfficeCode is null,
            what: "the return to take the office off the ticket");
        Assert.False(returned.Overdue);
        Assert.Equal([atDistrict.Id], (await SearchAsync($"office=SFS-DC&{Text(marker)}")).Items.Select(t => t.Id));

        var refused = await _gateway.GetAsync("api/intake/tickets?office=SFS%20DC");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("office", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_breached_deadline_makes_the_ticket_overdue_until_the_work_ends_while_supervision_keeps_the_breach()
    {
        var marker = Marker();
        var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets",
            Calls.NewTicket(Category.HelpRequest, urgency: Urgency.Critical, region: "NS", title: $"紧急求助 {marker}"));
        await _gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/accept");

        // The critical sign-for clock runs out in about two seconds (SystemFixture) and nobody signs.
        // sla.breached and ticket.assigned are different topics: intake may learn of the breach before the office.
        var overdue = await Eventually.Until(() => SearchAsync($"overdue=true&{Text(marker)}"),
            page => page.Total == 1 && page.Items.Single().OfficeCode is not null, TimeSpan.FromSeconds(30), "the breach to make the ticket overdue");
        Assert.Equal((ticket.Id, "SFS-NS", true), (overdue.Items.Single().Id, overdue.Items.Single().OfficeCode, overdue.Items.Single().Overdue));
        Assert.Equal(1, (await SearchAsync($"office=SFS-NS&overdue=true&{Text(marker)}")).Total);
        Assert.Equal(0, (await SearchAsync($"overdue=false&{Text(marker)}")).Total);

        await _gateway.PostAsync<InstanceView>($"api/workflow/instances/{ticket.Id}/triggers/CloseEarly", new { reason = "市民撤回诉求" }, "supervisor1");
        var closed = await Eventually.Until(() => _gateway.GetAsync<Found>($"api/intake/tickets/{ticket.Id}"),
            t => t is { Status: TicketState.Closed, Overdue: false }, what: "the closed ticket to be overdue no more");
        Assert.Equal("SFS-NS", closed.OfficeCode); // the office that had it stays on it
        Assert.Equal(0, (await SearchAsync($"overdue=true&{Text(marker)}")).Total);
        var clocks = await _gateway.GetAsync<PageOf<ClockView>>($"api/supervision/clocks?ticketId={ticket.Id}");
        Assert.Contains(clocks.Items, c => c.Status == "Breached"); // the breach itself is history, kept where supervision keeps it
    }

    [Fact]
    public async Task Late_repeated_and_out_of_order_events_leave_the_office_and_the_overdue_flag_as_the_newest_say()
    {
        var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(Category.HelpRequest, title: $"乱序事件 {Marker()}"));
        using var intake = system.PeerClientFor("intake");
        var at = DateTimeOffset.UtcNow;
        Guid first = Guid.NewGuid(), second = Guid.NewGuid(), third = Guid.NewGuid();
        TicketAssigned Assigned(Guid assignment, string office, DateTimeOffset when) =>
            new(ticket.Id, ticket.Number, Guid.NewGuid(), assignment, office, office, Category.HelpRequest, Urgency.Normal, "dispatch") { OccurredAt = when };

        // Dispatch assigned to SFS-DC, then SFS-XC, which returned it; intake hears it backwards.
        await DeliverAsync(intake, "assignment.returned", new AssignmentReturned(ticket.Id, second, "SFS-XC", "不属于本区", "clerk-xc") { OccurredAt = at.AddSeconds(20) });
        await DeliverAsync(intake, "ticket.assigned", Assigned(second, "SFS-XC", at.AddSeconds(10)));
        await DeliverAsync(intake, "ticket.assigned", Assigned(first, "SFS-DC", at));
        Assert.Null((await TicketAsync(ticket.Id)).OfficeCode);
        var reassigned = Assigned(third, "SFS-NS", at.AddSeconds(30));
        await DeliverAsync(intake, "ticket.assigned", reassigned);
        await DeliverAsync(intake, "ticket.assigned", reassigned); // redelivered
        Assert.Equal("SFS-NS", (await TicketAsync(ticket.Id)).OfficeCode);

        // A handling case closed in time, its breach arriving after the close; then another case breached, twice, then closed.
        Guid inTime = Guid.NewGuid(), late = Guid.NewGuid();
        await DeliverAsync(intake, "work-item.closed", Closed(ticket.Id, inTime));
        await DeliverAsync(intake, "sla.breached", Breached(ticket.Id, inTime));
        Assert.False((await TicketAsync(ticket.Id)).Overdue);
        var breach = Breached(ticket.Id, late);
        await DeliverAsync(intake, "sla.breached", breach);
        await DeliverAsync(intake, "sla.breached", breach);
        Assert.True((await TicketAsync(ticket.Id)).Overdue);
        await DeliverAsync(intake, "work-item.closed", Closed(ticket.Id, late));
        Assert.False((await TicketAsync(ticket.Id)).Overdue);
    }

    [Fact]
    public async Task Two_characters_find_tickets_through_the_bigram_index_and_one_is_refused()
    {
        var phone = "137" + Random.Shared.Next(10_000_000, 99_999_999);
        var streetLight = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(Category.HelpRequest, title: "小区门口路灯不亮", phone: phone));
        var pair = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(Category.Suggestion, title: "鼋鼍湖边增设护栏"));
        await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(Category.Suggestion, title: "鼋 鼍 鼍鼋"));

        Assert.Equal([streetLight.Id], (await SearchAsync($"{Text("路灯")}&phone={phone}")).Items.Select(t => t.Id));
        Assert.Equal([pair.Id], (await SearchAsync(Text("鼋鼍"))).Items.Select(t => t.Id)); // those two characters, in that order

        var refused = await _gateway.GetAsync($"api/intake/tickets?{Text("灯")}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("two characters", await refused.Content.ReadAsStringAsync());
    }

    private static SlaBreached Breached(Guid ticketId, Guid workItem) =>
        new(ticketId, workItem, "SFS-NS", "handling", DateTimeOffset.UtcNow) { OccurredAt = DateTimeOffset.UtcNow };

    private static WorkItemClosed Closed(Guid ticketId, Guid workItem) =>
        new(ticketId, workItem, WorkItemKind.HandlingCase, WorkItemOutcome.Done, "") { OccurredAt = DateTimeOffset.UtcNow };

    private Task<Found> TicketAsync(Guid id) => _gateway.GetAsync<Found>($"api/intake/tickets/{id}");

    /// <summary>Posts the event to intake's subscription endpoint as daprd or a publisher's relay would; it must be taken.</summary>
    private static async Task DeliverAsync(HttpClient intake, string topic, IntegrationEvent data)
    {
        var content = JsonContent.Create(new Dictionary<string, object>
        {
            ["specversion"] = "1.0", ["id"] = data.Id.ToString(), ["source"] = "tests", ["type"] = Topic.CloudEventType(data.GetType()),
            ["datacontenttype"] = "application/json", ["topic"] = topic, ["pubsubname"] = Topic.PubSubName, ["data"] = data,
        }, options: EventJson.Options);
        content.Headers.ContentType = new("application/cloudevents+json");
        var answer = await (await intake.PostAsync($"events/{topic}", content)).ReadAsync<Dictionary<string, string>>();
        Assert.Equal("SUCCESS", answer["status"]);
    }
}

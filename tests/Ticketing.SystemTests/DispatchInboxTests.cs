using System.Net;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;

using static Ticketing.SystemTests.Problems;

namespace Ticketing.SystemTests;

/// <summary>
/// Dispatch's read-only helpers for the desks: where a described ticket would be routed (POST /routing/preview),
/// and an office's inbox with its sub-offices' work (GET /offices/{code}/inbox), within each caller's reach.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class DispatchInboxTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    private sealed record RoutingPreviewView(string? OfficeCode, string? OfficeName, string Reason, bool ManualQueue);

    private Task<HttpResponseMessage> PreviewAsync(object body, string? user = null) =>
        _gateway.SendPostAsync("api/dispatch/routing/preview", body, user);

    private async Task<HttpResponseMessage> GetAsync(string path, string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path).SignedInAs(user);
        return await _gateway.SendAsync(request);
    }

    private async Task<PageOf<AssignmentView>> InboxAsync(string office, string query = "", string user = "supervisor1") =>
        await (await GetAsync($"api/dispatch/offices/{office}/inbox?pageSize=200&{query}", user)).ReadAsync<PageOf<AssignmentView>>();

    /// <summary>An inbox item with the deadline supervision announced.</summary>
    private sealed record DueItem(Guid Id, Guid TicketId, string Status, DateTimeOffset AssignedAt, DateTimeOffset? DueAt, string? DueKind, bool DuePaused);

    private async Task<PageOf<DueItem>> DueInboxAsync(string office, string query = "", string user = "supervisor1") =>
        await (await GetAsync($"api/dispatch/offices/{office}/inbox?pageSize=200&{query}", user)).ReadAsync<PageOf<DueItem>>();

    /// <summary>The item of <paramref name="assignmentId"/> once it shows what <paramref name="shows"/> wants (it comes by events).</summary>
    private async Task<DueItem> DueItemAsync(Guid assignmentId, Func<DueItem, bool> shows, string what) =>
        (await Eventually.Until(() => DueInboxAsync("SFS-DC-DH", "sort=-assignedAt"), page => page.Items.Any(a => a.Id == assignmentId && shows(a)),
            what: what)).Items.Single(a => a.Id == assignmentId);

    private async Task<ClockView> ClockAsync(Guid workItemId) =>
        (await Eventually.Until(() => _gateway.GetAsync<PageOf<ClockView>>($"api/supervision/clocks?workItemId={workItemId}"), page => page.Total == 1,
            what: $"the clock of {workItemId}")).Items.Single();

    private sealed record ExtensionView(Guid Id, string Status);

    private static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O"));

    [Fact]
    public async Task The_routing_preview_names_the_office_a_described_ticket_would_go_to_and_why()
    {
        // A region with its own office: that office's jurisdiction.
        var direct = await (await PreviewAsync(new { category = "Complaint", regionCode = "XC" })).ReadAsync<RoutingPreviewView>();
        Assert.Equal(("SFS-XC", "西城区人民政府"), (direct.OfficeCode, direct.OfficeName));
        Assert.Contains("jurisdiction: region XC", direct.Reason);

        // A sub-region with its own office, and one without, which goes up to its district.
        var subdistrict = await (await PreviewAsync(new { category = "Complaint", regionCode = "DC-DH" })).ReadAsync<RoutingPreviewView>();
        Assert.Equal(("SFS-DC-DH", "东城区东华街道办事处"), (subdistrict.OfficeCode, subdistrict.OfficeName));
        var upToDistrict = await (await PreviewAsync(new { category = "Complaint", regionCode = "DC-XX" })).ReadAsync<RoutingPreviewView>();
        Assert.Equal("SFS-DC", upToDistrict.OfficeCode);
        Assert.Contains("jurisdiction: region DC", upToDistrict.Reason);

        // A category rule comes before jurisdiction, and says why.
        var ruled = await (await PreviewAsync(new { category = "Complaint", regionCode = "NS" })).ReadAsync<RoutingPreviewView>();
        Assert.Equal("SFS-SCJG", ruled.OfficeCode);
        Assert.Contains("market regulation", ruled.Reason);

        // A region no rule covers is not refused: the ticket would wait for a dispatcher, and the reason says so.
        var unknown = await (await PreviewAsync(new { category = "Complaint", regionCode = "ZZ" })).ReadAsync<RoutingPreviewView>();
        Assert.True(unknown.ManualQueue);
        Assert.Null(unknown.OfficeCode);
        Assert.Contains("region ZZ", unknown.Reason);
        Assert.Contains("a dispatcher chooses", unknown.Reason);

        // Every signed-in role may ask, office staff too.
        Assert.Equal("SFS-DC-DH", (await (await PreviewAsync(new { category = "HelpRequest", regionCode = "DC-DH" }, "clerk-xc"))
            .ReadAsync<RoutingPreviewView>()).OfficeCode);
    }

    [Fact]
    public async Task A_routing_preview_of_a_category_or_region_that_is_not_one_is_a_400_problem()
    {
        var category = await ProblemAsync(await PreviewAsync(new { category = "Gripe", regionCode = "DC" }), HttpStatusCode.BadRequest);
        Assert.Contains("category", category.Errors!.Keys);
        Assert.Contains("Complaint", category.Errors["category"].Single()); // names the categories there are

        var region = await ProblemAsync(await PreviewAsync(new { category = "Complaint", regionCode = "DC DH" }), HttpStatusCode.BadRequest);
        Assert.Contains("regionCode", region.Errors!.Keys);
        await ProblemAsync(await PreviewAsync(new { category = "Complaint" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_offices_inbox_holds_its_own_and_its_sub_offices_work_within_the_callers_reach()
    {
        var (_, first) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "DC-DH", title: "收件箱 一"));
        var (_, second) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "DC-DH", title: "收件箱 二"));
        Assert.Equal(("SFS-DC-DH", "SFS-DC-DH"), (first.OfficeCode, second.OfficeCode));

        // The sub-district's inbox holds only its own work; the district's holds it too, as the district's clerk and a supervisor read it.
        var own = await InboxAsync("SFS-DC-DH", user: "clerk-dcdh");
        Assert.Contains(own.Items, a => a.Id == first.Id);
        Assert.All(own.Items, a => Assert.Equal("SFS-DC-DH", a.OfficeCode));
        var parent = await InboxAsync("SFS-DC", user: "clerk-dc");
        Assert.Contains(parent.Items, a => a.Id == first.Id);
        Assert.Contains(parent.Items, a => a.Id == second.Id);
        Assert.All(parent.Items, a => Assert.Contains(a.OfficeCode, new[] { "SFS-DC", "SFS-DC-DH" }));
        Assert.Contains((await InboxAsync("SFS-DC", user: "supervisor1")).Items, a => a.Id == first.Id);
        Assert.Contains((await InboxAsync("SFS-DC", user: "dispatcher1")).Items, a => a.Id == first.Id);

        // Another office's inbox, or the parent's for a sub-office's clerk: as if it did not exist.
        await ProblemAsync(await GetAsync("api/dispatch/offices/SFS-DC/inbox", "clerk-xc"), HttpStatusCode.NotFound);
        await ProblemAsync(await GetAsync("api/dispatch/offices/SFS-DC/inbox", "clerk-dcdh"), HttpStatusCode.NotFound);

        // The same view the assignments list returns.
        var listed = (await _gateway.GetAsync<PageOf<AssignmentView>>($"api/dispatch/assignments?ticketId={first.TicketId}")).Items.Single();
        Assert.Equal(listed, parent.Items.Single(a => a.Id == first.Id));
    }

    [Fact]
    public async Task An_offices_inbox_filters_by_status_sorts_by_assignment_time_and_pages()
    {
        var (_, signed) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "DC-DH", title: "收件箱 已签收"));
        var (_, waiting) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "DC-DH", title: "收件箱 待签收"));
        await _gateway.PostAsync<AssignmentView>($"api/dispatch/assignments/{signed.Id}/sign", new { officeCode = "SFS-DC-DH" }, user: "clerk-dcdh");
        await system.SettledAsync(); // nothing earlier tests set going lands in the inbox between the reads below

        var signedOnly = await InboxAsync("SFS-DC", "status=Signed");
        Assert.Contains(signedOnly.Items, a => a.Id == signed.Id);
        Assert.DoesNotContain(signedOnly.Items, a => a.Id == waiting.Id);
        Assert.All(signedOnly.Items, a => Assert.Equal("Signed", a.Status));
        var open = await InboxAsync("SFS-DC", "status=Assigned");
        Assert.Contains(open.Items, a => a.Id == waiting.Id);
        Assert.DoesNotContain(open.Items, a => a.Id == signed.Id);

        // Newest first unless asked otherwise; sort=assignedAt is oldest first, sort=-assignedAt newest first.
        var byDefault = await InboxAsync("SFS-DC");
        var newest = await InboxAsync("SFS-DC", "sort=-assignedAt");
        var oldest = await InboxAsync("SFS-DC", "sort=assignedAt");
        Assert.True(byDefault.Total >= 2);
        Assert.Equal(byDefault.Items.Select(a => a.Id), newest.Items.Select(a => a.Id));
        if (newest.Total <= 200) Assert.Equal(newest.Items.Select(a => a.Id).Reverse(), oldest.Items.Select(a => a.Id)); // one page holds all
        Assert.Equal(oldest.Items.Select(a => a.AssignedAt).Order(), oldest.Items.Select(a => a.AssignedAt));
        Assert.Equal(newest.Items.Select(a => a.AssignedAt).OrderDescending(), newest.Items.Select(a => a.AssignedAt));
        Assert.True(newest.Items.FindIndex(a => a.Id == waiting.Id) < newest.Items.FindIndex(a => a.Id == signed.Id));

        // Pages of one walk the same order.
        for (var page = 1; page <= 2; page++)
        {
            var one = await (await GetAsync($"api/dispatch/offices/SFS-DC/inbox?sort=assignedAt&page={page}&pageSize=1", "clerk-dc"))
                .ReadAsync<PageOf<AssignmentView>>();
            Assert.Equal((page, 1, oldest.Total), (one.PageNumber, one.PageSize, one.Total));
            Assert.Equal(oldest.Items[page - 1].Id, Assert.Single(one.Items).Id);
        }
        Assert.Empty((await InboxAsync("SFS-DC", $"page={oldest.Total + 1}")).Items);

        var sort = await ProblemAsync(await GetAsync("api/dispatch/offices/SFS-DC/inbox?sort=number", "supervisor1"), HttpStatusCode.BadRequest);
        Assert.Contains("assignedAt", sort.Detail);
        Assert.Contains("-assignedAt", sort.Detail);
        await ProblemAsync(await GetAsync("api/dispatch/offices/SFS-DC/inbox?page=0", "supervisor1"), HttpStatusCode.BadRequest);
        await ProblemAsync(await GetAsync("api/dispatch/offices/SFS-DC/inbox?status=Lost", "supervisor1"), HttpStatusCode.BadRequest);

        var unknown = await ProblemAsync(await GetAsync("api/dispatch/offices/SFS-NOWHERE/inbox", "supervisor1"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("SFS-DC-DH", unknown.Detail); // names the offices there are
    }

    [Fact]
    public async Task Inbox_items_show_the_deadline_supervision_announced_and_filter_and_sort_by_it()
    {
        var (_, normal) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, Urgency.Normal, "DC-DH", "收件箱 时限 一般"));
        var (_, critical) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, Urgency.Critical, "DC-DH", "收件箱 时限 特急"));

        // The sign-for clocks' deadlines, as supervision counts them: the critical one's (seconds in this suite) comes first.
        var normalDue = (await ClockAsync(normal.Id)).Deadline;
        var criticalDue = (await ClockAsync(critical.Id)).Deadline;
        Assert.True(criticalDue < normalDue, $"{criticalDue} < {normalDue}");
        var normalItem = await DueItemAsync(normal.Id, a => a.DueAt is not null, "the normal ticket's deadline in the inbox");
        var criticalItem = await DueItemAsync(critical.Id, a => a.DueAt is not null, "the critical ticket's deadline in the inbox");
        Assert.Equal((normalDue, "sign-for", false), (normalItem.DueAt!.Value, normalItem.DueKind, normalItem.DuePaused));
        Assert.Equal((criticalDue, "sign-for"), (criticalItem.DueAt!.Value, criticalItem.DueKind));

        // Soonest due first, work with no deadline running last; pages walk the same order.
        await system.SettledAsync(); // no deadline of earlier tests' work lands between the reads below
        // The suite's other work shares the office and may fill more than one page: read them all.
        var byDue = await DueInboxAsync("SFS-DC", "status=Assigned&sort=dueAt");
        var all = new List<DueItem>(byDue.Items);
        for (var page = 2; all.Count < byDue.Total && page <= 20; page++)
            all.AddRange((await DueInboxAsync("SFS-DC", $"status=Assigned&sort=dueAt&page={page}")).Items);
        var dues = all.Select(a => a.DueAt).ToList();
        Assert.Equal(dues.Where(d => d is not null).Order(), dues.TakeWhile(d => d is not null));
        Assert.All(dues.SkipWhile(d => d is not null), d => Assert.Null(d));
        Assert.Contains(all, a => a.Id == critical.Id);
        Assert.Contains(all, a => a.Id == normal.Id);
        Assert.True(all.FindIndex(a => a.Id == critical.Id) < all.FindIndex(a => a.Id == normal.Id));
        for (var page = 1; page <= 2 && page <= byDue.Total; page++)
        {
            var one = await (await GetAsync($"api/dispatch/offices/SFS-DC/inbox?status=Assigned&sort=dueAt&page={page}&pageSize=1", "clerk-dc"))
                .ReadAsync<PageOf<DueItem>>();
            Assert.Equal(byDue.Items[page - 1].Id, Assert.Single(one.Items).Id);
        }

        // Due before an instant between the two: the critical one, not the normal one; only work with a deadline before it.
        var between = criticalDue + (normalDue - criticalDue) / 2;
        var dueSoon = await DueInboxAsync("SFS-DC", $"dueBefore={Instant(between)}&sort=dueAt");
        Assert.Contains(dueSoon.Items, a => a.Id == critical.Id);
        Assert.DoesNotContain(dueSoon.Items, a => a.Id == normal.Id);
        Assert.All(dueSoon.Items, a => Assert.True(a.DueAt < between));
        Assert.Contains((await DueInboxAsync("SFS-DC", $"dueBefore={Instant(normalDue.AddMinutes(1))}&status=Assigned")).Items, a => a.Id == normal.Id);

        // Overdue: past the deadline now. The suite's critical sign-for runs out within seconds, round the clock; the normal one's has not.
        var overdue = await Eventually.Until(() => DueInboxAsync("SFS-DC-DH", "overdue=true&sort=-assignedAt"),
            page => page.Items.Any(a => a.Id == critical.Id), what: "the critical ticket to be overdue");
        Assert.DoesNotContain(overdue.Items, a => a.Id == normal.Id);
        Assert.All(overdue.Items, a => Assert.True(a.DueAt < DateTimeOffset.UtcNow));
        var inTime = await DueInboxAsync("SFS-DC-DH", "overdue=false&sort=-assignedAt");
        Assert.Contains(inTime.Items, a => a.Id == normal.Id);
        Assert.DoesNotContain(inTime.Items, a => a.Id == critical.Id);

        // Returned work shows no deadline: its clock stopped.
        await _gateway.PostAsync<AssignmentView>($"api/dispatch/assignments/{normal.Id}/return",
            new { officeCode = "SFS-DC-DH", reasonCode = "NotOurJurisdiction", reason = "不属于本街道" }, user: "clerk-dcdh");
        var returned = await DueItemAsync(normal.Id, a => a.DueAt is null, "the returned assignment's deadline to go");
        Assert.Equal(("Returned", "sign-for"), (returned.Status, returned.DueKind));
        Assert.DoesNotContain((await DueInboxAsync("SFS-DC", $"dueBefore={Instant(normalDue.AddMinutes(1))}")).Items, a => a.Id == normal.Id);
    }

    [Fact]
    public async Task Signing_for_turns_the_deadline_into_the_handling_clocks_and_an_approved_extension_moves_it()
    {
        var (ticket, assignment, handling) = await Journeys.ToInProgressAsync(_gateway,
            Calls.NewTicket(Category.HelpRequest, Urgency.Urgent, "DC-DH", "收件箱 时限 延期"));
        var handlingDue = (await ClockAsync(handling.Id)).Deadline;
        var item = await DueItemAsync(assignment.Id, a => a.DueKind == "handling", "the handling clock's deadline in the inbox");
        Assert.Equal((handlingDue, "Signed"), (item.DueAt!.Value, item.Status));

        // The office asks for two more days; a supervisor approves; the inbox follows.
        var wanted = handlingDue.AddDays(2);
        var extension = await _gateway.PostAsync<ExtensionView>("api/supervision/extensions",
            new { workItemId = handling.Id, wantedDeadline = wanted, reason = "需要现场勘查" }, user: "clerk-dcdh");
        await _gateway.PostAsync<ExtensionView>($"api/supervision/extensions/{extension.Id}/approve", new { }, user: "supervisor1");
        item = await DueItemAsync(assignment.Id, a => a.DueAt == wanted, "the extended deadline in the inbox");
        Assert.Equal("handling", item.DueKind);
        Assert.Contains((await DueInboxAsync("SFS-DC-DH", $"dueBefore={Instant(wanted.AddSeconds(1))}&status=Signed")).Items, a => a.Id == assignment.Id);
        Assert.DoesNotContain((await DueInboxAsync("SFS-DC-DH", $"dueBefore={Instant(handlingDue.AddSeconds(1))}&status=Signed")).Items,
            a => a.Id == assignment.Id);
        Assert.Equal(ticket.Id, item.TicketId);
    }

    [Fact]
    public async Task A_deadline_filter_or_sort_that_is_not_one_is_a_400_problem_naming_it()
    {
        var garbled = await ProblemAsync(await GetAsync("api/dispatch/offices/SFS-DC/inbox?dueBefore=soon", "supervisor1"));
        Assert.Contains("dueBefore", garbled.Errors!.Keys);
        var local = await ProblemAsync(await GetAsync("api/dispatch/offices/SFS-DC/inbox?dueBefore=2026-12-01T10:00:00", "supervisor1"));
        Assert.Contains("dueBefore", local.Detail); // a local time names no instant
        var overdue = await ProblemAsync(await GetAsync("api/dispatch/offices/SFS-DC/inbox?overdue=maybe", "supervisor1"));
        Assert.Contains("overdue", overdue.Errors!.Keys);
        var sort = await ProblemAsync(await GetAsync("api/dispatch/offices/SFS-DC/inbox?sort=-dueAt", "supervisor1"));
        Assert.Contains("dueAt", sort.Detail);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("api/dispatch/offices/SFS-DC/inbox?dueBefore=2026-12-01T10:00:00Z", "supervisor1")).StatusCode);
    }
}

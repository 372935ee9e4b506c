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
}

using System.Net;
using System.Net.Http.Json;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;

using static Ticketing.SystemTests.Problems;

namespace Ticketing.SystemTests;

/// <summary>
/// Offices and routing rules as data an admin keeps (with the sample city seeded on first start), routing by
/// sub-category to a lead office and co-handling offices, the dispatchers' queue when no rule matches, co-handlers
/// signing for and reporting their part, and a lead office's return that ends the parts and goes back to the queue.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RoutingAndCoHandlingTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    private sealed record OfficeView(string Code, string Name, string Kind, string? Parent, List<string> Regions, List<ContactView> Contacts,
        string CalendarCode, string TimeZone, bool Active, string UpdatedBy);

    private sealed record ContactView(string Name, string Phone, string? Duty);

    private sealed record RuleView(int Id, string? Category, string? SubCategory, string Region, string LeadOffice, List<string> CoHandlers,
        int Priority, bool Active);

    private sealed record PreviewView(string? OfficeCode, List<OfficeRefView> CoHandlingOffices, string Reason, int? RuleId, bool ManualQueue);

    private sealed record OfficeRefView(string Code, string Name);

    private sealed record PartView(Guid Id, Guid TicketId, Guid DispatchId, string OfficeCode, string Status, string Role, Guid? LeadAssignmentId,
        string? Report, string? ReturnReasonCode, string? ClosedReason);

    private sealed record QueuedView(Guid Id, Guid TicketId, string Status, bool ByHand, string? SubCategory, string? WaitingReason, string? Reason);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string user)
    {
        using var request = new HttpRequestMessage(method, path).SignedInAs(user);
        if (body is not null) request.Content = JsonContent.Create(body, options: EventJson.Options);
        return await _gateway.SendAsync(request);
    }

    private static object Office(string code, string region, string? parent = null, string zone = "Asia/Shanghai") => new
    {
        code, name = $"测试{code}", nameEn = $"Test {code}", kind = "District", parent, regions = new[] { region },
        contacts = new[] { new { name = "测试联系人", phone = "010-12345678", duty = "热线专员" } }, calendarCode = "default", timeZone = zone,
    };

    /// <summary>Intake reads a new region from dispatch within ten seconds of a miss; until then it is a 422.</summary>
    private async Task<TicketView> RegisterAsync(object call)
    {
        var answer = await Eventually.Until(() => _gateway.SendPostAsync("api/intake/tickets", call),
            r => r.StatusCode != HttpStatusCode.UnprocessableEntity, TimeSpan.FromSeconds(20), "intake to know the new region");
        return await answer.ReadAsync<TicketView>();
    }

    private static object Call(string category, string subCategory, string region, string title) => new
    {
        channel = "Phone", category, subCategory, urgency = "Normal", title, content = "测试派单规则与协办", callerName = "李四",
        callerPhone = "13600136000", regionCode = region,
    };

    private Task<List<PartView>> AssignmentsOfAsync(Guid ticketId, Func<List<PartView>, bool> done, string what) =>
        Eventually.Until(async () => (await _gateway.GetAsync<PageOf<PartView>>($"api/dispatch/assignments?ticketId={ticketId}&pageSize=50")).Items,
            done, what: what);

    [Fact]
    public async Task The_sample_city_is_seeded_with_contacts_calendars_and_rules_and_admins_keep_it_whole()
    {
        var offices = await _gateway.GetAsync<List<OfficeView>>("api/dispatch/offices");
        Assert.Contains(offices, o => o.Code == "SFS-DC-DH" && o.Parent == "SFS-DC" && o.Kind == "Subdistrict");
        Assert.All(offices.Where(o => o.Code.StartsWith("SFS-", StringComparison.Ordinal) && o.UpdatedBy == "sample city"),
            o => Assert.Equal(("default", "Asia/Shanghai", true), (o.CalendarCode, o.TimeZone, o.Contacts.Count > 0)));
        Assert.Contains(await _gateway.GetAsync<List<RuleView>>("api/dispatch/routing/rules"),
            r => r.SubCategory == "IllegalConstruction" && r.LeadOffice == "SFS-CG" && r.CoHandlers.SequenceEqual(["SFS-ZJ"]));

        // Opened by an admin; the same code again is a conflict.
        var created = await (await SendAsync(HttpMethod.Post, "api/dispatch/offices", Office("SFS-QA", "QA"), "admin1")).ReadAsync<OfficeView>();
        Assert.Equal(("SFS-QA", "admin1", "QA"), (created.Code, created.UpdatedBy, created.Regions.Single()));
        await ProblemAsync(await SendAsync(HttpMethod.Post, "api/dispatch/offices", Office("SFS-QA", "QA"), "admin1"), HttpStatusCode.Conflict);

        // What would break the tree is a 422 naming it (and the valid offices when one is unknown); a bad shape is a 400 naming the field.
        var unknownParent = await ProblemAsync(await SendAsync(HttpMethod.Post, "api/dispatch/offices", Office("SFS-NOPE-1", "QZ1", parent: "SFS-NOPE"),
            "admin1"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("SFS-NOPE", unknownParent.Detail);
        Assert.Contains("Valid offices:", unknownParent.Detail);
        Assert.Contains("SFS-DC-DH", unknownParent.Detail);
        Assert.Contains("must extend its parent's code", (await ProblemAsync(await SendAsync(HttpMethod.Post, "api/dispatch/offices",
            Office("SFS-QZ-1", "QZ2", parent: "SFS-QA"), "admin1"), HttpStatusCode.UnprocessableEntity)).Detail);
        Assert.Contains("under more than one office's jurisdiction", (await ProblemAsync(await SendAsync(HttpMethod.Post, "api/dispatch/offices",
            Office("SFS-QY", "DC"), "admin1"), HttpStatusCode.UnprocessableEntity)).Detail);
        Assert.Contains("Mars/Base", (await ProblemAsync(await SendAsync(HttpMethod.Post, "api/dispatch/offices",
            Office("SFS-QX", "QX", zone: "Mars/Base"), "admin1"), HttpStatusCode.UnprocessableEntity)).Detail);
        Assert.Contains("code", (await ProblemAsync(await SendAsync(HttpMethod.Post, "api/dispatch/offices", Office("sfs qa", "QW"), "admin1"),
            HttpStatusCode.BadRequest)).Errors!.Keys, StringComparer.OrdinalIgnoreCase);
        Assert.DoesNotContain(await _gateway.GetAsync<List<OfficeView>>("api/dispatch/offices"), o => o.Code is "SFS-NOPE-1" or "SFS-QZ-1" or "SFS-QY" or "SFS-QX");

        // Only an admin keeps the directory.
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, "api/dispatch/offices", Office("SFS-QV", "QV"), "supervisor1")).StatusCode);

        // Edited in place; an office in a zone with daylight saving time is fine.
        var edited = await (await SendAsync(HttpMethod.Put, "api/dispatch/offices/SFS-QA", new
        {
            name = "测试区QA", kind = "District", regions = new[] { "QA" }, timeZone = "Europe/Berlin",
            contacts = new[] { new { name = "新联系人", phone = "13800000000", duty = (string?)null } },
        }, "admin1")).ReadAsync<OfficeView>();
        Assert.Equal(("测试区QA", "Europe/Berlin", "新联系人"), (edited.Name, edited.TimeZone, edited.Contacts.Single().Name));

        // A rule naming a sub-category the catalogue lacks, or an office that is not one: 422 with the valid choices.
        var badSub = await ProblemAsync(await SendAsync(HttpMethod.Post, "api/dispatch/routing/rules",
            new { category = "Complaint", subCategory = "Nope", region = "QA", leadOffice = "SFS-QA", priority = 0 }, "admin1"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Noise", badSub.Detail);
        var badOffice = await ProblemAsync(await SendAsync(HttpMethod.Post, "api/dispatch/routing/rules",
            new { category = "Complaint", region = "QA", leadOffice = "SFS-GONE", priority = 0 }, "admin1"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("SFS-GONE", badOffice.Detail);
        Assert.Contains("SFS-QA", badOffice.Detail);
    }

    [Fact]
    public async Task Hostile_directory_edits_are_400_problems_naming_the_field_and_change_nothing()
    {
        var bodies = new (string Path, string Json, string Field)[]
        {
            ("api/dispatch/offices", """{"code":"SFS-QH","name":"x","kind":"District","contacts":[null]}""", "contacts[0]"),
            ("api/dispatch/offices", """{"code":"SFS-QH","name":"x","kind":"District","regions":[null,"QH"]}""", "regions[0]"),
            ("api/dispatch/offices", """{"code":"SFS-QH","name":"x\u0000y","kind":"District"}""", "name"),
            ("api/dispatch/offices", $$"""{"code":"SFS-QH","name":"{{new string('长', 101)}}","kind":"Ministry"}""", "kind"),
            ("api/dispatch/routing/rules", """{"region":"QH","leadOffice":"SFS-DC","coHandlers":[null]}""", "coHandlers[0]"),
            ("api/dispatch/routing/rules", """{"region":"Q H","leadOffice":"SFS-DC","priority":99999}""", "region"),
            ("api/dispatch/routing/rules", """{"region":"*","leadOffice":"SFS-DC","subCategory":"Noise"}""", "subCategory"),
        };
        foreach (var (path, json, field) in bodies)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") }
                .SignedInAs("admin1");
            var problem = await ProblemAsync(await _gateway.SendAsync(request), HttpStatusCode.BadRequest);
            Assert.True(problem.Errors!.Keys.Any(k => k.StartsWith(field, StringComparison.OrdinalIgnoreCase)),
                $"{json}: expected an error for {field}, got {string.Join(", ", problem.Errors.Keys)}");
        }
        Assert.DoesNotContain(await _gateway.GetAsync<List<OfficeView>>("api/dispatch/offices"), o => o.Code == "SFS-QH");
        Assert.DoesNotContain(await _gateway.GetAsync<List<RuleView>>("api/dispatch/routing/rules"), r => r.Region is "QH" or "Q H");
    }

    [Fact]
    public async Task A_ticket_no_rule_covers_waits_for_a_dispatcher_who_sends_it_to_a_lead_and_co_handling_offices()
    {
        await (await SendAsync(HttpMethod.Post, "api/dispatch/offices", Office("SFS-QB", "QB"), "admin1")).ReadAsync<OfficeView>();
        var preview = await (await _gateway.SendPostAsync("api/dispatch/routing/preview",
            new { category = "Complaint", subCategory = "OtherComplaint", regionCode = "QB" })).ReadAsync<PreviewView>();
        Assert.True(preview.ManualQueue);
        Assert.Null(preview.OfficeCode);

        var ticket = await RegisterAsync(Call("Complaint", "OtherComplaint", "QB", "无规则 人工派单"));
        await _gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/accept");
        var queued = (await Eventually.Until(() => _gateway.GetAsync<PageOf<QueuedView>>($"api/dispatch/dispatches?ticketId={ticket.Id}"),
            p => p.Total == 1, what: "the dispatch request")).Items.Single();
        Assert.Equal(("Queued", "OtherComplaint"), (queued.Status, queued.SubCategory));
        Assert.Contains("No active routing rule covers Complaint/OtherComplaint in region QB", queued.WaitingReason);

        // Office staff and agents cannot dispatch; naming the lead as co-handler too is a 422.
        Assert.Equal(HttpStatusCode.Forbidden, (await _gateway.SendPostAsync($"api/dispatch/dispatches/{queued.Id}/assign",
            new { officeCode = "SFS-QB" }, user: "agent1")).StatusCode);
        await ProblemAsync(await _gateway.SendPostAsync($"api/dispatch/dispatches/{queued.Id}/assign",
            new { officeCode = "SFS-QB", coHandlingOffices = new[] { "SFS-QB" } }, user: "dispatcher1"), HttpStatusCode.UnprocessableEntity);
        await _gateway.PostAsync<QueuedView>($"api/dispatch/dispatches/{queued.Id}/assign",
            new { officeCode = "SFS-QB", coHandlingOffices = new[] { "SFS-CG" } }, user: "dispatcher1");

        var parts = await AssignmentsOfAsync(ticket.Id, a => a.Count == 2, "the lead's and the co-handler's assignments");
        var lead = parts.Single(a => a.Role == "Lead");
        Assert.Equal("SFS-QB", lead.OfficeCode);
        Assert.Equal(("SFS-CG", lead.Id), parts.Where(a => a.Role == "CoHandler").Select(a => (a.OfficeCode, a.LeadAssignmentId!.Value)).Single());
        // cohandling.updated is delivered in its own order, beside ticket.assigned, not necessarily before it.
        await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}"),
            i => i.State == TicketState.Assigned && i.Timeline.Any(line => line.Kind == "CoHandlingAssigned" && line.Office == "SFS-CG"),
            what: "the assignment and the co-handler's part on the timeline");
    }

    [Fact]
    public async Task Co_handlers_sign_for_and_report_their_part_and_the_leads_return_ends_the_rest_and_goes_back_to_the_queue()
    {
        await (await SendAsync(HttpMethod.Post, "api/dispatch/offices", Office("SFS-QC", "QC"), "admin1")).ReadAsync<OfficeView>();
        var rule = await (await SendAsync(HttpMethod.Post, "api/dispatch/routing/rules", new
        {
            category = "Complaint", subCategory = "efficiency", region = "QC", leadOffice = "SFS-XC", coHandlers = new[] { "SFS-CG", "SFS-ZJ" },
            priority = 10, why = "测试：效率投诉由西城牵头",
        }, "admin1")).ReadAsync<RuleView>();
        Assert.Equal("Efficiency", rule.SubCategory); // the catalogue's spelling

        var preview = await (await _gateway.SendPostAsync("api/dispatch/routing/preview",
            new { category = "Complaint", subCategory = "Efficiency", regionCode = "QC" })).ReadAsync<PreviewView>();
        Assert.Equal(("SFS-XC", rule.Id, false), (preview.OfficeCode, preview.RuleId, preview.ManualQueue));
        Assert.Equal(["SFS-CG", "SFS-ZJ"], preview.CoHandlingOffices.Select(o => o.Code));

        var ticket = await RegisterAsync(Call("Complaint", "Efficiency", "QC", "协办 退回 再派"));
        await _gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/accept");
        var parts = await AssignmentsOfAsync(ticket.Id, a => a.Count == 3, "the lead's and two co-handlers' assignments");
        var lead = parts.Single(a => a.Role == "Lead");
        var cg = parts.Single(a => a.OfficeCode == "SFS-CG");
        var zj = parts.Single(a => a.OfficeCode == "SFS-ZJ");
        Assert.Equal("SFS-XC", lead.OfficeCode);

        // A part is reported after it is signed for, once, by its own office; the lead does not report here.
        var path = $"api/dispatch/assignments/{cg.Id}";
        await ProblemAsync(await _gateway.SendPostAsync($"{path}/report", new { officeCode = "SFS-CG", report = "未签收先反馈" }, user: "clerk-cg"),
            HttpStatusCode.Conflict);
        await _gateway.PostAsync<PartView>($"{path}/sign", new { officeCode = "SFS-CG" }, user: "clerk-cg");
        Assert.Equal(HttpStatusCode.Forbidden, (await _gateway.SendPostAsync($"{path}/report", new { officeCode = "SFS-CG", report = "冒名" },
            user: "clerk-xc")).StatusCode);
        var reported = await _gateway.PostAsync<PartView>($"{path}/report", new { officeCode = "SFS-CG", report = "已配合现场核查，夜间施工已停止" },
            user: "clerk-cg");
        Assert.Equal(("Reported", "已配合现场核查，夜间施工已停止"), (reported.Status, reported.Report));
        await ProblemAsync(await _gateway.SendPostAsync($"{path}/report", new { officeCode = "SFS-CG", report = "再报" }, user: "clerk-cg"),
            HttpStatusCode.Conflict);
        await ProblemAsync(await _gateway.SendPostAsync($"api/dispatch/assignments/{lead.Id}/report", new { officeCode = "SFS-XC", report = "主办" },
            user: "clerk-xc"), HttpStatusCode.Conflict);
        // A co-handler's sign-for moves no state: the lead's assignment still waits.
        Assert.Equal(TicketState.Assigned, (await _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}")).State);

        // The lead returns it: the open part ends, the reported one stands, and the ticket waits for a dispatcher.
        await _gateway.PostAsync<PartView>($"api/dispatch/assignments/{lead.Id}/return",
            new { officeCode = "SFS-XC", reasonCode = "NotOurJurisdiction", reason = "QC 不属于西城区" }, user: "clerk-xc");
        var after = await AssignmentsOfAsync(ticket.Id, a => a.Single(p => p.Id == zj.Id).Status == "Withdrawn", "the open part to end");
        Assert.Contains("returned the ticket", after.Single(p => p.Id == zj.Id).ClosedReason);
        Assert.Equal("Reported", after.Single(p => p.Id == cg.Id).Status);
        Assert.Equal("NotOurJurisdiction", after.Single(p => p.Id == lead.Id).ReturnReasonCode);

        // Each topic is delivered in its own order: the parts' steps reach the timeline beside the return, not necessarily before it.
        var returned = await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}"),
            i => i.State == TicketState.Returned && i.Timeline.Any(line => line.Kind == "CoHandlingWithdrawn" && line.Office == "SFS-ZJ"),
            what: "the return and the withdrawn part on the timeline");
        Assert.Contains(returned.Timeline, line => line.Kind == "CoHandlingReported" && line.Office == "SFS-CG");
        Assert.Contains(returned.Timeline, line => line.Reason is { } reason && reason.StartsWith("NotOurJurisdiction: QC 不属于西城区", StringComparison.Ordinal));

        // Re-dispatched by hand with the whole history: the dispatcher sends it to the office whose region it is.
        var again = (await Eventually.Until(() => _gateway.GetAsync<PageOf<QueuedView>>($"api/dispatch/dispatches?ticketId={ticket.Id}&status=Queued"),
            p => p.Total == 1, what: "the re-dispatch in the queue")).Items.Single();
        Assert.True(again.ByHand);
        Assert.Contains("QC 不属于西城区", again.Reason);
        await _gateway.PostAsync<QueuedView>($"api/dispatch/dispatches/{again.Id}/assign", new { officeCode = "SFS-QC" }, user: "dispatcher1");
        var redispatched = await AssignmentsOfAsync(ticket.Id, a => a.Count == 4, "the new assignment");
        Assert.Equal("SFS-QC", redispatched.Single(a => a.Role == "Lead" && a.Status == "Assigned").OfficeCode);
        await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Assigned);

        // A dispatcher may reassign it too (the definitions' v2 lets them): the engine decides, the office's open assignment is withdrawn.
        var reassigned = await _gateway.PostAsync<InstanceView>($"api/workflow/instances/{ticket.Id}/triggers/Reassign",
            new { reason = "QC 由东城区统筹", officeCode = "SFS-DC" }, user: "dispatcher1");
        Assert.Equal(2, reassigned.Definition.Version);
        var moved = await AssignmentsOfAsync(ticket.Id, a => a.Any(p => p.OfficeCode == "SFS-DC" && p.Status == "Assigned"), "the reassignment");
        Assert.Equal("Withdrawn", moved.Single(a => a.OfficeCode == "SFS-QC").Status);
        await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Assigned);
        await Consistency.CheckAsync(_gateway, ticket.Id);

        // Retired, the rule routes nothing more and stays readable.
        var retired = await (await SendAsync(HttpMethod.Delete, $"api/dispatch/routing/rules/{rule.Id}", null, "admin1")).ReadAsync<RuleView>();
        Assert.False(retired.Active);
        Assert.True((await (await _gateway.SendPostAsync("api/dispatch/routing/preview",
            new { category = "Complaint", subCategory = "Efficiency", regionCode = "QC" })).ReadAsync<PreviewView>()).ManualQueue);
    }
}

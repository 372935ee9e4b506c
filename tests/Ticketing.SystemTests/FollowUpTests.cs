using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;

using static Ticketing.SystemTests.Problems;

namespace Ticketing.SystemTests;

/// <summary>
/// 跟进: the office's progress notes, attachments checked by their content, waiting on the customer, the result code with
/// its explanation, and the lead office's completion that takes in the co-handling offices' parts from dispatch.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class FollowUpTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    private sealed record NoteView(Guid Id, string Text, string Visibility, string By);

    private sealed record AttachmentView(Guid Id, string FileName, string ContentType, long Size, string By);

    private sealed record PartOnCase(Guid AssignmentId, string OfficeCode, string? Report, string? ReportedBy);

    private sealed record FullCaseView(Guid Id, Guid TicketId, string OfficeCode, string Status, string? ReplyToCustomer, string? Result,
        string? ResultExplanation, bool WaitingOnCustomer, List<NoteView> Notes, List<AttachmentView> Attachments, List<PartOnCase> CoHandlerParts);

    private sealed record PartView(Guid Id, string OfficeCode, string Status, string Role, Guid? LeadAssignmentId);

    private sealed record QueuedView(Guid Id, string Status);

    private static readonly Dictionary<string, string> ClerkOf = new()
    {
        ["SFS-DC"] = "clerk-dc", ["SFS-DC-DH"] = "clerk-dcdh", ["SFS-CG"] = "clerk-cg", ["SFS-XC"] = "clerk-xc",
    };

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];

    [Fact]
    public async Task An_office_keeps_notes_and_attachments_waits_on_the_customer_and_completes_with_a_result_that_says_why()
    {
        var (ticket, _, handling) = await Journeys.ToInProgressAsync(_gateway, Calls.NewTicket(Category.HelpRequest, title: "求助：井盖缺失"));
        var clerk = ClerkOf[handling.OfficeCode];
        var path = $"api/followup/cases/{handling.Id}";

        // Notes: public (may be read to the customer) or internal; another office sees no such case.
        var note = await _gateway.PostAsync<NoteView>($"{path}/notes", new { officeCode = handling.OfficeCode, text = "已到现场查看", visibility = "Public" });
        Assert.Equal(("Public", clerk), (note.Visibility, note.By));
        await _gateway.PostAsync<NoteView>($"{path}/notes", new { officeCode = handling.OfficeCode, text = "需协调市政" });
        Assert.Equal(HttpStatusCode.NotFound, (await _gateway.SendPostAsync($"{path}/notes", new { officeCode = "SFS-CG", text = "冒名" },
            user: "clerk-cg")).StatusCode);
        await ProblemAsync(await _gateway.SendPostAsync($"{path}/notes", new { officeCode = handling.OfficeCode, text = "" }), HttpStatusCode.BadRequest);

        // Attachments are what their content says: a PNG named .jpg is a PNG; text named .pdf is refused; over 10 MB is 413.
        var photo = await (await UploadAsync(path, handling.OfficeCode, "现场照片.jpg", Png, clerk)).ReadAsync<AttachmentView>();
        Assert.Equal(("现场照片.jpg", "image/png", (long)Png.Length), (photo.FileName, photo.ContentType, photo.Size));
        var fake = await ProblemAsync(await UploadAsync(path, handling.OfficeCode, "报告.pdf", "这不是PDF"u8.ToArray(), clerk),
            HttpStatusCode.UnsupportedMediaType);
        Assert.Contains("报告.pdf", fake.Detail);
        var huge = new byte[10 * 1024 * 1024 + 1];
        Png.CopyTo(huge, 0);
        Assert.Contains("10 MB", (await ProblemAsync(await UploadAsync(path, handling.OfficeCode, "big.png", huge, clerk),
            HttpStatusCode.RequestEntityTooLarge)).Detail);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(path, "SFS-CG", "x.png", Png, "clerk-cg")).StatusCode);
        using (var download = await _gateway.GetAsync($"{path}/attachments/{photo.Id}"))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        }

        // Waiting on the customer holds the completion back; asking for the state it has changes nothing.
        var waiting = await _gateway.PostAsync<FullCaseView>($"{path}/waiting", new { officeCode = handling.OfficeCode, waiting = true, note = "请群众补充照片" });
        Assert.True(waiting.WaitingOnCustomer);
        Assert.Equal(waiting.Notes.Count, (await _gateway.PostAsync<FullCaseView>($"{path}/waiting",
            new { officeCode = handling.OfficeCode, waiting = true, note = "再次" })).Notes.Count);
        Assert.Contains((await _gateway.GetAsync<PageOf<FullCaseView>>($"api/followup/cases?ticketId={ticket.Id}&waitingOnCustomer=true")).Items,
            c => c.Id == handling.Id);
        Assert.Contains("waited on the customer", (await ProblemAsync(await _gateway.SendPostAsync($"{path}/completion",
            new { officeCode = handling.OfficeCode, replyToCustomer = "已处理" }), HttpStatusCode.Conflict)).Detail);
        Assert.False((await _gateway.PostAsync<FullCaseView>($"{path}/waiting",
            new { officeCode = handling.OfficeCode, waiting = false, note = "群众已补充照片" })).WaitingOnCustomer);
        // Each change of waiting is announced once (handling.waiting-changed) and lands on the ticket's timeline.
        var timeline = (await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}"),
            i => i.Timeline.Any(l => l.Kind == "CustomerReplied"), what: "the waiting changes on the timeline")).Timeline;
        Assert.Equal(["WaitingOnCustomer", "CustomerReplied"], timeline.Where(l => l.Kind is "WaitingOnCustomer" or "CustomerReplied").Select(l => l.Kind));
        Assert.Contains(timeline, l => l.Kind == "WaitingOnCustomer" && l.Reason!.Contains("请群众补充照片"));

        // A result short of resolved says why.
        var unexplained = await ProblemAsync(await _gateway.SendPostAsync($"{path}/completion",
            new { officeCode = handling.OfficeCode, replyToCustomer = "已答复", result = "CannotBeResolved" }), HttpStatusCode.BadRequest);
        Assert.Contains("resultExplanation", unexplained.Errors!.Keys, StringComparer.OrdinalIgnoreCase);
        var completed = await _gateway.PostAsync<FullCaseView>($"{path}/completion", new
        {
            officeCode = handling.OfficeCode, replyToCustomer = "井盖已临时围挡，更换需产权单位确认", result = "PartlyResolved",
            resultExplanation = "产权单位尚未确认",
        });
        Assert.Equal(("Completed", "PartlyResolved", "产权单位尚未确认"), (completed.Status, completed.Result, completed.ResultExplanation));
        Assert.Equal(["Public", "Internal", "Internal", "Internal"], completed.Notes.Select(n => n.Visibility)); // and the two waiting notes
        Assert.Single(completed.Attachments);
        await ProblemAsync(await _gateway.SendPostAsync($"{path}/notes", new { officeCode = handling.OfficeCode, text = "办结后补充" }), HttpStatusCode.Conflict);
        await Journeys.OpenCallbackTaskAsync(_gateway, ticket.Id);
    }

    [Fact]
    public async Task The_lead_office_completes_with_the_co_handlers_parts_and_only_a_supervisor_completes_while_one_still_owes_its_part()
    {
        await (await SendAsync(HttpMethod.Post, "api/dispatch/offices", new
        {
            code = "SFS-QL", name = "测试QL", nameEn = "Test QL", kind = "District", regions = new[] { "QL" },
            contacts = new[] { new { name = "测试联系人", phone = "010-12345678", duty = "热线专员" } }, calendarCode = "default", timeZone = "Asia/Shanghai",
        }, "admin1")).ReadAsync<object>();
        var call = new
        {
            channel = "Phone", category = "Complaint", subCategory = "OtherComplaint", urgency = "Normal", title = "协办 办结", content = "多部门协办",
            callerName = "王五", callerPhone = "13700137000", regionCode = "QL",
        };
        var ticket = await (await Eventually.Until(() => _gateway.SendPostAsync("api/intake/tickets", call),
            r => r.StatusCode != HttpStatusCode.UnprocessableEntity, TimeSpan.FromSeconds(20), "intake to know the new region")).ReadAsync<TicketView>();
        await _gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/accept");
        var queued = (await Eventually.Until(() => _gateway.GetAsync<PageOf<QueuedView>>($"api/dispatch/dispatches?ticketId={ticket.Id}&status=Queued"),
            p => p.Total == 1, what: "the dispatch in the queue")).Items.Single();
        await _gateway.PostAsync<QueuedView>($"api/dispatch/dispatches/{queued.Id}/assign",
            new { officeCode = "SFS-DC", coHandlingOffices = new[] { "SFS-XC", "SFS-CG" } }, user: "dispatcher1");
        var parts = (await Eventually.Until(() => _gateway.GetAsync<PageOf<PartView>>($"api/dispatch/assignments?ticketId={ticket.Id}"),
            p => p.Total == 3, what: "the lead's and the co-handlers' assignments")).Items;
        var lead = parts.Single(a => a.Role == "Lead");
        var xc = parts.Single(a => a.OfficeCode == "SFS-XC");
        var cg = parts.Single(a => a.OfficeCode == "SFS-CG");

        await _gateway.PostAsync<PartView>($"api/dispatch/assignments/{lead.Id}/sign", new { officeCode = "SFS-DC" });
        await _gateway.PostAsync<PartView>($"api/dispatch/assignments/{xc.Id}/sign", new { officeCode = "SFS-XC" });
        await _gateway.PostAsync<PartView>($"api/dispatch/assignments/{xc.Id}/report", new { officeCode = "SFS-XC", report = "西城已配合核查" });
        await _gateway.PostAsync<PartView>($"api/dispatch/assignments/{cg.Id}/sign", new { officeCode = "SFS-CG" });
        var handling = await Journeys.OpenCaseAsync(_gateway, ticket.Id);
        var path = $"api/followup/cases/{handling.Id}/completion";
        var reply = new { officeCode = "SFS-DC", replyToCustomer = "已联合处理" };

        // SFS-CG signed for its part but has not reported it: the lead office waits, and cannot force.
        var owed = await ProblemAsync(await _gateway.SendPostAsync(path, reply), HttpStatusCode.Conflict);
        Assert.Contains("SFS-CG", owed.Detail);
        Assert.DoesNotContain("SFS-XC", owed.Detail);
        Assert.Equal(HttpStatusCode.Forbidden, (await _gateway.SendPostAsync(path, new { officeCode = "SFS-DC", replyToCustomer = "已联合处理", force = true },
            user: "clerk-dc")).StatusCode);

        // A supervisor forces it: the part owed is carried as not reported.
        var completed = await _gateway.PostAsync<FullCaseView>(path, new { officeCode = "SFS-DC", replyToCustomer = "已联合处理", force = true }, user: "supervisor1");
        Assert.Equal([("SFS-CG", (string?)null), ("SFS-XC", "西城已配合核查")], completed.CoHandlerParts.Select(p => (p.OfficeCode, p.Report)));
        Assert.Equal(cg.Id, completed.CoHandlerParts[0].AssignmentId);
        Assert.Equal(completed.CoHandlerParts, (await _gateway.GetAsync<FullCaseView>($"api/followup/cases/{handling.Id}")).CoHandlerParts);
        await Journeys.StateAsync(_gateway, ticket.Id, TicketState.UnderReview); // the workflow read the completion with its new members
    }

    [Fact]
    public async Task Without_co_handling_offices_a_completion_is_resolved_unless_it_says_otherwise()
    {
        var (ticket, assignment, handling) = await Journeys.ToInProgressAsync(_gateway, Calls.NewTicket(Category.Consultation, title: "咨询：无协办"));
        var completed = await _gateway.PostAsync<FullCaseView>($"api/followup/cases/{handling.Id}/completion",
            new { officeCode = assignment.OfficeCode, replyToCustomer = "已答复" });
        Assert.Equal(("Resolved", 0), (completed.Result, completed.CoHandlerParts.Count));
        await Journeys.OpenCallbackTaskAsync(_gateway, ticket.Id);
    }

    private async Task<HttpResponseMessage> UploadAsync(string casePath, string officeCode, string fileName, byte[] bytes, string user)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream"); // the name and type the client claims count for nothing
        using var form = new MultipartFormDataContent { { new StringContent(officeCode), "officeCode" }, { file, "file", fileName } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{casePath}/attachments") { Content = form }.SignedInAs(user);
        return await _gateway.SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string user)
    {
        using var request = new HttpRequestMessage(method, path).SignedInAs(user);
        if (body is not null) request.Content = JsonContent.Create(body, options: EventJson.Options);
        return await _gateway.SendAsync(request);
    }

}

using System.Net;
using System.Text.Json.Nodes;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;

using static Ticketing.SystemTests.Problems;

namespace Ticketing.SystemTests;

/// <summary>
/// 退回原因: an office returns its work with a code from a fixed list (GET /return-reasons) and its own words; the
/// assignment shows both, and a return without a known code is refused before anything changes.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ReturnReasonTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    private static readonly string[] Codes =
        ["NotOurJurisdiction", "NotOurDuty", "InformationIncomplete", "DuplicateOfAnother", "CannotBeHandled", "Other"];

    private sealed record ReturnedView(Guid Id, string Status, string? ReturnReason, string? ReturnReasonCode, string? ReturnedBy);

    private sealed record ReturnReasonView(string Code, string Name);

    [Fact]
    public async Task A_return_with_a_code_shows_the_code_and_the_text_on_the_assignment()
    {
        var (ticket, assignment) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "DC-DH"));
        var returned = await _gateway.PostAsync<ReturnedView>($"api/dispatch/assignments/{assignment.Id}/return",
            new { officeCode = assignment.OfficeCode, reasonCode = "InformationIncomplete", reason = "缺少具体门牌号，无法现场核实" });
        Assert.Equal(("Returned", "InformationIncomplete", "缺少具体门牌号，无法现场核实", "clerk-dcdh"),
            (returned.Status, returned.ReturnReasonCode, returned.ReturnReason, returned.ReturnedBy));

        var read = await _gateway.GetAsync<ReturnedView>($"api/dispatch/assignments/{assignment.Id}");
        Assert.Equal(("InformationIncomplete", "缺少具体门牌号，无法现场核实"), (read.ReturnReasonCode, read.ReturnReason));
        var listed = (await _gateway.GetAsync<PageOf<ReturnedView>>($"api/dispatch/assignments?ticketId={ticket.Id}")).Items.Single();
        Assert.Equal("InformationIncomplete", listed.ReturnReasonCode);

        // The workflow hears the code with the office's words (assignment.returned carries both).
        var instance = await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Returned);
        Assert.Equal("InformationIncomplete: 缺少具体门牌号，无法现场核实", instance.Timeline.Last(l => l.Kind == "Return").Reason);
    }

    [Fact]
    public async Task A_return_without_a_code_or_with_an_unknown_one_is_a_400_naming_reasonCode_and_changes_nothing()
    {
        var (ticket, assignment) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "DC-DH"));
        await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Assigned);
        var path = $"api/dispatch/assignments/{assignment.Id}/return";

        var missing = await ProblemAsync(await _gateway.SendPostAsync(path, new { officeCode = assignment.OfficeCode, reason = "不属于本街道" }),
            HttpStatusCode.BadRequest);
        Assert.Contains("reasonCode", missing.Errors!.Keys);

        var unknown = await ProblemAsync(await _gateway.SendPostAsync(path,
            new { officeCode = assignment.OfficeCode, reasonCode = "TooBusy", reason = "不属于本街道" }), HttpStatusCode.BadRequest);
        Assert.Contains("reasonCode", unknown.Errors!.Keys);
        Assert.All(Codes, code => Assert.Contains(code, unknown.Errors["reasonCode"].Single())); // names the codes there are

        var asNumber = await _gateway.SendPostAsync(path, new { officeCode = assignment.OfficeCode, reasonCode = 1, reason = "不属于本街道" });
        Assert.Contains("reasonCode", (await ProblemAsync(asNumber, HttpStatusCode.BadRequest)).Errors!.Keys);

        var still = await _gateway.GetAsync<ReturnedView>($"api/dispatch/assignments/{assignment.Id}");
        Assert.Equal(("Assigned", null, null), (still.Status, still.ReturnReasonCode, still.ReturnReason));
        Assert.Equal(TicketState.Assigned, (await _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}")).State);
    }

    [Fact]
    public async Task The_return_reasons_are_listed_with_their_names_for_every_signed_in_role()
    {
        foreach (var user in new[] { "clerk-xc", "agent1", "dispatcher1", "specialist1", "supervisor1", "admin1" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/dispatch/return-reasons").SignedInAs(user);
            var reasons = await (await _gateway.SendAsync(request)).ReadAsync<List<ReturnReasonView>>();
            Assert.Equal(Codes, reasons.Select(r => r.Code));
            Assert.Equal(new[] { "不属于本单位管辖", "不属于本单位职责", "信息不全无法办理", "重复工单", "无法办理/政策不支持", "其他" },
                reasons.Select(r => r.Name));
        }

        using var anonymous = new HttpRequestMessage(HttpMethod.Get, "api/dispatch/return-reasons").SignedInAs(SignedInHandler.Nobody);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _gateway.SendAsync(anonymous)).StatusCode);
    }

    [Fact]
    public async Task The_api_document_requires_the_code_and_names_the_codes_so_clients_and_the_bad_input_corpus_build_valid_returns()
    {
        var document = JsonNode.Parse(await _gateway.GetStringAsync("api/dispatch/swagger/v1/swagger.json"))!;
        var schemas = document["components"]!["schemas"]!;
        var body = schemas["ReturnAssignment"]!;
        var required = body["required"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.All(new[] { "officeCode", "reasonCode", "reason" }, member => Assert.Contains(member, required));
        var code = body["properties"]!["reasonCode"]!["$ref"]!.GetValue<string>().Split('/')[^1];
        Assert.Equal(Codes, schemas[code]!["enum"]!.AsArray().Select(c => (string)c!));
        var view = schemas["AssignmentView"]!["properties"]!;
        Assert.NotNull(view["returnReasonCode"]);
        Assert.NotNull(view["returnReason"]);
    }
}

using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;

using static Ticketing.SystemTests.Problems;

namespace Ticketing.SystemTests;

/// <summary>
/// Issue 9, bad input: every invalid field is a 400 problem naming the field (as the client spells it) and the rule,
/// in the request's language (Accept-Language zh-CN or en; zh-CN without one), through the gateway; nothing of a
/// refused request is saved.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class RequestLanguageTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    /// <summary>The Accept-Language sent (none at all, zh-CN, en) and whether the answer is in Chinese.</summary>
    public static TheoryData<string, bool> Languages => new() { { SignedInHandler.NoLanguage, true }, { "zh-CN", true }, { "en", false } };

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task An_invalid_registration_names_each_field_and_rule_in_the_callers_language_and_registers_nothing(string language, bool chinese)
    {
        var phone = "137" + Random.Shared.Next(10_000_000, 99_999_999);
        var call = Call(phone);
        (call["category"], call["title"], call["callerName"], call["regionCode"]) = ("Complaint", "", "", "DC DH");

        var problem = await ProblemAsync(await SendAsync(HttpMethod.Post, "api/intake/tickets", call.ToJsonString(), language));
        Assert.Equal(chinese ? "请求无效" : "The request is not valid", problem.Title);
        Assert.Equal(["callerName", "regionCode", "title"], problem.Errors!.Keys.Order());
        foreach (var (field, messages) in problem.Errors)
        {
            Assert.Contains($"'{field}'", messages.Single()); // the message names the field as the client sent it
            Assert.Equal(chinese, Cjk().IsMatch(messages.Single()));
        }
        Assert.Equal(chinese ? "必须填写 'callerName'：Complaint 类诉求不受理匿名来电。" : "'callerName' is needed: Complaint does not take anonymous calls.",
            problem.Errors["callerName"].Single());
        Assert.Equal(chinese ? "'regionCode' 必须是区域代码，例如 DC 或 DC-DH。" : "'regionCode' must be a region code such as DC or DC-DH.",
            problem.Errors["regionCode"].Single());
        if (!chinese) Assert.Equal("'title' must not be empty.", problem.Errors["title"].Single());

        Assert.Equal(0, (await _gateway.GetAsync<PageOf<TicketView>>($"api/intake/tickets?phone={phone}")).Total);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_body_that_is_not_json_or_not_the_contract_is_refused_naming_the_field_in_the_callers_language(string language, bool chinese)
    {
        var phone = "136" + Random.Shared.Next(10_000_000, 99_999_999);
        var malformed = await ProblemAsync(await SendAsync(HttpMethod.Post, "api/intake/tickets", "{not json", language));
        Assert.Equal(chinese ? "请求无法读取" : "Malformed request", malformed.Title);
        Assert.Equal(chinese ? "请求体不是有效的 JSON（第 1 行，第 2 个字节）。" : "The body is not valid JSON (line 1, byte 2).",
            malformed.Errors!["body"].Single());

        var untitled = Call(phone);
        untitled.Remove("title");
        var missing = await ProblemAsync(await SendAsync(HttpMethod.Post, "api/intake/tickets", untitled.ToJsonString(), language));
        Assert.Equal(chinese ? "缺少必填字段 'title'。" : "'title' is required.", missing.Errors!["title"].Single());

        var pigeon = Call(phone);
        pigeon["channel"] = "Pigeon";
        var unknown = await ProblemAsync(await SendAsync(HttpMethod.Post, "api/intake/tickets", pigeon.ToJsonString(), language));
        Assert.StartsWith(chinese ? "'channel' 必须是以下之一：" : "'channel' must be one of: ", unknown.Errors!["channel"].Single());
        Assert.Contains("Phone", unknown.Errors["channel"].Single()); // names the channels there are

        var page = await ProblemAsync(await SendAsync(HttpMethod.Get, "api/intake/tickets?pageSize=abc", null, language));
        Assert.Equal(chinese ? "'pageSize' 必须是取值范围内的整数。" : "'pageSize' must be a whole number within range.", page.Errors!["pageSize"].Single());

        Assert.Equal(0, (await _gateway.GetAsync<PageOf<TicketView>>($"api/intake/tickets?phone={phone}")).Total);
    }

    [Fact]
    public async Task A_return_without_a_reason_code_is_refused_in_the_callers_language_and_the_assignment_stays_as_it_was()
    {
        var (ticket, assignment) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "DC-DH"));
        await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Assigned);
        var path = $"api/dispatch/assignments/{assignment.Id}/return";
        var withoutCode = new JsonObject { ["officeCode"] = assignment.OfficeCode, ["reason"] = "不属于本街道" }.ToJsonString();

        foreach (var (language, chinese) in new[] { (SignedInHandler.NoLanguage, true), ("zh-CN", true), ("en", false) })
        {
            var problem = await ProblemAsync(await SendAsync(HttpMethod.Post, path, withoutCode, language));
            Assert.Equal(chinese ? "请求无法读取" : "Malformed request", problem.Title);
            Assert.Equal(chinese ? "缺少必填字段 'reasonCode'。" : "'reasonCode' is required.", problem.Errors!["reasonCode"].Single());
            Assert.Contains(problem.Errors["reasonCode"].Single(), problem.Detail);
        }

        var still = await _gateway.GetAsync<JsonObject>($"api/dispatch/assignments/{assignment.Id}");
        Assert.Equal("Assigned", (string?)still["status"]);
        Assert.Equal(TicketState.Assigned, (await _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}")).State);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_gateways_own_problems_follow_the_callers_language_too(string language, bool chinese)
    {
        var closed = await ProblemAsync(await SendAsync(HttpMethod.Get, "api/intake/admin/backlog", null, language), HttpStatusCode.NotFound);
        Assert.Equal(chinese ? "未找到" : "Not Found", closed.Title);
    }

    private static JsonObject Call(string phone) => new()
    {
        ["channel"] = "Phone", ["category"] = "HelpRequest", ["urgency"] = "Normal", ["title"] = "路灯不亮", ["content"] = "东华路12号门前路灯不亮",
        ["callerName"] = "赵六", ["callerPhone"] = phone, ["regionCode"] = "DC", ["subCategory"] = "StreetLighting",
    };

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json, string language)
    {
        using var request = new HttpRequestMessage(method, path).InLanguage(language);
        if (json is not null) request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return await _gateway.SendAsync(request);
    }

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();
}

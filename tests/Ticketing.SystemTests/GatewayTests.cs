using System.Net;
using Ticketing.Contracts;

namespace Ticketing.SystemTests;

/// <summary>The front door: routes, API documents, problems for bad input.</summary>
[Collection(SystemCollection.Name)]
public sealed class GatewayTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    [Fact]
    public async Task The_landing_page_and_swagger_list_every_service()
    {
        var landing = await _gateway.GetStringAsync("status");
        var swaggerUi = await _gateway.GetStringAsync("swagger/index.html");
        Assert.Contains("工单", landing);
        foreach (var service in SystemApps.Services)
        {
            Assert.Contains($"/api/{service.AppId}/", landing);
            var document = await _gateway.GetStringAsync($"api/{service.AppId}/swagger/v1/swagger.json");
            Assert.Contains($"\"url\": \"/api/{service.AppId}\"", document); // "Try it out" goes through the gateway
            Assert.Equal(HttpStatusCode.OK, (await _gateway.GetAsync($"api/{service.AppId}/health/ready")).StatusCode);
        }
        Assert.Contains("swagger", swaggerUi, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_root_is_the_web_console_which_signs_in_with_the_code_flow_and_pkce_and_unknown_api_paths_stay_404()
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = system.System.Layout.GatewayUrl };
        using var root = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, root.StatusCode); // the console's pages need sign-in
        var signIn = root.Headers.Location!.ToString();
        Assert.StartsWith(new Uri(system.System.Layout.GatewayUrl, "connect/authorize?").ToString(), signIn);
        Assert.Contains("client_id=ticketing-console", signIn);
        Assert.Contains("code_challenge_method=S256", signIn);
        Assert.Contains("redirect_uri=" + Uri.EscapeDataString(new Uri(system.System.Layout.GatewayUrl, "console/signin-callback").ToString()), signIn);

        using var script = await browser.GetAsync("_framework/blazor.web.js"); // the console's files come through the gateway too
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);

        await Problems.ProblemAsync(await _gateway.GetAsync("api/no-such-service/tickets"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_input_gets_a_problem_response_never_a_server_error()
    {
        var invalid = await _gateway.PostAsync("api/intake/tickets", Json("""{"channel":"Phone","category":"Complaint","urgency":"Normal","title":"","content":"x","callerName":"王五","callerPhone":"not a phone","regionCode":"DC"}"""));
        var problem = await Problem(invalid, HttpStatusCode.BadRequest);
        Assert.Contains("title", problem.Errors!.Keys); // as the client spells it
        Assert.Contains("callerPhone", problem.Errors!.Keys);

        var unknownEnum = await Problem(await _gateway.PostAsync("api/intake/tickets", Json("""{"channel":"Pigeon"}""")), HttpStatusCode.BadRequest);
        Assert.Contains("channel", unknownEnum.Detail);

        await Problem(await _gateway.PostAsync("api/intake/tickets", Json("{not json")), HttpStatusCode.BadRequest);
        await Problem(await _gateway.GetAsync($"api/intake/tickets/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await Problem(await _gateway.GetAsync("api/intake/tickets?pageSize=100000"), HttpStatusCode.BadRequest);

        var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket());
        await _gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/accept");
        var twice = await Problem(await _gateway.PostAsync($"api/intake/tickets/{ticket.Id}/accept", null), HttpStatusCode.Conflict);
        Assert.Contains(ticket.Number, twice.Detail);
    }

    [Fact]
    public async Task The_landing_page_shows_each_services_event_backlog()
    {
        var landing = await _gateway.GetStringAsync("status");
        Assert.Contains("event backlog", landing);
        Assert.DoesNotContain("unreachable", landing); // every service answered its backlog
    }

    [Fact]
    public async Task Every_answer_carries_security_headers_and_no_server_header()
    {
        foreach (var path in new[] { "/", "status", "swagger/index.html", "api/intake/tickets", "api/intake/no-such-route" })
        {
            using var response = await _gateway.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.False(response.Headers.Contains("Server"), $"{path} names its server");
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
                Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
        using var direct = system.ClientFor("intake");
        using var fromService = await direct.GetAsync("tickets");
        Assert.False(fromService.Headers.Contains("Server"));
        Assert.Equal("nosniff", fromService.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task A_created_ticket_is_located_at_the_gateway_not_at_the_service()
    {
        using var created = await _gateway.PostAsync("api/intake/tickets", System.Net.Http.Json.JsonContent.Create(Calls.NewTicket(title: "位置")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!;
        Assert.StartsWith(new Uri(system.System.Layout.GatewayUrl, "api/intake/tickets/").ToString(), location.ToString());
        Assert.Equal(HttpStatusCode.OK, (await _gateway.GetAsync(location)).StatusCode);
    }

    [Fact]
    public async Task Codes_that_do_not_exist_are_422_naming_the_valid_ones_and_path_like_codes_are_400()
    {
        var unknown = await Problem(await _gateway.PostAsync("api/intake/tickets",
            System.Net.Http.Json.JsonContent.Create(Calls.NewTicket(region: "ZZ-99"))), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("DC-DH", unknown.Detail);
        var pathLike = await Problem(await _gateway.PostAsync("api/intake/tickets",
            System.Net.Http.Json.JsonContent.Create(Calls.NewTicket(region: "../../DC"))), HttpStatusCode.BadRequest);
        Assert.Contains("regionCode", pathLike.Errors!.Keys);

        var (_, assignment, _) = await Journeys.ToCallbackAsync(_gateway, Calls.NewTicket(title: "办理单位代码"));
        var office = await Problem(await _gateway.PostAsync($"api/dispatch/assignments/{assignment.Id}/sign",
            System.Net.Http.Json.JsonContent.Create(new { officeCode = "NO-SUCH-OFFICE" })), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("SFS-DC", office.Detail);
    }

    [Fact]
    public async Task The_api_documents_carry_the_length_limits_and_required_members()
    {
        var document = System.Text.Json.Nodes.JsonNode.Parse(await _gateway.GetStringAsync("api/intake/swagger/v1/swagger.json"))!;
        var register = document["components"]!["schemas"]!["RegisterTicket"]!;
        Assert.Equal(200, register["properties"]!["title"]!["maxLength"]!.GetValue<int>());
        Assert.Equal(4000, register["properties"]!["content"]!["maxLength"]!.GetValue<int>());
        var required = register["required"]!.AsArray().Select(r => (string)r!).ToList();
        Assert.Contains("channel", required);
        Assert.Contains("title", required);
        Assert.DoesNotContain("address", required);
    }

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static async Task<ProblemView> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return System.Text.Json.JsonSerializer.Deserialize<ProblemView>(body, Ticketing.BuildingBlocks.Messaging.EventJson.Options)!;
    }
}

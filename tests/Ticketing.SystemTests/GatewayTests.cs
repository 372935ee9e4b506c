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
        var landing = await _gateway.GetStringAsync("/");
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
    public async Task Bad_input_gets_a_problem_response_never_a_server_error()
    {
        var invalid = await _gateway.PostAsync("api/intake/tickets", Json("""{"channel":"Phone","category":"Complaint","urgency":"Normal","title":"","content":"x","callerName":"王五","callerPhone":"not a phone","regionCode":"DC"}"""));
        var problem = await Problem(invalid, HttpStatusCode.BadRequest);
        Assert.Contains("Title", problem.Errors!.Keys);
        Assert.Contains("CallerPhone", problem.Errors!.Keys);

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

    private static StringContent Json(string body) => new(body, System.Text.Encoding.UTF8, "application/json");

    private static async Task<ProblemView> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return System.Text.Json.JsonSerializer.Deserialize<ProblemView>(body, Ticketing.BuildingBlocks.Messaging.EventJson.Options)!;
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ticketing.Contracts;

namespace Ticketing.SystemTests;

/// <summary>
/// Role × endpoint: every operation of every service, read from the services' own OpenAPI documents (so a new
/// endpoint cannot be forgotten), tried by nobody and by each sample user, directly and through the gateway.
/// Nobody gets 401; a role the table does not name gets 403; a named role gets past the gate (200, 201, or the
/// 400/404/409/422 that ids made up for the test earn), never a 5xx.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class AccessMatrixTests(SystemFixture system)
{
    private const string Everyone = "agent dispatcher office specialist supervisor admin";
    private const string CallCentre = "agent dispatcher specialist supervisor admin";
    private const string Open = "open"; // reached without signing in
    private const string AppToken = "app-token"; // daprd and peers only: 401 for every user

    /// <summary>Who may pass each operation's gate, as built. The test fails for an operation missing here.</summary>
    private static readonly Dictionary<string, string> Allowed = new()
    {
        ["intake POST /tickets"] = "agent supervisor",
        ["intake GET /tickets"] = CallCentre,
        ["intake GET /tickets/{id}"] = CallCentre,
        ["intake POST /tickets/{id}/accept"] = "agent supervisor",
        ["intake POST /tickets/{id}/reject"] = "agent supervisor",
        ["intake POST /tickets/{id}/resolve"] = "agent supervisor",
        ["intake GET /duplicates"] = CallCentre,
        ["intake GET /callers/{phone}/tickets"] = CallCentre,
        ["intake GET /catalogue"] = Everyone,
        ["dispatch GET /dispatches"] = "dispatcher specialist supervisor admin",
        ["dispatch GET /dispatches/{id}"] = "dispatcher specialist supervisor admin",
        ["dispatch POST /dispatches/{id}/assign"] = "dispatcher supervisor",
        ["dispatch GET /offices"] = Everyone,
        ["dispatch GET /offices/{code}"] = Everyone,
        ["dispatch GET /offices/{code}/inbox"] = Everyone,
        ["dispatch POST /offices"] = "admin",
        ["dispatch PUT /offices/{code}"] = "admin",
        ["dispatch GET /routing/rules/{id}"] = Everyone,
        ["dispatch POST /routing/rules"] = "admin",
        ["dispatch PUT /routing/rules/{id}"] = "admin",
        ["dispatch DELETE /routing/rules/{id}"] = "admin",
        ["dispatch POST /assignments/{id}/report"] = "office supervisor",
        ["dispatch GET /regions"] = Everyone,
        ["dispatch GET /routing/rules"] = Everyone,
        ["dispatch GET /routing/resolve"] = Everyone,
        ["dispatch POST /routing/preview"] = Everyone,
        ["dispatch GET /assignments"] = Everyone,
        ["dispatch GET /assignments/{id}"] = Everyone,
        ["dispatch POST /assignments/{id}/sign"] = "office supervisor",
        ["dispatch POST /assignments/{id}/return"] = "office supervisor",
        ["dispatch GET /return-reasons"] = Everyone,
        ["followup GET /cases"] = Everyone,
        ["followup GET /cases/{id}"] = Everyone,
        ["followup POST /cases/{id}/completion"] = "office supervisor",
        ["followup POST /cases/{id}/notes"] = "office supervisor",
        ["followup POST /cases/{id}/waiting"] = "office supervisor",
        ["followup POST /cases/{id}/attachments"] = "office supervisor",
        ["followup GET /cases/{id}/attachments/{attachmentId}"] = Everyone,
        ["supervision GET /clocks"] = Everyone,
        ["supervision POST /sla-scan"] = AppToken,
        ["supervision POST /clocks/{id}/reminders"] = "specialist supervisor",
        ["supervision GET /policies"] = Everyone,
        ["supervision PUT /policies/{category}/{urgency}"] = "admin",
        ["supervision DELETE /policies/{category}/{urgency}"] = "admin",
        ["supervision GET /notices"] = Everyone,
        ["supervision POST /notices/{id}/acknowledge"] = "office supervisor",
        ["supervision GET /extensions"] = Everyone,
        ["supervision POST /extensions"] = "office supervisor",
        ["supervision POST /extensions/{id}/approve"] = "supervisor",
        ["supervision POST /extensions/{id}/deny"] = "supervisor",
        ["supervision GET /views/due-soon"] = Everyone,
        ["supervision GET /views/breaches"] = Everyone,
        ["supervision GET /views/aging"] = Everyone,
        ["supervision GET /calendars"] = Everyone,
        ["supervision GET /calendars/{code}"] = Everyone,
        ["supervision POST /calendars/{code}/add-working-time"] = Everyone,
        ["supervision POST /calendars/{code}/working-time-between"] = Everyone,
        ["supervision POST /calendars"] = "admin",
        ["supervision PATCH /calendars/{code}"] = "admin",
        ["supervision POST /calendars/{code}/years"] = "admin",
        ["supervision PUT /calendars/{code}/years/{year}"] = "admin",
        ["callback GET /tasks"] = "agent specialist supervisor",
        ["callback GET /tasks/{id}"] = "agent specialist supervisor",
        ["callback POST /tasks/{id}/outcome"] = "agent supervisor",
        ["callback POST /tasks/{id}/attempts"] = "agent supervisor",
        ["callback POST /tasks/{id}/claim"] = "agent supervisor",
        ["callback POST /tasks/{id}/release"] = "agent supervisor",
        ["survey GET /responses"] = "agent specialist supervisor admin",
        ["survey GET /satisfaction"] = "agent specialist supervisor admin",
        ["survey POST /links"] = "agent specialist supervisor",
        ["survey GET /public/{token}"] = Open, // the customer's survey page: the signed token is the credential
        ["survey POST /public/{token}"] = Open,
        ["survey POST /public/{token}/form"] = Open,
        ["reporting GET /offices"] = "office specialist supervisor admin",
        ["reporting GET /offices/export"] = "office specialist supervisor admin",
        ["reporting GET /offices/weekly"] = "office specialist supervisor admin",
        ["reporting GET /agents"] = "agent specialist supervisor admin",
        ["reporting GET /agents/export"] = "agent specialist supervisor admin",
        ["workflow GET /lifecycle/definitions"] = Everyone,
        ["workflow GET /lifecycle/definitions/{name}"] = Everyone,
        ["workflow GET /lifecycle/definitions/{name}/graph"] = Everyone,
        ["workflow GET /lifecycle/graph"] = Everyone,
        ["workflow GET /instances"] = Everyone,
        ["workflow GET /instances/{ticketId}"] = Everyone,
        ["workflow GET /instances/{ticketId}/timeline"] = Everyone,
        ["workflow POST /instances/{ticketId}/triggers/{trigger}"] = Everyone, // each trigger's roles are the definition's
        ["identity GET /account/signin"] = Open,
        ["identity POST /account/signin"] = Open,
        ["identity GET /users"] = "admin",
        ["identity GET /users/{userName}"] = "admin",
        ["identity POST /users"] = "admin",
        ["identity PUT /users/{userName}"] = "admin",
        ["identity POST /users/{userName}/disable"] = "admin",
        ["identity POST /users/{userName}/enable"] = "admin",
        ["* GET /admin/backlog"] = "supervisor admin",
        ["* GET /admin/dead-letters"] = "admin",
        ["* POST /admin/dead-letters"] = "admin",
        ["* POST /admin/dead-letters/{id}/requeue"] = "admin",
        ["* GET /admin/waiting-events"] = "admin",
        ["* POST /events/{topic}"] = AppToken,
    };

    private static readonly Dictionary<string, string> UserOf = new()
    {
        ["agent"] = "agent1", ["dispatcher"] = "dispatcher1", ["office"] = "clerk-xc", ["specialist"] = "specialist1",
        ["supervisor"] = "supervisor1", ["admin"] = "admin1",
    };

    [Fact]
    public async Task Every_endpoint_of_every_service_answers_each_role_as_the_table_says_directly_and_through_the_gateway()
    {
        var operations = new List<(string AppId, string Method, string Path, string Key)>();
        foreach (var service in SystemApps.Services)
        {
            using var docs = system.AnonymousClientFor(service.AppId);
            using var document = JsonDocument.Parse(await docs.GetStringAsync("swagger/v1/swagger.json"));
            foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
            foreach (var method in path.Value.EnumerateObject().Where(m => m.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var template = EventRoute().Replace(path.Name, "/events/{topic}");
                var key = $"{service.AppId} {method.Name.ToUpperInvariant()} {template}";
                var wildcard = $"* {method.Name.ToUpperInvariant()} {template}";
                operations.Add((service.AppId, method.Name.ToUpperInvariant(), path.Name, Allowed.ContainsKey(key) ? key : wildcard));
            }
        }
        var unlisted = operations.Where(o => !Allowed.ContainsKey(o.Key)).Select(o => o.Key).Distinct().ToList();
        Assert.True(unlisted.Count == 0, "Endpoints the access table does not cover: " + string.Join("; ", unlisted));
        Assert.True(operations.Count > 60, $"only {operations.Count} operations found");

        var failures = new List<string>();
        foreach (var (appId, method, path, key) in operations)
        {
            var concrete = Concrete(path);
            var viaGateway = !IsInternal(path);
            foreach (var role in UserOf.Keys.Prepend(null))
            {
                var expected = Allowed[key] switch
                {
                    Open => Gate.Pass,
                    AppToken => Gate.Unauthenticated,
                    var roles when role is null => Gate.Unauthenticated,
                    var roles => roles.Split(' ').Contains(role) ? Gate.Pass : Gate.Forbidden,
                };
                using var direct = system.ClientFor(appId);
                await Check(failures, direct, method, concrete, role, expected, key);
                if (viaGateway) await Check(failures, _gateway, method, $"api/{appId}/{concrete}", role, expected, key + " (gateway)");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} answers differ from the table:\n" + string.Join("\n", failures.Take(40)));
    }

    private readonly HttpClient _gateway = system.Gateway;

    private enum Gate { Pass, Unauthenticated, Forbidden }

    private static async Task Check(List<string> failures, HttpClient client, string method, string path, string? role, Gate expected, string key)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path).SignedInAs(role is null ? SignedInHandler.Nobody : UserOf[role]);
        if (method != "GET") request.Content = JsonContent.Create(new { });
        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var ok = expected switch
        {
            Gate.Unauthenticated => status == 401,
            Gate.Forbidden => status == 403,
            _ => status is not (401 or 403) && status < 500,
        };
        if (!ok) failures.Add($"{key} as {role ?? "nobody"}: {status}, expected {expected}");
    }

    /// <summary>Made-up values for the route's parameters: ids nobody has, names nothing has.</summary>
    private static string Concrete(string template) => RouteParameter().Replace(template, match => match.Groups[1].Value switch
    {
        "id" when template.Contains("dead-letters") || template.Contains("routing/rules") => "987654321",
        "topic" => match.Value,
        "trigger" => "Escalate",
        "name" => "default",
        "code" => "SFS-NOWHERE",
        "year" => "2031",
        _ => Guid.NewGuid().ToString(),
    }).TrimStart('/');

    private static bool IsInternal(string path) => Regex.IsMatch(path, "^/(events|dapr|admin|sla-scan)");

    [GeneratedRegex(@"\{([A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex RouteParameter();

    [GeneratedRegex(@"^/events/[^/]+$")]
    private static partial Regex EventRoute();
}

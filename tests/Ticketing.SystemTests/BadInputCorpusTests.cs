using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ticketing.Contracts;

namespace Ticketing.SystemTests;

/// <summary>
/// Hostile input against every endpoint the services document (read from their OpenAPI documents through the
/// gateway, so a new endpoint is checked without anyone remembering to): every answer is a 4xx
/// <c>application/problem+json</c>, never a 5xx, and nothing the requests touched has changed afterwards.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class BadInputCorpusTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    [Fact]
    public async Task Every_bad_request_to_every_documented_endpoint_is_a_problem_and_changes_nothing()
    {
        var world = await World.PrepareAsync(_gateway);
        var operations = await OpenApi.OperationsAsync(_gateway);
        var cases = Corpus.For(operations, world).ToList();
        Assert.True(cases.Count >= 250, $"only {cases.Count} cases");
        await system.SettledAsync(); // what earlier tests set going has arrived everywhere
        var before = await world.SnapshotAsync(_gateway, operations);

        var failures = new List<string>();
        foreach (var badCase in cases)
        {
            using var request = badCase.Request();
            using var response = await _gateway.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            if (status is < 400 or >= 500 || !problem)
                failures.Add($"{badCase.Kind} {request.Method} {request.RequestUri} ({badCase.What}) → {status} {response.Content.Headers.ContentType}: {Shorten(body)}");
        }

        await system.SettledAsync();
        var after = await world.SnapshotAsync(_gateway, operations);
        foreach (var (what, value) in before.Where(b => after.GetValueOrDefault(b.Key) != b.Value))
            failures.Add($"state changed: {what}: {Shorten(value)} → {Shorten(after.GetValueOrDefault(what) ?? "(gone)")}");
        Console.WriteLine($"bad-input corpus: {cases.Count} cases over {operations.Count} operations; by kind: " +
                          string.Join(", ", cases.GroupBy(c => c.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}")) +
                          $"; {failures.Count} failure(s)");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Unusual_but_valid_text_round_trips_byte_for_byte()
    {
        const string title = "𠀀𠀁𪚥 路灯 😀👩‍👩‍👧 שלום العربية";
        const string content = "第一行：𠮷野家门口\n第二行\t制表符 — emoji 🚦 and RTL ‏עברית‏";
        const string name = "张𠀀 O'Brien";
        var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets", new
        {
            channel = "Phone", category = "Complaint", subCategory = "OtherComplaint", urgency = "Normal", title, content, callerName = name,
            callerPhone = "13800138000", regionCode = "DC",
        });
        var read = await _gateway.GetAsync<TicketView>($"api/intake/tickets/{ticket.Id}");
        Assert.Equal(Encoding.UTF8.GetBytes(title), Encoding.UTF8.GetBytes(read.Title));
        Assert.Equal(Encoding.UTF8.GetBytes(content), Encoding.UTF8.GetBytes(read.Content));
        Assert.Equal(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(read.CallerName));
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}

/// <summary>Real resources for the path parameters, so a bad body meets a real ticket, assignment, case and task.</summary>
public sealed record World(Guid ReceivedTicket, Guid TicketAtCallback, Guid Assignment, string OfficeCode, Guid CallbackTask, Guid Case, Guid Dispatch)
{
    public static async Task<World> PrepareAsync(HttpClient gateway)
    {
        var received = await gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(title: "坏输入语料"));
        var (ticket, assignment, task) = await Journeys.ToCallbackAsync(gateway, Calls.NewTicket(title: "坏输入语料 回访"));
        await Eventually.Until(() => gateway.GetAsync<InstanceView>($"api/workflow/instances/{received.Id}"), _ => true, what: "the instance");
        var handling = (await gateway.GetAsync<PageOf<CaseView>>($"api/followup/cases?ticketId={ticket.Id}")).Items.Single();
        return new World(received.Id, ticket.Id, assignment.Id, assignment.OfficeCode, task.Id, handling.Id, assignment.DispatchId);
    }

    /// <summary>The value a path parameter takes to reach a real resource.</summary>
    public string PathValue(string path, string parameter) => parameter switch
    {
        _ when path.Contains("/assignments/") => Assignment.ToString(),
        _ when path.Contains("/tasks/") => CallbackTask.ToString(),
        _ when path.Contains("/cases/") => Case.ToString(),
        _ when path.Contains("/dispatches/") => Dispatch.ToString(),
        "code" => OfficeCode,
        "name" => "default",
        "trigger" => "CloseEarly", // a supervisor's command: a bad body must be refused before the role is even looked at
        _ when path.Contains("/accept") || path.Contains("/reject") || path.Contains("/resolve") => ReceivedTicket.ToString(),
        _ => TicketAtCallback.ToString(),
    };

    /// <summary>Every list's total and every resource the corpus aims at, read through the gateway.</summary>
    public async Task<Dictionary<string, string>> SnapshotAsync(HttpClient gateway, IReadOnlyList<Operation> operations)
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var list in operations.Where(o => o.Method == "GET" && !o.Path.Contains('{') && o.Path.EndsWith('s') && !Corpus.IsInternal(o.Path)))
        {
            using var response = await gateway.GetAsync(list.GatewayPath);
            if (!response.IsSuccessStatusCode) continue; // a look-up that needs its parameters (duplicates) holds no state
            var body = await response.Content.ReadAsStringAsync();
            snapshot[list.GatewayPath] = JsonNode.Parse(body) is JsonObject page && page["total"] is { } total ? $"total {total}" : body;
        }
        foreach (var resource in new[]
                 {
                     $"api/intake/tickets/{ReceivedTicket}", $"api/intake/tickets/{TicketAtCallback}", $"api/dispatch/assignments/{Assignment}",
                     $"api/followup/cases/{Case}", $"api/dispatch/dispatches/{Dispatch}", $"api/callback/tasks/{CallbackTask}", $"api/workflow/instances/{ReceivedTicket}",
                     $"api/workflow/instances/{TicketAtCallback}",
                 })
            snapshot[resource] = await (await gateway.GetAsync(resource)).Content.ReadAsStringAsync();
        return snapshot;
    }
}

public sealed record Operation(string Service, string Method, string Path, IReadOnlyList<JsonObject> Parameters, JsonObject? BodySchema, JsonObject Document)
{
    public string GatewayPath => $"api/{Service}{Path}";
}

public static class OpenApi
{
    public static async Task<List<Operation>> OperationsAsync(HttpClient gateway)
    {
        var operations = new List<Operation>();
        foreach (var service in SystemApps.Services)
        {
            var document = JsonNode.Parse(await gateway.GetStringAsync($"api/{service.AppId}/swagger/v1/swagger.json"))!.AsObject();
            foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = (operation!["parameters"]?.AsArray() ?? []).OfType<JsonObject>().ToList();
                var body = operation["requestBody"]?["content"]?["application/json"]?["schema"] is JsonObject schema ? Resolve(document, schema) : null;
                operations.Add(new Operation(service.AppId, method.ToUpperInvariant(), path, parameters, body, document));
            }
        }
        return operations;
    }

    public static JsonObject Resolve(JsonObject document, JsonObject schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject()
            : schema;
}

public sealed record BadCase(string Kind, string What, Func<HttpRequestMessage> Request);

/// <summary>The bad requests, by kind: each a way real clients and attackers get it wrong.</summary>
public static class Corpus
{
    private static readonly string[] BadIds = ["not-a-guid", "00000000-0000-0000-0000-000000000000", Guid.NewGuid().ToString(), "..%2F..%2Fetc", new string('9', 300)];

    public static IEnumerable<BadCase> For(IReadOnlyList<Operation> operations, World world)
    {
        foreach (var operation in operations.Where(o => !IsInternal(o.Path)))
        {
            foreach (var badCase in PathCases(operation, world)) yield return badCase;
            foreach (var badCase in QueryCases(operation, world)) yield return badCase;
            if (operation.BodySchema is not null)
                foreach (var badCase in BodyCases(operation, world)) yield return badCase;
        }
        foreach (var badCase in InternalRoutes(operations)) yield return badCase;
        foreach (var badCase in ProtocolCases(operations)) yield return badCase;
    }

    public static bool IsInternal(string path) =>
        path.StartsWith("/events") || path.StartsWith("/dapr") || path.StartsWith("/admin") || path.StartsWith("/sla-scan") || path.StartsWith("/health");

    private static IEnumerable<BadCase> PathCases(Operation operation, World world)
    {
        foreach (var parameter in operation.Parameters.Where(p => (string?)p["in"] == "path"))
        foreach (var bad in BadIds)
        {
            var name = (string)parameter["name"]!;
            var path = Fill(operation, world, (name, bad));
            yield return new("path id", $"{name}={Short(bad)}", () => new HttpRequestMessage(new HttpMethod(operation.Method), path)
                { Content = operation.BodySchema is null ? null : Json(ValidBody(operation, world)) });
        }
    }

    private static IEnumerable<BadCase> QueryCases(Operation operation, World world)
    {
        foreach (var parameter in operation.Parameters.Where(p => (string?)p["in"] == "query"))
        {
            var name = (string)parameter["name"]!;
            var schema = parameter["schema"] as JsonObject;
            string[] bad = (string?)schema?["type"] switch
            {
                "integer" => ["0", "-1", "abc", "99999999999", "1.5"],
                _ when name is "ticketId" => ["not-a-guid", "1"],
                _ when schema?["$ref"] is not null || schema?["enum"] is not null => ["NoSuchValue", " "],
                _ => [],
            };
            if (name == "pageSize") bad = [.. bad, "201", "100000"];
            foreach (var value in bad)
                yield return new("query", $"{name}={value}", () => new HttpRequestMessage(new HttpMethod(operation.Method),
                    Fill(operation, world) + "?" + name + "=" + Uri.EscapeDataString(value)));
        }
    }

    private static IEnumerable<BadCase> BodyCases(Operation operation, World world)
    {
        var path = Fill(operation, world);
        HttpRequestMessage Send(HttpContent? content) => new(new HttpMethod(operation.Method), path) { Content = content };
        yield return new("body shape", "no body", () => Send(null));
        yield return new("body shape", "empty body", () => Send(Raw("")));
        yield return new("body shape", "malformed JSON", () => Send(Raw("{\"title\": ")));
        yield return new("body shape", "an array", () => Send(Raw("[]")));
        yield return new("body shape", "a string", () => Send(Raw("\"text\"")));
        yield return new("body shape", "null", () => Send(Raw("null")));
        yield return new("body shape", "text/plain", () => Send(new StringContent(ValidBody(operation, world).ToJsonString(), Encoding.UTF8, "text/plain")));

        var schema = operation.BodySchema!;
        var required = (schema["required"]?.AsArray() ?? []).Select(r => (string)r!).ToHashSet();
        foreach (var (property, propertySchemaNode) in schema["properties"]!.AsObject())
        {
            var propertySchema = OpenApi.Resolve(operation.Document, propertySchemaNode!.AsObject());
            IEnumerable<(string Kind, string What, JsonNode? Value, bool Remove)> mutations = [];
            if (required.Contains(property)) mutations = mutations.Append(("required", $"{property} missing", null, true));
            if (required.Contains(property)) mutations = mutations.Append(("required", $"{property} null", null, false));
            if (propertySchema["enum"] is JsonArray names)
                mutations = mutations.Concat(new (string, string, JsonNode?, bool)[]
                {
                    ("enum", $"{property} as a number", 1, false), ("enum", $"{property} as a digit string", "1", false),
                    ("enum", $"{property} as a list", $"{names[0]}, {names[^1]}", false), ("enum", $"{property} padded", $" {names[0]}", false),
                    ("enum", $"{property} unknown", "NoSuchValue", false),
                });
            else if (Types(propertySchema).Contains("string"))
                mutations = mutations.Concat(new (string, string, JsonNode?, bool)[]
                {
                    ("text", $"{property} with NUL", "坏\u0000值", false), ("text", $"{property} with a bell", "响\u0007铃", false),
                    ("text", $"{property} with an escape", "\u001b[31m红", false),
                    ("type", $"{property} as a number", 42, false), ("type", $"{property} as an object", new JsonObject { ["x"] = 1 }, false),
                    ("length", $"{property} over its maxLength",
                        new string('长', (propertySchema["maxLength"]?.GetValue<int>() ?? 20_000) + 1), false),
                }).Concat(required.Contains(property)
                    ? [("text", $"{property} only zero-width spaces", "\u200B\u200B\u200B", false), ("text", $"{property} only spaces", "   ", false)]
                    : []);
            else if (Types(propertySchema).Contains("boolean"))
                mutations = mutations.Concat(new (string, string, JsonNode?, bool)[]
                    { ("type", $"{property} as a string", "true", false), ("type", $"{property} as a number", 1, false) });

            foreach (var (kind, what, value, remove) in mutations)
            {
                yield return new(kind, what, () =>
                {
                    var body = ValidBody(operation, world);
                    if (remove) body.Remove(property);
                    else body[property] = value?.DeepClone();
                    return Send(Json(body));
                });
            }
        }
    }

    /// <summary>Doors that only peers, daprd and operators may use are closed at the gateway.</summary>
    private static IEnumerable<BadCase> InternalRoutes(IReadOnlyList<Operation> operations)
    {
        foreach (var service in SystemApps.Services)
        {
            foreach (var topic in service.SubscribedTopics)
                yield return new("internal route", $"forged {topic}", () => new HttpRequestMessage(HttpMethod.Post, $"api/{service.AppId}/events/{topic}")
                    { Content = Raw("""{"specversion":"1.0","id":"x","type":"t","data":{}}""", "application/cloudevents+json") });
            yield return new("internal route", "dapr/subscribe", () => new HttpRequestMessage(HttpMethod.Get, $"api/{service.AppId}/dapr/subscribe"));
            yield return new("internal route", "dead letters", () => new HttpRequestMessage(HttpMethod.Get, $"api/{service.AppId}/admin/dead-letters"));
            yield return new("internal route", "requeue", () => new HttpRequestMessage(HttpMethod.Post, $"api/{service.AppId}/ADMIN/dead-letters/1/requeue"));
        }
        yield return new("internal route", "sla-scan", () => new HttpRequestMessage(HttpMethod.Post, "api/supervision/sla-scan"));
        yield return new("internal route", "encoded events", () => new HttpRequestMessage(HttpMethod.Post, "api/workflow/%65vents/ticket.accepted") { Content = Raw("{}") });
    }

    private static IEnumerable<BadCase> ProtocolCases(IReadOnlyList<Operation> operations)
    {
        yield return new("protocol", "URL of 10 KB", () => new HttpRequestMessage(HttpMethod.Get, "api/intake/tickets?phone=" + new string('1', 10_000)));
        yield return new("protocol", "headers of 40 KB", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "api/intake/tickets");
            for (var i = 0; i < 8; i++) request.Headers.Add($"X-Padding-{i}", new string('x', 5_000));
            return request;
        });
        yield return new("protocol", "150 headers", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "api/intake/tickets");
            for (var i = 0; i < 150; i++) request.Headers.Add($"X-Many-{i}", "1");
            return request;
        });
        yield return new("protocol", "DELETE a ticket list", () => new HttpRequestMessage(HttpMethod.Delete, "api/intake/tickets"));
        yield return new("protocol", "PUT an assignment list", () => new HttpRequestMessage(HttpMethod.Put, "api/dispatch/assignments") { Content = Raw("{}") });
        yield return new("protocol", "unknown route", () => new HttpRequestMessage(HttpMethod.Get, "api/intake/no-such-thing"));
        yield return new("protocol", "unknown service", () => new HttpRequestMessage(HttpMethod.Get, "api/nosuchservice/tickets"));
        yield return new("protocol", "body of 31 MB", () =>
        {
            // As a well-behaved client sends a large body: the server can refuse it before it is sent.
            var request = new HttpRequestMessage(HttpMethod.Post, "api/intake/tickets")
                { Content = Raw("{\"title\":\"" + new string('x', 31 * 1024 * 1024) + "\"}") };
            request.Headers.ExpectContinue = true;
            return request;
        });
    }

    /// <summary>A body the endpoint would accept, built from its schema, with real codes where the schema cannot know them.</summary>
    private static JsonObject ValidBody(Operation operation, World world)
    {
        var body = new JsonObject();
        foreach (var (property, node) in operation.BodySchema!["properties"]!.AsObject())
        {
            var schema = OpenApi.Resolve(operation.Document, node!.AsObject());
            body[property] = property switch
            {
                "officeCode" => world.OfficeCode,
                "regionCode" => "DC",
                "callerPhone" => "13800138000",
                "urgency" => "Normal",
                _ when schema["enum"] is JsonArray names => names[0]!.DeepClone(),
                _ when Types(schema).Contains("boolean") => true,
                _ when Types(schema).Contains("integer") => 1,
                _ => "语料测试",
            };
        }
        return body;
    }

    private static HashSet<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => (string)t!).ToHashSet(),
        JsonValue type => [(string)type!],
        _ => [],
    };

    private static string Fill(Operation operation, World world, (string Name, string Value)? replace = null)
    {
        var path = operation.GatewayPath;
        foreach (var parameter in operation.Parameters.Where(p => (string?)p["in"] == "path"))
        {
            var name = (string)parameter["name"]!;
            var value = replace is { } r && r.Name == name ? r.Value : world.PathValue(operation.Path, name);
            path = path.Replace("{" + name + "}", value);
        }
        return path;
    }

    private static HttpContent Json(JsonNode body) => Raw(body.ToJsonString());

    private static HttpContent Raw(string text, string mediaType = "application/json") => new StringContent(text, Encoding.UTF8, mediaType);

    private static string Short(string text) => text.Length <= 20 ? text : text[..20] + "…";
}

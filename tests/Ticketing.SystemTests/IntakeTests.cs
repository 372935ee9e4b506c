using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ticketing.BuildingBlocks.Messaging;

namespace Ticketing.SystemTests;

/// <summary>Registration as agents use it: numbers kept one way, repeats that are safe, earlier tickets found while typing.</summary>
[Collection(SystemCollection.Name)]
public sealed class IntakeTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    private static string UniqueMobile() => "139" + Random.Shared.Next(10_000_000, 99_999_999);

    private static JsonObject Call(string phone, string title = "路灯不亮", string content = "东华路12号门前路灯不亮，已经三天了", string? address = null) => new()
    {
        ["channel"] = "Phone", ["category"] = "HelpRequest", ["urgency"] = "Normal", ["title"] = title, ["content"] = content,
        ["callerName"] = "赵六", ["callerPhone"] = phone, ["regionCode"] = "DC", ["address"] = address, ["subCategory"] = "StreetLighting",
    };

    private async Task<HttpResponseMessage> RegisterAsync(JsonObject call, string? key = null, string user = "agent1")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/intake/tickets")
        {
            Content = JsonContent.Create(call, options: EventJson.Options),
        }.SignedInAs(user);
        if (key is not null) request.Headers.Add("Idempotency-Key", key);
        return await _gateway.SendAsync(request);
    }

    [Fact]
    public async Task A_number_typed_any_way_is_one_caller_and_their_history_is_newest_first()
    {
        var mobile = UniqueMobile();
        var spaced = $"+86 {mobile[..3]} {mobile[3..7]} {mobile[7..]}";
        var first = await (await RegisterAsync(Call(spaced, title: "第一次来电"))).ReadAsync<TicketView>();
        Assert.Equal(mobile, first.CallerPhone);
        var second = await (await RegisterAsync(Call($"0086-{mobile}", title: "第二次来电"))).ReadAsync<TicketView>();

        var history = await _gateway.GetAsync<PageOf<TicketView>>($"api/intake/callers/{Uri.EscapeDataString(spaced)}/tickets");
        Assert.Equal([second.Id, first.Id], history.Items.Select(t => t.Id));
        Assert.Equal(2, (await _gateway.GetAsync<PageOf<TicketView>>($"api/intake/tickets?phone={mobile[..3]}-{mobile[3..]}")).Total);

        var landline = await (await RegisterAsync(Call("(010) 8765 4321", title: "座机来电"))).ReadAsync<TicketView>();
        Assert.Equal("010-87654321", landline.CallerPhone);
        Assert.Equal(HttpStatusCode.BadRequest, (await _gateway.GetAsync("api/intake/callers/call-me/tickets")).StatusCode);
        var refused = await RegisterAsync(Call("call me"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("'callerPhone' must be a mainland mobile", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_registration_repeated_with_its_idempotency_key_answers_the_first_ticket_and_registers_nothing_more()
    {
        var phone = UniqueMobile();
        var key = Guid.NewGuid().ToString();
        var created = await RegisterAsync(Call(phone), key);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var first = await created.ReadAsync<TicketView>();

        var again = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => RegisterAsync(Call(phone), key))); // a client retrying after timeouts
        Assert.All(again, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.All(await Task.WhenAll(again.Select(r => r.ReadAsync<TicketView>())), t => Assert.Equal((first.Id, first.Number), (t.Id, t.Number)));
        Assert.Equal(1, (await _gateway.GetAsync<PageOf<TicketView>>($"api/intake/tickets?phone={phone}")).Total);

        var otherCall = await RegisterAsync(Call(phone, title: "另一件事"), key);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherCall.StatusCode);
        Assert.Contains(first.Number, await otherCall.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, (await RegisterAsync(Call(phone), key, user: "agent2")).StatusCode); // keys are each agent's own
        Assert.Equal(HttpStatusCode.BadRequest, (await RegisterAsync(Call(phone), new string('k', 101))).StatusCode);
    }

    [Fact]
    public async Task Fifty_registrations_at_once_get_fifty_different_numbers_of_the_hotlines_day()
    {
        var tickets = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
            await (await RegisterAsync(Call(UniqueMobile(), title: $"并发登记 {i}"))).ReadAsync<TicketView>()));
        Assert.Equal(50, tickets.Select(t => t.Number).Distinct().Count());
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).ToString("yyyyMMdd");
        Assert.All(tickets, t => Assert.Matches($"^GD({today}|\\d{{8}})-\\d{{6}}$", t.Number));
    }

    [Fact]
    public async Task A_call_is_answered_with_the_earlier_tickets_it_may_repeat_by_phone_or_by_alike_text_at_the_address()
    {
        var phone = UniqueMobile();
        var address = $"东华路{Random.Shared.Next(100, 999)}号";
        var first = await (await RegisterAsync(Call(phone, address: address))).ReadAsync<TicketView>();
        var unrelated = await (await RegisterAsync(Call(UniqueMobile(), title: "电梯故障", content: "小区电梯故障，老人被困", address: address))).ReadAsync<TicketView>();

        // The same caller again: their open ticket comes first.
        var again = await (await RegisterAsync(Call(phone, title: "路灯还是不亮", address: address))).ReadAsync<Registered>();
        var top = again.DuplicateCandidates.First();
        Assert.Equal(first.Id, top.TicketId);
        Assert.Contains("same phone", top.Reasons);
        Assert.InRange(top.Score, 0.5, 1);

        // A neighbour reporting the same light at the same address, typed a little differently: alike text.
        var neighbour = await (await RegisterAsync(Call(UniqueMobile(), content: "东华路 12 号门前的路灯不亮了三天", address: address.Replace("号", " 号")))).ReadAsync<Registered>();
        var alike = Assert.Single(neighbour.DuplicateCandidates, c => c.TicketId == first.Id);
        Assert.Contains("same address", alike.Reasons);
        Assert.Contains(alike.Reasons, r => r.StartsWith("similar text"));
        Assert.DoesNotContain(neighbour.DuplicateCandidates, c => c.TicketId == unrelated.Id); // same address, another matter

        // While the agent is still typing.
        var typing = await _gateway.GetAsync<List<Candidate>>($"api/intake/duplicates?phone={phone}&content={Uri.EscapeDataString("路灯不亮")}");
        Assert.Contains(typing, c => c.TicketId == first.Id);
        Assert.Equal(HttpStatusCode.BadRequest, (await _gateway.GetAsync("api/intake/duplicates?content=路灯")).StatusCode);
    }

    [Fact]
    public async Task Tickets_are_found_by_text_in_their_title_or_content_by_caller_name_and_category_sorted_and_paged()
    {
        var marker = "暗号" + Guid.NewGuid().ToString("N")[..6];
        var first = await (await RegisterAsync(Call(UniqueMobile(), title: "检索一", content: $"内容含{marker}甲"))).ReadAsync<TicketView>();
        var second = await (await RegisterAsync(Call(UniqueMobile(), title: $"检索二{marker}", content: "标题含暗号"))).ReadAsync<TicketView>();

        var found = await _gateway.GetAsync<PageOf<TicketView>>($"api/intake/tickets?text={Uri.EscapeDataString(marker)}");
        Assert.Equal([second.Id, first.Id], found.Items.Select(t => t.Id)); // newest first
        var oldestFirst = await _gateway.GetAsync<PageOf<TicketView>>($"api/intake/tickets?text={Uri.EscapeDataString(marker)}&sort=receivedAt&pageSize=1");
        Assert.Equal((first.Id, 2), (oldestFirst.Items.Single().Id, oldestFirst.Total));
        Assert.Empty((await _gateway.GetAsync<PageOf<TicketView>>($"api/intake/tickets?text={Uri.EscapeDataString(marker)}&category=Complaint")).Items);
        Assert.Contains((await _gateway.GetAsync<PageOf<TicketView>>("api/intake/tickets?name=赵&pageSize=100")).Items, t => t.Id == first.Id);

        var refused = await _gateway.GetAsync("api/intake/tickets?sort=title");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("sort", await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Calls_are_filed_under_the_two_level_catalogue_and_anonymous_only_where_the_category_allows()
    {
        var catalogue = await _gateway.GetAsync<List<CatalogueEntry>>("api/intake/catalogue");
        Assert.Contains(catalogue, c => c.Category == "Report" && c.AnonymousAllowed && c.SubCategories.Any(s => s.Code == "FoodSafety"));

        var noise = Call(UniqueMobile(), title: "广场舞噪音");
        noise["category"] = "Complaint";
        noise["subCategory"] = "noise"; // any case; kept as the catalogue spells it
        var filed = await (await RegisterAsync(noise)).ReadAsync<TicketView>();
        Assert.Equal("Noise", (await _gateway.GetAsync<JsonObject>($"api/intake/tickets/{filed.Id}"))["subCategory"]!.GetValue<string>());
        Assert.Contains((await _gateway.GetAsync<PageOf<TicketView>>("api/intake/tickets?category=Complaint&subCategory=Noise&pageSize=100")).Items,
            t => t.Id == filed.Id);

        noise["subCategory"] = "Gripe";
        var unknown = await RegisterAsync(noise);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("Noise (噪音扰民)", await unknown.Content.ReadAsStringAsync());
        noise.Remove("subCategory");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await RegisterAsync(noise)).StatusCode);

        var tipOff = Call(UniqueMobile(), title: "举报无证餐馆");
        (tipOff["category"], tipOff["subCategory"], tipOff["callerName"]) = ("Report", "FoodSafety", null);
        Assert.Equal("", (await (await RegisterAsync(tipOff)).ReadAsync<TicketView>()).CallerName); // anonymous
        var nameless = Call(UniqueMobile());
        nameless["callerName"] = "";
        var refused = await RegisterAsync(nameless);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("anonymous", await refused.Content.ReadAsStringAsync());
    }

    private sealed record CatalogueEntry(string Category, string Name, bool AnonymousAllowed, List<CatalogueSub> SubCategories);

    private sealed record CatalogueSub(string Code, string Name);

    private sealed record Candidate(Guid TicketId, string Number, double Score, List<string> Reasons);

    private sealed record Registered(Guid Id, string Number, List<Candidate> DuplicateCandidates);
}

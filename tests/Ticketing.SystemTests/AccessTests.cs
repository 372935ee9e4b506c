using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Ticketing.Contracts;

namespace Ticketing.SystemTests;

/// <summary>Who may see and do what, each rule tried both ways, with tokens from the identity service and forged ones.</summary>
[Collection(SystemCollection.Name)]
public sealed class AccessTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    private async Task<HttpResponseMessage> GetAsync(string path, string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path).SignedInAs(user);
        return await _gateway.SendAsync(request);
    }

    private async Task<T> GetAsAsync<T>(string path, string user) => await (await GetAsync(path, user)).ReadAsync<T>();

    [Fact]
    public async Task Office_staff_see_only_their_office_and_its_sub_offices_and_another_offices_ticket_is_404()
    {
        var (ticket, assignment) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "DC-DH", title: "东华街道井盖缺失"));
        Assert.Equal("SFS-DC-DH", assignment.OfficeCode);
        await Journeys.StateAsync(_gateway, ticket.Id, TicketState.Assigned);

        // Its own office and the district above it see it; another district does not, in every service.
        foreach (var clerk in new[] { "clerk-dcdh", "clerk-dc" })
        {
            Assert.Contains((await GetAsAsync<PageOf<AssignmentView>>($"api/dispatch/assignments?ticketId={ticket.Id}", clerk)).Items, a => a.Id == assignment.Id);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync($"api/dispatch/assignments/{assignment.Id}", clerk)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync($"api/workflow/instances/{ticket.Id}", clerk)).StatusCode);
            await Eventually.Until(() => GetAsAsync<PageOf<ClockView>>($"api/supervision/clocks?ticketId={ticket.Id}", clerk),
                clocks => clocks.Items.Any(c => c.WorkItemId == assignment.Id), what: $"the sign-for clock as {clerk} sees it");
        }
        Assert.Empty((await GetAsAsync<PageOf<AssignmentView>>($"api/dispatch/assignments?ticketId={ticket.Id}", "clerk-xc")).Items);
        Assert.Empty((await GetAsAsync<PageOf<ClockView>>($"api/supervision/clocks?ticketId={ticket.Id}", "clerk-xc")).Items);
        Assert.DoesNotContain((await GetAsAsync<PageOf<AssignmentView>>("api/dispatch/assignments?pageSize=200", "clerk-xc")).Items, a => a.OfficeCode != "SFS-XC");
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"api/dispatch/assignments/{assignment.Id}", "clerk-xc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"api/workflow/instances/{ticket.Id}", "clerk-xc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"api/workflow/instances/{ticket.Id}/timeline", "clerk-xc")).StatusCode);
        // Office staff read their work where it is kept for them, not in the call centre's ticket register.
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync($"api/intake/tickets/{ticket.Id}", "clerk-dcdh")).StatusCode);

        // Acting on another office's work: as if it did not exist; naming another office: 403.
        var foreign = await _gateway.SendPostAsync($"api/dispatch/assignments/{assignment.Id}/sign", new { officeCode = "SFS-XC" }, user: "clerk-xc");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        var hidden = await _gateway.SendPostAsync($"api/dispatch/assignments/{assignment.Id}/return",
            new { officeCode = "SFS-DC-DH", reasonCode = "NotOurJurisdiction", reason = "不是我们的" }, user: "clerk-xc");
        Assert.Equal(HttpStatusCode.Forbidden, hidden.StatusCode); // SFS-DC-DH is not clerk-xc's to act for
        Assert.Equal(TicketState.Assigned, (await _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}")).State);

        // The district clerk may sign for its sub-district's work; the timeline names who, in which role and office.
        await _gateway.PostAsync<AssignmentView>($"api/dispatch/assignments/{assignment.Id}/sign", new { officeCode = "SFS-DC-DH" }, user: "clerk-dc");
        var handling = await Journeys.OpenCaseAsync(_gateway, ticket.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync($"api/followup/cases/{handling.Id}", "clerk-xc")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _gateway.SendPostAsync($"api/followup/cases/{handling.Id}/completion",
            new { officeCode = "SFS-XC", replyToCustomer = "冒名办结" }, user: "clerk-xc")).StatusCode);
        var signed = (await _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}")).Timeline.Single(l => l.Kind == "SignFor");
        Assert.Equal(("clerk-dc", "office", "SFS-DC-DH"), (signed.Actor, signed.Role, signed.Office));
    }

    [Fact]
    public async Task A_callers_number_is_whole_for_the_agent_who_took_the_call_and_supervisors_and_masked_for_everyone_else()
    {
        var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(phone: "13912345678", title: "号码遮蔽"), user: "agent1");
        Assert.Equal("13912345678", ticket.CallerPhone);
        foreach (var (user, expected) in new[]
                 {
                     ("agent1", "13912345678"), ("supervisor1", "13912345678"), ("specialist1", "13912345678"),
                     ("agent2", "139****5678"), ("dispatcher1", "139****5678"), ("admin1", "139****5678"),
                 })
        {
            Assert.Equal(expected, (await GetAsAsync<TicketView>($"api/intake/tickets/{ticket.Id}", user)).CallerPhone);
            var found = await GetAsAsync<PageOf<TicketView>>("api/intake/tickets?phone=13912345678", user);
            Assert.Equal(expected, found.Items.Single(t => t.Id == ticket.Id).CallerPhone);
        }
    }

    [Fact]
    public async Task An_agent_cannot_reject_resolve_merge_or_close_a_complaint_naming_them_but_a_colleague_can()
    {
        var call = new JsonObject
        {
            ["channel"] = "Phone", ["category"] = "Complaint", ["urgency"] = "Normal", ["title"] = "投诉话务员推诿", ["content"] = "话务员李强态度差",
            ["callerName"] = "王五", ["callerPhone"] = "13700001111", ["regionCode"] = "DC", ["concernedStaff"] = "agent2",
            ["subCategory"] = "StaffConduct",
        };
        var complaint = await _gateway.PostAsync<TicketView>("api/intake/tickets", call, user: "agent1");
        var other = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(title: "同一投诉"), user: "agent1");
        await Journeys.StateAsync(_gateway, complaint.Id, TicketState.Received);

        foreach (var (path, body) in new (string, object)[]
                 {
                     ($"api/intake/tickets/{complaint.Id}/reject", new { reason = "无效投诉" }),
                     ($"api/intake/tickets/{complaint.Id}/resolve", new { answer = "已解释" }),
                     ($"api/workflow/instances/{complaint.Id}/triggers/Merge", new { reason = "重复", primaryTicketId = other.Id }),
                 })
        {
            var refused = await _gateway.SendPostAsync(path, body, user: "agent2");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("complaint about you", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(TicketState.Received, (await _gateway.GetAsync<InstanceView>($"api/workflow/instances/{complaint.Id}")).State);
        var flagged = (await _gateway.GetAsync<InstanceView>($"api/workflow/instances/{complaint.Id}")).Timeline.Single(l => l.Kind == "ConcernsStaff");
        Assert.Contains("agent2", flagged.Reason);

        // A complaint about the agent who registers it is still registered, and flagged for supervisors.
        var aboutThemselves = await _gateway.PostAsync<TicketView>("api/intake/tickets", call.DeepClone().AsObject(), user: "agent2");
        var flag = await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{aboutThemselves.Id}"),
            i => i.Timeline.Any(l => l.Kind == "ConcernsStaff"), what: "the flag on the timeline");
        Assert.StartsWith("For supervisors", flag.Timeline.Single(l => l.Kind == "ConcernsStaff").Reason);
        Assert.Equal(HttpStatusCode.Forbidden, (await _gateway.SendPostAsync($"api/intake/tickets/{aboutThemselves.Id}/reject", new { reason = "无效" }, user: "agent2")).StatusCode);

        // Refusals are on the audit trail too, with who tried.
        await Eventually.Until(() => Task.FromResult(ReadShared(system.System.LogFileOf("intake"))),
            log => log.Contains($"audit agent2 agent - POST /tickets/{complaint.Id}/reject → 403"), what: "the refused rejection's audit line");

        await _gateway.PostAsync<TicketView>($"api/intake/tickets/{complaint.Id}/reject", new { reason = "不属于受理范围" }, user: "agent1");
        await Journeys.StateAsync(_gateway, complaint.Id, TicketState.Rejected);
    }

    [Fact]
    public async Task Tokens_that_are_expired_from_another_issuer_signed_by_another_key_tampered_or_missing_are_401_everywhere()
    {
        var issuer = system.System.Layout.GatewayUrl.ToString();
        var realKey = IdentitySigningKey();
        var strangerKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = realKey.KeyId };
        var genuine = Mint(realKey, issuer, "clerk-dcdh", "office", "SFS-DC-DH", TimeSpan.FromMinutes(5));
        var forged = new Dictionary<string, string?>
        {
            ["none"] = null,
            ["expired"] = Mint(realKey, issuer, "supervisor1", "supervisor", null, TimeSpan.FromMinutes(-10)),
            ["another issuer"] = Mint(realKey, "https://login.example.com/", "supervisor1", "supervisor", null, TimeSpan.FromMinutes(5)),
            ["another key"] = Mint(strangerKey, issuer, "supervisor1", "supervisor", null, TimeSpan.FromMinutes(5)),
            ["tampered office"] = WithClaim(genuine, "office", "SFS-XC"),
            ["tampered role"] = WithClaim(genuine, "role", "supervisor"),
            ["unsigned"] = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = issuer, Audience = "ticketing-api", Expires = DateTime.UtcNow.AddMinutes(5),
                Subject = new ClaimsIdentity([new Claim("sub", "x"), new Claim("role", "supervisor")]),
            }),
        };

        // The token minted with the identity's own key is accepted: the refusals below are about what was changed.
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(_gateway, "api/dispatch/assignments", genuine)).StatusCode);
        using var direct = system.AnonymousClientFor("dispatch");
        foreach (var (what, token) in forged)
        {
            foreach (var (client, path) in new[] { (_gateway, "api/dispatch/assignments"), (direct, "assignments") })
            {
                var response = await SendAsync(client, path, token);
                Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{what} at {client.BaseAddress}{path}: {(int)response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
            }
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path).SignedInAs(SignedInHandler.Nobody);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    /// <summary>The identity service's signing key, as it keeps it in the data folder.</summary>
    private RsaSecurityKey IdentitySigningKey()
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.Combine(system.System.Layout.DataDir, "identity-keys", "signing.pem")));
        return new RsaSecurityKey(rsa)
        {
            KeyId = Base64UrlEncoder.Encode(new RsaSecurityKey(rsa.ExportParameters(false)).ComputeJwkThumbprint()),
        };
    }

    private static string Mint(SecurityKey key, string issuer, string user, string role, string? office, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new("sub", user), new("preferred_username", user), new("role", role) };
        if (office is not null) claims.Add(new Claim("office", office));
        var expires = DateTime.UtcNow + lifetime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = "ticketing-api", Subject = new ClaimsIdentity(claims), TokenType = "at+jwt",
            IssuedAt = expires.AddMinutes(-30), NotBefore = expires.AddMinutes(-30), Expires = expires,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>The same token with one claim changed and the original signature kept.</summary>
    private static string WithClaim(string token, string claim, string value)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])))!;
        payload[claim] = value;
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";
    }
}

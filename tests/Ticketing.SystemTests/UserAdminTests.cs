using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ticketing.BuildingBlocks.Messaging;

namespace Ticketing.SystemTests;

/// <summary>
/// The identity service's user admin through the gateway: an admin creates users who then sign in, changes their roles and office
/// (the next token carries them), disables and enables accounts; nobody else may. Users made here have names of their own, so
/// the tests can run again on the same data.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class UserAdminTests(SystemFixture system)
{
    private const string FirstPassword = "Welcome#2026";

    private readonly HttpClient _gateway = system.Gateway;

    private sealed record UserView(string Id, string UserName, string DisplayName, List<string> Roles, string? OfficeCode, bool Disabled,
        DateTimeOffset? DisabledAt, string? DisabledBy, DateTimeOffset? ChangedAt, string? ChangedBy);

    private sealed record UserPage(List<UserView> Items, int PageNumber, int PageSize, int Total);

    private static string NewName(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string user = "admin1")
    {
        using var request = new HttpRequestMessage(method, "api/identity/" + path)
            { Content = body is null ? null : JsonContent.Create(body, options: EventJson.Options) }.SignedInAs(user);
        return await _gateway.SendAsync(request);
    }

    private async Task<UserView> CreateAsync(string userName, string[] roles, string? officeCode = null) =>
        await (await SendAsync(HttpMethod.Post, "users", new { userName, displayName = "测试 " + userName, roles, officeCode, password = FirstPassword }))
            .ReadAsync<UserView>();

    private async Task<HttpResponseMessage> PasswordGrantAsync(string userName, string password = FirstPassword) =>
        await system.AnonymousGateway.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "ticketing-console", ["username"] = userName, ["password"] = password,
            ["scope"] = "openid profile roles",
        }));

    /// <summary>The claims of the access token the user gets for their password.</summary>
    private async Task<JsonElement> SignInAsync(string userName)
    {
        using var response = await PasswordGrantAsync(userName);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{userName} signing in: {(int)response.StatusCode} {body}");
        var token = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return JsonDocument.Parse(Convert.FromBase64String(payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '='))).RootElement.Clone();
    }

    private static List<string> Roles(JsonElement claims) => claims.GetProperty("role") is { ValueKind: JsonValueKind.Array } array
        ? [.. array.EnumerateArray().Select(r => r.GetString()!)]
        : [claims.GetProperty("role").GetString()!];

    [Fact]
    public async Task An_admin_creates_a_user_who_then_signs_in_with_the_roles_and_office_given_and_finds_them_in_the_list()
    {
        var userName = NewName("clerk");
        var created = await CreateAsync(userName, ["office"], "sfs-dc-dh");
        Assert.Equal((userName, "office", "SFS-DC-DH", false, "admin1"),
            (created.UserName, string.Join(" ", created.Roles), created.OfficeCode, created.Disabled, created.ChangedBy));

        var claims = await SignInAsync(userName);
        Assert.Equal(["office"], Roles(claims));
        Assert.Equal("SFS-DC-DH", claims.GetProperty("office").GetString());
        Assert.Equal("测试 " + userName, claims.GetProperty("name").GetString());

        // The new clerk works at once: their office's inbox answers them.
        using var inbox = new HttpRequestMessage(HttpMethod.Get, "api/dispatch/offices/SFS-DC-DH/inbox");
        inbox.Headers.Authorization = new("Bearer", await TokenOfAsync(userName));
        Assert.Equal(HttpStatusCode.OK, (await _gateway.SendAsync(inbox)).StatusCode);

        var listed = await (await SendAsync(HttpMethod.Get, $"users?search={userName}")).ReadAsync<UserPage>();
        Assert.Equal(userName, Assert.Single(listed.Items).UserName);
        var clerks = await (await SendAsync(HttpMethod.Get, "users?role=office&pageSize=200")).ReadAsync<UserPage>();
        Assert.Contains(clerks.Items, u => u.UserName == "clerk-dc" && u.OfficeCode == "SFS-DC");
        Assert.All(clerks.Items, u => Assert.Contains("office", u.Roles));
        Assert.Equal(userName, (await (await SendAsync(HttpMethod.Get, $"users/{userName}")).ReadAsync<UserView>()).UserName);
    }

    [Fact]
    public async Task A_taken_user_name_is_409_in_any_case_and_bad_input_is_400_naming_each_field()
    {
        var userName = NewName("agent");
        await CreateAsync(userName, ["agent"]);
        var taken = await Problems.ProblemAsync(await SendAsync(HttpMethod.Post, "users",
            new { userName = userName.ToUpperInvariant(), displayName = "重名", roles = new[] { "agent" }, password = FirstPassword }), HttpStatusCode.Conflict);
        Assert.Equal("User exists", taken.Title);
        Assert.Contains(userName.ToUpperInvariant(), taken.Detail);
        var sample = await Problems.ProblemAsync(await SendAsync(HttpMethod.Post, "users",
            new { userName = "agent1", displayName = "重名", roles = new[] { "agent" }, password = FirstPassword }), HttpStatusCode.Conflict);
        Assert.Equal("User exists", sample.Title);

        var bad = await Problems.ProblemAsync(await SendAsync(HttpMethod.Post, "users",
            new { userName = "has space", displayName = "", roles = new[] { "office", "boss" }, password = "short" }));
        Assert.Equal(new[] { "displayName", "password", "roles[1]", "officeCode", "userName" }.Order(), bad.Errors!.Keys.Order());
        Assert.Contains("SFS-DC", bad.Errors["officeCode"][0]);
        Assert.Contains("agent, dispatcher, office", bad.Errors["roles[1]"][0]);

        var officeForAnAgent = await Problems.ProblemAsync(await SendAsync(HttpMethod.Put, $"users/{userName}",
            new { displayName = "话务员", roles = new[] { "agent" }, officeCode = "SFS-DC" }));
        Assert.Equal("Only office staff have an office: leave 'officeCode' out.", officeForAnAgent.Errors!["officeCode"][0]);

        // In Chinese for a Chinese client.
        using var chinese = new HttpRequestMessage(HttpMethod.Post, "api/identity/users")
            { Content = JsonContent.Create(new { userName, displayName = "重名", roles = new[] { "agent" }, password = FirstPassword }) };
        var inChinese = await Problems.ProblemAsync(await _gateway.SendAsync(chinese.SignedInAs("admin1").InLanguage("zh-CN")), HttpStatusCode.Conflict);
        Assert.Equal("用户已存在", inChinese.Title);
    }

    [Fact]
    public async Task A_changed_user_gets_the_new_roles_and_office_in_the_next_token()
    {
        var userName = NewName("staff");
        await CreateAsync(userName, ["agent"]);
        var changed = await (await SendAsync(HttpMethod.Put, $"users/{userName}",
            new { displayName = "西城区承办员 新", roles = new[] { "office", "office" }, officeCode = "SFS-XC" })).ReadAsync<UserView>();
        Assert.Equal(("office", "SFS-XC", "西城区承办员 新"), (string.Join(" ", changed.Roles), changed.OfficeCode, changed.DisplayName));

        var claims = await SignInAsync(userName);
        Assert.Equal(("office", "SFS-XC"), (string.Join(" ", Roles(claims)), claims.GetProperty("office").GetString()));

        var twoRoles = await (await SendAsync(HttpMethod.Put, $"users/{userName}",
            new { displayName = "主管兼话务员", roles = new[] { "supervisor", "agent" } })).ReadAsync<UserView>();
        Assert.Equal(("agent supervisor", null), (string.Join(" ", twoRoles.Roles), twoRoles.OfficeCode));
        var after = await SignInAsync(userName);
        Assert.Equal(["agent", "supervisor"], Roles(after).Order());
        Assert.False(after.TryGetProperty("office", out _));
    }

    [Fact]
    public async Task A_disabled_user_cannot_sign_in_by_password_or_on_the_sign_in_page_until_enabled_and_stays_listed()
    {
        var userName = NewName("leaver");
        await CreateAsync(userName, ["dispatcher"]);
        await SignInAsync(userName);

        var disabled = await (await SendAsync(HttpMethod.Post, $"users/{userName}/disable")).ReadAsync<UserView>();
        Assert.True(disabled.Disabled);
        Assert.Equal("admin1", disabled.DisabledBy);
        Assert.NotNull(disabled.DisabledAt);

        using (var refused = await PasswordGrantAsync(userName))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("invalid_grant", await refused.Content.ReadAsStringAsync());
        }
        Assert.False(await SignsInOnThePageAsync(userName));

        var listed = await (await SendAsync(HttpMethod.Get, $"users?search={userName}")).ReadAsync<UserPage>();
        Assert.True(Assert.Single(listed.Items).Disabled); // never deleted

        var enabled = await (await SendAsync(HttpMethod.Post, $"users/{userName}/enable")).ReadAsync<UserView>();
        Assert.False(enabled.Disabled);
        Assert.Equal(["dispatcher"], Roles(await SignInAsync(userName)));
        Assert.True(await SignsInOnThePageAsync(userName));
    }

    [Fact]
    public async Task Only_admins_manage_users_and_an_admin_cannot_lock_themselves_out()
    {
        foreach (var user in new[] { "supervisor1", "agent1", "clerk-dc" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Get, "users", user: user)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, "users",
                new { userName = NewName("sneaky"), displayName = "x", roles = new[] { "admin" }, password = FirstPassword }, user)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, "users/agent2/disable", user: user)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "users", user: SignedInHandler.Nobody)).StatusCode);

        var self = await Problems.ProblemAsync(await SendAsync(HttpMethod.Post, "users/admin1/disable"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Own account", self.Title);
        var demote = await Problems.ProblemAsync(await SendAsync(HttpMethod.Put, "users/admin1",
            new { displayName = "系统管理员 冯涛", roles = new[] { "supervisor" } }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Own account", demote.Title);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, "users/no-such-user/disable")).StatusCode);
    }

    private async Task<string> TokenOfAsync(string userName)
    {
        using var response = await PasswordGrantAsync(userName);
        return (await response.ReadAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    /// <summary>The sign-in page as a browser posts it: signed in when it sends the browser on instead of showing the form again.</summary>
    private async Task<bool> SignsInOnThePageAsync(string userName)
    {
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
            { BaseAddress = system.System.Layout.GatewayUrl };
        var page = await browser.GetStringAsync("account/signin?returnUrl=%2F");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        using var answer = await browser.PostAsync("account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token), ["returnUrl"] = "/", ["userName"] = userName, ["password"] = FirstPassword,
        }));
        return answer.StatusCode == HttpStatusCode.Redirect;
    }
}

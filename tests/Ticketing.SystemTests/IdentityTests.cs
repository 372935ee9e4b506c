using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ticketing.SystemTests;

/// <summary>
/// Sign-in through the gateway as clients will do it: discovery, the password grant (on in the embedded sample), lock-out,
/// client credentials, authorization code with PKCE through the sign-in page, userinfo, and a token that outlives a
/// restart of the identity service. Users are the sample city's (seeded by the launcher); lock-out is tried on clerk-bh
/// only, which stays locked for five minutes afterwards.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed partial class IdentityTests(SystemFixture system)
{
    private const string Password = "Hotline#2026", ConsoleClient = "ticketing-console";

    private readonly HttpClient _gateway = system.AnonymousGateway; // sign-in is what these tests try

    private Uri GatewayUrl => system.System.Layout.GatewayUrl;

    private string Callback => new Uri(GatewayUrl, "console/signin-callback").ToString();

    [Fact]
    public async Task Discovery_through_the_gateway_names_the_gateway_as_issuer_and_lists_the_endpoints()
    {
        using var discovery = await ReadJsonAsync(await _gateway.GetAsync(".well-known/openid-configuration"));
        var document = discovery.RootElement;
        Assert.Equal(GatewayUrl.ToString(), document.GetProperty("issuer").GetString());
        Assert.Equal(new Uri(GatewayUrl, "connect/token").ToString(), document.GetProperty("token_endpoint").GetString());
        Assert.Equal(new Uri(GatewayUrl, "connect/authorize").ToString(), document.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(new Uri(GatewayUrl, "connect/userinfo").ToString(), document.GetProperty("userinfo_endpoint").GetString());
        Assert.Equal(["authorization_code", "client_credentials", "password", "refresh_token"], Strings(document.GetProperty("grant_types_supported")).Order());
        Assert.Contains("S256", Strings(document.GetProperty("code_challenge_methods_supported")));

        var jwksUri = new Uri(document.GetProperty("jwks_uri").GetString()!);
        Assert.Equal(GatewayUrl.Authority, jwksUri.Authority);
        using var keys = await ReadJsonAsync(await _gateway.GetAsync(jwksUri.PathAndQuery.TrimStart('/')));
        var key = Assert.Single(keys.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(("RSA", "sig"), (key.GetProperty("kty").GetString(), key.GetProperty("use").GetString()));
    }

    [Fact]
    public async Task The_password_grant_gives_a_JWT_whose_claims_carry_the_role_and_the_office()
    {
        var token = await TokenAsync("clerk-dcdh");
        var (header, claims) = Decode(token);
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        Assert.Equal(GatewayUrl.ToString(), claims.GetProperty("iss").GetString());
        Assert.Equal(["ticketing-api"], Strings(claims.GetProperty("aud")));
        Assert.False(string.IsNullOrEmpty(claims.GetProperty("sub").GetString()));
        Assert.Equal("东华街道承办员 刘洋", claims.GetProperty("name").GetString());
        Assert.Equal(["office"], Strings(claims.GetProperty("role")));
        Assert.Equal("SFS-DC-DH", claims.GetProperty("office").GetString());
        Assert.Equal(30 * 60, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());

        var (_, supervisor) = Decode(await TokenAsync("supervisor1"));
        Assert.Equal(["supervisor"], Strings(supervisor.GetProperty("role")));
        Assert.False(supervisor.TryGetProperty("office", out _)); // only office staff have one
    }

    [Fact]
    public async Task A_wrong_password_is_an_invalid_grant_and_after_five_the_account_is_locked_even_for_the_right_password()
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var (status, error, _) = await RefusalAsync(await PasswordGrantAsync("clerk-bh", "wrong-" + attempt));
            Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (status, error));
        }

        var (lockedStatus, lockedError, description) = await RefusalAsync(await PasswordGrantAsync("clerk-bh", Password));
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_grant"), (lockedStatus, lockedError));
        Assert.Contains("locked", description);

        // Nobody learns from the answer whether a user exists.
        var (_, unknownError, unknownDescription) = await RefusalAsync(await PasswordGrantAsync("no-such-user", Password));
        Assert.Equal(("invalid_grant", "The user name or password is wrong."), (unknownError, unknownDescription));
    }

    [Fact]
    public async Task Client_credentials_with_the_machine_secret_give_a_token_and_a_wrong_secret_does_not()
    {
        var granted = await PostFormAsync(_gateway, "connect/token", new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "ticketing-machine", ["client_secret"] = system.System.MachineClientSecret,
        });
        using var token = await ReadJsonAsync(granted);
        var (_, claims) = Decode(token.RootElement.GetProperty("access_token").GetString()!);
        Assert.Equal("ticketing-machine", claims.GetProperty("sub").GetString());
        Assert.Equal(["ticketing-api"], Strings(claims.GetProperty("aud")));

        var (status, error, _) = await RefusalAsync(await PostFormAsync(_gateway, "connect/token", new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "ticketing-machine", ["client_secret"] = "not-the-secret",
        }));
        Assert.Equal((HttpStatusCode.Unauthorized, "invalid_client"), (status, error));
    }

    [Fact]
    public async Task Authorization_code_with_PKCE_goes_through_the_sign_in_page_and_the_code_buys_tokens()
    {
        using var browser = Browser();
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var state = Guid.NewGuid().ToString("N");
        var authorize = "connect/authorize?" + Query(new()
        {
            ["client_id"] = ConsoleClient, ["response_type"] = "code", ["redirect_uri"] = Callback, ["scope"] = "openid profile roles offline_access",
            ["code_challenge"] = challenge, ["code_challenge_method"] = "S256", ["state"] = state,
        });

        // Not signed in: to the sign-in page, at the gateway.
        using var toSignIn = await browser.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        var signInPage = toSignIn.Headers.Location!;
        Assert.Equal((GatewayUrl.Authority, "/account/signin"), (signInPage.Authority, signInPage.AbsolutePath));

        using var page = await browser.GetAsync(signInPage);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("用户名 User name", html);
        Assert.Contains("密码 Password", html);
        Assert.DoesNotContain("<script", html);

        // A wrong password shows the page again, with the error in both languages.
        using var wrong = await PostFormAsync(browser, "account/signin", SignInForm(html, "dispatcher1", "not-it"));
        var again = await wrong.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("用户名或密码错误", again);
        Assert.Contains("Wrong user name or password", again);

        // Signed in: back to /connect/authorize, which now answers the client's callback with a code.
        using var signedIn = await PostFormAsync(browser, "account/signin", SignInForm(again, "dispatcher1", Password));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var back = signedIn.Headers.Location!.ToString();
        Assert.StartsWith("/connect/authorize?", back);

        using var withCode = await browser.GetAsync(back.TrimStart('/'));
        Assert.Equal(HttpStatusCode.Redirect, withCode.StatusCode);
        var callback = withCode.Headers.Location!;
        Assert.StartsWith(Callback + "?", callback.ToString());
        var answer = Parse(callback.Query);
        Assert.Equal(state, answer["state"]);
        var code = answer["code"];

        // The code alone is not enough: PKCE's verifier must come with it.
        using var tokens = await ReadJsonAsync(await PostFormAsync(browser, "connect/token", new()
        {
            ["grant_type"] = "authorization_code", ["client_id"] = ConsoleClient, ["code"] = code, ["redirect_uri"] = Callback, ["code_verifier"] = verifier,
        }));
        var (_, claims) = Decode(tokens.RootElement.GetProperty("access_token").GetString()!);
        Assert.Equal(["dispatcher"], Strings(claims.GetProperty("role")));
        Assert.Equal("派单员 赵敏", claims.GetProperty("name").GetString());
        Assert.True(tokens.RootElement.TryGetProperty("id_token", out _));

        // offline_access: the refresh token buys a new access token.
        using var refreshed = await ReadJsonAsync(await PostFormAsync(browser, "connect/token", new()
        {
            ["grant_type"] = "refresh_token", ["client_id"] = ConsoleClient, ["refresh_token"] = tokens.RootElement.GetProperty("refresh_token").GetString()!,
        }));
        Assert.Equal(claims.GetProperty("sub").GetString(), Decode(refreshed.RootElement.GetProperty("access_token").GetString()!).Claims.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Authorization_code_requests_without_PKCE_are_refused()
    {
        using var browser = Browser();
        using var refused = await browser.GetAsync("connect/authorize?" + Query(new()
        {
            ["client_id"] = ConsoleClient, ["response_type"] = "code", ["redirect_uri"] = Callback, ["scope"] = "openid", ["state"] = "s",
        }));
        // Refused before the client is even looked at, so not sent back to its callback: shown where it was asked.
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("invalid_request", body);
        Assert.Contains("code_challenge", body);
        Assert.Null(refused.Headers.Location);
    }

    [Fact]
    public async Task The_sign_in_form_needs_its_anti_forgery_token()
    {
        using var browser = Browser();
        using var forged = await PostFormAsync(browser, "account/signin", new() { ["userName"] = "agent1", ["password"] = Password, ["returnUrl"] = "/" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Userinfo_answers_the_users_name_and_role_for_a_token_and_nothing_without_one()
    {
        var token = await TokenAsync("specialist1");
        using var info = await ReadJsonAsync(await UserInfoAsync(token));
        Assert.Equal("投诉专员 郑丽", info.RootElement.GetProperty("name").GetString());
        Assert.Equal("specialist1", info.RootElement.GetProperty("preferred_username").GetString());
        Assert.Equal(["specialist"], Strings(info.RootElement.GetProperty("role")));

        using var anonymous = await _gateway.GetAsync("connect/userinfo");
        Assert.True(anonymous.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{anonymous.StatusCode}");
        using var forged = await UserInfoAsync(token[..^4] + "AAAA"); // the signature no longer matches
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    [Fact]
    public async Task A_token_still_validates_after_the_identity_service_restarts()
    {
        var token = await TokenAsync("agent1");
        using var before = await ReadJsonAsync(await UserInfoAsync(token));
        var keyId = Decode(token).Header.GetProperty("kid").GetString();

        await system.System.StopAppAsync("identity");
        await system.System.StartAppAsync("identity", SystemFixture.StartTimeout);

        using var after = await ReadJsonAsync(await UserInfoAsync(token));
        Assert.Equal(before.RootElement.GetProperty("sub").GetString(), after.RootElement.GetProperty("sub").GetString());
        Assert.Equal(keyId, Decode(await TokenAsync("agent1")).Header.GetProperty("kid").GetString()); // the same key signs
    }

    private HttpClient Browser() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new() })
    {
        BaseAddress = GatewayUrl, Timeout = TimeSpan.FromSeconds(30),
    };

    private Task<HttpResponseMessage> PasswordGrantAsync(string user, string password) => PostFormAsync(_gateway, "connect/token", new()
    {
        ["grant_type"] = "password", ["client_id"] = ConsoleClient, ["username"] = user, ["password"] = password, ["scope"] = "openid profile roles",
    });

    private async Task<string> TokenAsync(string user)
    {
        using var token = await ReadJsonAsync(await PasswordGrantAsync(user, Password));
        return token.RootElement.GetProperty("access_token").GetString()!;
    }

    private async Task<HttpResponseMessage> UserInfoAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "connect/userinfo");
        request.Headers.Authorization = new("Bearer", accessToken);
        return await _gateway.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> form) =>
        await client.PostAsync(path, new FormUrlEncodedContent(form));

    /// <summary>The sign-in form as a browser posts it: the hidden fields of the page, and what the user typed.</summary>
    private static Dictionary<string, string> SignInForm(string html, string user, string password)
    {
        var form = HiddenField().Matches(html).ToDictionary(m => m.Groups["name"].Value, m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        Assert.Contains("__RequestVerificationToken", form.Keys);
        form["userName"] = user;
        form["password"] = password;
        return form;
    }

    private static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {body}");
            return JsonDocument.Parse(body);
        }
    }

    private static async Task<(HttpStatusCode Status, string? Error, string Description)> RefusalAsync(HttpResponseMessage response)
    {
        using (response)
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (response.StatusCode, body.RootElement.GetProperty("error").GetString(),
                body.RootElement.TryGetProperty("error_description", out var description) ? description.GetString() ?? "" : "");
        }
    }

    /// <summary>A JWT's header and payload (the signature is the services' to check).</summary>
    private static (JsonElement Header, JsonElement Claims) Decode(string jwt)
    {
        var parts = jwt.Split('.');
        Assert.Equal(3, parts.Length);
        static JsonElement Part(string part) =>
            JsonDocument.Parse(Convert.FromBase64String(part.Replace('-', '+').Replace('_', '/').PadRight(part.Length + (4 - part.Length % 4) % 4, '='))).RootElement;
        return (Part(parts[0]), Part(parts[1]));
    }

    /// <summary>A claim that may appear once (a string) or several times (an array).</summary>
    private static List<string> Strings(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? value.EnumerateArray().Select(v => v.GetString()!).ToList()
        : [value.GetString()!];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Query(Dictionary<string, string> parameters) =>
        string.Join("&", parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    private static Dictionary<string, string> Parse(string query) => query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(pair => Uri.UnescapeDataString(pair[0]), pair => Uri.UnescapeDataString(pair.Length > 1 ? pair[1].Replace('+', ' ') : ""));

    [GeneratedRegex("""<input type="hidden" name="(?<name>[^"]+)" value="(?<value>[^"]*)">""")]
    private static partial Regex HiddenField();
}

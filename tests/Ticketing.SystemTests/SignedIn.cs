using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ticketing.SystemTests;

/// <summary>
/// The sample city's users, signed in through the gateway with the password grant (as the README's curl line does),
/// one token per user for as long as it is valid.
/// </summary>
public sealed class SampleTokens(Uri gateway)
{
    public const string Password = "Hotline#2026";

    private readonly ConcurrentDictionary<string, (string Token, DateTimeOffset RenewAt)> _tokens = new();
    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<string> ForAsync(string userName)
    {
        if (_tokens.TryGetValue(userName, out var held) && DateTimeOffset.UtcNow < held.RenewAt) return held.Token;
        using var response = await _http.PostAsync("connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = "ticketing-console", ["username"] = userName, ["password"] = Password,
            ["scope"] = "openid profile roles",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"signing in as {userName}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        var token = json.RootElement.GetProperty("access_token").GetString()!;
        var lifetime = TimeSpan.FromSeconds(json.RootElement.GetProperty("expires_in").GetInt32());
        _tokens[userName] = (token, DateTimeOffset.UtcNow + lifetime * 0.8);
        return token;
    }
}

/// <summary>
/// Signs each request in as the sample user who would send it, unless the request names one
/// (<see cref="As"/>) or carries its own Authorization: an agent registers and decides calls and records callbacks,
/// a dispatcher dispatches, the office named in the body (or its parent's clerk) signs for, returns and completes,
/// an administrator operates and keeps the users, and a supervisor reads and pulls the workflow's triggers. Asks for answers in English
/// (<c>Accept-Language: en</c>) unless the request names a language (<see cref="Language"/>) or carries its own header.
/// </summary>
public sealed class SignedInHandler(SampleTokens tokens) : DelegatingHandler(new HttpClientHandler())
{
    public static readonly HttpRequestOptionsKey<string> As = new("sign-in-as");

    public static readonly HttpRequestOptionsKey<string> Language = new("accept-language");

    /// <summary>The language the tests read problems in, unless a test asks for another.</summary>
    public const string English = "en";

    /// <summary>As a <see cref="Language"/>: no Accept-Language header at all.</summary>
    public const string NoLanguage = "";

    /// <summary>Sent without a token.</summary>
    public const string Nobody = "";

    /// <summary>The sample clerk of each office that has one (clerk-bh is left alone: the identity tests lock it out).</summary>
    private static readonly Dictionary<string, string> Clerks = new(StringComparer.OrdinalIgnoreCase)
    {
        ["SFS-DC"] = "clerk-dc", ["SFS-DC-DH"] = "clerk-dcdh", ["SFS-CG"] = "clerk-cg", ["SFS-XC"] = "clerk-xc",
    };

    public static readonly IReadOnlyDictionary<string, string> UserOfRole = new Dictionary<string, string>
    {
        ["agent"] = "agent1", ["dispatcher"] = "dispatcher1", ["specialist"] = "specialist1", ["supervisor"] = "supervisor1",
        ["admin"] = "admin1", ["office"] = "clerk-dc",
    };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Headers.AcceptLanguage.Count == 0)
        {
            var language = request.Options.TryGetValue(Language, out var asked) ? asked : English;
            if (language != NoLanguage) request.Headers.AcceptLanguage.ParseAdd(language);
        }
        if (request.Headers.Authorization is null)
        {
            var user = request.Options.TryGetValue(As, out var named) ? named : await ChooseAsync(request);
            if (user != Nobody) request.Headers.Authorization = new("Bearer", await tokens.ForAsync(user));
        }
        return await base.SendAsync(request, cancellationToken);
    }

    private static async Task<string> ChooseAsync(HttpRequestMessage request)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path.Contains("/admin/") || path.Contains("/identity/users")) return "admin1";
        if (request.Method == HttpMethod.Get) return "supervisor1";
        if (Regex.IsMatch(path, "/(intake|callback)/")) return "agent1";
        if (path.Contains("/dispatch/dispatches/")) return "dispatcher1";
        if (Regex.IsMatch(path, "/(dispatch/assignments|followup/cases)/") && request.Content is not null)
        {
            var office = OfficeIn(await request.Content.ReadAsStringAsync());
            for (var reach = office; !string.IsNullOrEmpty(reach); reach = reach.Contains('-') ? reach[..reach.LastIndexOf('-')] : null)
                if (Clerks.TryGetValue(reach, out var clerk)) return clerk;
        }
        return "supervisor1";
    }

    /// <summary>The officeCode a command names, if its body is JSON that names one (the bad-input tests send anything).</summary>
    private static string? OfficeIn(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("officeCode", out var code)
                   && code.ValueKind == JsonValueKind.String ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

public static class SignedInRequests
{
    /// <summary>Sends the request as the given sample user (or <see cref="SignedInHandler.Nobody"/>).</summary>
    public static HttpRequestMessage SignedInAs(this HttpRequestMessage request, string? user)
    {
        if (user is not null) request.Options.Set(SignedInHandler.As, user);
        return request;
    }

    /// <summary>Asks for answers in the given Accept-Language (or none at all: <see cref="SignedInHandler.NoLanguage"/>).</summary>
    public static HttpRequestMessage InLanguage(this HttpRequestMessage request, string acceptLanguage)
    {
        request.Options.Set(SignedInHandler.Language, acceptLanguage);
        return request;
    }
}

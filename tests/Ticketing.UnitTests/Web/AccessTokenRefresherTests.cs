using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Ticketing.Web.SignIn;

namespace Ticketing.UnitTests.Web;

/// <summary>The console's cookie renews its access token with the refresh token shortly before it ends, and ends when refused.</summary>
public sealed class AccessTokenRefresherTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
    private readonly TokenEndpoint _identity = new();

    [Fact]
    public async Task A_token_far_from_its_end_is_kept_without_asking_the_identity_service()
    {
        var context = Cookie(expiresIn: TimeSpan.FromMinutes(20));
        await Refresher().RefreshWhenDueAsync(context);

        Assert.Empty(_identity.Requests);
        Assert.False(context.ShouldRenew);
        Assert.Equal("old-token", context.Principal!.FindFirst(ConsoleSignIn.AccessTokenClaim)!.Value);
    }

    [Fact]
    public async Task Near_its_end_the_refresh_token_buys_a_new_access_token_and_the_cookie_is_written_again()
    {
        var renewed = Jwt(("role", "supervisor"), ("office", "SFS-DC"));
        _identity.Answer = (HttpStatusCode.OK, $$"""{"access_token":"{{renewed}}","refresh_token":"refresh-2","expires_in":1800,"token_type":"Bearer"}""");
        var context = Cookie(expiresIn: TimeSpan.FromMinutes(3));
        await Refresher().RefreshWhenDueAsync(context);

        var sent = Assert.Single(_identity.Requests);
        Assert.Contains("grant_type=refresh_token", sent);
        Assert.Contains("refresh_token=refresh-1", sent);
        Assert.Contains("client_id=ticketing-console", sent);
        Assert.True(context.ShouldRenew);
        var user = context.Principal!;
        Assert.Equal(renewed, user.FindFirst(ConsoleSignIn.AccessTokenClaim)!.Value);
        Assert.True(user.IsInRole("supervisor")); // the roles as the new token has them
        Assert.False(user.IsInRole("agent"));
        Assert.Equal("SFS-DC", user.FindFirst(ConsoleSignIn.OfficeClaim)!.Value);
        Assert.Equal("王芳", user.Identity!.Name);
        Assert.Equal(renewed, context.Properties.GetTokenValue("access_token"));
        Assert.Equal("refresh-2", context.Properties.GetTokenValue("refresh_token"));
        Assert.Equal(_time.GetUtcNow().AddMinutes(30),
            DateTimeOffset.Parse(context.Properties.GetTokenValue("expires_at")!, CultureInfo.InvariantCulture));
        Assert.Equal("id-1", context.Properties.GetTokenValue("id_token")); // kept for sign-out when none came back
    }

    [Fact]
    public async Task A_refused_refresh_ends_the_session()
    {
        _identity.Answer = (HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"The user may no longer sign in."}""");
        var context = Cookie(expiresIn: TimeSpan.FromMinutes(1));
        await Refresher().RefreshWhenDueAsync(context);

        Assert.Single(_identity.Requests);
        Assert.Null(context.Principal);
    }

    private AccessTokenRefresher Refresher()
    {
        var options = new OpenIdConnectOptions
        {
            ClientId = ConsoleSignIn.ClientId,
            Backchannel = new HttpClient(_identity),
            ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(
                new OpenIdConnectConfiguration { TokenEndpoint = "http://identity.test/connect/token" }),
        };
        return new AccessTokenRefresher(new Fixed(options), _time, NullLogger<AccessTokenRefresher>.Instance);
    }

    private CookieValidatePrincipalContext Cookie(TimeSpan expiresIn)
    {
        var identity = new ClaimsIdentity([new Claim(ConsoleSignIn.NameClaim, "王芳"), new Claim(ConsoleSignIn.RoleClaim, "agent"),
            new Claim(ConsoleSignIn.AccessTokenClaim, "old-token")], CookieAuthenticationDefaults.AuthenticationScheme, ConsoleSignIn.NameClaim, ConsoleSignIn.RoleClaim);
        var properties = new AuthenticationProperties();
        properties.StoreTokens([
            new AuthenticationToken { Name = "access_token", Value = "old-token" },
            new AuthenticationToken { Name = "refresh_token", Value = "refresh-1" },
            new AuthenticationToken { Name = "id_token", Value = "id-1" },
            new AuthenticationToken { Name = "expires_at", Value = (_time.GetUtcNow() + expiresIn).ToString("o", CultureInfo.InvariantCulture) },
        ]);
        var scheme = new AuthenticationScheme(CookieAuthenticationDefaults.AuthenticationScheme, null, typeof(CookieAuthenticationHandler));
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), properties, scheme.Name);
        return new CookieValidatePrincipalContext(new DefaultHttpContext(), scheme, new CookieAuthenticationOptions(), ticket);
    }

    /// <summary>An unsigned JWT: the refresher reads the claims of a token it has just been handed by the token endpoint.</summary>
    private static string Jwt(params (string Type, string Value)[] claims) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Claims = claims.ToDictionary(c => c.Type, c => (object)c.Value),
    });

    private sealed class TokenEndpoint : HttpMessageHandler
    {
        public List<string> Requests { get; } = [];

        public (HttpStatusCode Status, string Json) Answer { get; set; } = (HttpStatusCode.InternalServerError, "{}");

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
            return new HttpResponseMessage(Answer.Status) { Content = new StringContent(Answer.Json, Encoding.UTF8, "application/json") };
        }
    }

    private sealed class Fixed(OpenIdConnectOptions options) : IOptionsMonitor<OpenIdConnectOptions>
    {
        public OpenIdConnectOptions CurrentValue => options;

        public OpenIdConnectOptions Get(string? name) => options;

        public IDisposable? OnChange(Action<OpenIdConnectOptions, string?> listener) => null;
    }
}

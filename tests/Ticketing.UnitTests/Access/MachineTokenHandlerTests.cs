using System.Net;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Ticketing.BuildingBlocks.Access;

namespace Ticketing.UnitTests.Access;

public sealed class MachineTokenHandlerTests
{
    [Fact]
    public async Task A_refused_machine_token_is_forgotten_and_the_query_asked_once_more_with_a_new_one()
    {
        var tokens = new IssuedTokens();
        var peer = new Peer(accepts: "token-2");
        using var client = new HttpClient(new MachineTokenHandler(tokens) { InnerHandler = peer }) { BaseAddress = new Uri("http://peer/") };

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("offices")).StatusCode);
        Assert.Equal(["token-1", "token-2"], peer.Seen);
        Assert.Equal(["token-1"], tokens.Forgotten);

        peer.Accepts = "token-9"; // refused again with the new token: answered as is, not asked a third time
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("offices")).StatusCode);
        Assert.Equal(4, peer.Seen.Count);
    }

    private sealed class IssuedTokens : IMachineTokens
    {
        private int _issued;
        private string? _current;
        public List<string> Forgotten { get; } = [];

        public ValueTask<string> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_current ??= $"token-{++_issued}");

        public void Forget(string token)
        {
            Forgotten.Add(token);
            if (_current == token) _current = null;
        }
    }

    private sealed class Peer(string accepts) : HttpMessageHandler
    {
        public string Accepts { get; set; } = accepts;
        public List<string> Seen { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var token = request.Headers.Authorization!.Parameter!;
            Seen.Add(token);
            return Task.FromResult(new HttpResponseMessage(token == Accepts ? HttpStatusCode.OK : HttpStatusCode.Unauthorized));
        }
    }
}

public sealed class MachineTokensTests
{
    [Fact]
    public async Task A_token_provider_that_cannot_be_reached_is_a_peer_that_cannot_be_reached_not_a_crash()
    {
        var jwt = new JwtBearerOptions
        {
            ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                "http://127.0.0.1:1/.well-known/openid-configuration", new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever { RequireHttps = false }),
        };
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        using var tokens = new MachineTokens(
            services.GetRequiredService<IHttpClientFactory>(),
            Options.Create(new AccessOptions { MachineClientSecret = "secret" }), new FixedJwtOptions(jwt), TimeProvider.System);

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => tokens.GetAsync(CancellationToken.None).AsTask());
        Assert.Contains("could not be reached", refused.Message);
    }

    private sealed class FixedJwtOptions(JwtBearerOptions options)
        : IOptionsMonitor<JwtBearerOptions>
    {
        public JwtBearerOptions CurrentValue => options;
        public JwtBearerOptions Get(string? name) => options;
        public IDisposable? OnChange(Action<JwtBearerOptions, string?> listener) => null;
    }
}

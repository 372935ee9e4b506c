using Duende.IdentityModel.Client;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;

namespace Ticketing.BuildingBlocks.Access;

/// <summary>The token a service shows when it queries a peer on its own account (not a user's).</summary>
public interface IMachineTokens
{
    ValueTask<string> GetAsync(CancellationToken cancellationToken);

    /// <summary>A peer refused the token (the provider's keys changed, say): the next query asks for a new one.</summary>
    void Forget(string token) { }
}

/// <summary>
/// Client credentials at the provider's token endpoint (Duende.IdentityModel), one token shared by every query
/// until it nears its expiry; concurrent callers wait for the one request under way.
/// </summary>
public sealed class MachineTokens(
    IHttpClientFactory httpClients,
    IOptions<AccessOptions> options,
    IOptionsMonitor<JwtBearerOptions> jwt,
    TimeProvider clock) : IMachineTokens, IDisposable
{
    public const string HttpClientName = "machine-tokens";

    private readonly SemaphoreSlim _renewing = new(1, 1);
    private (string Token, DateTimeOffset RenewAt)? _current;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && clock.GetUtcNow() < current.RenewAt) return current.Token;
        await _renewing.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } renewed && clock.GetUtcNow() < renewed.RenewAt) return renewed.Token;
            var access = options.Value;
            if (string.IsNullOrEmpty(access.MachineClientSecret))
                throw new HttpRequestException($"{AccessOptions.Section}:MachineClientSecret is not configured: this service cannot query its peers.");
            string endpoint;
            try
            {
                endpoint = await TokenEndpointAsync(access, cancellationToken);
            }
            catch (InvalidOperationException unreachable) // the provider's discovery document could not be read
            {
                // Callers treat a machine token they cannot get as a peer they cannot reach, not as a bug.
                throw new HttpRequestException($"The token provider could not be reached: {unreachable.Message}", unreachable);
            }
            var response = await httpClients.CreateClient(HttpClientName).RequestClientCredentialsTokenAsync(new ClientCredentialsTokenRequest
            {
                Address = endpoint,
                ClientId = access.MachineClientId,
                ClientSecret = access.MachineClientSecret,
            }, cancellationToken);
            if (response.IsError || string.IsNullOrEmpty(response.AccessToken))
                throw new HttpRequestException($"The provider refused this service's machine token: {response.Error} {response.ErrorDescription}".Trim());
            var lifetime = TimeSpan.FromSeconds(Math.Max(response.ExpiresIn, 60));
            _current = (response.AccessToken, clock.GetUtcNow() + lifetime * 0.8);
            return response.AccessToken;
        }
        finally
        {
            _renewing.Release();
        }
    }

    public void Forget(string token)
    {
        if (_current is { } current && current.Token == token) _current = null;
    }

    private async Task<string> TokenEndpointAsync(AccessOptions access, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(access.TokenEndpoint)) return access.TokenEndpoint;
        var discovery = jwt.Get(JwtBearerDefaults.AuthenticationScheme).ConfigurationManager
            ?? throw new InvalidOperationException($"{AccessOptions.Section}:TokenEndpoint must be given when no authority is configured.");
        return (await discovery.GetConfigurationAsync(cancellationToken)).TokenEndpoint;
    }

    public void Dispose() => _renewing.Dispose();
}

/// <summary>Puts the service's machine token on each query to a peer; a refused token is forgotten and the query asked once more.</summary>
public sealed class MachineTokenHandler(IMachineTokens tokens) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = await tokens.GetAsync(cancellationToken);
        request.Headers.Authorization = new("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized || request.Content is not null) return response;
        tokens.Forget(token); // queries are GETs without a body: safe to send again with a fresh token
        response.Dispose();
        request.Headers.Authorization = new("Bearer", await tokens.GetAsync(cancellationToken));
        return await base.SendAsync(request, cancellationToken);
    }
}

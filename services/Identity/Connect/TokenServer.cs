using OpenIddict.Server;
using Ticketing.Identity.Data;
using Ticketing.Identity.Users;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ticketing.Identity.Connect;

public static class TokenServer
{
    public const string AuthorizePath = "/connect/authorize", TokenPath = "/connect/token", UserInfoPath = "/connect/userinfo",
        EndSessionPath = "/connect/endsession";

    /// <summary>
    /// OpenIddict's OpenID Connect server with its stores in the identity database: discovery and JWKS under
    /// /.well-known, authorization code with PKCE, client credentials, refresh tokens, and the password grant where
    /// <c>Identity:AllowPasswordGrant</c> is true. Access tokens are signed JWTs (not encrypted) valid for 30 minutes.
    /// </summary>
    public static WebApplicationBuilder AddTokenServer(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<IdentityServiceOptions>(builder.Configuration.GetSection(IdentityServiceOptions.Section));
        var options = builder.Configuration.GetSection(IdentityServiceOptions.Section).Get<IdentityServiceOptions>() ?? new();

        builder.Services.AddTokenStore().AddServer(server =>
        {
            server.SetAuthorizationEndpointUris(AuthorizePath[1..])
                .SetTokenEndpointUris(TokenPath[1..])
                .SetUserInfoEndpointUris(UserInfoPath[1..])
                .SetEndSessionEndpointUris(EndSessionPath[1..]);

            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                .AllowClientCredentialsFlow()
                .AllowRefreshTokenFlow();
            if (options.AllowPasswordGrant) server.AllowPasswordFlow();

            server.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Roles, Scopes.OfflineAccess);
            server.RegisterClaims(Claims.Subject, Claims.Name, Claims.PreferredUsername, Claims.Role, TicketingClaims.Office);
            server.SetAccessTokenLifetime(options.AccessTokenLifetime);
            server.DisableAccessTokenEncryption(); // a JWT every service can validate with the published keys
            if (options.Issuer is not null) server.SetIssuer(options.Issuer);

            var aspNetCore = server.UseAspNetCore()
                .EnableAuthorizationEndpointPassthrough()
                .EnableTokenEndpointPassthrough()
                .EnableUserInfoEndpointPassthrough()
                .EnableEndSessionEndpointPassthrough();
            if (!options.RequireHttps) aspNetCore.DisableTransportSecurityRequirement();
        })
        // This server's own API (the user admin) takes its access tokens, checked in-process with the server's keys and issuer.
        .AddValidation(validation =>
        {
            validation.UseLocalServer();
            validation.AddAudiences(TicketingClients.Api);
            validation.UseAspNetCore();
        });

        // The keys are read (or made) when the server first needs them, not when the app is built (e.g. by dotnet ef).
        builder.Services.AddSingleton<TokenKeys>();
        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<TokenKeys>((server, keys) =>
        {
            server.SigningCredentials.Add(keys.Signing);
            server.EncryptionCredentials.Add(keys.Encryption);
        });
        builder.Services.AddHostedService<TokenPruning>();
        return builder;
    }

    /// <summary>OpenIddict's managers over the identity database (also used by the unit tests).</summary>
    public static OpenIddictBuilder AddTokenStore(this IServiceCollection services)
    {
        var openIddict = services.AddOpenIddict();
        openIddict.AddCore(core => core.UseEntityFrameworkCore().UseDbContext<IdentityStoreDbContext>());
        return openIddict;
    }
}

/// <summary>Removes expired and revoked tokens and authorizations once they are two weeks old, hourly.</summary>
internal sealed class TokenPruning(IServiceScopeFactory scopes, TimeProvider clock, ILogger<TokenPruning> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromHours(1), KeptFor = TimeSpan.FromDays(14);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var threshold = clock.GetUtcNow() - KeptFor;
                var tokens = await scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictTokenManager>().PruneAsync(threshold, stoppingToken);
                var authorizations = await scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictAuthorizationManager>()
                    .PruneAsync(threshold, stoppingToken);
                if (tokens + authorizations > 0) logger.LogInformation("Pruned {Tokens} tokens and {Authorizations} authorizations", tokens, authorizations);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Pruning tokens failed; trying again in an hour");
            }
        }
    }
}

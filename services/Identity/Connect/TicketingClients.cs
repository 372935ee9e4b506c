using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ticketing.Identity.Connect;

/// <summary>The clients this server knows, and the API their tokens are for.</summary>
public static class TicketingClients
{
    /// <summary>The web console (public: a browser keeps no secret): authorization code with PKCE.</summary>
    public const string Console = "ticketing-console";

    /// <summary>Other systems calling the API as themselves (confidential): client credentials.</summary>
    public const string Machine = "ticketing-machine";

    /// <summary>The audience of every access token: the services' API.</summary>
    public const string Api = "ticketing-api";

    public const string ConsoleCallbackPath = "console/signin-callback";

    public static OpenIddictApplicationDescriptor ConsoleDescriptor(IdentityServiceOptions options)
    {
        var console = new OpenIddictApplicationDescriptor
        {
            ClientId = Console,
            ClientType = ClientTypes.Public,
            ApplicationType = ApplicationTypes.Web,
            ConsentType = ConsentTypes.Implicit, // first-party: no consent screen
            DisplayName = "工单系统控制台 Ticketing console",
            RedirectUris = { new Uri(options.ConsoleBaseUrl, ConsoleCallbackPath) },
            PostLogoutRedirectUris = { options.ConsoleBaseUrl },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Profile, Permissions.Scopes.Roles,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        if (options.AllowPasswordGrant) console.Permissions.Add(Permissions.GrantTypes.Password);
        return console;
    }

    public static OpenIddictApplicationDescriptor MachineDescriptor(string secret) => new()
    {
        ClientId = Machine,
        ClientSecret = secret,
        ClientType = ClientTypes.Confidential,
        DisplayName = "Ticketing machine client",
        Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials, Permissions.Scopes.Roles },
    };
}

/// <summary>
/// Puts the clients in the store as configuration describes them, at every start: created when missing, brought up to
/// date when present (redirect addresses, the password grant, the machine secret), the machine client removed when no
/// secret is configured. Running it twice changes nothing the first run did not.
/// </summary>
public static class ClientRegistration
{
    public static async Task RegisterAsync(IServiceProvider services, IdentityServiceOptions options, CancellationToken cancellationToken)
    {
        var applications = services.GetRequiredService<IOpenIddictApplicationManager>();
        await PutAsync(applications, TicketingClients.ConsoleDescriptor(options), cancellationToken);
        if (!string.IsNullOrEmpty(options.MachineClientSecret))
            await PutAsync(applications, TicketingClients.MachineDescriptor(options.MachineClientSecret), cancellationToken);
        else if (await applications.FindByClientIdAsync(TicketingClients.Machine, cancellationToken) is { } withdrawn)
            await applications.DeleteAsync(withdrawn, cancellationToken);
    }

    private static async Task PutAsync(IOpenIddictApplicationManager applications, OpenIddictApplicationDescriptor descriptor, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(descriptor.ClientId!, cancellationToken) is { } existing)
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        else
            await applications.CreateAsync(descriptor, cancellationToken);
    }
}

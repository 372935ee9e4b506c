using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Ticketing.BuildingBlocks.Access;

/// <summary>
/// Every service checks access tokens itself (JwtBearer against the authority's discovery document), not only the
/// gateway. Every endpoint needs a signed-in caller unless it says otherwise (health, and event routes, which
/// check the app token instead), so a new endpoint cannot be left open by forgetting.
/// </summary>
public static class AccessSetup
{
    public static WebApplicationBuilder AddAccess(this WebApplicationBuilder builder)
    {
        builder.AddTokenValidation();
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser().RequireClaim(CallerClaims.RoleClaim).Build());
        return builder;
    }

    /// <summary>
    /// Reads who calls from their access token, without requiring one: the gateway's part (its limits count per user),
    /// and the base of <see cref="AddAccess"/>. Also the machine token this app queries its peers with.
    /// </summary>
    public static WebApplicationBuilder AddTokenValidation(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AccessOptions>().Bind(builder.Configuration.GetSection(AccessOptions.Section))
            .Validate(o => !string.IsNullOrEmpty(o.Authority) || (!string.IsNullOrEmpty(o.SigningKeysFile) && !string.IsNullOrEmpty(o.Issuer)),
                $"{AccessOptions.Section}:Authority must name the OpenID Connect provider whose tokens this app accepts " +
                "(or SigningKeysFile and Issuer the keys and issuer to validate against offline).")
            .ValidateOnStart();

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<AccessOptions>>((jwt, access) =>
        {
            var options = access.Value;
            jwt.MapInboundClaims = false; // the claims keep their JWT names: sub, name, role, office
            jwt.Audience = options.Audience;
            var validation = jwt.TokenValidationParameters;
            validation.NameClaimType = CallerClaims.Name;
            validation.RoleClaimType = CallerClaims.RoleClaim;
            validation.ClockSkew = options.ClockSkew;
            validation.ValidAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
                SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512];
            if (!string.IsNullOrEmpty(options.SigningKeysFile))
            {
                validation.IssuerSigningKeys = new JsonWebKeySet(File.ReadAllText(options.SigningKeysFile)).GetSigningKeys();
                validation.ValidIssuer = options.Issuer;
            }
            else
            {
                jwt.Authority = options.Authority;
                jwt.RequireHttpsMetadata = options.RequireHttpsMetadata;
                // Keys rotate: a token signed by a key not seen yet makes the app read the provider's keys again, at most every 30 s.
                jwt.RefreshInterval = TimeSpan.FromSeconds(30);
            }
        });

        builder.Services.AddHttpClient(MachineTokens.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<IMachineTokens, MachineTokens>();
        builder.Services.AddTransient<MachineTokenHandler>();
        return builder;
    }

    /// <summary>
    /// Authentication, the audit line of each command, then authorization: the audit sits before the gate so refusals
    /// are audited too. After the event routes' own check.
    /// </summary>
    public static IApplicationBuilder UseAccess(this IApplicationBuilder app) => app.UseAuthentication().UseAuditTrail().UseAuthorization();

    /// <summary>Only callers in one of <paramref name="roles"/> may use these endpoints; others get 403.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, params string[] roles) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizeAttribute { Roles = string.Join(',', roles) })
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
}

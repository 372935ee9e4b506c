using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Ticketing.Web.SignIn;

namespace Ticketing.Web.Api;

/// <summary>
/// Sends each call to a service as the signed-in user (their access token) and in their language (Accept-Language), so the
/// services decide access and write their problems for that user. In the interactive circuit the user comes from the circuit's
/// authentication state (<see cref="CircuitServicesAccessor"/>); while a page is first rendered, from the request.
/// </summary>
public sealed class UserTokenHandler(CircuitServicesAccessor circuit, IHttpContextAccessor http) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if ((await UserAsync())?.FindFirst(ConsoleSignIn.AccessTokenClaim)?.Value is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.AcceptLanguage.Clear();
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(CultureInfo.CurrentUICulture.Name));
        return await base.SendAsync(request, cancellationToken);
    }

    private async Task<ClaimsPrincipal?> UserAsync() =>
        circuit.Services?.GetService<AuthenticationStateProvider>() is { } state
            ? (await state.GetAuthenticationStateAsync()).User
            : http.HttpContext?.User;
}

/// <summary>The current circuit's services while it handles an inbound activity (the pattern ASP.NET Core's documentation gives).</summary>
public sealed class CircuitServicesAccessor
{
    private static readonly AsyncLocal<IServiceProvider?> Current = new();

    public IServiceProvider? Services
    {
        get => Current.Value;
        set => Current.Value = value;
    }
}

internal sealed class CircuitServicesActivityHandler(IServiceProvider services, CircuitServicesAccessor accessor) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            accessor.Services = services;
            await next(context);
            accessor.Services = null;
        };
}

public static class CircuitServicesAccessorSetup
{
    public static IServiceCollection AddCircuitServicesAccessor(this IServiceCollection services)
    {
        services.AddSingleton<CircuitServicesAccessor>();
        services.AddScoped<CircuitHandler, CircuitServicesActivityHandler>();
        return services;
    }
}

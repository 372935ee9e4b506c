using Refit;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Web.SignIn;

namespace Ticketing.Web.Api;

/// <summary>The Refit clients of the services, each at the gateway's <c>/api/{service}/</c>, each request with the user's token.</summary>
public static class ServiceApiSetup
{
    public static WebApplicationBuilder AddServiceApis(this WebApplicationBuilder builder)
    {
        var gateway = ConsoleSignIn.GatewayUrl(builder.Configuration);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddCircuitServicesAccessor();
        builder.Services.AddTransient<UserTokenHandler>();
        var settings = new RefitSettings(new SystemTextJsonContentSerializer(EventJson.Options));
        Add<IIntakeClient>("intake");
        Add<IWorkflowClient>("workflow");
        Add<IDispatchClient>("dispatch");
        Add<IFollowUpClient>("followup");
        Add<ISupervisionClient>("supervision");
        Add<ICallbackClient>("callback");
        Add<IReportingClient>("reporting");
        Add<IDispatchAdminClient>("dispatch");
        Add<ISupervisionAdminClient>("supervision");
        Add<IIdentityClient>("identity");
        return builder;

        void Add<TClient>(string appId) where TClient : class =>
            builder.Services.AddRefitGeneratedClient<TClient>(settings)
                .ConfigureHttpClient(http =>
                {
                    http.BaseAddress = new Uri(gateway, $"api/{appId}");
                    http.Timeout = TimeSpan.FromSeconds(15);
                })
                .AddHttpMessageHandler<UserTokenHandler>();
    }
}

using System.Text.Encodings.Web;
using Dapr;
using Dapr.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Refit;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Json;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.BuildingBlocks.Validation;

namespace Ticketing.BuildingBlocks.Hosting;

/// <summary>What every Ticketing service has: problems, health, telemetry, Swagger, the event transport.</summary>
public static class ServiceDefaults
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder, string appId)
    {
        builder.Configuration[$"{TicketingOptions.Section}:{nameof(TicketingOptions.AppId)}"] = appId;
        builder.Services.Configure<TicketingOptions>(builder.Configuration.GetSection(TicketingOptions.Section));
        var options = builder.Configuration.GetSection(TicketingOptions.Section).Get<TicketingOptions>() ?? new();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PeerDirectory>();

        builder.AddWebDefaults(appId);
        builder.Services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo { Title = $"Ticketing {appId} API", Version = "v1" });
            // The document says exactly what the JSON contract enforces: a non-nullable member is required.
            swagger.SupportNonNullableReferenceTypes();
            swagger.NonNullableReferenceTypesAsRequired();
        });

        // A warm-up read must never hold readiness: it stays on this service (no redirects to, say, a gateway not
        // started yet) and gives up on a slow endpoint after a few seconds.
        builder.Services.AddHttpClient(nameof(StartupWarmUp), client => client.Timeout = TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        builder.Services.AddSingleton<StartupWarmUp>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StartupWarmUp>());
        builder.Services.AddHealthChecks().AddCheck<StartupWarmUp>("warm-up", tags: ["ready"]);

        builder.Services.AddDaprClient(dapr => dapr.UseJsonSerializationOptions(EventJson.Options));
        builder.Services.AddHttpClient(EmbeddedTransport.HttpClientName, (services, client) =>
        {
            client.Timeout = TimeSpan.FromSeconds(10);
            if (services.GetRequiredService<IOptions<TicketingOptions>>().Value.EventToken is { } token)
                client.DefaultRequestHeaders.Add(EventToken.Header, token); // what daprd sends: subscribers check it
        });
        if (options.Transport == EventTransport.Dapr)
            builder.Services.AddSingleton<IEventTransport, DaprTransport>();
        else
            builder.Services.AddSingleton<IEventTransport, EmbeddedTransport>();
        builder.Services.AddSingleton<EventSubscriptions>();
        return builder;
    }

    /// <summary>What the gateway shares with the services: RFC 7807 problems in the request's language, JSON, health and telemetry.</summary>
    public static WebApplicationBuilder AddWebDefaults(this WebApplicationBuilder builder, string appId)
    {
        builder.AddWebHardening();
        builder.Services.AddRequestLanguages();
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ProblemTitles.Translate);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddSingleton<UnreadableRequests>();
        FieldNames.UseJsonNamesInMessages();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping; // 中文 and quotes stay readable in JSON
            RequestJson.Apply(o);
        });
        builder.Services.AddEndpointsApiExplorer();
        builder.Services.AddHealthChecks();
        builder.Services.AddHostedService<LauncherWatch>();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(appId))
            .WithMetrics(metrics => metrics.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation()
                .AddMeter(DeliveryBacklog.MeterName));
        // Spans are recorded only where they go somewhere: recording every event's span for nobody costs the
        // relay a good part of its throughput. The W3C context still travels with each event either way.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            telemetry.WithTracing(tracing => tracing.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddSource(EventTracing.SourceName))
                .UseOtlpExporter();
        return builder;
    }

    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResponseWriter = HealthReportWriter.WriteAsync, // Degraded says why, and stays 200
        }).AllowAnonymous();
        return app;
    }

    /// <summary>A Refit client for another service's query API, with the standard resilience handler (retry, timeout, circuit breaker).</summary>
    public static IHttpClientBuilder AddServiceClient<TApi>(this WebApplicationBuilder builder, string appId) where TApi : class
    {
        var settings = new RefitSettings(new SystemTextJsonContentSerializer(EventJson.Options));
        var client = builder.Services.AddRefitGeneratedClient<TApi>(settings)
            .ConfigureHttpClient((services, http) => http.BaseAddress = services.GetRequiredService<PeerDirectory>().BaseAddressFor(appId));
        client.AddHttpMessageHandler<MachineTokenHandler>(); // a peer asks on its own account, not a user's
        client.AddStandardResilienceHandler(resilience =>
        {
            // A query serves someone waiting on a screen: give up within seconds, not the default half minute.
            resilience.Retry.Delay = TimeSpan.FromMilliseconds(200);
            resilience.AttemptTimeout.Timeout = TimeSpan.FromSeconds(2);
            resilience.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(5);
            resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
        });
        return client;
    }

    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        app.UseRequestLanguages();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseForwardedHeaders(); // only services trust them: the gateway sets them
        app.UseWebHardening();
        app.UseSwagger(swagger => swagger.PreSerializeFilters.Add((document, request) =>
        {
            // Behind the gateway the document must name the gateway's prefix (X-Forwarded-Prefix became PathBase),
            // or "Try it out" calls the wrong path.
            if (request.PathBase.HasValue) document.Servers = [new OpenApiServer { Url = request.PathBase.Value }];
        }));
        app.UseSwaggerUI();
        app.UseEventToken();
        // The CloudEvent type travels as a header, so the inbox picks the handler of that version.
        app.UseCloudEvents(new CloudEventsMiddlewareOptions { ForwardCloudEventPropertiesAsHeaders = true, IncludedCloudEventPropertiesAsHeaders = ["type"] });
        app.UseAccess();
        app.MapSubscribeHandler().AllowAnonymous(); // daprd asks without a user: the list is no secret
        app.MapHealthEndpoints();
        app.MapDeliveryAdminEndpoints();
        return app;
    }
}

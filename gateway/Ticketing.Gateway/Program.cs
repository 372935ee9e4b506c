using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Localization;
using Ticketing.Gateway.Landing;
using Ticketing.Gateway.Limits;
using Ticketing.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);

var services = builder.Configuration.GetSection("Ticketing:Services").Get<Dictionary<string, string>>() ?? [];
var console = builder.Configuration["Ticketing:Console"]; // the web console, served at the root
var (routes, clusters) = ServiceRoutes.From(services, console);

builder.AddWebDefaults("gateway");
builder.AddTokenValidation(); // the services require sign-in; the gateway only reads who calls
builder.AddRateLimits();
builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
builder.Services.AddHttpClient(LandingPage.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(2))
    .AddHttpMessageHandler<MachineTokenHandler>(); // the backlog is for signed-in operators and peers

var app = builder.Build();

app.UseRequestLanguages(); // the gateway's own problems (404 off the public API, 429, 502) in the caller's language
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebHardening();
app.UsePublicApiOnly();
app.UseAuthentication(); // who calls, for the limits below; each service checks the token itself
app.UseRateLimiter();
app.MapLandingPage(services);
app.MapUnknownApi(); // /api/{no such service}/… is the API's 404, not a console page
app.UseSwaggerUI(ui =>
{
    foreach (var appId in services.Keys.Order())
        ui.SwaggerEndpoint($"{ServiceRoutes.PrefixOf(appId)}/swagger/v1/swagger.json", appId);
});
app.MapHealthEndpoints();
app.MapReverseProxy();

app.Run();

using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Gateway.Landing;
using Ticketing.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);

var services = builder.Configuration.GetSection("Ticketing:Services").Get<Dictionary<string, string>>() ?? [];
var (routes, clusters) = ServiceRoutes.From(services);

builder.AddWebDefaults("gateway");
builder.Services.AddReverseProxy().LoadFromMemory(routes, clusters);
builder.Services.AddHttpClient(LandingPage.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(2));

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseWebHardening();
app.UsePublicApiOnly();
app.MapLandingPage(services);
app.UseSwaggerUI(ui =>
{
    foreach (var appId in services.Keys.Order())
        ui.SwaggerEndpoint($"{ServiceRoutes.PrefixOf(appId)}/swagger/v1/swagger.json", appId);
});
app.MapHealthEndpoints();
app.MapReverseProxy();

app.Run();

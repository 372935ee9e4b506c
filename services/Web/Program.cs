using MudBlazor.Services;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Web.Api;
using Ticketing.Web.Components;
using Ticketing.Web.Languages;
using Ticketing.Web.Reports;
using Ticketing.Web.SignIn;

var builder = WebApplication.CreateBuilder(args);
// The launcher runs the build output in any environment: its manifest leads to wwwroot and the packages' files (MudBlazor's, Blazor's
// script); a published app has them in its own wwwroot and no manifest, and this does nothing.
builder.WebHost.UseStaticWebAssets();

builder.AddWebDefaults("web");
builder.AddConsoleLanguages();
builder.AddConsoleSignIn();
builder.AddServiceApis();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<HotlineDay>();

var app = builder.Build();

app.UseRequestLocalization(); // zh-CN unless the language cookie says English
app.UseExceptionHandler();
app.UseForwardedHeaders(); // behind the gateway: its host in the sign-in callback and links
app.UseWebHardening();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapHealthEndpoints();
app.MapConsoleSignIn();
app.MapConsoleLanguages();
app.MapReportFiles(); // the reports' CSV and xlsx, fetched with the user's token
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();

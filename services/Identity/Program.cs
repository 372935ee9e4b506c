using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Contracts;
using Ticketing.Identity.Account;
using Ticketing.Identity.Connect;
using Ticketing.Identity.Data;
using Ticketing.Identity.Hosting;
using Ticketing.Identity.Users;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(SystemApps.Identity.AppId);
builder.AddIdentityDatabase();
builder.AddUsers();
builder.AddTokenServer();
builder.AddUserAdmin();

var app = builder.Build();

app.MapIdentityDefaults();
app.MapAccountEndpoints();
app.MapConnectEndpoints();
app.MapUserEndpoints();

app.Run();

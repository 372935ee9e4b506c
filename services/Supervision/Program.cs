using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Supervision.Clocks;
using Ticketing.Supervision.Data;
using Ticketing.Supervision.Events;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("supervision");
builder.AddAccess();
builder.AddServiceDatabase<SupervisionDbContext, SupervisionSqliteDbContext, SupervisionSqlServerDbContext>();
builder.Services.Configure<SupervisionOptions>(builder.Configuration.GetSection(SupervisionOptions.Section));
builder.Services.AddSingleton<SlaPolicy>();
builder.Services.AddScoped<SlaScan>();
builder.Services.AddHostedService<SlaScanTimer>();

var app = builder.Build();

app.MapServiceDefaults();
app.MapClockEndpoints();
app.MapEventHandler<TicketAssigned, TicketAssignedHandler>("TicketAssignedHandler");
app.MapEventHandler<HandlingRequested, HandlingRequestedHandler>("HandlingRequestedHandler");
app.MapEventHandler<WorkItemClosed, WorkItemClosedHandler>("WorkItemClosedHandler");

app.Run();

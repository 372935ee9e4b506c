using FluentValidation;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Supervision.Calendars;
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
builder.Services.AddValidatorsFromAssemblyContaining<AddWorkingTimeValidator>();
builder.Services.Configure<CalendarOptions>(builder.Configuration.GetSection(CalendarOptions.Section));
builder.Services.AddSingleton<CalendarBook>();
builder.Services.AddHostedService<CalendarSeed>(); // after the database's migrator: a new database gets the shipped calendars

var app = builder.Build();

app.MapServiceDefaults();
app.MapClockEndpoints();
app.MapCalendarEndpoints();
app.MapEventHandler<TicketAssigned, TicketAssignedHandler>("TicketAssignedHandler");
app.MapEventHandler<HandlingRequested, HandlingRequestedHandler>("HandlingRequestedHandler");
app.MapEventHandler<WorkItemClosed, WorkItemClosedHandler>("WorkItemClosedHandler");

app.Run();

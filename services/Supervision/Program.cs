using FluentValidation;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Supervision.Calendars;
using Ticketing.Supervision.Clocks;
using Ticketing.Supervision.Data;
using Ticketing.Supervision.Extensions;
using Ticketing.Supervision.Notices;
using Ticketing.Supervision.Policies;
using Ticketing.Supervision.Views;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("supervision");
builder.AddAccess();
builder.AddServiceDatabase<SupervisionDbContext, SupervisionSqliteDbContext, SupervisionSqlServerDbContext>();
builder.AddSlaClocks(); // policies, offices from dispatch, the tick
builder.Services.AddValidatorsFromAssemblyContaining<AddWorkingTimeValidator>();
builder.Services.Configure<CalendarOptions>(builder.Configuration.GetSection(CalendarOptions.Section));
builder.Services.AddSingleton<CalendarBook>();
builder.Services.AddHostedService<CalendarSeed>(); // after the database's migrator: a new database gets the shipped calendars

var app = builder.Build();

app.MapServiceDefaults();
app.MapClockEndpoints();
app.MapPolicyEndpoints();
app.MapNoticeEndpoints();
app.MapExtensionEndpoints();
app.MapViewEndpoints();
app.MapCalendarEndpoints();
app.MapClockEventHandlers();

app.Run();

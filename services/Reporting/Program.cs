using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Contracts.Queries;
using Ticketing.Reporting.Agents;
using Ticketing.Reporting.Data;
using Ticketing.Reporting.Events;
using Ticketing.Reporting.Offices;
using Ticketing.Reporting.Periods;
using Ticketing.Reporting.WorkingHours;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("reporting");
builder.AddAccess();
builder.AddServiceDatabase<ReportingDbContext, ReportingSqliteDbContext, ReportingSqlServerDbContext>();
builder.Services.Configure<ReportingOptions>(builder.Configuration.GetSection(ReportingOptions.Section));
builder.Services.AddSingleton<HotlineTime>();
builder.AddServiceClient<ISupervisionApi>("supervision"); // working time of handling cases on the business calendar
builder.Services.AddScoped<WorkingHoursMeasurer>();
builder.Services.AddHostedService<WorkingHoursTimer>();

var app = builder.Build();

app.MapServiceDefaults();
app.MapOfficeEndpoints();
app.MapAgentEndpoints();
app.MapEventHandler<TicketReceived, TicketReceivedHandler>("TicketReceivedHandler");
app.MapEventHandler<TicketResolvedAtFirstContact, TicketResolvedAtFirstContactHandler>("TicketResolvedAtFirstContactHandler");
app.MapEventHandler<TicketStateChanged, TicketStateChangedHandler>("TicketStateChangedHandler");
app.MapEventHandler<TicketAssigned, TicketAssignedHandler>("TicketAssignedHandler");
app.MapEventHandler<AssignmentSigned, AssignmentSignedHandler>("AssignmentSignedHandler");
app.MapEventHandler<AssignmentReturned, AssignmentReturnedHandler>("AssignmentReturnedHandler");
app.MapEventHandler<HandlingRequested, HandlingRequestedHandler>("HandlingRequestedHandler");
app.MapEventHandler<HandlingCompleted, HandlingCompletedHandler>("HandlingCompletedHandler");
app.MapEventHandler<SlaBreached, SlaBreachedHandler>("SlaBreachedHandler");
app.MapEventHandler<SlaBreachWithdrawn, SlaBreachWithdrawnHandler>("SlaBreachWithdrawnHandler");
app.MapEventHandler<CallbackCompleted, CallbackCompletedHandler>("CallbackCompletedHandler");
app.MapEventHandler<CallbackFailed, CallbackFailedHandler>("CallbackFailedHandler");
app.MapEventHandler<SurveyCompleted, SurveyCompletedHandler>("SurveyCompletedHandler");

app.Run();

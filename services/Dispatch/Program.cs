using Ticketing.BuildingBlocks.Access;
using FluentValidation;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Contracts.Queries;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Dispatches;
using Ticketing.Dispatch.Events;
using Ticketing.Dispatch.Offices;
using Ticketing.Dispatch.Routing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("dispatch");
builder.AddAccess();
builder.AddServiceDatabase<DispatchDbContext, DispatchSqliteDbContext, DispatchSqlServerDbContext>();
builder.Services.AddValidatorsFromAssemblyContaining<SignForAssignmentValidator>();
builder.Services.Configure<DispatchOptions>(builder.Configuration.GetSection(DispatchOptions.Section));
builder.Services.AddSingleton<OfficeDirectory>();
builder.Services.AddHostedService<DirectorySeeding>(); // after the migrations: a broken city file stops start-up, not the first dispatch
builder.Services.AddHostedService<DirectoryRefresh>();
builder.AddServiceClient<IIntakeApi>("intake"); // rules name intake's sub-categories

var app = builder.Build();

app.MapServiceDefaults();
app.MapOfficeEndpoints();
app.MapRoutingEndpoints();
app.MapDispatchEndpoints();
app.MapAssignmentEndpoints();
app.MapEventHandler<DispatchRequested, DispatchRequestedHandler>("DispatchRequestedHandler");
app.MapEventHandler<WorkItemClosed, WorkItemClosedHandler>("WorkItemClosedHandler");
app.MapEventHandler<TicketStateChanged, TicketEndedHandler>("TicketEndedHandler");
app.MapEventHandler<SlaDeadlineChanged, SlaDeadlineChangedHandler>("SlaDeadlineChangedHandler");

app.Run();

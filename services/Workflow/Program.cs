using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Workflow.Data;
using Ticketing.Workflow.Events;
using Ticketing.Workflow.Instances;
using Ticketing.Workflow.Lifecycle;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("workflow");
builder.AddServiceDatabase<WorkflowDbContext, WorkflowSqliteDbContext, WorkflowSqlServerDbContext>();

var app = builder.Build();

app.MapServiceDefaults();
app.MapInstanceEndpoints();
app.MapLifecycleEndpoints();

app.MapEventHandler<TicketReceived, TicketReceivedHandler>();
app.MapEventHandler<TicketAccepted, TicketAcceptedHandler>();
app.MapEventHandler<TicketRejected, TicketRejectedHandler>();
app.MapEventHandler<TicketAssigned, TicketAssignedHandler>();
app.MapEventHandler<AssignmentSigned, AssignmentSignedHandler>();
app.MapEventHandler<HandlingCompleted, HandlingCompletedHandler>();
app.MapEventHandler<SurveyCompleted, SurveyCompletedHandler>();
app.MapEventHandler<SlaBreached, SlaBreachedHandler>();

app.Run();

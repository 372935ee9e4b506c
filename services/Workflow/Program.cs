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

// Each handler's name keys its processed-event records: keep it when the class is renamed.
app.MapEventHandler<TicketReceived, TicketReceivedHandler>("TicketReceivedHandler");
app.MapEventHandler<TicketAccepted, TicketAcceptedHandler>("TicketAcceptedHandler");
app.MapEventHandler<TicketRejected, TicketRejectedHandler>("TicketRejectedHandler");
app.MapEventHandler<TicketAssigned, TicketAssignedHandler>("TicketAssignedHandler");
app.MapEventHandler<AssignmentSigned, AssignmentSignedHandler>("AssignmentSignedHandler");
app.MapEventHandler<HandlingCompleted, HandlingCompletedHandler>("HandlingCompletedHandler");
app.MapEventHandler<SurveyCompleted, SurveyCompletedHandler>("SurveyCompletedHandler");
app.MapEventHandler<SlaBreached, SlaBreachedHandler>("SlaBreachedHandler");

app.Run();

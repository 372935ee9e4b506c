using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Workflow.Data;
using Ticketing.Workflow.Events;
using Ticketing.Workflow.Instances;
using Ticketing.Workflow.Lifecycle;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("workflow");
builder.AddAccess();
builder.AddServiceDatabase<WorkflowDbContext, WorkflowSqliteDbContext, WorkflowSqlServerDbContext>();
builder.AddLifecycleEngine();

var app = builder.Build();
app.Services.GetRequiredService<DefinitionCatalogue>(); // a broken definition stops start-up with its problems named

app.MapServiceDefaults();
app.MapInstanceEndpoints();
app.MapLifecycleEndpoints();
app.MapLifecycleEventHandlers();

app.Run();

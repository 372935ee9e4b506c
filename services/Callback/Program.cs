using Ticketing.BuildingBlocks.Access;
using FluentValidation;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Callback.Data;
using Ticketing.Callback.Events;
using Ticketing.Callback.Tasks;
using Ticketing.Contracts.Events;
using Ticketing.Contracts.Queries;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("callback");
builder.AddAccess();
builder.AddServiceDatabase<CallbackDbContext, CallbackSqliteDbContext, CallbackSqlServerDbContext>();
builder.AddServiceClient<IIntakeApi>("intake");
builder.Services.AddValidatorsFromAssemblyContaining<RecordCallbackOutcomeValidator>();
builder.Services.AddOptions<CallbackRules>().BindConfiguration(CallbackRules.Section);

var app = builder.Build();

app.MapServiceDefaults();
app.MapTaskEndpoints();
app.MapEventHandler<CallbackRequested, CallbackRequestedHandler>("CallbackRequestedHandler");
app.MapEventHandler<WorkItemClosed, WorkItemClosedHandler>("WorkItemClosedHandler");

app.Run();

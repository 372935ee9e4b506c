using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Survey.Data;
using Ticketing.Survey.Events;
using Ticketing.Survey.Responses;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("survey");
builder.AddAccess();
builder.AddServiceDatabase<SurveyDbContext, SurveySqliteDbContext, SurveySqlServerDbContext>();

var app = builder.Build();

app.MapServiceDefaults();
app.MapResponseEndpoints();
app.MapEventHandler<CallbackCompleted, CallbackCompletedHandler>("CallbackCompletedHandler");

app.Run();

using Ticketing.BuildingBlocks.Access;
using FluentValidation;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Contracts.Queries;
using Ticketing.Survey.Data;
using Ticketing.Survey.Events;
using Ticketing.Survey.Links;
using Ticketing.Survey.Responses;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("survey");
builder.AddAccess();
builder.AddServiceDatabase<SurveyDbContext, SurveySqliteDbContext, SurveySqlServerDbContext>();
builder.Services.AddValidatorsFromAssemblyContaining<CustomerAnswerValidator>();
builder.Services.AddOptions<SurveyOptions>().BindConfiguration(SurveyOptions.Section);
builder.Services.AddSingleton<LinkTokens>();
builder.AddServiceClient<IIntakeApi>("intake");
builder.Services.AddSingleton(AgreementRules.Shipped());

var app = builder.Build();

app.MapServiceDefaults();
app.MapResponseEndpoints();
app.MapLinkEndpoints();
app.MapEventHandler<CallbackCompleted, CallbackCompletedHandler>("CallbackCompletedHandler");

app.Run();

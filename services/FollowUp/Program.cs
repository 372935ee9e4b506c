using Ticketing.BuildingBlocks.Access;
using FluentValidation;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Contracts.Queries;
using Ticketing.FollowUp.Attachments;
using Ticketing.FollowUp.Cases;
using Ticketing.FollowUp.Data;
using Ticketing.FollowUp.Events;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("followup");
builder.AddAccess();
builder.AddServiceDatabase<FollowUpDbContext, FollowUpSqliteDbContext, FollowUpSqlServerDbContext>();
builder.Services.AddValidatorsFromAssemblyContaining<CompleteCaseValidator>();
builder.AddServiceClient<IDispatchApi>("dispatch");
builder.Services.AddScoped<CoHandlers>();
builder.Services.AddSingleton<IAttachmentStore, FileSystemAttachmentStore>();

var app = builder.Build();

app.MapServiceDefaults();
app.MapCaseEndpoints();
app.MapAttachmentEndpoints();
app.MapEventHandler<HandlingRequested, HandlingRequestedHandler>("HandlingRequestedHandler");
app.MapEventHandler<WorkItemClosed, WorkItemClosedHandler>("WorkItemClosedHandler");

app.Run();

using Ticketing.BuildingBlocks.Access;
using FluentValidation;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Dispatch.Assignments;
using Ticketing.Dispatch.Data;
using Ticketing.Dispatch.Dispatches;
using Ticketing.Dispatch.Events;
using Ticketing.Dispatch.Offices;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("dispatch");
builder.AddAccess();
builder.AddServiceDatabase<DispatchDbContext, DispatchSqliteDbContext, DispatchSqlServerDbContext>();
builder.Services.AddValidatorsFromAssemblyContaining<SignForAssignmentValidator>();
builder.Services.Configure<DispatchOptions>(builder.Configuration.GetSection(DispatchOptions.Section));
builder.Services.AddSingleton(sp => OfficeDirectory.Load(sp.GetRequiredService<IOptions<DispatchOptions>>()));

var app = builder.Build();
app.Services.GetRequiredService<OfficeDirectory>(); // a broken directory file stops start-up, not the first dispatch

app.MapServiceDefaults();
app.MapOfficeEndpoints();
app.MapDispatchEndpoints();
app.MapAssignmentEndpoints();
app.MapEventHandler<DispatchRequested, DispatchRequestedHandler>("DispatchRequestedHandler");
app.MapEventHandler<WorkItemClosed, WorkItemClosedHandler>("WorkItemClosedHandler");

app.Run();

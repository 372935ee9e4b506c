using Ticketing.BuildingBlocks.Access;
using FluentValidation;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Data;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Contracts.Queries;
using Ticketing.Intake.Data;
using Ticketing.Intake.Events;
using Ticketing.Intake.Tickets;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults("intake");
builder.AddAccess();
builder.AddServiceDatabase<IntakeDbContext, IntakeSqliteDbContext, IntakeSqlServerDbContext>();
builder.Services.AddValidatorsFromAssemblyContaining<RegisterTicketValidator>();
builder.Services.Configure<IntakeOptions>(builder.Configuration.GetSection(IntakeOptions.Section));
builder.Services.AddScoped<TicketNumbers>();
builder.Services.AddScoped<Duplicates>();
builder.AddServiceClient<IDispatchApi>("dispatch");
builder.Services.AddSingleton<RegionCatalogue>();
builder.Services.AddSingleton(sp => IssueCatalogue.Load(sp.GetRequiredService<IOptions<IntakeOptions>>()));

var app = builder.Build();
app.Services.GetRequiredService<IssueCatalogue>(); // a broken catalogue stops start-up with its problems named

app.MapServiceDefaults();
app.MapTicketEndpoints();
app.MapEventHandler<TicketStateChanged, TicketStateChangedHandler>("TicketStateChangedHandler");
app.MapEventHandler<WorkItemClosed, WorkItemClosedHandler>("WorkItemClosedHandler");
app.MapEventHandler<TicketEscalated, TicketEscalatedHandler>("TicketEscalatedHandler");
app.MapEventHandler<TicketAssigned, TicketAssignedHandler>("TicketAssignedHandler");
app.MapEventHandler<AssignmentReturned, AssignmentReturnedHandler>("AssignmentReturnedHandler");
app.MapEventHandler<SlaBreached, SlaBreachedHandler>("SlaBreachedHandler");

app.Run();

using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts.Events;
using Ticketing.Contracts.Queries;
using Ticketing.Supervision.Data;
using Ticketing.Supervision.Events;
using Ticketing.Supervision.Policies;

namespace Ticketing.Supervision.Clocks;

public static class ClockSetup
{
    /// <summary>Policies, offices (from dispatch), calendars per clock, the handlers' keeper and the tick (on its own timer unless turned off).</summary>
    public static WebApplicationBuilder AddSlaClocks(this WebApplicationBuilder builder)
    {
        if (!builder.Services.Any(s => s.ServiceType == typeof(IDispatchApi))) builder.AddServiceClient<IDispatchApi>("dispatch");
        builder.Services.Configure<SupervisionOptions>(builder.Configuration.GetSection(SupervisionOptions.Section));
        builder.Services.AddSingleton<SlaPolicies>();
        builder.Services.AddSingleton<OfficeDirectory>();
        builder.Services.AddSingleton<ClockCalendars>();
        builder.Services.AddScoped<ClockKeeper>();
        builder.Services.AddScoped<SlaTick>();
        builder.Services.AddSingleton<WalCheckpointer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WalCheckpointer>());
        builder.Services.AddHostedService<SlaTickWarmUp>(); // after the database's migrator
        if (builder.Configuration.GetValue($"{SupervisionOptions.Section}:{nameof(SupervisionOptions.OwnTimer)}", true))
            builder.Services.AddHostedService<SlaTickTimer>();
        return builder;
    }

    /// <summary>Each handler's name keys its processed-event records: keep it when the class is renamed.</summary>
    public static WebApplication MapClockEventHandlers(this WebApplication app)
    {
        app.MapEventHandler<TicketAssigned, TicketAssignedHandler>("TicketAssignedHandler");
        app.MapEventHandler<CoHandlingUpdated, CoHandlingUpdatedHandler>("CoHandlingUpdatedHandler");
        app.MapEventHandler<AssignmentSigned, AssignmentSignedHandler>("AssignmentSignedHandler");
        app.MapEventHandler<AssignmentReturned, AssignmentReturnedHandler>("AssignmentReturnedHandler");
        app.MapEventHandler<HandlingRequested, HandlingRequestedHandler>("HandlingRequestedHandler");
        app.MapEventHandler<HandlingCompleted, HandlingCompletedHandler>("HandlingCompletedHandler");
        app.MapEventHandler<HandlingWaitingChanged, HandlingWaitingChangedHandler>("HandlingWaitingChangedHandler");
        app.MapEventHandler<CallbackRequested, CallbackRequestedHandler>("CallbackRequestedHandler");
        app.MapEventHandler<CallbackCompleted, CallbackCompletedHandler>("CallbackCompletedHandler");
        app.MapEventHandler<WorkItemClosed, WorkItemClosedHandler>("WorkItemClosedHandler");
        app.MapEventHandler<TicketEscalated, TicketEscalatedHandler>("TicketEscalatedHandler");
        return app;
    }
}

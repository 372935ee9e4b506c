using FluentValidation;
using Microsoft.Extensions.Options;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.Contracts.Queries;
using Ticketing.Workflow.Instances;
using Ticketing.Workflow.Timers;

namespace Ticketing.Workflow.Lifecycle;

public static class LifecycleEngineSetup
{
    /// <summary>The engine, the definitions it runs, the steps and the durable timers: swap the engine here.</summary>
    public static WebApplicationBuilder AddLifecycleEngine(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<WorkflowOptions>(builder.Configuration.GetSection(WorkflowOptions.Section));
        builder.Services.AddSingleton<ILifecycleEngine, StatelessLifecycleEngine>();
        builder.Services.AddSingleton(sp => DefinitionCatalogue.Load(sp.GetRequiredService<IOptions<WorkflowOptions>>(),
            sp.GetRequiredService<ILifecycleEngine>()));
        builder.Services.AddHostedService<InstalledDefinitionsCheck>();
        builder.Services.AddScoped<LifecycleSteps>();
        builder.Services.AddScoped<DueTimers>();
        builder.Services.AddHostedService<TimerLoop>();
        builder.Services.AddSingleton<OfficeCheck>();
        builder.Services.AddValidatorsFromAssemblyContaining<TriggerRequestValidator>();
        builder.AddServiceClient<IDispatchApi>("dispatch");
        return builder;
    }
}

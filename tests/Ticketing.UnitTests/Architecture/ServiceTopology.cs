using System.Reflection;
using Ticketing.BuildingBlocks.Data;

namespace Ticketing.UnitTests.Architecture;

/// <summary>The service assemblies as the tests see them.</summary>
public static class ServiceTopology
{
    public static readonly Assembly[] Services =
    [
        typeof(Ticketing.Intake.Data.IntakeDbContext).Assembly,
        typeof(Ticketing.Workflow.Data.WorkflowDbContext).Assembly,
        typeof(Ticketing.Dispatch.Data.DispatchDbContext).Assembly,
        typeof(Ticketing.Supervision.Data.SupervisionDbContext).Assembly,
        typeof(Ticketing.FollowUp.Data.FollowUpDbContext).Assembly,
        typeof(Ticketing.Callback.Data.CallbackDbContext).Assembly,
        typeof(Ticketing.Survey.Data.SurveyDbContext).Assembly,
        typeof(Ticketing.Reporting.Data.ReportingDbContext).Assembly,
    ];

    public static IEnumerable<Type> ProviderContexts(string provider) => Services
        .SelectMany(a => a.GetTypes())
        .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(ServiceDbContext)) && t.Name.EndsWith(provider + "DbContext", StringComparison.Ordinal));
}

using Microsoft.EntityFrameworkCore;
using Ticketing.Contracts;
using Ticketing.Workflow.Data;

namespace Ticketing.Workflow.Lifecycle;

/// <summary>
/// At start, after the migrations: every definition version an unfinished ticket still runs on must be
/// installed. A missing file stops the service naming it, rather than failing those tickets one by one later.
/// </summary>
public sealed class InstalledDefinitionsCheck(IServiceProvider services, DefinitionCatalogue catalogue) : IHostedService
{
    private static readonly TicketState[] Finished = [TicketState.Closed, TicketState.Rejected, TicketState.Merged];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WorkflowDbContext>();
        var running = await db.Instances.AsNoTracking().Where(i => !Finished.Contains(i.State))
            .GroupBy(i => new { i.DefinitionName, i.DefinitionVersion })
            .Select(g => new { g.Key.DefinitionName, g.Key.DefinitionVersion, Tickets = g.Count() })
            .ToListAsync(cancellationToken);
        var missing = running.Where(r => catalogue.Find(r.DefinitionName, r.DefinitionVersion) is null)
            .Select(r => $"{r.Tickets} unfinished ticket(s) run on {r.DefinitionName} v{r.DefinitionVersion}, which is not installed; restore its file")
            .ToList();
        if (missing.Count > 0) throw new InvalidLifecycleDefinitionException("set", missing);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

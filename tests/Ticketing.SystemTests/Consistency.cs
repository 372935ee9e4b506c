using Ticketing.Contracts;

namespace Ticketing.SystemTests;

/// <summary>
/// After a scenario has settled, every service's view of a ticket agrees with its workflow instance: intake's
/// status, dispatch's queued requests and open assignments, follow-up's open cases, callback's open tasks and
/// supervision's running clocks (sign-for, handling, callback) are exactly the work items the workflow has open.
/// </summary>
public static class Consistency
{
    public static async Task<InstanceView> CheckAsync(HttpClient gateway, Guid ticketId)
    {
        string? disagreement = null;
        InstanceView? instance = null;
        try
        {
            await Eventually.Until(async () =>
            {
                instance = await gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticketId}");
                disagreement = await DisagreementAsync(gateway, instance);
                return disagreement;
            }, found => found is null, TimeSpan.FromSeconds(20), $"every service to agree on ticket {ticketId}");
        }
        catch (Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"Services disagree on ticket {ticketId} ({instance?.State}): {disagreement}");
        }
        return instance!;
    }

    private static async Task<string?> DisagreementAsync(HttpClient gateway, InstanceView instance)
    {
        var id = instance.TicketId;
        var ticket = await gateway.GetAsync<TicketView>($"api/intake/tickets/{id}");
        if (ticket.Status != instance.State) return $"intake shows {ticket.Status}, workflow {instance.State}";

        var checks = new (WorkItemKind Kind, string What, Task<IEnumerable<Guid>> Held)[]
        {
            (WorkItemKind.Dispatch, "dispatch's queued requests", Ids<DispatchView>(gateway, $"api/dispatch/dispatches?ticketId={id}&pageSize=200",
                d => d.Status == "Queued", d => d.Id)),
            (WorkItemKind.Assignment, "dispatch's open assignments", Ids<AssignmentView>(gateway, $"api/dispatch/assignments?ticketId={id}&pageSize=200",
                a => a.Status == "Assigned", a => a.Id)),
            (WorkItemKind.HandlingCase, "follow-up's open cases", Ids<CaseView>(gateway, $"api/followup/cases?ticketId={id}&pageSize=200",
                c => c.Status == "InProgress", c => c.Id)),
            (WorkItemKind.CallbackTask, "callback's open tasks", Ids<CallbackTaskView>(gateway, $"api/callback/tasks?ticketId={id}&pageSize=200",
                t => t.Status == "Open", t => t.Id)),
        };
        foreach (var (kind, what, held) in checks)
        {
            var expected = instance.Open(kind).Order().ToList();
            var actual = (await held).Order().ToList();
            if (!expected.SequenceEqual(actual))
                return $"{what} are [{string.Join(", ", actual)}], the workflow's open {kind} items [{string.Join(", ", expected)}]";
        }
        var running = (await Ids<ClockView>(gateway, $"api/supervision/clocks?ticketId={id}&pageSize=200", c => c.StoppedAt is null, c => c.WorkItemId))
            .Order().ToList();
        var timed = instance.Open(WorkItemKind.Assignment).Concat(instance.Open(WorkItemKind.HandlingCase)).Concat(instance.Open(WorkItemKind.CallbackTask))
            .Order().ToList();
        return running.SequenceEqual(timed) ? null
            : $"supervision's running clocks are on [{string.Join(", ", running)}], the workflow's open assignments, cases and callback tasks " +
              $"[{string.Join(", ", timed)}]";
    }

    private static async Task<IEnumerable<Guid>> Ids<T>(HttpClient gateway, string path, Func<T, bool> open, Func<T, Guid> id) =>
        (await gateway.GetAsync<PageOf<T>>(path)).Items.Where(open).Select(id);
}

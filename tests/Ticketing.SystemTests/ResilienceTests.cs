using System.Collections.Concurrent;
using System.Text.Json;
using Ticketing.Contracts;

namespace Ticketing.SystemTests;

/// <summary>
/// Event delivery never stalls: one subscriber down holds up only its own events, and a long outage loses
/// and duplicates nothing. CI runs a short variant; TICKETING_RESILIENCE=long runs the full one (bench/resilience.sh).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ResilienceTests(SystemFixture system)
{
    private static readonly bool Long = Environment.GetEnvironmentVariable("TICKETING_RESILIENCE") == "long";
    private readonly HttpClient _gateway = system.Gateway;

    [Fact]
    public async Task With_survey_down_every_accepted_ticket_is_still_assigned_within_30_seconds()
    {
        await system.System.StopAppAsync("survey");
        try
        {
            var accepted = await Flow.RegisterAndAcceptAsync(_gateway, Long ? 300 : 120, "调查服务停机");

            var assigned = await Eventually.Until(() => AssignedAtAsync(accepted.Keys), a => a.Count == accepted.Count,
                TimeSpan.FromSeconds(60), "every ticket to be assigned");
            var late = accepted.Where(t => assigned[t.Key] - t.Value > TimeSpan.FromSeconds(30)).ToList();
            Assert.True(late.Count == 0, $"{late.Count} ticket(s) were assigned more than 30 s after acceptance");
            await Eventually.Until(() => StatusesAsync(accepted.Keys), s => s.Values.All(v => v == "Assigned"),
                TimeSpan.FromSeconds(30), "intake to show every ticket assigned");
        }
        finally
        {
            await system.System.StartAppAsync("survey", SystemFixture.StartTimeout);
        }
    }

    [Fact]
    public async Task Tickets_taken_while_workflow_is_down_are_all_assigned_once_it_is_back_and_every_effect_happens_once()
    {
        using var intake = system.ClientFor("intake");
        await system.System.StopAppAsync("workflow");
        Dictionary<Guid, DateTimeOffset> accepted;
        try
        {
            var outage = Task.Delay(Long ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(10));
            accepted = await Flow.RegisterAndAcceptAsync(_gateway, Long ? 200 : 60, "流程服务停机");
            await outage;
            var readiness = await Eventually.Until(() => ReadinessAsync(intake), r => r.Status == "Degraded", TimeSpan.FromSeconds(15),
                "intake's readiness to be Degraded while workflow is down");
            Assert.Contains("workflow", readiness.Body);
        }
        finally
        {
            await system.System.StartAppAsync("workflow", SystemFixture.StartTimeout);
        }

        var tickets = accepted.Keys.ToHashSet();
        await Eventually.Until(() => StatesAsync(tickets), s => s.Count == tickets.Count && s.Values.All(v => v == "Assigned"),
            TimeSpan.FromSeconds(90), "every ticket to reach Assigned");
        await Eventually.Until(() => ReadinessAsync(intake), r => r.Status == "Healthy", TimeSpan.FromSeconds(30),
            "intake's readiness to be Healthy once workflow has drained");

        Assert.All(await SettledEffects(tickets), effect => Assert.True(effect.Value.All(n => n == 1),
            $"{effect.Key}: {effect.Value.Count(n => n == 0)} missing, {effect.Value.Count(n => n > 1)} duplicated of {tickets.Count}"));
    }

    [Fact]
    public async Task Each_app_killed_in_turn_while_tickets_flow_is_restarted_and_no_ticket_is_lost_or_handled_twice()
    {
        var apps = SystemApps.All.Select(a => a.AppId).ToList();
        var before = (await ServiceDatabases.QueryAsync(system, "intake", "SELECT Id FROM Tickets", r => Guid.Parse(r.GetString(0)))).ToHashSet();
        using var stop = new CancellationTokenSource();
        var flow = Flow.RegisterAndAcceptPatientlyAsync(_gateway, Long ? 500 : 100, "逐个强杀");
        var kills = new List<string>();
        foreach (var appId in apps)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(Long ? 3000 : 800));
            var pid = system.System.ProcessIdOf(appId) ?? throw new InvalidOperationException($"{appId} is not running");
            var restarts = system.System.RestartsOf(appId);
            System.Diagnostics.Process.GetProcessById(pid).Kill(); // SIGKILL: no chance to finish anything
            await Eventually.Until(() => Task.FromResult(system.System.RestartsOf(appId)), r => r > restarts, TimeSpan.FromSeconds(30),
                $"the launcher to restart {appId}");
            await system.System.WaitUntilReadyAsync(appId, SystemFixture.StartTimeout);
            kills.Add($"{appId} (pid {pid})");
        }
        var known = await flow;

        // Every ticket intake took during the test, also one whose answer a kill swallowed (an agent then registers again).
        var taken = (await ServiceDatabases.QueryAsync(system, "intake", "SELECT Id, Status FROM Tickets", r => (Id: Guid.Parse(r.GetString(0)), Status: r.GetString(1))))
            .Where(t => !before.Contains(t.Id) && t.Status != "Received").Select(t => t.Id).ToHashSet();
        Assert.Superset(taken, known.ToHashSet());
        await Eventually.Until(() => StatesAsync(taken), s => s.Count == taken.Count && s.Values.All(v => v == "Assigned"),
            TimeSpan.FromSeconds(120), "every accepted ticket to reach Assigned after the kills");
        var effects = await SettledEffects(taken);
        Assert.All(effects, effect => Assert.True(effect.Value.All(n => n == 1),
            $"{effect.Key}: {effect.Value.Count(n => n == 0)} lost, {effect.Value.Count(n => n > 1)} duplicated of {taken.Count}"));
        var deadLetters = 0;
        foreach (var service in SystemApps.Services.Where(s => s.Publishes.Count > 0)) // dead letters are kept by their publisher
        {
            using var client = system.ClientFor(service.AppId);
            deadLetters += JsonDocument.Parse(await client.GetStringAsync("admin/dead-letters")).RootElement.GetProperty("total").GetInt32();
        }
        Assert.Equal(0, deadLetters); // an outage is waited out, never dead-lettered
        Console.WriteLine($"kill -9 of {string.Join(", ", kills)} while {known.Count} tickets flowed: {taken.Count} accepted, " +
                          $"0 lost, 0 duplicated, {deadLetters} dead letters");
    }

    /// <summary>
    /// The effects once every service has caught up: each subscriber gets its events on its own, so a ticket
    /// can be Assigned in workflow a moment before supervision has its clock. Waits until nothing is missing
    /// (or a minute has passed), then hands over the counts to be judged.
    /// </summary>
    private async Task<Dictionary<string, List<int>>> SettledEffects(IReadOnlySet<Guid> tickets)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var effects = await Effects(tickets);
        while (effects.Values.Any(counts => counts.Contains(0)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            effects = await Effects(tickets);
        }
        return effects;
    }

    /// <summary>Rows per ticket in each service's own database: instance, dispatch request, assignment, clock.</summary>
    internal async Task<Dictionary<string, List<int>>> Effects(IReadOnlySet<Guid> tickets)
    {
        var counts = new Dictionary<string, Dictionary<Guid, int>>
        {
            ["workflow instances"] = await ServiceDatabases.RowsPerTicketAsync(system, "workflow", "WorkflowInstances"),
            ["dispatch assignments"] = await ServiceDatabases.RowsPerTicketAsync(system, "dispatch", "Assignments"),
            ["supervision clocks"] = await ServiceDatabases.RowsPerTicketAsync(system, "supervision", "SlaClocks"),
            ["dispatch requests"] = await ServiceDatabases.RowsPerTicketAsync(system, "dispatch", "DispatchRequests"),
        };
        return counts.ToDictionary(c => c.Key, c => tickets.Select(t => c.Value.GetValueOrDefault(t)).ToList());
    }

    private async Task<Dictionary<Guid, DateTimeOffset>> AssignedAtAsync(IEnumerable<Guid> tickets)
    {
        var wanted = tickets.ToHashSet();
        return (await ServiceDatabases.QueryAsync(system, "dispatch", "SELECT TicketId, MIN(AssignedAt) FROM Assignments GROUP BY TicketId",
                r => (Ticket: Guid.Parse(r.GetString(0)), At: ServiceDatabases.Instant(r.GetInt64(1)))))
            .Where(r => wanted.Contains(r.Ticket)).ToDictionary(r => r.Ticket, r => r.At);
    }

    private Task<Dictionary<Guid, string>> StatusesAsync(IEnumerable<Guid> tickets) =>
        ColumnAsync("intake", "SELECT Id, Status FROM Tickets", tickets);

    private Task<Dictionary<Guid, string>> StatesAsync(IEnumerable<Guid> tickets) =>
        ColumnAsync("workflow", "SELECT TicketId, State FROM WorkflowInstances", tickets);

    private async Task<Dictionary<Guid, string>> ColumnAsync(string appId, string sql, IEnumerable<Guid> tickets)
    {
        var wanted = tickets.ToHashSet();
        return (await ServiceDatabases.QueryAsync(system, appId, sql, r => (Ticket: Guid.Parse(r.GetString(0)), Value: r.GetString(1))))
            .Where(r => wanted.Contains(r.Ticket)).ToDictionary(r => r.Ticket, r => r.Value);
    }

    private static async Task<(string Status, string Body)> ReadinessAsync(HttpClient service)
    {
        using var response = await service.GetAsync("health/ready");
        var body = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        return (document.RootElement.GetProperty("status").GetString()!, body);
    }
}

/// <summary>Agents at work: tickets registered and accepted through the gateway, several at a time.</summary>
public static class Flow
{
    /// <summary>Returns each ticket with the moment its acceptance was answered.</summary>
    public static async Task<Dictionary<Guid, DateTimeOffset>> RegisterAndAcceptAsync(HttpClient gateway, int count, string title,
        int agents = 6, CancellationToken cancellationToken = default)
    {
        var accepted = new ConcurrentDictionary<Guid, DateTimeOffset>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = agents, CancellationToken = cancellationToken },
            async (n, _) =>
            {
                var ticket = await gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(title: $"{title} {n}", phone: $"139{n:00000000}"));
                await gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/accept");
                accepted[ticket.Id] = DateTimeOffset.UtcNow;
            });
        return new Dictionary<Guid, DateTimeOffset>(accepted);
    }

    /// <summary>
    /// As an agent would while services restart: a failed call is tried again after a moment. A registration
    /// whose answer was lost is registered again (a second ticket); an acceptance already made answers 409.
    /// Patience: a minute per call, as long as a restart on a loaded machine can take.
    /// Returns the tickets known to be accepted.
    /// </summary>
    public static async Task<List<Guid>> RegisterAndAcceptPatientlyAsync(HttpClient gateway, int count, string title, int agents = 4)
    {
        var accepted = new ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = agents }, async (n, _) =>
        {
            var ticket = await PatientlyAsync(() => gateway.PostAsync("api/intake/tickets",
                System.Net.Http.Json.JsonContent.Create(Calls.NewTicket(title: $"{title} {n}", phone: $"137{n:00000000}"))), created: true);
            var id = JsonDocument.Parse(ticket).RootElement.GetProperty("id").GetGuid();
            await PatientlyAsync(() => gateway.PostAsync($"api/intake/tickets/{id}/accept", null), created: false);
            accepted.Add(id);
        });
        return accepted.ToList();
    }

    private static async Task<string> PatientlyAsync(Func<Task<HttpResponseMessage>> call, bool created)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await call();
                var body = await response.Content.ReadAsStringAsync();
                if (response.IsSuccessStatusCode) return body;
                if (!created && response.StatusCode == System.Net.HttpStatusCode.Conflict) return body; // accepted before the answer was lost
                if ((int)response.StatusCode < 500 || attempt >= 240) throw new Xunit.Sdk.XunitException($"{(int)response.StatusCode}: {body}");
            }
            catch (HttpRequestException) when (attempt < 240)
            {
                // the gateway itself is restarting
            }
            await Task.Delay(250);
        }
    }
}

using Ticketing.BuildingBlocks.Access;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Workflow.Instances;
using Ticketing.Workflow.Timers;

namespace Ticketing.UnitTests.Workflow;

/// <summary>The workflow's API and inbox over real HTTP: commands, refusals, races, redeliveries, timers and versions.</summary>
public sealed class WorkflowApiTests
{
    private static readonly string[] Commands = ["Escalate", "CloseEarly", "Merge", "Reassign", "ApproveReply", "SendBack", "ReturnToOffice"];

    public static TheoryData<Category> TicketTypes => new(Category.HelpRequest, Category.Complaint, Category.Consultation);

    [Theory]
    [MemberData(nameof(TicketTypes))]
    public async Task Every_command_in_every_state_reaches_the_designed_state_or_answers_409_naming_what_is_possible(Category category)
    {
        await using var host = await WorkflowHost.StartAsync();
        var primary = await new Journey(host, category).ReceivedAsync();
        var definition = DefinitionTests.Shipped.For(category);
        foreach (var state in definition.LeafStates.Select(Enum.Parse<TicketState>))
        foreach (var command in Commands)
        {
            var ticket = await new Journey(host, category).ToAsync(state);
            var permitted = DefinitionTests.Permitted(definition, ticket.TicketId);
            var response = await host.TriggerAsync(ticket.TicketId, command,
                new { reason = "督办要求", officeCode = "SFS-CG", primaryTicketId = primary.TicketId });
            var body = await response.Content.ReadAsStringAsync();
            var after = await host.InstanceAsync(ticket.TicketId, Roles.Supervisor);
            if (permitted.TryGetValue((state.ToString(), command), out var expected))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{definition.Key} {state} {command}: {body}");
                Assert.Equal(expected, after.State.ToString());
                Assert.Equal(("sup-1", "supervisor", command), (after.Timeline[^1].Actor, after.Timeline[^1].Role, after.Timeline[^1].Kind));
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{definition.Key} {state} {command}: {(int)response.StatusCode} {body}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var problem = JsonNode.Parse(body)!;
                Assert.Equal(state.ToString(), (string?)problem["state"]);
                Assert.Equal(after.PermittedTriggers.Count, problem["permittedTriggers"]!.AsArray().Count);
                Assert.Equal(state, after.State);
            }
        }
    }

    [Fact]
    public async Task Refusals_say_why_a_wrong_role_is_403_a_missing_reason_422_and_a_stage_step_is_not_a_command()
    {
        await using var host = await WorkflowHost.StartAsync();
        var ticket = await new Journey(host).ToAsync(TicketState.InProgress);

        var asAgent = await host.TriggerAsync(ticket.TicketId, "closeearly", new { reason = "重复" }, role: Roles.Agent, user: "agent-1");
        Assert.Equal(HttpStatusCode.Forbidden, asAgent.StatusCode);
        Assert.Contains("supervisor", await asAgent.Content.ReadAsStringAsync());
        Assert.Equal(["Escalate"], (await host.InstanceAsync(ticket.TicketId, Roles.Agent)).PermittedTriggers);
        Assert.Equal(["CloseEarly", "Escalate", "Reassign"], (await host.InstanceAsync(ticket.TicketId, Roles.Supervisor)).PermittedTriggers);

        var noReason = await host.TriggerAsync(ticket.TicketId, "CloseEarly", new { });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Contains("needs a reason", await noReason.Content.ReadAsStringAsync());

        var stageStep = await host.TriggerAsync(ticket.TicketId, "Complete", new { reason = "x" });
        Assert.Equal(HttpStatusCode.Conflict, stageStep.StatusCode);
        Assert.Contains("handling.completed", await stageStep.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await host.TriggerAsync(ticket.TicketId, "Teleport")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.TriggerAsync(Guid.NewGuid(), "Escalate")).StatusCode);
        var unknownOffice = await host.TriggerAsync(ticket.TicketId, "Reassign", new { reason = "x", officeCode = "NOPE" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknownOffice.StatusCode);
        Assert.Contains("SFS-DC", await unknownOffice.Content.ReadAsStringAsync()); // names the valid offices
        Assert.Equal(TicketState.InProgress, (await host.InstanceAsync(ticket.TicketId)).State);
    }

    [Fact]
    public async Task Twenty_conflicting_commands_at_once_let_exactly_one_through_and_keep_the_instance_whole()
    {
        await using var host = await WorkflowHost.StartAsync();
        var ticket = await new Journey(host).ToAsync(TicketState.Accepted);
        var primary = await new Journey(host).ReceivedAsync();

        // Closing and merging both end the ticket: whichever comes first wins, the others find it ended.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? host.TriggerAsync(ticket.TicketId, "CloseEarly", new { reason = $"关闭 {i}" }, user: $"sup-{i}")
            : host.TriggerAsync(ticket.TicketId, "Merge", new { reason = $"重复 {i}", primaryTicketId = primary.TicketId }, user: $"sup-{i}")));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        var instance = await host.InstanceAsync(ticket.TicketId);
        Assert.Equal(Enumerable.Range(1, instance.Timeline.Count), instance.Timeline.Select(e => e.Position));
        Assert.Single(instance.Timeline, e => e.Kind is "CloseEarly" or "Merge");
        Assert.Contains(instance.State, new[] { TicketState.Closed, TicketState.Merged });
        Assert.DoesNotContain(instance.WorkItems, w => w.Status == WorkItemStatus.Open);
        Assert.Single(await host.PublishedAsync(ticket.TicketId), e => e.Topic == "ticket.state-changed" && e.Payload.Contains("\"sequence\":2"));
    }

    [Fact]
    public async Task A_command_sent_again_with_its_request_id_happens_once()
    {
        await using var host = await WorkflowHost.StartAsync();
        var ticket = await new Journey(host).ToAsync(TicketState.Assigned);
        var requestId = Guid.NewGuid();
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await host.TriggerAsync(ticket.TicketId, "Escalate", new { reason = "市民再次来电" }, requestId: requestId)).StatusCode);
        var instance = await host.InstanceAsync(ticket.TicketId);
        Assert.Equal((Urgency.Urgent, 1), (instance.Urgency, instance.Counters.Escalations));
        Assert.Equal(TicketState.Assigned, instance.State); // escalation never changes the state
        Assert.Single(await host.PublishedAsync(ticket.TicketId), e => e.Topic == "ticket.escalated");
    }

    [Fact]
    public async Task A_step_on_a_work_item_the_ticket_no_longer_has_is_marked_superseded_and_its_service_told()
    {
        await using var host = await WorkflowHost.StartAsync();
        var ticket = await new Journey(host).ToAsync(TicketState.Assigned);
        var assignment = await ticket.OpenAsync(WorkItemKind.Assignment);
        (await host.TriggerAsync(ticket.TicketId, "CloseEarly", new { reason = "市民撤诉" })).EnsureSuccessStatusCode();

        // The office signed for it at the same moment: its step arrives after the close.
        await host.DeliverAsync(new AssignmentSigned(ticket.TicketId, assignment, "SFS-DC", "clerk-1"));

        var instance = await host.InstanceAsync(ticket.TicketId);
        Assert.Equal(TicketState.Closed, instance.State);
        var item = Assert.Single(instance.WorkItems, w => w.Id == assignment);
        Assert.Equal(WorkItemStatus.Superseded, item.Status);
        Assert.Contains("CloseEarly by sup-1", item.ClosedReason);
        Assert.Equal("StepSuperseded", instance.Timeline[^1].Kind);
        var closed = (await host.PublishedAsync(ticket.TicketId)).Where(e => e.Topic == "work-item.closed")
            .Select(e => JsonSerializer.Deserialize<WorkItemClosed>(e.Payload, EventJson.Options)!).Where(c => c.WorkItemId == assignment).ToList();
        Assert.Equal([WorkItemOutcome.Withdrawn, WorkItemOutcome.Superseded], closed.Select(c => c.Outcome));
    }

    [Fact]
    public async Task An_assignment_made_for_a_withdrawn_dispatch_request_is_superseded_not_applied()
    {
        await using var host = await WorkflowHost.StartAsync();
        var ticket = await new Journey(host).ToAsync(TicketState.Accepted);
        var dispatch = await ticket.OpenAsync(WorkItemKind.Dispatch);
        var primary = await new Journey(host).ReceivedAsync();
        (await host.TriggerAsync(ticket.TicketId, "Merge", new { reason = "重复", primaryTicketId = primary.TicketId })).EnsureSuccessStatusCode();

        var lateAssignment = Guid.NewGuid();
        await host.DeliverAsync(new TicketAssigned(ticket.TicketId, "n", dispatch, lateAssignment, "SFS-DC", "东城区", Category.HelpRequest,
            Urgency.Normal, "dispatch"));

        var instance = await host.InstanceAsync(ticket.TicketId);
        Assert.Equal((TicketState.Merged, primary.TicketId), (instance.State, instance.MergedInto));
        Assert.Equal(WorkItemStatus.Superseded, Assert.Single(instance.WorkItems, w => w.Id == lateAssignment).Status);
        Assert.Contains((await host.InstanceAsync(primary.TicketId)).Timeline, e => e.Kind == "MergedFrom");
    }

    [Fact]
    public async Task A_redelivered_event_changes_nothing_and_a_step_on_an_unopened_item_waits()
    {
        await using var host = await WorkflowHost.StartAsync();
        var ticket = await new Journey(host).ReceivedAsync();
        var accepted = new TicketAccepted(ticket.TicketId, "n", Category.HelpRequest, Urgency.Normal, "DC", "agent-1");
        await host.DeliverAsync(accepted);
        await host.DeliverAsync(accepted);
        await host.DeliverAsync(new AssignmentSigned(ticket.TicketId, Guid.NewGuid(), "SFS-DC", "clerk-1")); // no such assignment yet

        var instance = await host.InstanceAsync(ticket.TicketId);
        Assert.Equal(["Received", "Accept"], instance.Timeline.Select(e => e.Kind));
        Assert.Single(await host.PublishedAsync(ticket.TicketId), e => e.Topic == "dispatch.requested");
        var waiting = await host.Client.GetStringAsync("admin/waiting-events");
        Assert.Contains("has not opened Assignment", waiting);
    }

    [Fact]
    public async Task The_timeline_pages_oldest_first()
    {
        await using var host = await WorkflowHost.StartAsync();
        var ticket = await new Journey(host).ToAsync(TicketState.InProgress);
        var first = JsonNode.Parse(await host.Client.GetStringAsync($"instances/{ticket.TicketId}/timeline?page=1&pageSize=2"))!;
        var second = JsonNode.Parse(await host.Client.GetStringAsync($"instances/{ticket.TicketId}/timeline?page=2&pageSize=2"))!;
        Assert.Equal([1, 2, 3, 4], first["items"]!.AsArray().Concat(second["items"]!.AsArray()).Select(e => (int)e!["position"]!));
        Assert.Equal(4, (int)first["total"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync($"instances/{Guid.NewGuid()}/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetAsync($"instances/{ticket.TicketId}/timeline?pageSize=0")).StatusCode);
    }

    [Fact]
    public async Task A_durable_timer_fires_once_on_the_services_clock_survives_a_restart_and_dies_with_its_state()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WorkflowHost.StartAsync(clock);
        var waiting = await new Journey(host).ToAsync(TicketState.AwaitingDecision);
        var answered = await new Journey(host).ToAsync(TicketState.AwaitingDecision);
        (await host.TriggerAsync(answered.TicketId, "ReturnToOffice", new { reason = "仍由原单位办理" })).EnsureSuccessStatusCode();

        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, await FireDueTimersAsync(host));

        await host.RestartAsync(clock, null); // the timer is in the database, not in memory
        clock.Advance(TimeSpan.FromHours(2));
        Assert.Equal(1, await FireDueTimersAsync(host));
        Assert.Equal(0, await FireDueTimersAsync(host));

        var escalated = await host.InstanceAsync(waiting.TicketId);
        Assert.Equal((TicketState.AwaitingDecision, Urgency.Urgent), (escalated.State, escalated.Urgency));
        Assert.Equal(("Escalate", "timer", "timer"), (escalated.Timeline[^1].Kind, escalated.Timeline[^1].Actor, escalated.Timeline[^1].Role));
        Assert.DoesNotContain((await host.InstanceAsync(answered.TicketId)).Timeline, e => e.Kind == "Escalate");
    }

    [Fact]
    public async Task The_hosted_timer_loop_fires_due_timers_when_the_clock_moves()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WorkflowHost.StartAsync(clock, timerInterval: TimeSpan.FromMinutes(1));
        var ticket = await new Journey(host).ToAsync(TicketState.AwaitingCallback);
        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(2)); // the callback is overdue: escalate
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while ((await host.InstanceAsync(ticket.TicketId)).Urgency == Urgency.Normal && DateTime.UtcNow < deadline)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            await Task.Delay(50);
        }
        Assert.Equal(Urgency.Urgent, (await host.InstanceAsync(ticket.TicketId)).Urgency);
    }

    [Fact]
    public async Task A_ticket_finishes_on_the_definition_version_it_started_on_while_new_tickets_take_the_newest()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ticketing-definitions-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var v2 = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Lifecycle/Definitions/consultation.v2.json")))!;
        v2["version"] = 3;
        v2["title"] = "Consultations, v3: one unanswered callback closes the ticket";
        v2["settings"]!["unreachableAttempts"] = 1;
        File.WriteAllText(Path.Combine(folder, "consultation.v3.json"), v2.ToJsonString());

        await using var host = await WorkflowHost.StartAsync();
        var onV1 = await new Journey(host, Category.Consultation).ToAsync(TicketState.AwaitingCallback);
        await host.RestartAsync(null, ["Lifecycle/Definitions", folder]); // v3 is installed beside v2
        var onV2 = await new Journey(host, Category.Consultation).ToAsync(TicketState.AwaitingCallback);

        foreach (var ticket in new[] { onV1, onV2 })
            await host.DeliverAsync(new CallbackFailed(ticket.TicketId, await ticket.OpenAsync(WorkItemKind.CallbackTask), 1, "无人接听", "agent-2"));

        var first = await host.InstanceAsync(onV1.TicketId);
        var second = await host.InstanceAsync(onV2.TicketId);
        Assert.Equal((new DefinitionRef("consultation", 2), TicketState.AwaitingCallback), (first.Definition, first.State));
        Assert.Equal((new DefinitionRef("consultation", 3), TicketState.Closed), (second.Definition, second.State));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_definition_version_that_unfinished_tickets_run_on_cannot_be_taken_away()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ticketing-definitions-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var v2 = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Lifecycle/Definitions/default.v2.json")))!;
        v2["version"] = 3;
        File.WriteAllText(Path.Combine(folder, "default.v3.json"), v2.ToJsonString());

        await using var host = await WorkflowHost.StartAsync(definitionFolders: ["Lifecycle/Definitions", folder]);
        await new Journey(host).ToAsync(TicketState.Assigned);
        var failure = await Assert.ThrowsAsync<Ticketing.Workflow.Lifecycle.InvalidLifecycleDefinitionException>(
            () => host.RestartAsync(null, ["Lifecycle/Definitions"]));
        Assert.Contains("1 unfinished ticket(s) run on default v3, which is not installed", failure.Message);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_broken_definition_stops_the_service_with_its_problems_named()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ticketing-definitions-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        var broken = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Lifecycle/Definitions/default.v1.json")))!;
        broken["version"] = 9;
        broken["transitions"]!.AsArray().Add(JsonNode.Parse("""{"from":"Closed","trigger":"Reopen","to":"Limbo"}"""));
        File.WriteAllText(Path.Combine(folder, "default.v9.json"), broken.ToJsonString());

        var failure = await Assert.ThrowsAsync<Ticketing.Workflow.Lifecycle.InvalidLifecycleDefinitionException>(async () =>
        {
            await using var host = await WorkflowHost.StartAsync(definitionFolders: ["Lifecycle/Definitions", folder]);
            host.App.Services.GetRequiredService<Ticketing.Workflow.Lifecycle.DefinitionCatalogue>();
        });
        Assert.Contains("default v9", failure.Message);
        Assert.Contains("'Limbo', which is not a state", failure.Message);
        Directory.Delete(folder, recursive: true);
    }

    private static async Task<int> FireDueTimersAsync(WorkflowHost host)
    {
        await using var scope = host.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DueTimers>().FireAsync(default);
    }
}

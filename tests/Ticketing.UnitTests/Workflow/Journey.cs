using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Workflow.Instances;

namespace Ticketing.UnitTests.Workflow;

/// <summary>Takes a ticket to a state the way the stage services would: their events, with the work item ids the workflow opened.</summary>
public sealed class Journey(WorkflowHost host, Category category = Category.HelpRequest)
{
    private static int _numbers;

    public Guid TicketId { get; } = Guid.NewGuid();
    public string Office { get; private set; } = "SFS-DC";

    public async Task<Journey> ReceivedAsync()
    {
        await host.DeliverAsync(new TicketReceived(TicketId, $"GD20261125-{Interlocked.Increment(ref _numbers) + 100000:000000}", Channel.Phone,
            category, Urgency.Normal, "DC", "路灯不亮", "agent-1"));
        return this;
    }

    public async Task<Journey> ToAsync(TicketState state)
    {
        await ReceivedAsync();
        switch (state)
        {
            case TicketState.Received: break;
            case TicketState.Accepted: await AcceptAsync(); break;
            case TicketState.Rejected: await host.DeliverAsync(new TicketRejected(TicketId, "n", "不属于受理范围", "agent-1")); break;
            case TicketState.Assigned: await AcceptAsync(); await AssignAsync(); break;
            case TicketState.Returned: await AcceptAsync(); await AssignAsync(); await ReturnAsync(); break;
            case TicketState.AwaitingDecision:
                await AcceptAsync();
                for (var i = 0; i < 3; i++) { await AssignAsync(); await ReturnAsync(); }
                break;
            case TicketState.InProgress: await AcceptAsync(); await AssignAsync(); await SignAsync(); break;
            case TicketState.UnderReview: await AcceptAsync(); await AssignAsync(); await SignAsync(); await CompleteAsync(); break;
            case TicketState.AwaitingCallback: await AcceptAsync(); await AssignAsync(); await SignAsync(); await CompleteAsync(); await ApproveIfReviewedAsync(); break;
            case TicketState.Closed:
                await AcceptAsync(); await AssignAsync(); await SignAsync(); await CompleteAsync(); await ApproveIfReviewedAsync();
                await CallbackAsync(Satisfaction.Satisfied);
                break;
            case TicketState.Merged:
                var primary = await new Journey(host, category).ReceivedAsync();
                await host.TriggerAsync(TicketId, "Merge", new { reason = "重复来电", primaryTicketId = primary.TicketId });
                break;
        }
        var instance = await host.InstanceAsync(TicketId);
        Assert.True(instance.State == state, $"expected {state}, the ticket is {instance.State}");
        return this;
    }

    public Task AcceptAsync() => host.DeliverAsync(new TicketAccepted(TicketId, "n", category, Urgency.Normal, "DC", "agent-1"));

    public async Task<Guid> AssignAsync(string? office = null)
    {
        Office = office ?? Office;
        var assignmentId = Guid.NewGuid();
        await host.DeliverAsync(new TicketAssigned(TicketId, "n", await OpenAsync(WorkItemKind.Dispatch), assignmentId, Office, "东城区", category,
            Urgency.Normal, "dispatch"));
        return assignmentId;
    }

    public async Task SignAsync() => await host.DeliverAsync(new AssignmentSigned(TicketId, await OpenAsync(WorkItemKind.Assignment), Office, "clerk-1"));

    public async Task ReturnAsync() =>
        await host.DeliverAsync(new AssignmentReturned(TicketId, await OpenAsync(WorkItemKind.Assignment), Office, "不属于本单位管辖", "clerk-1"));

    public async Task CompleteAsync() =>
        await host.DeliverAsync(new HandlingCompleted(TicketId, await OpenAsync(WorkItemKind.HandlingCase), Office, "已处理", "clerk-1"));

    public async Task CallbackAsync(Satisfaction satisfaction) =>
        await host.DeliverAsync(new CallbackCompleted(TicketId, await OpenAsync(WorkItemKind.CallbackTask), satisfaction != Satisfaction.Unsatisfied,
            satisfaction, "", "agent-2"));

    private async Task ApproveIfReviewedAsync()
    {
        if ((await host.InstanceAsync(TicketId)).State == TicketState.UnderReview)
            (await host.TriggerAsync(TicketId, "ApproveReply", new { }, role: "specialist")).EnsureSuccessStatusCode();
    }

    /// <summary>The id of the open work item of this kind, as its service would know it.</summary>
    public async Task<Guid> OpenAsync(WorkItemKind kind) =>
        Assert.Single((await host.InstanceAsync(TicketId)).WorkItems, w => w.Kind == kind && w.Status == WorkItemStatus.Open).Id;
}

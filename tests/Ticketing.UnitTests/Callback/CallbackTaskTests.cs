using Microsoft.EntityFrameworkCore;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Callback.Data;
using Ticketing.Callback.Events;
using Ticketing.Callback.Tasks;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;

namespace Ticketing.UnitTests.Callback;

public sealed class CallbackTaskTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-23T01:00:00Z");
    private static readonly CallbackRules Rules = new();

    [Fact]
    public void An_outcome_is_recorded_once()
    {
        var task = Open();
        task.RecordOutcome(true, Satisfaction.BasicallySatisfied, " 还行 ", "agent-1", Now);
        Assert.Equal(("还行", Satisfaction.BasicallySatisfied), (task.Comment, task.Satisfaction));
        var refused = Assert.Throws<DomainRuleException>(() => task.RecordOutcome(false, Satisfaction.Unsatisfied, null, "agent-2", Now));
        Assert.Equal(409, refused.StatusCode);
        Assert.Contains("agent-1", refused.Message);
    }

    [Fact]
    public void Failed_attempts_are_counted_and_the_task_stays_open_for_the_next_call()
    {
        var task = Open();
        Assert.True(task.RecordFailedAttempt(CallResult.NoAnswer, "无人接听", "agent-1", Now, Rules));
        Assert.True(task.RecordFailedAttempt(CallResult.Busy, " 关机 ", "agent-1", Now.AddHours(2), Rules));
        Assert.Equal((CallbackTaskStatus.Open, 2, "关机", Now.AddHours(2)), (task.Status, task.Attempts, task.LastAttemptNote, task.LastAttemptAt));
        task.RecordOutcome(true, Satisfaction.Satisfied, null, "agent-1", Now.AddHours(4)); // reached at last
        Assert.Equal(CallbackTaskStatus.Completed, task.Status);
    }

    [Fact]
    public async Task The_workflow_closing_an_unanswered_task_refuses_further_attempts_and_says_why()
    {
        using var database = new TestDatabase<CallbackSqliteDbContext>();
        var requested = Requested();
        await Handle(database, requested);
        await using (var db = database.NewContext())
        {
            (await db.Tasks.SingleAsync()).RecordFailedAttempt(CallResult.NoAnswer, "无人接听", "agent-1", database.Clock.GetUtcNow(), Rules);
            await db.SaveChangesAsync();
        }
        await Handle(database, Closed(requested.CallbackTaskId, WorkItemOutcome.Done, "三次回访未接通，按无法联系办结"));

        await using var check = database.NewContext();
        var task = await check.Tasks.SingleAsync();
        Assert.Equal((CallbackTaskStatus.Closed, 1, "三次回访未接通，按无法联系办结"), (task.Status, task.Attempts, task.ClosedReason));
        var attempt = Assert.Throws<DomainRuleException>(() => task.RecordFailedAttempt(CallResult.NoAnswer, "又未接通", "agent-1", Now, Rules));
        Assert.Equal(409, attempt.StatusCode);
        Assert.Contains("closed", attempt.Message);
        Assert.Contains("按无法联系办结", attempt.Message);
        Assert.Equal(409, Assert.Throws<DomainRuleException>(() => task.RecordOutcome(true, Satisfaction.Satisfied, null, "agent-1", Now)).StatusCode);
        Assert.Equal(1, task.Attempts);
    }

    [Fact]
    public async Task A_withdrawn_task_refuses_the_outcome()
    {
        using var database = new TestDatabase<CallbackSqliteDbContext>();
        var requested = Requested();
        await Handle(database, requested);
        await Handle(database, Closed(requested.CallbackTaskId, WorkItemOutcome.Withdrawn, "督办员升级，工单重新交办"));

        await using var check = database.NewContext();
        var task = await check.Tasks.SingleAsync();
        Assert.Equal(CallbackTaskStatus.Withdrawn, task.Status);
        var refused = Assert.Throws<DomainRuleException>(() => task.RecordOutcome(true, Satisfaction.Satisfied, null, "agent-1", Now));
        Assert.Equal(409, refused.StatusCode);
        Assert.Contains("withdrawn", refused.Message);
        Assert.Equal("Withdrawn", refused.Extensions["taskStatus"]);
    }

    [Fact]
    public void A_recorded_outcome_is_superseded_keeping_what_the_customer_said_while_done_leaves_it()
    {
        var task = Open();
        task.RecordOutcome(false, Satisfaction.Unsatisfied, "没解决", "agent-1", Now);
        task.Done("回访已记录", Now);
        task.Withdraw("工单已合并", Now);
        Assert.Equal((CallbackTaskStatus.Completed, null), (task.Status, task.ClosedReason));

        task.Supersede("工单已关闭，回访结果未生效", Now);
        Assert.Equal((CallbackTaskStatus.Superseded, Satisfaction.Unsatisfied, "工单已关闭，回访结果未生效"), (task.Status, task.Satisfaction, task.ClosedReason));
        Assert.Contains("did not take effect", Assert.Throws<DomainRuleException>(() => task.RecordFailedAttempt(CallResult.NoAnswer, "x", "agent-1", Now, Rules)).Message);
    }

    [Fact]
    public async Task A_task_is_kept_under_its_own_id_and_a_ticket_may_have_several()
    {
        using var database = new TestDatabase<CallbackSqliteDbContext>();
        var first = Requested() with { OfficeCode = null }; // resolved at first contact: no office
        var second = Requested() with { TicketId = first.TicketId, CallbackTaskId = Guid.NewGuid(), OfficeCode = "SFS-DC" };
        await Handle(database, first);
        await Handle(database, first with { Id = Guid.NewGuid() }); // the same task again: nothing new
        await Handle(database, second);

        await using var check = database.NewContext();
        var tasks = await check.Tasks.OrderBy(t => t.OfficeCode).ToListAsync();
        Assert.Equal([first.CallbackTaskId, second.CallbackTaskId], tasks.Select(t => t.Id));
        Assert.Equal((null, first.DueAt), (tasks[0].OfficeCode, tasks[0].DueAt));
    }

    [Fact]
    public async Task Closing_a_task_not_yet_queued_here_waits_and_other_kinds_are_not_ours()
    {
        using var database = new TestDatabase<CallbackSqliteDbContext>();
        var taskId = Guid.NewGuid();
        Assert.Equal(EventOutcomeKind.WaitForEarlierStep, (await Handle(database, Closed(taskId, WorkItemOutcome.Withdrawn, "合并"))).Kind);
        Assert.Equal(EventOutcome.Handled,
            await Handle(database, Closed(taskId, WorkItemOutcome.Done, "办结") with { Kind = WorkItemKind.HandlingCase }));
    }

    private static CallbackTask Open() =>
        CallbackTask.Open(Guid.NewGuid(), Guid.NewGuid(), "GD20261123-000001", "SFS-DC", "已处理", Now.AddDays(1), Now);

    private static CallbackRequested Requested() =>
        new(Guid.NewGuid(), Guid.NewGuid(), "GD20261123-000001", "SFS-DC", "已处理", Now.AddDays(1));

    private static WorkItemClosed Closed(Guid taskId, WorkItemOutcome outcome, string reason) =>
        new(Guid.NewGuid(), taskId, WorkItemKind.CallbackTask, outcome, reason);

    private static async Task<EventOutcome> Handle(TestDatabase<CallbackSqliteDbContext> database, IntegrationEvent integrationEvent)
    {
        await using var db = database.NewContext();
        var outcome = integrationEvent switch
        {
            CallbackRequested requested => await new CallbackRequestedHandler(db).HandleAsync(requested, default),
            WorkItemClosed closed => await new WorkItemClosedHandler(db).HandleAsync(closed, default),
            _ => throw new ArgumentException(integrationEvent.GetType().Name),
        };
        await db.SaveChangesAsync();
        return outcome;
    }
}

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
    [Fact]
    public void An_outcome_is_recorded_once()
    {
        var task = CallbackTask.Open(Guid.NewGuid(), "GD20261123-000001", "SFS-DC", "已处理", DateTimeOffset.UtcNow);
        task.RecordOutcome(true, Satisfaction.BasicallySatisfied, " 还行 ", "agent-1", DateTimeOffset.UtcNow);
        Assert.Equal(("还行", Satisfaction.BasicallySatisfied), (task.Comment, task.Satisfaction));
        Assert.Throws<DomainRuleException>(() => task.RecordOutcome(false, Satisfaction.Unsatisfied, null, "agent-2", DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task A_ticket_has_one_open_callback_at_a_time()
    {
        using var database = new TestDatabase<CallbackSqliteDbContext>();
        var requested = new CallbackRequested(Guid.NewGuid(), "GD20261123-000001", "SFS-DC", "已处理");
        for (var i = 0; i < 2; i++)
        {
            await using var db = database.NewContext();
            Assert.Equal(EventOutcome.Handled, await new CallbackRequestedHandler(db).HandleAsync(requested with { Id = Guid.NewGuid() }, default));
            await db.SaveChangesAsync();
        }
        await using var check = database.NewContext();
        Assert.Single(check.Tasks);
    }
}

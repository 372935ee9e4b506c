using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.Callback.Data;
using Ticketing.Callback.Tasks;
using Ticketing.Contracts;

namespace Ticketing.UnitTests.Callback;

/// <summary>The callback desk's rules on a fake clock: claims lapse when not worked, failed calls count only 2 hours apart.</summary>
public sealed class ClaimsAndAttemptsTests
{
    private static readonly CallbackRules Rules = new(); // 30-minute claims, attempts 2 hours apart
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-11-23T01:00:00Z"));

    [Fact]
    public void A_claim_keeps_other_agents_off_until_it_lapses()
    {
        var task = Open();
        task.Claim("agent1", _clock.GetUtcNow(), Rules);
        _clock.Advance(TimeSpan.FromMinutes(29));
        var taken = Assert.Throws<DomainRuleException>(() => task.Claim("agent2", _clock.GetUtcNow(), Rules));
        Assert.Equal(409, taken.StatusCode);
        Assert.Contains("agent1", taken.Message);
        Assert.Equal(409, Assert.Throws<DomainRuleException>(() =>
            task.RecordOutcome(true, Satisfaction.Satisfied, null, "agent2", _clock.GetUtcNow())).StatusCode);
        Assert.Equal(409, Assert.Throws<DomainRuleException>(() =>
            task.RecordFailedAttempt(CallResult.Busy, null, "agent2", _clock.GetUtcNow(), Rules)).StatusCode);

        _clock.Advance(TimeSpan.FromMinutes(1)); // 30 minutes without work: the claim lapsed
        Assert.False(task.IsClaimedByAnotherThan("agent2", _clock.GetUtcNow()));
        task.Claim("agent2", _clock.GetUtcNow(), Rules);
        Assert.Equal(("agent2", _clock.GetUtcNow() + Rules.ClaimFor), (task.ClaimedBy, task.ClaimExpiresAt));
    }

    [Fact]
    public void The_holder_renews_and_works_the_claim_and_a_supervisor_overrides_it()
    {
        var task = Open();
        task.Claim("agent1", _clock.GetUtcNow(), Rules);
        _clock.Advance(TimeSpan.FromMinutes(20));
        task.Claim("agent1", _clock.GetUtcNow(), Rules); // renewed
        Assert.Equal(_clock.GetUtcNow() + Rules.ClaimFor, task.ClaimExpiresAt);

        task.RecordFailedAttempt(CallResult.NoAnswer, null, "agent1", _clock.GetUtcNow(), Rules);
        Assert.Null(task.ClaimedBy); // a failed call puts the task back in the queue

        task.Claim("agent2", _clock.GetUtcNow(), Rules);
        Assert.Equal(409, Assert.Throws<DomainRuleException>(() => task.Release("agent1", overrides: false, _clock.GetUtcNow())).StatusCode);
        task.RecordOutcome(false, Satisfaction.Unsatisfied, "没解决", "supervisor1", _clock.GetUtcNow(), overrides: true);
        Assert.Equal((CallbackTaskStatus.Completed, null), (task.Status, task.ClaimedBy));
        Assert.Equal([CallResult.NoAnswer, CallResult.Reached], task.Calls.Select(c => c.Result));
    }

    [Fact]
    public void Failed_calls_count_toward_unreachable_only_two_hours_after_the_last_counted_one()
    {
        var task = Open();
        Assert.True(Fail(task, CallResult.NoAnswer)); // 01:00 counts (1)
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.False(Fail(task, CallResult.Busy)); // 02:00: an hour later, recorded but not counted
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False(Fail(task, CallResult.NoAnswer)); // 02:59: still inside the two hours from 01:00
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(Fail(task, CallResult.WrongNumber)); // 03:00: two hours after the last counted (2)
        _clock.Advance(TimeSpan.FromHours(2));
        Assert.True(Fail(task, CallResult.NoAnswer)); // 05:00 (3)

        Assert.Equal(3, task.Attempts);
        Assert.Equal([true, false, false, true, true], task.Calls.Select(c => c.CountsTowardUnreachable));
        Assert.Equal(_clock.GetUtcNow() + Rules.AttemptsApart, task.NextCountingAttemptAt);
    }

    [Fact]
    public void A_reached_call_is_an_outcome_not_a_failed_attempt()
    {
        var refused = Assert.Throws<DomainRuleException>(() => Fail(Open(), CallResult.Reached));
        Assert.Equal(422, refused.StatusCode);
    }

    [Fact]
    public async Task Calls_and_claims_are_kept()
    {
        using var database = new TestDatabase<CallbackSqliteDbContext>();
        var task = Open();
        await using (var db = database.NewContext())
        {
            db.Tasks.Add(task);
            task.RecordFailedAttempt(CallResult.Busy, "占线", "agent1", _clock.GetUtcNow(), Rules);
            task.Claim("agent2", _clock.GetUtcNow(), Rules);
            await db.SaveChangesAsync();
        }
        await using var check = database.NewContext();
        var kept = await check.Tasks.SingleAsync();
        var call = Assert.Single(kept.Calls);
        Assert.Equal((CallResult.Busy, "占线", "agent1", true), (call.Result, call.Note, call.AgentId, call.CountsTowardUnreachable));
        Assert.Equal(("agent2", 1), (kept.ClaimedBy, kept.Attempts));
    }

    private bool Fail(CallbackTask task, CallResult result) => task.RecordFailedAttempt(result, null, "agent1", _clock.GetUtcNow(), Rules);

    private CallbackTask Open() =>
        CallbackTask.Open(Guid.NewGuid(), Guid.NewGuid(), "GD20261123-000001", "SFS-DC", "已处理", _clock.GetUtcNow().AddDays(1), _clock.GetUtcNow());
}

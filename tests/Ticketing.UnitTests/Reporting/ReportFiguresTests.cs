using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Errors;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Reporting.Agents;
using Ticketing.Reporting.Offices;
using static Ticketing.UnitTests.Reporting.ReportScenario;

namespace Ticketing.UnitTests.Reporting;

/// <summary>
/// A dozen tickets with known outcomes on Monday 2026-11-30 (hotline time, Asia/Shanghai), delivered to reporting's
/// handlers partly out of order and partly twice; the office and agent figures come out exactly.
/// </summary>
public sealed class ReportFiguresTests : IDisposable
{
    private const string Dc = "SFS-DC", Xc = "SFS-XC";
    private readonly ReportScenario _scenario = new();

    private static readonly Guid[] T = [.. Enumerable.Range(0, 13).Select(_ => Guid.NewGuid())]; // T[1] … T[12]
    private static readonly Guid A3 = Guid.NewGuid(), A4 = Guid.NewGuid(), A5 = Guid.NewGuid(), A5b = Guid.NewGuid(), A6 = Guid.NewGuid(),
        A8 = Guid.NewGuid(), A11 = Guid.NewGuid(), A12 = Guid.NewGuid();
    private static readonly Guid C3 = Guid.NewGuid(), C4 = Guid.NewGuid(), C4b = Guid.NewGuid(), C5 = Guid.NewGuid(), C8 = Guid.NewGuid(),
        C11 = Guid.NewGuid(), C12 = Guid.NewGuid();

    public void Dispose() => _scenario.Dispose();

    private static IntegrationEvent Received(int n, string agent, DateTimeOffset at, string? complaintAbout = null) =>
        new TicketReceived(T[n], $"T{n}", Channel.Phone, complaintAbout is null ? Category.HelpRequest : Category.Complaint, Urgency.Normal, "DC",
            $"第 {n} 单", agent, complaintAbout).At(at);

    private static IntegrationEvent ResolvedAtFirstContact(int n, string agent, DateTimeOffset at) =>
        new TicketResolvedAtFirstContact(T[n], $"T{n}", "已当场答复", agent).At(at);

    private static IntegrationEvent Assigned(int n, Guid assignment, string office, DateTimeOffset at) =>
        new TicketAssigned(T[n], $"T{n}", Guid.NewGuid(), assignment, office, office == Dc ? "东城区" : "西城区", Category.HelpRequest, Urgency.Normal,
            "dispatcher1").At(at);

    private static IntegrationEvent Signed(int n, Guid assignment, string office, DateTimeOffset at) =>
        new AssignmentSigned(T[n], assignment, office, "clerk").At(at);

    private static IntegrationEvent Returned(int n, Guid assignment, string office, DateTimeOffset at) =>
        new AssignmentReturned(T[n], assignment, office, "不属于本单位", "clerk", ReturnReason.NotOurJurisdiction).At(at);

    private static IntegrationEvent Requested(int n, Guid handling, Guid assignment, string office, DateTimeOffset at, int reopens = 0) =>
        new HandlingRequested(T[n], handling, $"T{n}", assignment, office, Urgency.Normal, reopens, reopens > 0 ? "群众不满意" : null).At(at);

    private static IntegrationEvent Completed(int n, Guid handling, string office, DateTimeOffset at) =>
        new HandlingCompleted(T[n], handling, office, "已处理", "clerk").At(at);

    private static IntegrationEvent Breached(int n, Guid item, string office, string clock, DateTimeOffset at) =>
        new SlaBreached(T[n], item, office, clock, at).At(at);

    private static IntegrationEvent CalledBack(int n, Guid task, string agent, Satisfaction verdict, DateTimeOffset at) =>
        new CallbackCompleted(T[n], task, verdict != Satisfaction.Unsatisfied, verdict, "", agent).At(at);

    private static IntegrationEvent Surveyed(int n, Guid response, Satisfaction verdict, DateTimeOffset at) =>
        new SurveyCompleted(T[n], response, verdict, "callback").At(at);

    /// <summary>Every event of the scenario but the completion of case C11, which comes while supervision is down.</summary>
    private static List<IntegrationEvent> Scenario()
    {
        Guid task3 = Guid.NewGuid(), task4 = Guid.NewGuid(), task5 = Guid.NewGuid(), task8 = Guid.NewGuid();
        Guid survey3 = Guid.NewGuid(), survey4 = Guid.NewGuid(), survey5 = Guid.NewGuid();
        var t12Received = Received(12, "agent2", At(11, 30));
        var t3Callback = CalledBack(3, task3, "agent2", Satisfaction.Satisfied, At(11, 30));
        var a4Breach = Breached(4, A4, Dc, "sign-for", At(10, 0));
        return
        [
            // T1, T2: answered during the call by agent1.
            Received(1, "agent1", At(9, 0)), ResolvedAtFirstContact(1, "agent1", At(9, 5)),
            Received(2, "agent1", At(9, 10)), ResolvedAtFirstContact(2, "agent1", At(9, 12)),
            // T3: Dongcheng signs for it and handles it on time (80 min); the customer is satisfied.
            Received(3, "agent1", At(9, 20)), Assigned(3, A3, Dc, At(9, 30)), Signed(3, A3, Dc, At(9, 40)),
            Requested(3, C3, A3, Dc, At(9, 40)), Completed(3, C3, Dc, At(11, 0)), t3Callback, t3Callback,
            Surveyed(3, survey3, Satisfaction.Satisfied, At(11, 30)),
            // T4: both clocks breached at Dongcheng (150 min); unsatisfied, so the case is reopened.
            Received(4, "agent2", At(9, 30)), Assigned(4, A4, Dc, At(9, 35)), a4Breach, a4Breach, Signed(4, A4, Dc, At(10, 30)),
            Requested(4, C4, A4, Dc, At(10, 30)), Breached(4, C4, Dc, "handling", At(12, 0)), Completed(4, C4, Dc, At(13, 0)),
            CalledBack(4, task4, "agent2", Satisfaction.Unsatisfied, At(13, 30)), Surveyed(4, survey4, Satisfaction.Unsatisfied, At(13, 30)),
            Requested(4, C4b, A4, Dc, At(13, 31), reopens: 1),
            // T5: Dongcheng returns it, Xicheng takes it (120 min); basically satisfied.
            Received(5, "agent2", At(9, 40)), Assigned(5, A5, Dc, At(9, 45)), Returned(5, A5, Dc, At(10, 0)),
            Assigned(5, A5b, Xc, At(10, 15)), Signed(5, A5b, Xc, At(10, 20)), Requested(5, C5, A5b, Xc, At(10, 20)),
            Completed(5, C5, Xc, At(12, 20)), CalledBack(5, task5, "agent3", Satisfaction.BasicallySatisfied, At(12, 40)),
            Surveyed(5, survey5, Satisfaction.BasicallySatisfied, At(12, 40)),
            // T6: Xicheng has not signed for it and its sign-for clock ran out: an open breach.
            Received(6, "agent2", At(10, 0)), Assigned(6, A6, Xc, At(10, 5)), Breached(6, A6, Xc, "sign-for", At(10, 30)),
            // T7: a complaint about agent1, answered during the call by agent3.
            Received(7, "agent3", At(10, 10), complaintAbout: "agent1"), ResolvedAtFirstContact(7, "agent3", At(10, 15)),
            // T8: Xicheng handles it (60 min); agent3 and then agent1 cannot reach the customer, the ticket closes unreachable.
            Received(8, "agent3", At(10, 20)), Assigned(8, A8, Xc, At(10, 25)), Signed(8, A8, Xc, At(10, 30)),
            Requested(8, C8, A8, Xc, At(10, 30)), Completed(8, C8, Xc, At(11, 30)),
            new CallbackFailed(T[8], task8, 1, "无人接听", "agent3").At(At(11, 45)),
            new TicketStateChanged(T[8], TicketState.AwaitingCallback, TicketState.Closed, "CustomerUnreachable", 9).At(At(12, 0)),
            new CallbackFailed(T[8], task8, 2, "关机", "agent1").At(At(12, 0)),
            // T9: agent1 answers it during the night shift, before the day shift starts.
            Received(9, "agent1", At(7, 50)), ResolvedAtFirstContact(9, "agent1", At(7, 55)),
            // T10: 01:00 on 1 December in Shanghai is still 30 November in UTC: it belongs to 1 December.
            Received(10, "agent1", new DateTimeOffset(2026, 12, 1, 1, 0, 0, Shanghai)),
            // T11: a complaint about agent2; Dongcheng handles it (its completion comes later, while supervision is down).
            Received(11, "agent3", At(11, 0), complaintAbout: "agent2"), Assigned(11, A11, Dc, At(11, 10)), Signed(11, A11, Dc, At(11, 20)),
            Requested(11, C11, A11, Dc, At(11, 20)),
            // T12: told twice and out of order: signed before assigned, completed before requested (120 min).
            Signed(12, A12, Xc, At(11, 50)), t12Received, Assigned(12, A12, Xc, At(11, 40)), t12Received,
            Completed(12, C12, Xc, At(13, 50)), Requested(12, C12, A12, Xc, At(11, 50)),
        ];
    }

    private static void AssertOffice(OfficeFigures office, int assigned, int signedFor, int signedForOnTime, double? signedForOnTimeRate,
        int completed, int completedOnTime, double? completedOnTimeRate, int returns, int reopens,
        (int Answered, int Satisfied, int Basically, int Unsatisfied, double? Rate) satisfaction,
        double? averageHours, int measured, int pending, int breaches, int openBreaches)
    {
        Assert.Equal((assigned, signedFor, signedForOnTime, signedForOnTimeRate), (office.Assigned, office.SignedFor, office.SignedForOnTime, office.SignedForOnTimeRate));
        Assert.Equal((completed, completedOnTime, completedOnTimeRate), (office.Completed, office.CompletedOnTime, office.CompletedOnTimeRate));
        Assert.Equal((returns, reopens), (office.Returns, office.Reopens));
        Assert.Equal(satisfaction, (office.Answered, office.Satisfied, office.BasicallySatisfied, office.Unsatisfied, office.SatisfactionRate));
        Assert.Equal((averageHours, measured, pending), (office.AverageHandlingHours, office.MeasuredCases, office.PendingHours));
        Assert.Equal((breaches, openBreaches), (office.Breaches, office.OpenBreaches));
    }

    [Fact]
    public async Task The_office_figures_of_the_dozen_tickets_are_exact_and_become_right_once_supervision_answers()
    {
        await _scenario.DeliverAsync(Scenario());
        Assert.Equal(5, await _scenario.MeasureAsync()); // C3, C4, C5, C8, C12

        _scenario.Supervision.Down = true;
        await _scenario.DeliverAsync(Completed(11, C11, Dc, At(14, 0)));
        Assert.Equal(0, await _scenario.MeasureAsync());

        var report = await _scenario.OfficesAsync(from: "2026-11-30", to: "2026-12-01");
        Assert.Equal(("2026-11-30", "2026-12-01"), (report.Period.From, report.Period.To));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 16, 0, 0, TimeSpan.Zero), report.Period.StartsAt); // midnight in Shanghai
        Assert.Equal([Dc, Xc], report.Offices.Select(o => o.OfficeCode));
        Assert.Equal(["东城区", "西城区"], report.Offices.Select(o => o.OfficeName));
        var (dc, xc) = (report.Offices[0], report.Offices[1]);
        // Dongcheng: A3 A4 A5 A11 assigned; A4 signed late; A5 returned; C4 late; C4b a reopen; C11's hours pending.
        AssertOffice(dc, assigned: 4, signedFor: 3, signedForOnTime: 2, signedForOnTimeRate: 0.6667, completed: 3, completedOnTime: 2,
            completedOnTimeRate: 0.6667, returns: 1, reopens: 1, satisfaction: (2, 1, 0, 1, 0.5), averageHours: 1.92, measured: 2, pending: 1,
            breaches: 2, openBreaches: 0);
        AssertOffice(xc, assigned: 4, signedFor: 3, signedForOnTime: 3, signedForOnTimeRate: 1.0, completed: 3, completedOnTime: 3,
            completedOnTimeRate: 1.0, returns: 0, reopens: 0, satisfaction: (1, 0, 1, 0, 1.0), averageHours: 1.67, measured: 3, pending: 0,
            breaches: 1, openBreaches: 1);
        Assert.Equal(1, report.PendingHours);

        // Supervision is back: the next pass measures C11 (160 min) and the average is right.
        _scenario.Supervision.Down = false;
        Assert.Equal(1, await _scenario.MeasureAsync());
        var later = await _scenario.OfficesAsync(period: "week", date: "2026-12-02"); // Monday 30 Nov to Monday 7 Dec
        Assert.Equal(("2026-11-30", "2026-12-07"), (later.Period.From, later.Period.To));
        Assert.Equal((2.17, 3, 0), (later.Offices[0].AverageHandlingHours, later.Offices[0].MeasuredCases, later.Offices[0].PendingHours));
        Assert.Equal(0, later.PendingHours);

        // Nothing of it happened the day before.
        Assert.Empty((await _scenario.OfficesAsync(period: "day", date: "2026-11-29")).Offices);
    }

    [Fact]
    public async Task The_agent_figures_of_the_day_and_of_its_shifts_are_exact_with_the_highest_and_lowest_marked()
    {
        await _scenario.DeliverAsync(Scenario());

        var day = await _scenario.AgentsAsync("2026-11-30");
        Assert.Equal(["agent1", "agent2", "agent3"], day.Agents.Select(a => a.AgentId));
        var (agent1, agent2, agent3) = (day.Agents[0], day.Agents[1], day.Agents[2]);
        Assert.Equal((4, 3, 0.75, 0, 1, 1.0, 1, 1.0, 1), Figures(agent1));
        Assert.Equal((4, 0, 0.0, 2, 0, 0.0, 2, 0.5, 1), Figures(agent2));
        Assert.Equal((3, 1, 0.3333, 1, 0, 0.0, 0, (double?)null, 0), Figures(agent3));
        Assert.Equal(new Dictionary<string, string>
        {
            ["registered"] = "highest", ["firstContactResolutionRate"] = "highest", ["callbacksDone"] = "lowest",
            ["unreachableRate"] = "highest", ["satisfactionRate"] = "highest", ["complaints"] = "highest",
        }, agent1.Marks);
        Assert.Equal(new Dictionary<string, string>
        {
            ["registered"] = "highest", ["firstContactResolutionRate"] = "lowest", ["callbacksDone"] = "highest",
            ["unreachableRate"] = "lowest", ["satisfactionRate"] = "lowest", ["complaints"] = "highest",
        }, agent2.Marks);
        Assert.Equal(new Dictionary<string, string> { ["registered"] = "lowest", ["unreachableRate"] = "lowest", ["complaints"] = "lowest" },
            agent3.Marks);

        // The day shift (08:00–16:00) leaves out T9 at 07:50, which the night shift holds.
        var dayShift = await _scenario.AgentsAsync("2026-11-30", "day");
        Assert.Equal((3, 2, 0.6667), (dayShift.Agents[0].Registered, dayShift.Agents[0].ResolvedAtFirstContact, dayShift.Agents[0].FirstContactResolutionRate));
        Assert.Equal("lowest", dayShift.Agents[0].Marks["registered"]);
        Assert.Equal("highest", dayShift.Agents[1].Marks["registered"]);
        var night = await _scenario.AgentsAsync("2026-11-30", "night");
        Assert.Equal(("agent1", 1, 1), (Assert.Single(night.Agents).AgentId, night.Agents[0].Registered, night.Agents[0].ResolvedAtFirstContact));
        Assert.Empty(Assert.Single(night.Agents).Marks); // one agent is neither highest nor lowest

        // 01:00 on 1 December in Shanghai (17:00 UTC on 30 November) is the next hotline day's night shift.
        var nextNight = await _scenario.AgentsAsync("2026-12-01", "night");
        Assert.Equal(("agent1", 1), (Assert.Single(nextNight.Agents).AgentId, nextNight.Agents[0].Registered));
    }

    [Fact]
    public async Task A_withdrawn_breach_turns_the_work_back_to_on_time()
    {
        await _scenario.DeliverAsync(Scenario());
        var withdrawn = new SlaBreachWithdrawn(T[4], A4, Dc, "sign-for", At(9, 0), "signed for in time, reported late").At(At(15, 0));
        await _scenario.DeliverAsync(withdrawn);
        await _scenario.DeliverAsync(withdrawn); // twice: no change
        // A withdrawal that overtakes its breach waits for it rather than being lost.
        Assert.NotEqual(EventOutcome.Handled,
            await _scenario.OfferAsync(new SlaBreachWithdrawn(T[4], Guid.NewGuid(), Dc, "handling", At(9, 0), "early").At(At(15, 0))));
        var dc = (await _scenario.OfficesAsync(period: "day", date: "2026-11-30")).Offices[0];
        Assert.Equal((3, 3, 1.0), (dc.SignedFor, dc.SignedForOnTime, dc.SignedForOnTimeRate));
        Assert.Equal(1, dc.Breaches); // the handling breach of C4 stands
    }

    [Fact]
    public async Task The_weekly_series_gives_every_office_every_week_each_as_that_weeks_office_report()
    {
        await _scenario.DeliverAsync(Scenario());
        var supervisor = new Caller("supervisor1", "supervisor1", Roles.Supervisor, null);

        var series = await _scenario.WeeklyAsync(supervisor, weeks: 3, date: "2026-12-02");
        Assert.Equal(["2026-11-16", "2026-11-23", "2026-11-30"], series.Weeks.Select(w => w.From));
        Assert.Equal("2026-12-07", series.Weeks[^1].To);
        Assert.Equal([Dc, Xc], series.Offices.Select(o => o.OfficeCode));
        var week = (await _scenario.OfficesAsync(period: "week", date: "2026-11-30")).Offices;
        foreach (var (office, figures) in series.Offices.Zip(week))
        {
            Assert.Equal(3, office.Weeks.Count);
            Assert.All(office.Weeks.Take(2), w => Assert.Equal((0, 0, 0, 0, (double?)null, (double?)null), (w.Completed, w.Returns, w.Reopens, w.Answered,
                w.CompletedOnTimeRate, w.SatisfactionRate)));
            var last = office.Weeks[^1];
            Assert.Equal((figures.SignedForOnTimeRate, figures.CompletedOnTimeRate, figures.SatisfactionRate, figures.Returns, figures.Reopens),
                (last.SignedForOnTimeRate, last.CompletedOnTimeRate, last.SatisfactionRate, last.Returns, last.Reopens));
        }
        // Dongcheng's week: A4 signed late of three, C4 late of two (C11 is completed later), one return, one reopen, one of two content.
        Assert.Equal((0.6667, 2, 0.5, 1, 1, 0.5), (series.Offices[0].Weeks[^1].SignedForOnTimeRate, series.Offices[0].Weeks[^1].Completed,
            series.Offices[0].Weeks[^1].CompletedOnTimeRate, series.Offices[0].Weeks[^1].Returns, series.Offices[0].Weeks[^1].Reopens,
            series.Offices[0].Weeks[^1].SatisfactionRate));

        // One office asked for; office staff read their own office only, and asking for another is refused.
        Assert.Equal([Xc], (await _scenario.WeeklyAsync(supervisor, 3, "2026-12-02", office: Xc)).Offices.Select(o => o.OfficeCode));
        var clerk = new Caller("clerk-xc", "clerk-xc", Roles.Office, Xc);
        Assert.Equal([Xc], (await _scenario.WeeklyAsync(clerk, 3, "2026-12-02")).Offices.Select(o => o.OfficeCode));
        var refused = await Assert.ThrowsAsync<DomainRuleException>(() => _scenario.WeeklyAsync(clerk, 3, "2026-12-02", office: Dc));
        Assert.Equal(("Not your office", 403), (refused.Title, refused.StatusCode));

        // Without a date the series ends with this week (the scenario's clock: 2 January 2027); nothing happened in it.
        var now = await _scenario.WeeklyAsync(supervisor, weeks: null, date: null);
        Assert.Equal((8, "2026-12-28"), (now.Weeks.Count, now.Weeks[^1].From));
    }

    [Theory]
    [InlineData(0, null, "Bad number of weeks")]
    [InlineData(27, null, "Bad number of weeks")]
    [InlineData(4, "2026-13-01", "Not a date")]
    public void A_weekly_series_of_no_weeks_too_many_or_a_bad_date_is_refused_with_a_400(int weeks, string? date, string title)
    {
        var refused = Assert.Throws<DomainRuleException>(() => _scenario.Time.WeeksUpTo(weeks, date, DateTimeOffset.UnixEpoch));
        Assert.Equal((title, 400), (refused.Title, refused.StatusCode));
    }

    [Theory]
    [InlineData("2026-11-30", null, null, null, "Say which period")]
    [InlineData("2026-11-30", "2026-11-30", null, null, "Bad period")]
    [InlineData("2026-11-30", "2028-01-01", null, null, "Bad period")]
    [InlineData("30/11/2026", "2026-12-01", null, null, "Not a date")]
    [InlineData(null, null, "fortnight", "2026-11-30", "Unknown period")]
    [InlineData(null, null, "week", "tomorrow", "Not a date")]
    public void A_period_that_is_not_one_is_refused_with_a_400(string? from, string? to, string? period, string? date, string title)
    {
        var refused = Assert.Throws<DomainRuleException>(() => _scenario.Time.Between(from, to, period, date));
        Assert.Equal((title, 400), (refused.Title, refused.StatusCode));
    }

    [Fact]
    public void An_unknown_shift_is_refused_naming_the_shifts()
    {
        var refused = Assert.Throws<DomainRuleException>(() => _scenario.Time.DayOrShift("2026-11-30", "afternoon"));
        Assert.Equal(("Unknown shift", 400), (refused.Title, refused.StatusCode));
        Assert.Contains("day, evening, night", refused.Message);
        var evening = _scenario.Time.DayOrShift("2026-11-30", "Evening");
        Assert.Equal((At(16, 0), At(0, 0, day: 30).AddDays(1)), (evening.StartsAt, evening.EndsAt));
    }

    private static (int, int, double?, int, int, double?, int, double?, int) Figures(AgentFigures a) =>
        (a.Registered, a.ResolvedAtFirstContact, a.FirstContactResolutionRate, a.CallbacksDone, a.Unreachable, a.UnreachableRate, a.Answered,
            a.SatisfactionRate, a.Complaints);
}

internal static class EventTime
{
    /// <summary>The event as its publisher stamped it (OccurredAt), the runtime type kept.</summary>
    public static IntegrationEvent At(this IntegrationEvent e, DateTimeOffset at) => e with { OccurredAt = at };
}

using System.Net;
using System.Text.Json;
using Ticketing.BuildingBlocks.Access;
using Ticketing.BuildingBlocks.Hosting;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;
using Ticketing.Contracts.Events;
using Ticketing.Supervision.Clocks;
using Ticketing.Supervision.Extensions;
using Ticketing.Supervision.Notices;
using Ticketing.Supervision.Policies;
using Ticketing.Supervision.Views;
using Microsoft.Extensions.DependencyInjection;
using static Ticketing.UnitTests.Supervision.SupervisionHost;

namespace Ticketing.UnitTests.Supervision;

/// <summary>
/// The SLA rules through HTTP and events on a fake clock: supervision hosted on Kestrel, events delivered as daprd sends them
/// (with the moment each happened), the tick called as the Dapr cron binding calls it. The default calendar works Monday to
/// Friday 09:00–12:00 and 13:30–18:00 in Shanghai (7.5 hours a day); the fake clock starts on Monday 2026-11-23 09:00 there.
/// </summary>
public sealed class SlaClockTests
{
    private const string Office = "SFS-DC-DH";

    private static DateTimeOffset At(int day, int hour, int minute = 0, int second = 0) => new(2026, 11, day, hour, minute, second, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_sign_for_clock_counts_working_time_warns_at_75_and_90_percent_and_breaches_once_each_across_ticks_and_restarts()
    {
        await using var host = await StartAsync();
        var assigned = Assigned(Urgency.Normal);
        await host.DeliverAsync(assigned);

        // 7.5 working hours from Monday 09:00: 75 % (5 h 37.5 min) runs out at 16:07:30 after lunch, 90 % at 17:15, all at 18:00.
        var clock = await host.ClockAsync(assigned.AssignmentId);
        Assert.Equal((At(23, 16, 7, 30), At(23, 17, 15), At(23, 18)), (clock.YellowAt, clock.RedAt, clock.Deadline));
        Assert.Equal((SlaClock.SignFor, "default", "Asia/Shanghai", TimeSpan.FromHours(7.5)), (clock.Kind, clock.CalendarCode, clock.TimeZone, clock.Allowed));

        await host.TickAtAsync(At(23, 16, 7));
        Assert.Empty(await ThresholdsAsync(host));
        await host.TickAtAsync(At(23, 16, 8));
        await host.TickAsync();
        await host.RestartAsync(); // the emitted threshold is in the database, not in memory
        await host.TickAsync();
        var yellow = Assert.Single(await ThresholdsAsync(host));
        Assert.Equal(("sla.warning", "yellow", 75), (yellow.Topic, yellow.Data.GetProperty("level").GetString(), yellow.Data.GetProperty("percentUsed").GetInt32()));

        await host.TickAtAsync(At(23, 17, 15));
        await host.TickAtAsync(At(23, 18));
        await host.TickAsync();
        Assert.Equal(["sla.warning", "sla.warning", "sla.breached"], (await ThresholdsAsync(host)).Select(e => e.Topic));
        var red = (await ThresholdsAsync(host))[1].Data;
        Assert.Equal(("red", 90), (red.GetProperty("level").GetString(), red.GetProperty("percentUsed").GetInt32()));
        clock = await host.ClockAsync(assigned.AssignmentId);
        Assert.Equal((ClockStatus.Breached, ClockStage.Breached, At(23, 18)), (clock.Status, clock.Stage, clock.BreachedAt));
    }

    [Fact]
    public async Task A_late_tick_sends_only_the_breach_not_every_warning_it_passed()
    {
        await using var host = await StartAsync();
        var assigned = Assigned(Urgency.Critical); // 1 working hour
        await host.DeliverAsync(assigned);
        await host.TickAtAsync(At(24, 9));
        Assert.Equal(["sla.breached"], (await ThresholdsAsync(host)).Select(e => e.Topic));
    }

    [Fact]
    public async Task A_breach_issues_a_level_1_notice_that_rises_after_working_time_to_level_3_telling_the_parent_and_the_specialists()
    {
        await using var host = await StartAsync();
        var assigned = Assigned(Urgency.Normal);
        await host.DeliverAsync(assigned);
        await host.TickAtAsync(At(23, 18));

        var level1 = Assert.Single((await host.GetAsync<Page<NoticeView>>("notices?status=Open")).Items);
        Assert.Equal((1, Office, assigned.AssignmentId, (string?)null), (level1.Level, level1.OfficeCode, level1.WorkItemId, level1.ParentOfficeCode));

        // 4 working hours after Monday 18:00 is Tuesday 14:30; 4 more is Wednesday 09:30.
        await host.TickAtAsync(At(24, 14, 29));
        Assert.Single(await host.PublishedAsync("supervision.notice-issued"));
        await host.TickAtAsync(At(24, 14, 30));
        await host.TickAtAsync(At(25, 9, 30));
        await host.TickAsync();
        await host.TickAtAsync(At(30, 9)); // level 3 is the last
        var issued = await host.PublishedAsync("supervision.notice-issued");
        Assert.Equal([1, 2, 3], issued.Select(e => e.Data.GetProperty("level").GetInt32()));
        var last = issued[2].Data;
        Assert.Equal(("SFS-DC", true), (last.GetProperty("parentOfficeCode").GetString(), last.GetProperty("specialistsNotified").GetBoolean()));

        var notices = (await host.GetAsync<Page<NoticeView>>($"notices?ticketId={assigned.TicketId}")).Items;
        Assert.Equal([(3, NoticeStatus.Open), (2, NoticeStatus.Closed), (1, NoticeStatus.Closed)], notices.Select(n => (n.Level, n.Status)));
        Assert.Single((await host.GetAsync<Page<NoticeView>>("notices?level=3&acknowledged=false")).Items);

        // The office acknowledges its own notice; another office may not; a second acknowledgement is 409.
        var open = notices[0];
        Assert.Equal(HttpStatusCode.NotFound, (await host.SendAsync(HttpMethod.Post, $"notices/{open.Id}/acknowledge", new { note = "x" },
            Roles.Office, office: "SFS-XC")).StatusCode); // another office's notice is not there for it
        var acknowledged = await host.SendAsync(HttpMethod.Post, $"notices/{open.Id}/acknowledge", new { note = "正在处理" }, Roles.Office, office: Office);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await host.SendAsync(HttpMethod.Post, $"notices/{open.Id}/acknowledge", new { }, Roles.Office, office: Office)).StatusCode);
        var ack = Assert.Single(await host.PublishedAsync("supervision.notice-acknowledged")).Data;
        Assert.Equal(("正在处理", 3), (ack.GetProperty("note").GetString(), ack.GetProperty("level").GetInt32()));
        Assert.Single((await host.GetAsync<Page<NoticeView>>("notices?acknowledged=true")).Items);

        // The sign-for ends: the open notice closes, and nothing rises any more.
        await host.DeliverAsync(new AssignmentSigned(assigned.TicketId, assigned.AssignmentId, Office, "clerk"));
        Assert.Empty((await host.GetAsync<Page<NoticeView>>("notices?status=Acknowledged")).Items);
    }

    [Fact]
    public async Task Handling_starts_at_sign_for_pauses_while_waiting_on_the_customer_and_the_pause_survives_a_policy_change()
    {
        await using var host = await StartAsync();
        var assigned = Assigned(Urgency.Normal);
        await host.DeliverAsync(assigned);
        await host.DeliverAsync(new AssignmentSigned(assigned.TicketId, assigned.AssignmentId, Office, "clerk"), At(23, 10));
        var requested = Handling(assigned, reopens: 0);
        await host.DeliverAsync(requested, At(23, 10, 5)); // the workflow opened the case a little after the sign-for

        // 37.5 working hours (five days) from Monday 10:00: the next Monday 10:00.
        var clock = await host.ClockAsync(requested.CaseId);
        Assert.Equal((At(23, 10), At(30, 10)), (clock.StartedAt, clock.Deadline));
        Assert.Equal((ClockStatus.Stopped, ClockOutcome.Done), ((await host.ClockAsync(assigned.AssignmentId)).Status, (await host.ClockAsync(assigned.AssignmentId)).Outcome));

        await host.DeliverAsync(new HandlingWaitingChanged(assigned.TicketId, requested.CaseId, Office, true, "补充材料", "clerk"), At(24, 10));
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Put, "policies/Complaint/Normal",
            new { signForMinutes = 30, handlingMinutes = 60, callbackMinutes = 60 }, Roles.Admin)).StatusCode);
        await host.TickAtAsync(At(30, 11)); // past the old deadline, still waiting: nothing comes due
        Assert.Empty(await ThresholdsAsync(host));
        Assert.True((await host.ClockAsync(requested.CaseId)).Paused);

        // The customer replies next Monday 11:00: the 30 working hours that were left (Tuesday 10:00 to Monday 10:00) run from then.
        await host.DeliverAsync(new HandlingWaitingChanged(assigned.TicketId, requested.CaseId, Office, false, "已补充", "clerk"), At(30, 11));
        clock = await host.ClockAsync(requested.CaseId);
        Assert.Equal((false, At(30, 11) + TimeSpan.FromDays(4), TimeSpan.FromHours(37.5), TimeSpan.FromHours(31)),
            (clock.Paused, clock.Deadline, clock.Allowed, clock.PausedTime));
        Assert.Equal(TimeSpan.FromHours(31), clock.PausedTime - TimeSpan.Zero);
    }

    [Fact]
    public async Task A_completion_made_before_the_deadline_but_delivered_after_it_withdraws_the_breach_and_its_notice()
    {
        await using var host = await StartAsync();
        var assigned = Assigned(Urgency.Critical);
        await host.DeliverAsync(assigned);
        await host.DeliverAsync(new AssignmentSigned(assigned.TicketId, assigned.AssignmentId, Office, "clerk"), At(23, 9, 30));
        var requested = Handling(assigned, reopens: 0);
        await host.DeliverAsync(requested, At(23, 9, 30));
        Assert.Equal(At(23, 15), (await host.ClockAsync(requested.CaseId)).Deadline); // 4 working hours: 2.5 before lunch, 1.5 after

        await host.TickAtAsync(At(23, 15, 1));
        Assert.Equal(ClockStatus.Breached, (await host.ClockAsync(requested.CaseId)).Status);

        // The office completed at 14:50; the news arrives after the breach (the workflow's close even earlier than that).
        await host.DeliverAsync(new WorkItemClosed(assigned.TicketId, requested.CaseId, WorkItemKind.HandlingCase, WorkItemOutcome.Done, "completed"), At(23, 15, 2));
        await host.DeliverAsync(new HandlingCompleted(assigned.TicketId, requested.CaseId, Office, "已处理", "clerk"), At(23, 14, 50));
        var clock = await host.ClockAsync(requested.CaseId);
        Assert.Equal((ClockStatus.Stopped, At(23, 14, 50), (DateTimeOffset?)null), (clock.Status, clock.StoppedAt, clock.BreachedAt));
        var withdrawn = Assert.Single(await host.PublishedAsync("sla.breach-withdrawn")).Data;
        Assert.Equal(requested.CaseId, withdrawn.GetProperty("workItemId").GetGuid());
        Assert.Equal(NoticeStatus.Closed, Assert.Single((await host.GetAsync<Page<NoticeView>>($"notices?ticketId={assigned.TicketId}")).Items).Status);

        await host.TickAtAsync(At(28, 9));
        Assert.Single(await host.PublishedAsync("sla.breached")); // not raised again
    }

    [Fact]
    public async Task Events_out_of_order_never_leave_a_clock_running_for_finished_work()
    {
        await using var host = await StartAsync();
        var assigned = Assigned(Urgency.Normal);
        // The sign-for arrives before the assignment; the completion before the case that it completes.
        await host.DeliverAsync(new AssignmentSigned(assigned.TicketId, assigned.AssignmentId, Office, "clerk"), At(23, 9, 20));
        await host.DeliverAsync(assigned, At(23, 9));
        var requested = Handling(assigned, reopens: 0);
        await host.DeliverAsync(new HandlingCompleted(assigned.TicketId, requested.CaseId, Office, "已处理", "clerk"), At(23, 11));
        await host.DeliverAsync(requested, At(23, 9, 25));

        var clocks = (await host.GetAsync<Page<ClockView>>($"clocks?ticketId={assigned.TicketId}")).Items;
        Assert.Equal([(SlaClock.SignFor, At(23, 9, 20)), (SlaClock.Handling, At(23, 11))],
            clocks.OrderBy(c => c.StartedAt).Select(c => (c.Kind, c.StoppedAt!.Value)));
        Assert.All(clocks, c => Assert.Equal(ClockStatus.Stopped, c.Status));
    }

    [Fact]
    public async Task A_reopen_starts_a_new_handling_clock_and_a_return_stops_the_offices_clock_and_counts_against_it()
    {
        await using var host = await StartAsync();
        var assigned = Assigned(Urgency.Normal);
        await host.DeliverAsync(assigned);
        var first = Handling(assigned, reopens: 0);
        await host.DeliverAsync(first, At(23, 10));
        await host.DeliverAsync(new HandlingCompleted(assigned.TicketId, first.CaseId, Office, "已处理", "clerk"), At(23, 11));
        var reopen = Handling(assigned, reopens: 1);
        await host.DeliverAsync(reopen, At(24, 9));
        Assert.Equal((ClockStatus.Running, At(24, 9), At(30, 18)),
            ((await host.ClockAsync(reopen.CaseId)).Status, (await host.ClockAsync(reopen.CaseId)).StartedAt, (await host.ClockAsync(reopen.CaseId)).Deadline));

        var other = Assigned(Urgency.Normal);
        await host.DeliverAsync(other, At(24, 9));
        await host.DeliverAsync(new AssignmentReturned(other.TicketId, other.AssignmentId, Office, "不属于本单位", "clerk", ReturnReason.NotOurJurisdiction),
            At(24, 10));
        await host.DeliverAsync(new WorkItemClosed(other.TicketId, other.AssignmentId, WorkItemKind.Assignment, WorkItemOutcome.Withdrawn, "returned"), At(24, 10, 1));
        var returned = await host.ClockAsync(other.AssignmentId);
        Assert.Equal((ClockStatus.Stopped, ClockOutcome.Returned, At(24, 10)), (returned.Status, returned.Outcome, returned.StoppedAt));
        var redispatched = other with { Id = Guid.NewGuid(), AssignmentId = Guid.NewGuid(), OfficeCode = "SFS-XC" };
        await host.DeliverAsync(redispatched, At(24, 11));
        Assert.Equal(("SFS-XC", ClockStatus.Running), ((await host.ClockAsync(redispatched.AssignmentId)).OfficeCode, (await host.ClockAsync(redispatched.AssignmentId)).Status));

        host.Clock.SetUtcNow(At(24, 12));
        var row = Assert.Single(await host.GetAsync<List<BreachesByOffice>>("views/breaches"), r => r.OfficeCode == Office);
        Assert.Equal((0, 1, 1, 1), (row.Breaches, row.Returns, row.Finished, row.FinishedInTime)); // the first case done in time, one return
    }

    [Fact]
    public async Task Co_handling_offices_get_their_own_sign_for_clocks_on_the_leads_terms()
    {
        await using var host = await StartAsync();
        var assigned = Assigned(Urgency.Urgent);
        await host.DeliverAsync(assigned);
        var coAssignment = Guid.NewGuid();
        await host.DeliverAsync(new CoHandlingUpdated(assigned.TicketId, coAssignment, assigned.AssignmentId, "SFS-XC", CoHandlingStep.Assigned, null, "dispatcher"),
            At(23, 9, 1));
        var co = await host.ClockAsync(coAssignment);
        Assert.Equal(("SFS-XC", SlaClock.SignFor, Urgency.Urgent, At(23, 13, 31)), (co.OfficeCode, co.Kind, co.Urgency, co.Deadline));
        await host.DeliverAsync(new CoHandlingUpdated(assigned.TicketId, coAssignment, assigned.AssignmentId, "SFS-XC", CoHandlingStep.Signed, null, "clerk"),
            At(23, 10));
        Assert.Equal((ClockStatus.Stopped, ClockStatus.Running), ((await host.ClockAsync(coAssignment)).Status, (await host.ClockAsync(assigned.AssignmentId)).Status));
    }

    [Fact]
    public async Task Escalation_shortens_the_remaining_time_to_the_new_urgencys_policy()
    {
        await using var host = await StartAsync();
        var assigned = Assigned(Urgency.Normal);
        await host.DeliverAsync(assigned);
        var requested = Handling(assigned, reopens: 0);
        await host.DeliverAsync(requested, At(23, 9));
        // After 2 working hours, critical (4 working hours) leaves 2: Monday 11:00 + 1 h before lunch + 1 h after = 14:30.
        await host.DeliverAsync(new TicketEscalated(assigned.TicketId, assigned.Number, Urgency.Normal, Urgency.Critical, "媒体关注", "supervisor"), At(23, 11));
        var clock = await host.ClockAsync(requested.CaseId);
        Assert.Equal((Urgency.Critical, At(23, 14, 30), TimeSpan.FromHours(4)), (clock.Urgency, clock.Deadline, clock.Allowed));
    }

    [Fact]
    public async Task Extensions_are_filed_by_the_office_before_the_deadline_and_decided_by_a_supervisor()
    {
        await using var host = await StartAsync();
        var assigned = Assigned(Urgency.Normal);
        await host.DeliverAsync(assigned);
        var requested = Handling(assigned, reopens: 0);
        await host.DeliverAsync(requested, At(23, 9));
        var wanted = At(30, 9) + TimeSpan.FromDays(7);
        var body = new { workItemId = requested.CaseId, wantedDeadline = wanted, reason = "需要现场勘查" };

        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(HttpMethod.Post, "extensions", body, Roles.Specialist)).StatusCode);
        var notOurs = await host.SendAsync(HttpMethod.Post, "extensions", body, Roles.Office, office: "SFS-XC");
        Assert.True(notOurs.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, notOurs.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.SendAsync(HttpMethod.Post, "extensions", body with { wantedDeadline = At(23, 10) },
            Roles.Office, office: Office)).StatusCode);
        var filed = await host.SendAsync(HttpMethod.Post, "extensions", body, Roles.Office, office: Office);
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var extension = JsonSerializer.Deserialize<ExtensionView>(await filed.Content.ReadAsStringAsync(), EventJson.Options)!;
        Assert.Equal(HttpStatusCode.Conflict, (await host.SendAsync(HttpMethod.Post, "extensions", body, Roles.Office, office: Office)).StatusCode);
        Assert.Single((await host.GetAsync<Page<ExtensionView>>("extensions?status=Pending")).Items);

        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(HttpMethod.Post, $"extensions/{extension.Id}/approve", new { }, Roles.Office, office: Office)).StatusCode);
        var approved = await host.SendAsync(HttpMethod.Post, $"extensions/{extension.Id}/approve", new { deadline = wanted, note = "同意" }, Roles.Supervisor);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var clock = await host.ClockAsync(requested.CaseId);
        Assert.Equal((wanted, (DateTimeOffset?)At(27, 18)), (clock.Deadline, clock.OriginalDeadline));
        var decided = Assert.Single(await host.PublishedAsync("sla.extension-decided")).Data;
        Assert.True(decided.GetProperty("approved").GetBoolean());
        Assert.Equal(HttpStatusCode.Conflict, (await host.SendAsync(HttpMethod.Post, $"extensions/{extension.Id}/deny", new { reason = "晚了" }, Roles.Supervisor)).StatusCode);

        // After the (new) deadline a request is refused at once.
        host.Clock.SetUtcNow(wanted + TimeSpan.FromMinutes(1));
        var late = await host.SendAsync(HttpMethod.Post, "extensions", body with { wantedDeadline = wanted + TimeSpan.FromDays(3) }, Roles.Office, office: Office);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Contains("has passed", await late.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_denied_extension_keeps_the_deadline()
    {
        await using var host = await StartAsync();
        var assigned = Assigned(Urgency.Normal);
        await host.DeliverAsync(assigned);
        var filed = await host.SendAsync(HttpMethod.Post, "extensions",
            new { workItemId = assigned.AssignmentId, wantedDeadline = At(24, 18), reason = "人手不足" }, Roles.Office, office: Office);
        var extension = JsonSerializer.Deserialize<ExtensionView>(await filed.Content.ReadAsStringAsync(), EventJson.Options)!;
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Post, $"extensions/{extension.Id}/deny", new { reason = "签收不需延期" }, Roles.Supervisor)).StatusCode);
        var clock = await host.ClockAsync(assigned.AssignmentId);
        Assert.Equal((At(23, 18), (DateTimeOffset?)null), (clock.Deadline, clock.OriginalDeadline));
        Assert.Equal(["sla.extension-requested", "sla.extension-decided"], (await host.PublishedAsync("sla.extension")).Select(e => e.Topic));
    }

    [Fact]
    public async Task Policies_default_from_configuration_and_admins_set_them_per_category_and_urgency_for_clocks_started_after()
    {
        await using var host = await StartAsync(new() { ["Supervision:YellowPercent"] = "70" });
        var policies = await host.GetAsync<List<PolicyView>>("policies", Roles.Office, Office);
        Assert.Equal(Enum.GetValues<Category>().Length * Enum.GetValues<Urgency>().Length, policies.Count);
        Assert.Equal(new PolicyView(Category.Complaint, Urgency.Normal, 450, 2250, 900, 70, 90, false, "default"),
            policies.Single(p => p is { Category: Category.Complaint, Urgency: Urgency.Normal }));

        var set = new { signForMinutes = 120, handlingMinutes = 600, callbackMinutes = 240, yellowPercent = 50, redPercent = 80 };
        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(HttpMethod.Put, "policies/Complaint/Urgent", set, Roles.Supervisor)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await host.SendAsync(HttpMethod.Put, "policies/Complaint/Urgent", set with { yellowPercent = 85 }, Roles.Admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Put, "policies/Complaint/Urgent", set, Roles.Admin)).StatusCode);

        var assigned = Assigned(Urgency.Urgent);
        await host.DeliverAsync(assigned);
        var clock = await host.ClockAsync(assigned.AssignmentId);
        Assert.Equal((TimeSpan.FromMinutes(120), At(23, 10), At(23, 10, 36), At(23, 11)), (clock.Allowed, clock.YellowAt, clock.RedAt, clock.Deadline));

        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Delete, "policies/Complaint/Urgent", role: Roles.Admin)).StatusCode);
        Assert.Equal("default", (await host.GetAsync<List<PolicyView>>("policies")).Single(p => p is { Category: Category.Complaint, Urgency: Urgency.Urgent }).Source);
    }

    [Fact]
    public async Task Natural_time_urgencies_count_round_the_clock_and_callback_clocks_start_on_the_callback_request()
    {
        await using var host = await StartAsync(new() { ["Supervision:NaturalTimeUrgencies:0"] = "Critical" });
        var assigned = Assigned(Urgency.Critical) with { };
        await host.DeliverAsync(assigned, At(23, 23));
        Assert.Equal((ClockCalendars.NaturalTime, At(24, 0)), ((await host.ClockAsync(assigned.AssignmentId)).CalendarCode, (await host.ClockAsync(assigned.AssignmentId)).Deadline));

        var callback = new CallbackRequested(assigned.TicketId, Guid.NewGuid(), assigned.Number, Office, "已处理", At(30, 9));
        await host.DeliverAsync(callback, At(24, 8));
        var clock = await host.ClockAsync(callback.CallbackTaskId);
        Assert.Equal((SlaClock.Callback, SlaClock.CallCentre, At(24, 11)), (clock.Kind, clock.OfficeCode, clock.Deadline)); // 3 hours, round the clock
        await host.TickAtAsync(At(24, 12));
        Assert.Single(await host.PublishedAsync("sla.breached"), e => e.Data.GetProperty("clock").GetString() == SlaClock.Callback);
        Assert.DoesNotContain(await host.PublishedAsync("supervision.notice"), e => e.Data.GetProperty("workItemId").GetGuid() == callback.CallbackTaskId);
        await host.DeliverAsync(new CallbackCompleted(assigned.TicketId, callback.CallbackTaskId, true, Satisfaction.Satisfied, "", "agent"), At(24, 12, 30));
        Assert.Equal(ClockStatus.Breached, (await host.ClockAsync(callback.CallbackTaskId)).Status); // late: the breach stays
    }

    [Fact]
    public async Task Specialists_send_reminders_and_see_what_is_about_to_expire_and_how_old_open_work_is()
    {
        await using var host = await StartAsync();
        var soon = Assigned(Urgency.Critical); // due 10:00
        var later = Assigned(Urgency.Normal); // due 18:00
        await host.DeliverAsync(soon);
        await host.DeliverAsync(later);

        var dueSoon = await host.GetAsync<List<ClockView>>("views/due-soon?hours=2");
        Assert.Equal([soon.AssignmentId], dueSoon.Where(c => c.TicketId == soon.TicketId || c.TicketId == later.TicketId).Select(c => c.WorkItemId));
        Assert.Equal(2, (await host.GetAsync<List<ClockView>>("views/due-soon?hours=8")).Count);
        Assert.Empty(await host.GetAsync<List<ClockView>>("views/due-soon?hours=8", Roles.Office, "SFS-XC"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await host.SendAsync(HttpMethod.Get, "views/due-soon?hours=0")).StatusCode);

        var clock = await host.ClockAsync(soon.AssignmentId);
        Assert.Equal(HttpStatusCode.Forbidden, (await host.SendAsync(HttpMethod.Post, $"clocks/{clock.Id}/reminders", new { text = "请尽快签收" }, Roles.Agent)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await host.SendAsync(HttpMethod.Post, $"clocks/{clock.Id}/reminders", new { text = "请尽快签收" })).StatusCode);
        var reminder = Assert.Single(await host.PublishedAsync("supervision.reminder-sent")).Data;
        Assert.Equal(("请尽快签收", Office), (reminder.GetProperty("text").GetString(), reminder.GetProperty("officeCode").GetString()));

        host.Clock.SetUtcNow(At(25, 10));
        var aging = await host.GetAsync<List<AgingBucket>>("views/aging");
        Assert.Equal([0, 0, 2, 0, 0], aging.Select(b => b.Clocks)); // both overdue 1–3 days
    }

    [Fact]
    public async Task The_hosted_timer_ticks_on_the_time_provider()
    {
        await using var host = await StartAsync(withTimer: true);
        var assigned = Assigned(Urgency.Critical);
        await host.DeliverAsync(assigned);
        host.Clock.SetUtcNow(At(23, 10, 1));
        for (var i = 0; i < 200 && (await host.PublishedAsync("sla.breached")).Count == 0; i++)
        {
            host.Clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(50);
        }
        Assert.Single(await host.PublishedAsync("sla.breached"));
    }

    [Fact]
    public async Task Warming_the_tick_at_start_announces_nothing_and_leaves_due_clocks_for_the_tick()
    {
        await using var host = await StartAsync();
        var assigned = Assigned(Urgency.Critical);
        await host.DeliverAsync(assigned);
        host.Clock.SetUtcNow(At(23, 10, 1)); // past the deadline: due for a breach and its notice

        await using (var scope = host.App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SlaTick>().WarmUpAsync(default);
        Assert.Empty(await ThresholdsAsync(host));
        Assert.Empty(await host.PublishedAsync("supervision.notice-issued"));
        var rehearsed = await host.ClockAsync(assigned.AssignmentId); // passed, written and rolled back
        Assert.Equal((ClockStatus.Running, ClockStage.None, 0), (rehearsed.Status, rehearsed.Stage, rehearsed.NoticeLevel));

        await host.TickAtAsync(At(23, 10, 1));
        Assert.Single(await host.PublishedAsync("sla.breached"));
        Assert.Single(await host.PublishedAsync("supervision.notice-issued"));
    }

    [Fact]
    public async Task Two_instances_ticking_at_once_on_one_database_announce_each_threshold_once()
    {
        await using var first = await StartAsync(new() { ["Supervision:TickBatchSize"] = "50" });
        await using var second = await StartBesideAsync(first);
        var assignments = Enumerable.Range(0, 300).Select(_ => Assigned(Urgency.Critical)).ToList();
        foreach (var assigned in assignments) await first.DeliverAsync(assigned);
        first.Clock.SetUtcNow(At(23, 10, 1));

        // Past the lease, as two processes that each think they may tick (or a tick cut short by a crash) would be.
        async Task TickDirectly(SupervisionHost host)
        {
            await using var scope = host.App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<SlaTick>().RunAsync(default);
        }
        await Task.WhenAll(TickDirectly(first), TickDirectly(second), TickDirectly(first), TickDirectly(second));
        await Task.WhenAll(TickDirectly(first), TickDirectly(second));

        var breached = await first.PublishedAsync("sla.breached");
        Assert.Equal(300, breached.Count);
        Assert.Equal(300, breached.Select(e => e.Data.GetProperty("workItemId").GetGuid()).Distinct().Count());
        Assert.Equal(300, (await first.PublishedAsync("supervision.notice-issued")).Count);
    }

    [Fact]
    public async Task Every_change_of_the_deadline_an_office_sees_is_announced_in_order_per_clock_and_the_tick_announces_none()
    {
        await using var host = await StartAsync();
        var assigned = Assigned(Urgency.Normal);
        await host.DeliverAsync(assigned);
        await host.DeliverAsync(assigned); // redelivered: no second start, no second announcement
        await host.TickAtAsync(At(23, 18, 1)); // yellow, red, the breach and its notice: the deadline stays where it was
        var signFor = Assert.Single(await DeadlinesAsync(host));
        Assert.Equal((assigned.AssignmentId, (Guid?)assigned.AssignmentId, SlaClock.SignFor, (DateTimeOffset?)At(23, 18), false, false, 1),
            Shown(signFor));

        await host.DeliverAsync(new AssignmentSigned(assigned.TicketId, assigned.AssignmentId, Office, "clerk"), At(23, 18, 5));
        var requested = Handling(assigned, reopens: 0);
        await host.DeliverAsync(requested, At(23, 18, 6));
        await host.DeliverAsync(new HandlingWaitingChanged(assigned.TicketId, requested.CaseId, Office, true, "补充材料", "clerk"), At(24, 10));
        // Escalated while paused: the shorter deadline is announced when the clock runs again, not before.
        await host.DeliverAsync(new TicketEscalated(assigned.TicketId, assigned.Number, Urgency.Normal, Urgency.Urgent, "媒体关注", "supervisor"), At(24, 11));
        await host.DeliverAsync(new HandlingWaitingChanged(assigned.TicketId, requested.CaseId, Office, false, "已补充", "clerk"), At(25, 10));
        var resumed = (await host.ClockAsync(requested.CaseId)).Deadline;
        Assert.Equal(At(26, 18), resumed); // urgent's 15 working hours less the one used, from the reply on Wednesday 10:00

        host.Clock.SetUtcNow(At(25, 11));
        var filed = await host.SendAsync(HttpMethod.Post, "extensions",
            new { workItemId = requested.CaseId, wantedDeadline = resumed + TimeSpan.FromDays(3), reason = "需要现场勘查" }, Roles.Office, office: Office);
        var extension = JsonSerializer.Deserialize<ExtensionView>(await filed.Content.ReadAsStringAsync(), EventJson.Options)!;
        Assert.Equal(HttpStatusCode.OK,
            (await host.SendAsync(HttpMethod.Post, $"extensions/{extension.Id}/approve", new { }, Roles.Supervisor)).StatusCode);
        await host.DeliverAsync(new HandlingCompleted(assigned.TicketId, requested.CaseId, Office, "已处理", "clerk"), At(25, 15));
        await host.DeliverAsync(new WorkItemClosed(assigned.TicketId, requested.CaseId, WorkItemKind.HandlingCase, WorkItemOutcome.Done, "completed"),
            At(25, 15, 1)); // already stopped: nothing new to announce

        var handling = (await DeadlinesAsync(host)).Where(e => e.GetProperty("workItemId").GetGuid() == requested.CaseId).Select(Shown).ToList();
        Assert.All(handling, e => Assert.Equal((SlaClock.Handling, (Guid?)assigned.AssignmentId), (e.Kind, e.AssignmentId)));
        // Started at the sign-for (Monday 18:05, after hours): five working days from Tuesday 09:00.
        Assert.Equal(new DateTimeOffset?[] { At(30, 18), null, resumed, resumed + TimeSpan.FromDays(3), null }, handling.Select(e => e.Deadline));
        Assert.Equal([false, true, false, false, false], handling.Select(e => e.Paused));
        Assert.Equal([false, false, false, false, true], handling.Select(e => e.Stopped));
        Assert.Equal([1, 2, 3, 4, 5], handling.Select(e => e.Sequence));
        var signForStop = Shown((await DeadlinesAsync(host))[1]);
        Assert.Equal((assigned.AssignmentId, (DateTimeOffset?)null, true, 2), (signForStop.WorkItemId, signForStop.Deadline, signForStop.Stopped, signForStop.Sequence));

        var callback = new CallbackRequested(assigned.TicketId, Guid.NewGuid(), assigned.Number, Office, "已处理", At(26, 18));
        await host.DeliverAsync(callback, At(25, 16));
        Assert.Null(Shown((await DeadlinesAsync(host)).Last()).AssignmentId); // the call centre's: no office's assignment
    }

    private static async Task<List<(string Topic, JsonElement Data)>> ThresholdsAsync(SupervisionHost host) =>
        (await host.PublishedAsync("sla.")).Where(e => e.Topic != "sla.deadline-changed").ToList();

    private static async Task<List<JsonElement>> DeadlinesAsync(SupervisionHost host) =>
        (await host.PublishedAsync("sla.deadline-changed")).Select(e => e.Data).ToList();

    private static (Guid WorkItemId, Guid? AssignmentId, string Kind, DateTimeOffset? Deadline, bool Paused, bool Stopped, int Sequence) Shown(JsonElement e) =>
        (e.GetProperty("workItemId").GetGuid(),
            e.GetProperty("assignmentId").ValueKind == JsonValueKind.Null ? null : e.GetProperty("assignmentId").GetGuid(),
            e.GetProperty("clock").GetString()!,
            e.GetProperty("deadline").ValueKind == JsonValueKind.Null ? null : e.GetProperty("deadline").GetDateTimeOffset(),
            e.GetProperty("paused").GetBoolean(), e.GetProperty("stopped").GetBoolean(), e.GetProperty("sequence").GetInt32());

    private static TicketAssigned Assigned(Urgency urgency) =>
        new(Guid.NewGuid(), "GD20261123-000001", Guid.NewGuid(), Guid.NewGuid(), Office, "东华门街道", Category.Complaint, urgency, "dispatcher-1");

    private static HandlingRequested Handling(TicketAssigned assigned, int reopens) =>
        new(assigned.TicketId, Guid.NewGuid(), assigned.Number, assigned.AssignmentId, assigned.OfficeCode, assigned.Urgency, reopens,
            reopens > 0 ? "客户不满意" : null);
}

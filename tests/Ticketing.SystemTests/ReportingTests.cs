using System.Net;
using System.Text.Json.Nodes;
using MiniExcelLibs;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;

namespace Ticketing.SystemTests;

/// <summary>
/// 报表: tickets moved through the gateway show in reporting's figures per office and per agent, in JSON and as CSV and
/// xlsx files; figures stay right when reporting (or supervision, which measures handling hours) was down for a while.
/// Other tests share the system, so each test compares the figures before and after what it did.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ReportingTests(SystemFixture system)
{
    private static readonly TimeZoneInfo Hotline = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private readonly HttpClient _gateway = system.Gateway;

    private sealed record OfficeRow(string OfficeCode, string? OfficeName, int Assigned, int SignedFor, int Returns, int Completed,
        double? AverageHandlingHours, int MeasuredCases, int PendingHours, int SignedForOnTime = 0, int CompletedOnTime = 0, int Reopens = 0,
        int Answered = 0, int Satisfied = 0, int Unsatisfied = 0, int Breaches = 0, int OpenBreaches = 0);

    private sealed record OfficeReportView(string TimeZone, List<OfficeRow> Offices, int PendingHours);

    private sealed record AgentRow(string AgentId, int Registered, int ResolvedAtFirstContact, int Complaints, Dictionary<string, string> Marks,
        int CallbacksDone = 0, int Unreachable = 0);

    private sealed record AgentReportView(string TimeZone, List<AgentRow> Agents);

    /// <summary>Today and tomorrow in the hotline's time: a test that runs across midnight there still finds its tickets.</summary>
    private static (string Today, string Tomorrow, string AfterTomorrow) Days()
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Hotline).DateTime);
        return (Iso(today), Iso(today.AddDays(1)), Iso(today.AddDays(2)));
        static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<OfficeRow?> OfficeAsync(string office, string? user = null)
    {
        var (today, _, afterTomorrow) = Days();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/reporting/offices?from={today}&to={afterTomorrow}").SignedInAs(user);
        return (await (await _gateway.SendAsync(request)).ReadAsync<OfficeReportView>()).Offices.SingleOrDefault(o => o.OfficeCode == office);
    }

    /// <summary>An agent's figures summed over today and tomorrow.</summary>
    private async Task<(int Registered, int Resolved, int Complaints)> AgentAsync(string agent)
    {
        var (today, tomorrow, _) = Days();
        var rows = new List<AgentRow>();
        foreach (var date in new[] { today, tomorrow })
            rows.AddRange((await _gateway.GetAsync<AgentReportView>($"api/reporting/agents?date={date}")).Agents.Where(a => a.AgentId == agent));
        return (rows.Sum(r => r.Registered), rows.Sum(r => r.ResolvedAtFirstContact), rows.Sum(r => r.Complaints));
    }

    private static object Complaint(string about) => new JsonObject
    {
        ["channel"] = "Phone", ["category"] = "Complaint", ["urgency"] = "Normal", ["title"] = "投诉话务员", ["content"] = "话务员态度差",
        ["callerName"] = "王五", ["callerPhone"] = "13700002222", ["regionCode"] = "DC", ["concernedStaff"] = about, ["subCategory"] = "StaffConduct",
    };

    /// <summary>Registered by agent1: one answered during the call, one complaint about agent2, one assigned to SFS-DC-DH and returned.</summary>
    private async Task MoveTicketsAsync()
    {
        var answered = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(Category.Consultation, title: "报表：当场答复"));
        await _gateway.PostAsync<TicketView>($"api/intake/tickets/{answered.Id}/resolve", new { answer = "可在线办理" });
        await _gateway.PostAsync<TicketView>("api/intake/tickets", Complaint("agent2"));
        var (_, assignment) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "DC-DH", title: "报表：退回"));
        Assert.Equal("SFS-DC-DH", assignment.OfficeCode);
        await _gateway.PostAsync<JsonObject>($"api/dispatch/assignments/{assignment.Id}/return",
            new { officeCode = assignment.OfficeCode, reasonCode = "NotOurJurisdiction", reason = "不属于本街道" });
    }

    private async Task AssertMovedAsync((int Registered, int Resolved, int Complaints) agent1Before, int agent2ComplaintsBefore, OfficeRow? officeBefore)
    {
        var agent1 = await Eventually.Until(() => AgentAsync("agent1"), a => a.Registered >= agent1Before.Registered + 3,
            TimeSpan.FromSeconds(60), "reporting to count agent1's three registrations");
        var office = await Eventually.Until(() => OfficeAsync("SFS-DC-DH"), o => o is not null && o.Returns >= (officeBefore?.Returns ?? 0) + 1,
            TimeSpan.FromSeconds(60), "reporting to count the return");
        await system.SettledAsync();
        agent1 = await AgentAsync("agent1");
        office = await OfficeAsync("SFS-DC-DH");
        Assert.Equal((agent1Before.Registered + 3, agent1Before.Resolved + 1), (agent1.Registered, agent1.Resolved));
        Assert.Equal(agent2ComplaintsBefore + 1, (await AgentAsync("agent2")).Complaints);
        Assert.Equal(((officeBefore?.Assigned ?? 0) + 1, (officeBefore?.Returns ?? 0) + 1), (office!.Assigned, office.Returns));
    }

    [Fact]
    public async Task A_first_contact_answer_a_complaint_and_a_return_show_in_the_figures_of_the_office_and_the_agents()
    {
        await system.SettledAsync();
        var (agent1, agent2, office) = (await AgentAsync("agent1"), (await AgentAsync("agent2")).Complaints, await OfficeAsync("SFS-DC-DH"));

        await MoveTicketsAsync();

        await AssertMovedAsync(agent1, agent2, office);
        var (today, _, _) = Days();
        var report = await _gateway.GetAsync<AgentReportView>($"api/reporting/agents?date={today}");
        Assert.Equal("Asia/Shanghai", report.TimeZone);
        if (report.Agents.Count(a => a.Registered > 0) > 1) // somebody registered more than somebody else: both are marked
            Assert.Contains(report.Agents, a => a.Marks.GetValueOrDefault("registered") == "highest");
    }

    [Fact]
    public async Task Callbacks_a_reopen_an_unreachable_customer_and_a_breach_show_in_the_office_and_agent_figures()
    {
        const string office = "SFS-XC";
        await system.SettledAsync();
        var before = await OfficeAsync(office) ?? new OfficeRow(office, null, 0, 0, 0, 0, null, 0, 0);
        var agentBefore = await CallbacksOfAsync("agent1");

        // Satisfied, and unsatisfied (reopened at the same office), both called back by agent1.
        var (_, _, satisfied) = await Journeys.ToCallbackAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "XC", title: "报表：满意"));
        await _gateway.PostAsync<CallbackTaskView>($"api/callback/tasks/{satisfied.Id}/outcome", new { resolved = true, satisfaction = "Satisfied" });
        var (reopened, _, unsatisfied) = await Journeys.ToCallbackAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "XC", title: "报表：重办"));
        await _gateway.PostAsync<CallbackTaskView>($"api/callback/tasks/{unsatisfied.Id}/outcome", new { resolved = false, satisfaction = "Unsatisfied" });
        await Journeys.OpenCaseAsync(_gateway, reopened.Id);
        // Nobody answers three times: closed as unreachable, the last attempt agent1's.
        var (unreachable, _, silent) = await Journeys.ToCallbackAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "XC", title: "报表：联系不上"));
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            await _gateway.PostAsync<CallbackTaskView>($"api/callback/tasks/{silent.Id}/attempts", new { result = "NoAnswer", note = $"第{attempt}次无人接听" });
            if (attempt < 3)
                await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{unreachable.Id}"),
                    i => i.Timeline.Count(l => l.Kind == "CustomerUnreachable") == attempt, what: $"attempt {attempt} on the timeline");
        }
        await Journeys.StateAsync(_gateway, unreachable.Id, TicketState.Closed);
        // Critical: the office has seconds to sign for it here, and does not.
        var (late, _) = await Journeys.ToAssignedAsync(_gateway, Calls.NewTicket(Category.HelpRequest, Urgency.Critical, region: "XC", title: "报表：超时"));
        await Eventually.Until(() => _gateway.GetAsync<PageOf<ClockView>>($"api/supervision/clocks?ticketId={late.Id}"),
            clocks => clocks.Items.Any(c => c.Status == "Breached"), TimeSpan.FromSeconds(30), "the sign-for clock to breach");

        await system.SettledAsync();
        var after = (await OfficeAsync(office))!;
        Assert.Equal((before.Assigned + 4, before.SignedFor + 3, before.SignedForOnTime + 3), (after.Assigned, after.SignedFor, after.SignedForOnTime));
        Assert.Equal((before.Completed + 3, before.CompletedOnTime + 3, before.Reopens + 1), (after.Completed, after.CompletedOnTime, after.Reopens));
        Assert.Equal((before.Answered + 2, before.Satisfied + 1, before.Unsatisfied + 1), (after.Answered, after.Satisfied, after.Unsatisfied));
        Assert.Equal((before.Breaches + 1, before.OpenBreaches + 1), (after.Breaches, after.OpenBreaches));
        var agentAfter = await CallbacksOfAsync("agent1");
        Assert.Equal((agentBefore.Done + 2, agentBefore.Unreachable + 1), agentAfter);

        // The marks agree with the figures: whoever registered most is marked highest, whoever least lowest.
        var (today, _, _) = Days();
        var agents = (await _gateway.GetAsync<AgentReportView>($"api/reporting/agents?date={today}")).Agents;
        if (agents.Select(a => a.Registered).Distinct().Count() > 1)
        {
            Assert.All(agents.Where(a => a.Registered == agents.Max(x => x.Registered)), a => Assert.Equal("highest", a.Marks["registered"]));
            Assert.All(agents.Where(a => a.Registered == agents.Min(x => x.Registered)), a => Assert.Equal("lowest", a.Marks["registered"]));
        }
    }

    private async Task<(int Done, int Unreachable)> CallbacksOfAsync(string agent)
    {
        var (today, tomorrow, _) = Days();
        var rows = new List<AgentRow>();
        foreach (var date in new[] { today, tomorrow })
            rows.AddRange((await _gateway.GetAsync<AgentReportView>($"api/reporting/agents?date={date}")).Agents.Where(a => a.AgentId == agent));
        return (rows.Sum(r => r.CallbacksDone), rows.Sum(r => r.Unreachable));
    }

    [Fact]
    public async Task Tickets_that_moved_while_reporting_was_down_are_counted_once_it_is_back()
    {
        await system.SettledAsync();
        var (agent1, agent2, office) = (await AgentAsync("agent1"), (await AgentAsync("agent2")).Complaints, await OfficeAsync("SFS-DC-DH"));

        await system.System.StopAppAsync("reporting");
        try
        {
            await MoveTicketsAsync();
            var down = await _gateway.GetAsync("api/reporting/offices?period=day&date=2026-11-30");
            Assert.True((int)down.StatusCode >= 500, $"reporting is down, yet the gateway answered {(int)down.StatusCode}");
        }
        finally
        {
            await system.System.StartAppAsync("reporting", SystemFixture.StartTimeout);
        }

        await AssertMovedAsync(agent1, agent2, office);
    }

    [Fact]
    public async Task Handling_hours_wait_while_supervision_is_down_and_are_measured_once_it_is_back()
    {
        var (ticket, _, handling) = await Journeys.ToInProgressAsync(_gateway, Calls.NewTicket(Category.HelpRequest, region: "XC", title: "报表：工时"));
        await system.System.StopAppAsync("supervision");
        try
        {
            await _gateway.PostAsync<JsonObject>($"api/followup/cases/{handling.Id}/completion",
                new { officeCode = handling.OfficeCode, replyToCustomer = "已处理" });
            var pending = await Eventually.Until(() => OfficeAsync(handling.OfficeCode), o => o is { PendingHours: > 0 }, TimeSpan.FromSeconds(30),
                "the completed case to wait for its working hours");
            Assert.True(pending!.Completed >= 1);
        }
        finally
        {
            await system.System.StartAppAsync("supervision", SystemFixture.StartTimeout);
        }

        var measured = await Eventually.Until(() => OfficeAsync(handling.OfficeCode), o => o is { PendingHours: 0 }, TimeSpan.FromSeconds(60),
            "reporting to measure the case once supervision is back");
        Assert.NotNull(measured!.AverageHandlingHours);
        Assert.True(measured.MeasuredCases >= 1);
        Assert.NotEqual(Guid.Empty, ticket.Id);
    }

    [Fact]
    public async Task The_reports_export_as_csv_and_xlsx_with_the_figures_of_the_json()
    {
        await MoveTicketsAsync();
        await system.SettledAsync();
        var (today, tomorrow, afterTomorrow) = Days();

        var csv = await _gateway.GetAsync($"api/reporting/offices/export?format=csv&from={today}&to={afterTomorrow}");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"offices-{today}-{afterTomorrow}.csv", csv.Content.Headers.ContentDisposition?.FileNameStar ?? csv.Content.Headers.ContentDisposition?.FileName);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("officeCode,officeName,assigned,", lines[0]);
        Assert.Contains(lines, line => line.StartsWith("SFS-DC-DH,", StringComparison.Ordinal));

        foreach (var date in new[] { today, tomorrow })
        {
            var json = (await _gateway.GetAsync<AgentReportView>($"api/reporting/agents?date={date}")).Agents.SingleOrDefault(a => a.AgentId == "agent1");
            if (json is null) continue; // the test ran across midnight in Shanghai: the other day holds it
            var xlsx = await _gateway.GetAsync($"api/reporting/agents/export?format=xlsx&date={date}");
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
            Assert.Equal($"agents-{date}.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar ?? xlsx.Content.Headers.ContentDisposition?.FileName);
            using var file = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
            var rows = file.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            var agent1 = Assert.Single(rows, r => (string)r["agentId"] == "agent1");
            Assert.Equal(json.Registered, Convert.ToInt32(agent1["registered"], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(json.Complaints, Convert.ToInt32(agent1["complaints"], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Office_staff_read_their_own_office_and_agents_their_own_row()
    {
        await MoveTicketsAsync();
        await system.SettledAsync();
        var (today, _, afterTomorrow) = Days();

        async Task<List<string>> OfficesSeenBy(string user)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/reporting/offices?from={today}&to={afterTomorrow}").SignedInAs(user);
            return (await (await _gateway.SendAsync(request)).ReadAsync<OfficeReportView>()).Offices.Select(o => o.OfficeCode).ToList();
        }
        Assert.Contains("SFS-DC-DH", await OfficesSeenBy("supervisor1"));
        Assert.Equal(["SFS-DC-DH"], await OfficesSeenBy("clerk-dcdh"));
        Assert.Contains("SFS-DC-DH", await OfficesSeenBy("clerk-dc")); // a district reads its sub-districts
        Assert.All(await OfficesSeenBy("clerk-dc"), code => Assert.StartsWith("SFS-DC", code));
        Assert.DoesNotContain("SFS-DC-DH", await OfficesSeenBy("clerk-xc"));

        using var asAgent = new HttpRequestMessage(HttpMethod.Get, $"api/reporting/agents?date={today}").SignedInAs("agent2");
        var own = await (await _gateway.SendAsync(asAgent)).ReadAsync<AgentReportView>();
        Assert.All(own.Agents, a => Assert.Equal("agent2", a.AgentId));

        using var clerkOnAgents = new HttpRequestMessage(HttpMethod.Get, $"api/reporting/agents?date={today}").SignedInAs("clerk-dcdh");
        Assert.Equal(HttpStatusCode.Forbidden, (await _gateway.SendAsync(clerkOnAgents)).StatusCode);
    }

    private sealed record WeekView(string From, string To, int Completed, double? CompletedOnTimeRate, int Returns, int Reopens, int Answered,
        double? SatisfactionRate);

    private sealed record OfficeWeeksView(string OfficeCode, string? OfficeName, List<WeekView> Weeks);

    private sealed record PeriodView(string From, string To);

    private sealed record WeeklyView(string TimeZone, List<PeriodView> Weeks, List<OfficeWeeksView> Offices);

    [Fact]
    public async Task The_weekly_series_counts_this_weeks_return_as_the_weeks_office_report_does_and_keeps_office_staff_to_their_office()
    {
        await MoveTicketsAsync(); // a return at SFS-DC-DH, today
        await system.SettledAsync();
        var (today, _, _) = Days();

        using var asSupervisor = new HttpRequestMessage(HttpMethod.Get, $"api/reporting/offices/weekly?weeks=4&date={today}").SignedInAs("supervisor1");
        var series = await (await _gateway.SendAsync(asSupervisor)).ReadAsync<WeeklyView>();
        Assert.Equal(4, series.Weeks.Count);
        var day = DateOnly.ParseExact(today, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7)); // the last week is today's, from Monday
        Assert.Equal(monday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), series.Weeks[^1].From);
        var office = Assert.Single(series.Offices, o => o.OfficeCode == "SFS-DC-DH");
        Assert.Equal(series.Weeks.Select(w => w.From), office.Weeks.Select(w => w.From)); // a point for every week
        var week = (await _gateway.GetAsync<OfficeReportView>($"api/reporting/offices?period=week&date={today}")).Offices.Single(o => o.OfficeCode == "SFS-DC-DH");
        Assert.True(office.Weeks[^1].Returns >= 1);
        Assert.Equal((week.Returns, week.Reopens, week.Completed, week.Answered),
            (office.Weeks[^1].Returns, office.Weeks[^1].Reopens, office.Weeks[^1].Completed, office.Weeks[^1].Answered));

        using var asClerk = new HttpRequestMessage(HttpMethod.Get, $"api/reporting/offices/weekly?weeks=2&date={today}").SignedInAs("clerk-dcdh");
        Assert.Equal(["SFS-DC-DH"], (await (await _gateway.SendAsync(asClerk)).ReadAsync<WeeklyView>()).Offices.Select(o => o.OfficeCode));
        using var clerkOnAnother = new HttpRequestMessage(HttpMethod.Get, "api/reporting/offices/weekly?office=SFS-XC").SignedInAs("clerk-dcdh");
        Assert.Equal(HttpStatusCode.Forbidden, (await _gateway.SendAsync(clerkOnAnother)).StatusCode);
        using var agent = new HttpRequestMessage(HttpMethod.Get, "api/reporting/offices/weekly").SignedInAs("agent1");
        Assert.Equal(HttpStatusCode.Forbidden, (await _gateway.SendAsync(agent)).StatusCode);
    }

    [Theory]
    [InlineData("api/reporting/offices/weekly?weeks=0", "Bad number of weeks")]
    [InlineData("api/reporting/offices/weekly?weeks=27", "Bad number of weeks")]
    [InlineData("api/reporting/offices/weekly?date=2026-02-30", "Not a date")]
    [InlineData("api/reporting/offices", "Say which period")]
    [InlineData("api/reporting/offices?from=2026-11-31&to=2026-12-01", "Not a date")]
    [InlineData("api/reporting/offices?from=2026-12-01&to=2026-11-01", "Bad period")]
    [InlineData("api/reporting/offices?period=fortnight&date=2026-11-30", "Unknown period")]
    [InlineData("api/reporting/agents?date=2026-11-30&shift=afternoon", "Unknown shift")]
    [InlineData("api/reporting/agents?shift=day", "Not a date")]
    [InlineData("api/reporting/agents/export?date=2026-11-30&format=pdf", "Unknown format")]
    [InlineData("api/reporting/offices/export?period=week&date=2026-11-30&format=pdf", "Unknown format")]
    public async Task A_bad_period_shift_or_format_is_a_400_problem(string path, string title)
    {
        var response = await _gateway.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(title, System.Text.Json.JsonSerializer.Deserialize<ProblemView>(body, EventJson.Options)!.Title);
    }
}

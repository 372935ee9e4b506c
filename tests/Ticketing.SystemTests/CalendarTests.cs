using System.Net;
using System.Net.Http.Json;
using Ticketing.BuildingBlocks.Messaging;

namespace Ticketing.SystemTests;

/// <summary>
/// Supervision's business calendars through the gateway: the two working-time operations in the shapes people and tools
/// rely on, on the shipped default calendar (the State Council's 2026 schedule), and the admins' calendar API.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CalendarTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    private sealed record CalendarView(string Code, string Name, string TimeZone, Dictionary<string, List<string>?> WorkingHours,
        List<YearView> Years, string UpdatedBy, int Version);

    private sealed record YearView(int Year, List<string> Holidays, List<string> MakeUpWorkingDays);

    private sealed record CalendarSummary(string Code, string Name, string TimeZone, List<int> Years);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string user)
    {
        using var request = new HttpRequestMessage(method, "api/supervision/" + path)
            { Content = body is null ? null : JsonContent.Create(body, options: EventJson.Options) }.SignedInAs(user);
        return await _gateway.SendAsync(request);
    }

    /// <summary>The answer's body exactly as sent.</summary>
    private static async Task<string> BodyAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body;
    }

    private static async Task<ProblemView> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await BodyAsync(response, expected);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return System.Text.Json.JsonSerializer.Deserialize<ProblemView>(body, EventJson.Options)!;
    }

    private async Task<string> UntilAsync(string code, string from, int minutes, string user = "agent1", string? timeZone = null) =>
        await BodyAsync(await SendAsync(HttpMethod.Post, $"calendars/{code}/add-working-time", new { from, minutes, timeZone }, user));

    [Fact]
    public async Task The_default_calendar_adds_and_measures_working_time_over_the_2026_holidays_for_every_role()
    {
        // Friday 17:00 + 2 h: one hour on Friday, one on the make-up Saturday.
        Assert.Equal("""{"until":"2026-02-14T10:00:00+08:00"}""", await UntilAsync("default", "2026-02-13T17:00:00+08:00", 120));
        // From the make-up Saturday over the Spring Festival (Feb 15–23) to Tuesday Feb 24; a UTC start answers at +08:00.
        Assert.Equal("""{"until":"2026-02-24T10:00:00+08:00"}""", await UntilAsync("default", "2026-02-14T09:00:00Z", 120, "clerk-xc"));
        Assert.Equal("""{"minutes":570}""", await BodyAsync(await SendAsync(HttpMethod.Post, "calendars/default/working-time-between",
            new { from = "2026-02-13T17:00:00+08:00", to = "2026-02-24T10:00:00+08:00" }, "dispatcher1")));

        // An office in Berlin keeps the calendar on its own clock, across the start of summer time.
        Assert.Equal("""{"until":"2026-03-30T10:00:00+02:00"}""",
            await UntilAsync("default", "2026-03-27T17:00:00+01:00", 120, "specialist1", timeZone: "Europe/Berlin"));
        Assert.Equal("""{"minutes":120}""", await BodyAsync(await SendAsync(HttpMethod.Post, "calendars/default/working-time-between",
            new { from = "2026-03-27T17:00:00+01:00", to = "2026-03-30T10:00:00+02:00", timeZone = "Europe/Berlin" }, "supervisor1")));

        var shipped = await _gateway.GetAsync<CalendarView>("api/supervision/calendars/default");
        Assert.Equal("Asia/Shanghai", shipped.TimeZone);
        Assert.Equal(["09:00-12:00", "13:30-18:00"], shipped.WorkingHours["monday"]!);
        Assert.Equal(33, shipped.Years.Single(y => y.Year == 2026).Holidays.Count);
        Assert.Contains((await _gateway.GetAsync<List<CalendarSummary>>("api/supervision/calendars")), c => c.Code == "default" && c.Years.Contains(2026));
    }

    [Fact]
    public async Task Bad_requests_to_the_operations_are_problems_that_say_what_is_wrong()
    {
        var unknown = await ProblemAsync(await SendAsync(HttpMethod.Post, "calendars/no-such-calendar/add-working-time",
            new { from = "2026-02-13T17:00:00+08:00", minutes = 60 }, "agent1"), HttpStatusCode.NotFound);
        Assert.Contains("no-such-calendar", unknown.Detail);

        var negative = await ProblemAsync(await SendAsync(HttpMethod.Post, "calendars/default/add-working-time",
            new { from = "2026-02-13T17:00:00+08:00", minutes = -5 }, "agent1"), HttpStatusCode.BadRequest);
        Assert.Contains("minutes", negative.Errors!.Keys);
        var fraction = await ProblemAsync(await SendAsync(HttpMethod.Post, "calendars/default/add-working-time",
            new { from = "2026-02-13T17:00:00+08:00", minutes = 1.5 }, "agent1"), HttpStatusCode.BadRequest);
        Assert.Contains("minutes", fraction.Errors!.Keys);

        var local = await ProblemAsync(await SendAsync(HttpMethod.Post, "calendars/default/add-working-time",
            new { from = "2026-02-13T17:00:00", minutes = 60 }, "agent1"), HttpStatusCode.BadRequest);
        Assert.Contains("+08:00", local.Errors!["from"].Single()); // the example shows the offset a bare local time lacks
        var missing = await ProblemAsync(await SendAsync(HttpMethod.Post, "calendars/default/working-time-between",
            new { from = "2026-02-13T17:00:00+08:00" }, "agent1"), HttpStatusCode.BadRequest);
        Assert.Contains("to", missing.Errors!.Keys);
        var backwards = await ProblemAsync(await SendAsync(HttpMethod.Post, "calendars/default/working-time-between",
            new { from = "2026-02-13T17:00:00+08:00", to = "2026-02-13T16:00:00+08:00" }, "agent1"), HttpStatusCode.BadRequest);
        Assert.Contains("to", backwards.Errors!.Keys);

        var zone = await ProblemAsync(await SendAsync(HttpMethod.Post, "calendars/default/add-working-time",
            new { from = "2026-02-13T17:00:00+08:00", minutes = 60, timeZone = "Mars/Olympus_Mons" }, "agent1"), HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Unknown time zone", zone.Title);
        Assert.Contains("'Mars/Olympus_Mons'", zone.Detail);
    }

    [Fact]
    public async Task An_admin_creates_a_calendar_adds_a_year_and_edits_its_hours_and_the_operations_follow_at_once()
    {
        var code = "berlin-" + Guid.NewGuid().ToString("N")[..8];
        const string christmasEve = "2027-12-24T17:00:00+01:00"; // a Friday
        var create = new { code, name = "柏林办事处", timeZone = "Europe/Berlin" };

        await ProblemAsync(await SendAsync(HttpMethod.Post, "calendars", create, "supervisor1"), HttpStatusCode.Forbidden);
        var created = await SendAsync(HttpMethod.Post, "calendars", create, "admin1");
        var calendar = System.Text.Json.JsonSerializer.Deserialize<CalendarView>(await BodyAsync(created, HttpStatusCode.Created), EventJson.Options)!;
        Assert.EndsWith($"/api/supervision/calendars/{code}", created.Headers.Location?.ToString());
        Assert.Equal(("Europe/Berlin", "admin1"), (calendar.TimeZone, calendar.UpdatedBy));
        Assert.Equal(["09:00-12:00", "13:30-18:00"], calendar.WorkingHours["friday"]!);
        Assert.Empty(calendar.WorkingHours["saturday"]!);
        await ProblemAsync(await SendAsync(HttpMethod.Post, "calendars", create, "admin1"), HttpStatusCode.Conflict);
        Assert.Contains("Europe/Berlin", (await ProblemAsync(await SendAsync(HttpMethod.Post, "calendars",
            new { code = code + "-x", name = "x", timeZone = "Europe/Atlantis" }, "admin1"), HttpStatusCode.UnprocessableEntity)).Detail);

        // No year held: plain weekdays. Friday 17:00 + 2 h → Monday 10:00.
        Assert.Equal("""{"until":"2027-12-27T10:00:00+01:00"}""", await UntilAsync(code, christmasEve, 120));

        // 2027 makes Christmas Eve a holiday and Christmas Day a make-up day: the time left runs on Saturday morning.
        var year = new { year = 2027, holidays = new[] { "2027-12-24", "2027-12-27" }, makeUpWorkingDays = new[] { "2027-12-25" } };
        await ProblemAsync(await SendAsync(HttpMethod.Post, $"calendars/{code}/years", year, "supervisor1"), HttpStatusCode.Forbidden);
        await BodyAsync(await SendAsync(HttpMethod.Post, $"calendars/{code}/years", year, "admin1"), HttpStatusCode.Created);
        Assert.Equal("""{"until":"2027-12-25T11:00:00+01:00"}""", await UntilAsync(code, christmasEve, 120));
        await ProblemAsync(await SendAsync(HttpMethod.Post, $"calendars/{code}/years", year, "admin1"), HttpStatusCode.Conflict);

        // Overlapping holidays and make-up days, within a year or against another year: 422 naming the date.
        var within = await ProblemAsync(await SendAsync(HttpMethod.Post, $"calendars/{code}/years",
            new { year = 2028, holidays = new[] { "2028-01-03" }, makeUpWorkingDays = new[] { "2028-01-03" } }, "admin1"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("2028-01-03", within.Detail);
        var across = await ProblemAsync(await SendAsync(HttpMethod.Post, $"calendars/{code}/years",
            new { year = 2028, holidays = new[] { "2028-01-03" }, makeUpWorkingDays = new[] { "2027-12-24" } }, "admin1"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("2027-12-24 is already a holiday", across.Detail);
        await ProblemAsync(await SendAsync(HttpMethod.Post, $"calendars/{code}/years",
            new { year = 2028, holidays = new[] { "2028-13-01" } }, "admin1"), HttpStatusCode.BadRequest);

        // New hours replace the week; a make-up day works the first working weekday's (Monday's) hours.
        var hours = new { workingHours = new { monday = new[] { "08:00-20:00" }, saturday = new[] { "10:00-16:00" } } };
        await ProblemAsync(await SendAsync(HttpMethod.Patch, $"calendars/{code}", hours, "supervisor1"), HttpStatusCode.Forbidden);
        var edited = System.Text.Json.JsonSerializer.Deserialize<CalendarView>(
            await BodyAsync(await SendAsync(HttpMethod.Patch, $"calendars/{code}", hours, "admin1")), EventJson.Options)!;
        Assert.Equal(("柏林办事处", true), (edited.Name, edited.Version > calendar.Version));
        Assert.Equal(["08:00-20:00"], edited.WorkingHours["monday"]!);
        Assert.Empty(edited.WorkingHours["friday"]!);
        Assert.Equal("""{"until":"2027-12-25T10:00:00+01:00"}""", await UntilAsync(code, christmasEve, 120));

        // Replacing the year's days: Saturday is a plain Saturday again, with its own hours.
        await BodyAsync(await SendAsync(HttpMethod.Put, $"calendars/{code}/years/2027", new { holidays = Array.Empty<string>() }, "admin1"));
        Assert.Equal("""{"until":"2027-12-25T12:00:00+01:00"}""", await UntilAsync(code, christmasEve, 120));
        await ProblemAsync(await SendAsync(HttpMethod.Put, $"calendars/{code}/years/2031", new { holidays = Array.Empty<string>() }, "admin1"),
            HttpStatusCode.NotFound);

        // Bad edits.
        var overlapping = await ProblemAsync(await SendAsync(HttpMethod.Patch, $"calendars/{code}",
            new { workingHours = new { monday = new[] { "09:00-12:00", "11:00-13:00" } } }, "admin1"), HttpStatusCode.BadRequest);
        Assert.Contains(overlapping.Errors!, e => e.Key.EndsWith("monday") && e.Value.Single().Contains("overlap"));
        await ProblemAsync(await SendAsync(HttpMethod.Patch, $"calendars/{code}", new { timeZone = "Nowhere/Land" }, "admin1"),
            HttpStatusCode.UnprocessableEntity);
        await ProblemAsync(await SendAsync(HttpMethod.Patch, "calendars/no-such-calendar", new { name = "x" }, "admin1"), HttpStatusCode.NotFound);

        // Everyone reads it; the list names its years.
        var read = await _gateway.GetAsync<CalendarView>($"api/supervision/calendars/{code}");
        Assert.Equal(2027, Assert.Single(read.Years).Year);
        Assert.Empty(read.Years[0].Holidays);
        using var asClerk = new HttpRequestMessage(HttpMethod.Get, $"api/supervision/calendars/{code.ToUpperInvariant()}").SignedInAs("clerk-xc");
        Assert.Equal(code, (await (await _gateway.SendAsync(asClerk)).ReadAsync<CalendarView>()).Code); // codes are case-insensitive
    }
}

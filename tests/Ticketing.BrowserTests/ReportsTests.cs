using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Ticketing.Contracts;
using Ticketing.SystemTests;
using Xunit.Abstractions;
using static Ticketing.BrowserTests.ConsoleFixture;

namespace Ticketing.BrowserTests;

/// <summary>
/// The reports page: a supervisor reads the week's figures per office and per agent and the weekly charts, and downloads the
/// files; an office's clerk reads their own office only.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReportsTests(ConsoleFixture console, ITestOutputHelper output)
{
    private static readonly TimeZoneInfo Hotline = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private sealed record OfficeRow(string OfficeCode, int Returns);

    private sealed record OfficeReport(List<OfficeRow> Offices);

    [Fact]
    public async Task A_supervisor_reads_a_return_of_this_week_in_the_table_and_charts_and_downloads_csv_and_xlsx_and_the_clerk_reads_their_office_only()
    {
        // Work of the test's own: a ticket assigned to Donghua and returned by it, counted in this week's returns.
        var clock = Stopwatch.StartNew(); // each stretch's time goes to the test's output (the machine is shared: nothing is asserted on it)
        var gateway = console.System.Gateway;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Hotline).DateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var week = $"api/reporting/offices?period=week&date={Iso(today)}";
        var before = (await gateway.GetAsync<OfficeReport>(week)).Offices.SingleOrDefault(o => o.OfficeCode == "SFS-DC-DH")?.Returns ?? 0;
        var (_, assignment) = await Journeys.ToAssignedAsync(gateway, Calls.NewTicket(Category.HelpRequest, region: "DC-DH", title: "报表页：退回"));
        await gateway.PostAsync<JsonObject>($"api/dispatch/assignments/{assignment.Id}/return",
            new { officeCode = assignment.OfficeCode, reasonCode = "NotOurJurisdiction", reason = "不属于本街道" });
        await Eventually.Until(() => gateway.GetAsync<OfficeReport>(week),
            r => r.Offices.Any(o => o.OfficeCode == "SFS-DC-DH" && o.Returns > before), TimeSpan.FromSeconds(20), "reporting to count the return");

        output.WriteLine($"the return made and counted: {clock.Elapsed.TotalSeconds:0.0} s");
        var supervisor = await console.SignedInAsync("supervisor1");
        await supervisor.GetByRole(AriaRole.Link, new() { Name = "统计报表" }).ClickAsync(); // the nav link
        await WaitForCircuitAsync(supervisor);
        var row = supervisor.GetByTestId("office-SFS-DC-DH");
        await row.WaitForAsync();
        Assert.True(int.Parse((await row.GetByTestId("returns").TextContentAsync())!, CultureInfo.InvariantCulture) > before);

        // The charts: a series per office over the last eight weeks, Donghua's among them, and the shift summary of the day.
        var returns = supervisor.GetByTestId("chart-returns");
        await returns.Locator("svg").First.WaitForAsync();
        await Assertions.Expect(returns).ToContainTextAsync("SFS-DC-DH"); // the legend
        await supervisor.GetByTestId("chart-reopens").Locator("svg").First.WaitForAsync();
        foreach (var rates in new[] { "chart-on-time", "chart-satisfaction" }) // drawn, or said to have nothing to draw (no completion or answer yet)
            await supervisor.GetByTestId(rates).Locator("svg, [data-testid=chart-empty]").First.WaitForAsync();
        await supervisor.GetByTestId("agent-report").GetByTestId("agent-agent1").WaitForAsync(); // agent1 registered it today
        await ScreenshotAsync(supervisor, "reports");
        output.WriteLine($"signed in, the table, charts and agents read: {clock.Elapsed.TotalSeconds:0.0} s");

        // The files, as the browser saves them: the CSV by keyboard (the link takes the focus and Enter), then the xlsx.
        var name = $"offices-{Iso(monday)}-{Iso(monday.AddDays(7))}";
        var csvLink = supervisor.GetByTestId("offices-csv");
        await csvLink.FocusAsync();
        var csv = await supervisor.RunAndWaitForDownloadAsync(() => supervisor.Keyboard.PressAsync("Enter"));
        Assert.Equal(name + ".csv", csv.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync((await csv.PathAsync())!, Encoding.UTF8)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("officeCode,officeName,assigned,", lines[0].TrimStart('\uFEFF'));
        var donghua = Assert.Single(lines, l => l.StartsWith("SFS-DC-DH,", StringComparison.Ordinal));
        var columns = lines[0].TrimStart('\uFEFF').Split(',');
        Assert.True(int.Parse(donghua.Split(',')[Array.IndexOf(columns, "returns")], CultureInfo.InvariantCulture) > before);

        var xlsx = await supervisor.RunAndWaitForDownloadAsync(() => supervisor.GetByTestId("offices-xlsx").ClickAsync());
        Assert.Equal(name + ".xlsx", xlsx.SuggestedFilename);
        var bytes = await File.ReadAllBytesAsync((await xlsx.PathAsync())!);
        Assert.True(bytes.Length > 100 && bytes[0] == (byte)'P' && bytes[1] == (byte)'K', "an xlsx is a zip");

        var agents = await supervisor.RunAndWaitForDownloadAsync(() => supervisor.GetByTestId("agents-csv").ClickAsync());
        Assert.Equal($"agents-{Iso(today)}.csv", agents.SuggestedFilename);
        var agentLines = (await File.ReadAllTextAsync((await agents.PathAsync())!, Encoding.UTF8)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("agentId,registered,", agentLines[0].TrimStart('\uFEFF'));
        Assert.Contains(agentLines, l => l.StartsWith("agent1,", StringComparison.Ordinal));
        await supervisor.Context.CloseAsync();
        output.WriteLine($"three files downloaded: {clock.Elapsed.TotalSeconds:0.0} s");

        // The office's clerk reads their own office's row only, and no agents' summary (reporting gives them none).
        var clerk = await console.SignedInAsync("clerk-dcdh");
        await clerk.GotoAsync("reports");
        await WaitForCircuitAsync(clerk);
        await clerk.GetByTestId("office-SFS-DC-DH").WaitForAsync();
        Assert.Equal(1, await clerk.GetByTestId("office-report").Locator("tbody tr").CountAsync());
        Assert.Equal(0, await clerk.GetByTestId("agent-report").CountAsync());
        await clerk.Context.CloseAsync();
        output.WriteLine($"the clerk's page read: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

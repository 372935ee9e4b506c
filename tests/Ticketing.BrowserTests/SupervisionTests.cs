using Microsoft.Playwright;
using Ticketing.Contracts;
using Ticketing.SystemTests;
using static Ticketing.BrowserTests.ConsoleFixture;

namespace Ticketing.BrowserTests;

/// <summary>
/// Supervision in the console: a breach's notice shows on the open board without a reload, a supervisor denies an extension
/// there with a reason, and an office acknowledges the notice (督办单) its missed deadline brought. The breach is real: the suite's critical tickets miss their sign-for deadline
/// within seconds (<see cref="SystemFixture"/>).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class SupervisionTests(ConsoleFixture console)
{
    private sealed record ClockSeen(Guid Id, string Kind);

    private sealed record ExtensionSeen(Guid Id, string Status, string? DecisionNote, string? DecidedBy);

    private sealed record NoticeSeen(Guid Id, string Status, int Level, string? AcknowledgedBy);

    [Fact]
    public async Task A_breach_shows_on_the_open_board_a_supervisor_denies_an_extension_with_a_reason_and_the_office_acknowledges_its_notice()
    {
        var gateway = console.System.Gateway;

        // The office asks for two more days on an urgent ticket it handles.
        var (asking, _, handling) = await Journeys.ToInProgressAsync(gateway, Calls.NewTicket(Category.HelpRequest, Urgency.Urgent, "DC-DH", "督办：延期被驳回"));
        await Eventually.Until(() => gateway.GetAsync<PageOf<ClockSeen>>($"api/supervision/clocks?ticketId={asking.Id}"),
            page => page.Items.Any(c => c.Kind == "handling"), what: "the handling clock");
        var extension = await gateway.PostAsync<ExtensionSeen>("api/supervision/extensions",
            new { workItemId = handling.Id, wantedDeadline = DateTimeOffset.UtcNow.AddDays(5), reason = "等待材料" }, user: "clerk-dcdh");

        // The supervisor has the board open.
        var supervisor = await console.SignedInAsync("supervisor1");
        await supervisor.GotoAsync("board");
        await WaitForCircuitAsync(supervisor);
        var request = supervisor.GetByTestId($"extension-{asking.Id}");
        await request.WaitForAsync();

        // A critical ticket the office does not sign for: its deadline passes in seconds, and a notice is issued.
        var (late, _) = await Journeys.ToAssignedAsync(gateway, Calls.NewTicket(Category.HelpRequest, Urgency.Critical, "DC-DH", "督办：超时未签收"));
        var notice = (await Eventually.Until(() => gateway.GetAsync<PageOf<NoticeSeen>>($"api/supervision/notices?ticketId={late.Id}"),
            page => page.Items.Any(n => n.Status == "Open"), TimeSpan.FromSeconds(30), "the notice for the missed deadline")).Items.First(n => n.Status == "Open");
        // The open board shows the breach's notice without a reload (it reads the views again every 5 s).
        await supervisor.GetByTestId("open-notices").GetByText(late.Number).WaitForAsync(new() { Timeout = 20_000 });

        // The supervisor denies the extension on the board, with the reason the denial needs.
        await supervisor.GetByTestId("pending-extensions").GetByLabel("审批意见（驳回须填写）").FillAsync("材料可先行补交，请按期办结");
        await ScreenshotAsync(supervisor, "board-deny-extension");
        await request.GetByTestId("deny").ClickAsync();
        await request.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        var denied = (await gateway.GetAsync<PageOf<ExtensionSeen>>($"api/supervision/extensions?ticketId={asking.Id}")).Items.Single(e => e.Id == extension.Id);
        Assert.Equal(("Denied", "材料可先行补交，请按期办结", "supervisor1"), (denied.Status, denied.DecisionNote, denied.DecidedBy));

        // The clerk sees the denial on the ticket, and acknowledges the other ticket's notice there.
        var clerk = await console.SignedInAsync("clerk-dcdh");
        await clerk.GotoAsync($"tickets/{asking.Id}");
        await WaitForCircuitAsync(clerk);
        await clerk.GetByTestId("extension").GetByText("已驳回").WaitForAsync();
        Assert.Contains("材料可先行补交", await clerk.GetByTestId("extensions").TextContentAsync());

        await clerk.GotoAsync($"tickets/{late.Id}");
        await WaitForCircuitAsync(clerk);
        var shown = clerk.GetByTestId("notice").Filter(new() { HasText = "待确认" });
        await UntilAsync(clerk, _ => shown);
        await ScreenshotAsync(clerk, "ticket-notice");
        await shown.GetByTestId("acknowledge").ClickAsync();
        await clerk.GetByTestId("notice").GetByText("已确认").WaitForAsync();
        var acknowledged = (await gateway.GetAsync<PageOf<NoticeSeen>>($"api/supervision/notices?ticketId={late.Id}")).Items.Single(n => n.Id == notice.Id);
        Assert.Equal(("Acknowledged", "clerk-dcdh"), (acknowledged.Status, acknowledged.AcknowledgedBy));
    }
}

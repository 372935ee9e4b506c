using Ticketing.Contracts;
using Ticketing.SystemTests;
using static Ticketing.BrowserTests.ConsoleFixture;

namespace Ticketing.BrowserTests;

/// <summary>The office inbox follows by itself, as the board does: new work shows without a reload.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class InboxTests(ConsoleFixture console)
{
    [Fact]
    public async Task Work_assigned_while_the_inbox_is_open_shows_without_a_reload()
    {
        var clerk = await console.SignedInAsync("clerk-dcdh");
        await clerk.GotoAsync("inbox");
        await WaitForCircuitAsync(clerk);
        await clerk.GetByTestId("inbox").WaitForAsync();
        var reloads = 0;
        clerk.Load += (_, _) => reloads++;

        var (ticket, _) = await Journeys.ToAssignedAsync(console.System.Gateway, Calls.NewTicket(Category.HelpRequest, region: "DC-DH", title: "收件箱自动刷新"));
        await clerk.GetByTestId($"inbox-{ticket.Number}").WaitForAsync(new() { Timeout = 20_000 });
        Assert.Equal(0, reloads);
        await clerk.GetByTestId($"inbox-{ticket.Number}").GetByTestId("sign-for").ClickAsync(); // and it is live: the row answers
        await clerk.GetByTestId($"inbox-{ticket.Number}").GetByTestId("assignment-status").GetByText("已签收").WaitForAsync();
    }
}

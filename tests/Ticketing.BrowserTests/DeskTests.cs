using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Ticketing.BrowserTests.ConsoleFixture;

namespace Ticketing.BrowserTests;

/// <summary>The agent's desk beyond registering: the call escalated and answered at once (直接答复办结), without leaving the desk.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class DeskTests(ConsoleFixture console)
{
    [Fact]
    public async Task An_agent_escalates_a_call_and_resolves_it_at_first_contact_and_the_ticket_page_shows_it_answered()
    {
        var agent = await console.SignedInAsync("agent1");
        await agent.GotoAsync("desk");
        await WaitForCircuitAsync(agent);
        await Assertions.Expect(agent.GetByLabel("来电号码")).ToBeFocusedAsync(); // interactive: what is typed now stays
        var phone = "136" + Random.Shared.Next(10_000_000, 99_999_999);
        await agent.GetByLabel("来电号码").FillAsync(phone);
        await Assertions.Expect(agent.GetByLabel("来电号码")).ToHaveValueAsync(phone);
        var keys = agent.Keyboard;
        await keys.PressAsync("Tab");
        await keys.TypeAsync("钱七");
        await keys.PressAsync("Tab");
        await ChooseAsync(agent, "qtts", new Regex("^投诉 / 其他投诉$"));
        await ChooseAsync(agent, "DC-DH", new Regex("^DC-DH "));
        await keys.TypeAsync("投诉热线等待太久");
        await keys.PressAsync("Tab");
        await keys.TypeAsync("昨天打了三次热线都在排队，希望改进。");
        await keys.PressAsync("Control+Enter");
        var registered = agent.GetByTestId("registered");
        try { await registered.WaitForAsync(); } catch (TimeoutException) { await FailureScreenshotAsync(agent, "desk-failed"); throw; }
        var number = (await registered.GetByTestId("registered-number").TextContentAsync())!;
        Assert.Equal("一般", await registered.GetByTestId("registered-urgency").TextContentAsync());

        // Escalated through the workflow's own trigger: the urgency goes up one level.
        await registered.GetByLabel("升级原因（选填）").FillAsync("来电人情绪激动");
        await registered.GetByTestId("escalate").ClickAsync();
        await Assertions.Expect(registered.GetByTestId("registered-urgency")).ToHaveTextAsync("紧急");

        // Answered during the call: the workflow closes the ticket, or keeps it for a callback where the category samples it.
        await registered.GetByLabel("通话中的答复").FillAsync("已致歉并说明高峰时段可使用网上渠道");
        await registered.GetByTestId("resolve").ClickAsync();
        try { await registered.GetByTestId("answered").GetByText("已致歉").WaitForAsync(); }
        catch (TimeoutException) { await FailureScreenshotAsync(agent, "desk-failed"); throw; }
        await ScreenshotAsync(agent, "desk-resolved-at-first-contact");

        await registered.GetByTestId("open-ticket").ClickAsync();
        await agent.GetByTestId("ticket-number").GetByText(number).WaitForAsync();
        // A complaint is called back even when answered during the call (the complaint lifecycle's rule).
        await UntilAsync(agent, page => page.GetByTestId("ticket-state").GetByText("待回访", new() { Exact = true }));
        Assert.Contains("已致歉并说明高峰时段可使用网上渠道", await agent.GetByTestId("ticket-fields").TextContentAsync());
        Assert.Equal("紧急", await agent.GetByTestId("ticket-urgency").TextContentAsync());
        await agent.GetByTestId("timeline-entry").GetByText("直接答复办结").WaitForAsync();

        // The lifecycle drawn from the engine's definition: every state a box, the ticket's own highlighted, the arrows named.
        var diagram = agent.GetByTestId("lifecycle-diagram");
        const string state = "AwaitingCallback";
        foreach (var name in new[] { "Received", "Accepted", "Assigned", "InProgress", "AwaitingCallback", "Closed", "Rejected" })
            Assert.Equal(1, await diagram.Locator($"g[data-testid=state-{name}] rect").CountAsync());
        Assert.Equal(1, await diagram.Locator("g.state.current").CountAsync());
        Assert.Equal("step", await diagram.GetByTestId($"state-{state}").GetAttributeAsync("aria-current"));
        Assert.Null(await diagram.GetByTestId("state-Received").GetAttributeAsync("aria-current"));
        Assert.Contains("受理", await diagram.GetByTestId("transition-Received-Accepted").TextContentAsync());
        await ScreenshotAsync(agent, "ticket-resolved-at-first-contact");
    }
}

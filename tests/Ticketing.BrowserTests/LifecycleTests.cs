using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Ticketing.BrowserTests.ConsoleFixture;

namespace Ticketing.BrowserTests;

/// <summary>One complaint from the call to its close by three signed-in people (agent, office clerk, supervisor), through the pages alone.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class LifecycleTests(ConsoleFixture console)
{
    /// <summary>The smallest PNG (1×1): attachments are checked by their content, not their name.</summary>
    private static readonly byte[] Photo = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task Agent_clerk_and_supervisor_take_a_complaint_from_the_call_to_its_close_in_the_console()
    {
        // The agent registers the call and accepts it.
        var agent = await console.SignedInAsync("agent1");
        await agent.GotoAsync("desk");
        await WaitForCircuitAsync(agent);
        await Assertions.Expect(agent.GetByLabel("来电号码")).ToBeFocusedAsync(); // the desk puts the phone under the keyboard
        // (ConsoleTests registers by keyboard alone; here the number is filled at once and checked, as the desk looks it up while typed.)
        var phone = "137" + Random.Shared.Next(10_000_000, 99_999_999);
        await agent.GetByLabel("来电号码").FillAsync(phone);
        await Assertions.Expect(agent.GetByLabel("来电号码")).ToHaveValueAsync(phone);
        var keys = agent.Keyboard;
        await keys.PressAsync("Tab");
        await keys.TypeAsync("赵六");
        await keys.PressAsync("Tab");
        await ChooseAsync(agent, "qtts", new Regex("^投诉 / 其他投诉$"));
        await ChooseAsync(agent, "DC-DH", new Regex("^DC-DH "));
        await keys.TypeAsync("小区门口井盖缺失");
        await keys.PressAsync("Tab");
        await keys.TypeAsync("东华路 20 号小区门口井盖丢了两天，晚上很危险。");
        await keys.PressAsync("Control+Enter");
        await ScreenshotAsync(agent, "lifecycle-desk");
        var number = (await agent.GetByTestId("registered-number").TextContentAsync())!;
        await Assertions.Expect(agent.GetByTestId("accept")).ToBeFocusedAsync();
        await keys.PressAsync("Enter");
        await agent.GetByTestId("registered").GetByText("已受理").WaitForAsync();

        // The supervisor keeps the board open from here on: it follows without a reload.
        var supervisor = await console.SignedInAsync("supervisor1");
        await supervisor.GotoAsync("board");
        await WaitForCircuitAsync(supervisor);
        await supervisor.GetByTestId("due-soon").WaitForAsync();

        // The clerk finds it in the inbox with its deadline chip, signs for it and opens it.
        var clerk = await console.SignedInAsync("clerk-dcdh");
        await clerk.GotoAsync("inbox");
        await WaitForCircuitAsync(clerk);
        var row = clerk.GetByTestId($"inbox-{number}");
        await UntilAsync(clerk, page => page.GetByTestId($"inbox-{number}").Locator("[data-testid=due-chip][data-due=Green]"));
        Assert.Contains("时限内", await row.GetByTestId("due-chip").TextContentAsync()); // words, not colour alone
        await ScreenshotAsync(clerk, "lifecycle-inbox-by-deadline");
        await row.GetByTestId("sign-for").ClickAsync();
        await row.GetByTestId("assignment-status").GetByText("已签收").WaitForAsync();
        await clerk.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        var ticketId = Guid.Parse(Regex.Match(clerk.Url, "tickets/([0-9a-f-]{36})").Groups[1].Value);

        // The handling case opens and its clock starts a moment after the sign-for (by events).
        await UntilAsync(clerk, page => page.GetByTestId("office-work")
            .Filter(new() { Has = page.GetByTestId("deadline-kind").GetByText("办理", new() { Exact = true }) })
            .Filter(new() { Has = page.GetByTestId("case-status") }));
        var work = clerk.GetByTestId("office-work");
        await work.GetByLabel("办理进展").FillAsync("已到现场查看，井盖确已缺失，已设置围挡");
        await work.GetByTestId("add-note").ClickAsync();
        await work.GetByTestId("note").GetByText("已设置围挡").WaitForAsync();
        await work.Locator("#attachment-file").SetInputFilesAsync(new FilePayload { Name = "现场.png", MimeType = "image/png", Buffer = Photo });
        await work.GetByTestId("attachment").GetByText("现场.png").WaitForAsync();

        // More time for the new cover: the request reaches the supervisor's open board by itself.
        await work.GetByLabel("延长小时数").FillAsync("48");
        await work.GetByLabel("延期理由").FillAsync("新井盖需向厂家订购");
        await work.GetByTestId("ask-extension").ClickAsync();
        await work.GetByTestId("extension").GetByText("待审批").WaitForAsync();
        await ScreenshotAsync(clerk, "lifecycle-office-work");

        var request = supervisor.GetByTestId($"extension-{ticketId}");
        await request.WaitForAsync(); // no reload: the board reads again on its beat
        await ScreenshotAsync(supervisor, "lifecycle-board");
        await request.GetByTestId("approve").ClickAsync();
        await request.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        await UntilAsync(clerk, page => page.GetByTestId("extension").GetByText("已批准"));
        work = clerk.GetByTestId("office-work");
        await work.GetByLabel("答复群众").FillAsync("已更换新井盖，感谢您的反映");
        await work.GetByTestId("complete").ClickAsync();
        await UntilAsync(clerk, page => page.GetByTestId("ticket-state").GetByText("待审核")); // the workflow hears of it by event
        await clerk.GetByTestId("office-work").GetByTestId("reply").WaitForAsync();
        await ScreenshotAsync(clerk, "lifecycle-completed");

        // The supervisor passes the reply: the ticket waits for the callback.
        await supervisor.GotoAsync($"tickets/{ticketId}");
        await WaitForCircuitAsync(supervisor);
        await supervisor.GetByTestId("action-ApproveReply").ClickAsync();
        await supervisor.GetByTestId("ticket-state").GetByText("待回访").WaitForAsync();
        Assert.Contains("已更换新井盖", await supervisor.GetByTestId("office-work").TextContentAsync());
        await ScreenshotAsync(supervisor, "lifecycle-awaiting-callback");

        // The agent calls the customer back from the queue: no answer first, then reached, with the survey.
        await agent.GotoAsync("callbacks");
        await WaitForCircuitAsync(agent);
        await UntilAsync(agent, page => page.GetByTestId($"callback-{number}"));
        var callback = agent.GetByTestId($"callback-{number}");
        await callback.GetByTestId("claim").ClickAsync();
        var form = agent.GetByTestId("callback-form");
        await form.GetByLabel("通话备注").FillAsync("无人接听，稍后再拨");
        await form.GetByTestId("record-attempt").ClickAsync();
        await callback.GetByTestId("attempts").GetByText("稍后再拨").WaitForAsync();
        await callback.GetByTestId("claim").ClickAsync();
        await form.GetByLabel("服务态度（1–5）").FillAsync("5");
        await form.GetByLabel("群众意见").FillAsync("处理很及时");
        await ScreenshotAsync(agent, "lifecycle-callback-survey");
        await form.GetByTestId("record-outcome").ClickAsync();
        await callback.WaitForAsync(new() { State = WaitForSelectorState.Detached });

        await agent.GotoAsync($"tickets/{ticketId}");
        await UntilAsync(agent, page => page.GetByTestId("ticket-state").GetByText("已办结"));
        await ScreenshotAsync(agent, "lifecycle-closed");
    }
}

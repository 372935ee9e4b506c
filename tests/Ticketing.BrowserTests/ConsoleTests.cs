using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Ticketing.SystemTests;
using Xunit.Abstractions;
using static Ticketing.BrowserTests.ConsoleFixture;

namespace Ticketing.BrowserTests;

/// <summary>The console as its users work it: through the pages alone, each user signed in through the identity service.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class ConsoleTests(ConsoleFixture console, ITestOutputHelper output)
{
    [Fact]
    public async Task An_agent_registers_a_call_by_keyboard_alone_and_the_office_signs_for_it_in_its_inbox()
    {
        var agent = await console.SignedInAsync("agent1");
        await agent.GotoAsync("desk");
        await WaitForCircuitAsync(agent);
        await agent.GetByLabel("来电号码").WaitForAsync();
        await ScreenshotAsync(agent, "desk-empty");

        // The caller rang before: their earlier ticket shows while the number is typed.
        var phone = "139" + Random.Shared.Next(10_000_000, 99_999_999);
        var earlier = await console.System.Gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(region: "DC-DH", title: "上次来电", phone: phone));

        // Keyboard alone: the phone has the focus; Tab walks the fields in order; Ctrl+Enter registers.
        var keys = agent.Keyboard;
        var clock = Stopwatch.StartNew();
        await keys.TypeAsync(phone);
        await keys.PressAsync("Tab");
        await keys.TypeAsync("李四");
        await keys.PressAsync("Tab");
        // 投诉 / 其他投诉 by its pinyin initials. Tab takes the first option, so wait (as the agent's eye does) until the list
        // has narrowed to what was typed; an agent whose keys the list did not follow types them again.
        await ChooseAsync(agent, "qtts", new Regex("^投诉 / 其他投诉$"));
        await ChooseAsync(agent, "DC-DH", new Regex("^DC-DH "));
        await keys.TypeAsync("楼下餐馆油烟扰民");
        await keys.PressAsync("Tab");
        await keys.TypeAsync("东华路 8 号楼下餐馆每天晚上排放油烟，窗户都不能开。");
        await keys.PressAsync("Control+Enter");
        try { await agent.GetByTestId("registered-number").WaitForAsync(); }
        catch (TimeoutException) { await FailureScreenshotAsync(agent, "desk-failed"); throw; }
        var number = await agent.GetByTestId("registered-number").TextContentAsync();
        clock.Stop();
        output.WriteLine($"Registered {number} by keyboard in {clock.Elapsed.TotalSeconds:0.0} s (typing included).");
        Assert.Matches("^GD\\d{8}-\\d{6}$", number);
        await agent.GetByTestId("caller-history").GetByText(earlier.Number).WaitForAsync();
        await agent.GetByTestId("duplicates").GetByText(earlier.Number).WaitForAsync(); // same phone, still open
        await ScreenshotAsync(agent, "desk-registered");

        await Assertions.Expect(agent.GetByTestId("accept")).ToBeFocusedAsync(); // the next thing to do, under the keyboard
        await keys.PressAsync("Enter");
        await agent.GetByTestId("registered").GetByText("已受理").WaitForAsync();

        // The ticket page: its fields, its timeline and its state in the lifecycle, once dispatch has assigned it.
        await agent.GetByTestId("open-ticket").ClickAsync();
        await agent.GetByTestId("ticket-number").GetByText(number!).WaitForAsync();
        await UntilAsync(agent, page => page.GetByTestId("ticket-state").GetByText("已交办"));
        Assert.Contains("楼下餐馆油烟扰民", await agent.GetByTestId("ticket-fields").TextContentAsync());
        Assert.True(await agent.GetByTestId("timeline-entry").CountAsync() >= 3, "registered, accepted, assigned");
        Assert.Equal("step", await agent.GetByTestId("state-Assigned").GetAttributeAsync("aria-current"));
        await ScreenshotAsync(agent, "ticket-assigned");

        // The office's clerk finds it in the inbox and signs for it.
        var clerk = await console.SignedInAsync("clerk-dcdh");
        await clerk.GotoAsync("inbox");
        await WaitForCircuitAsync(clerk);
        // The workflow shows the ticket assigned as soon as it asks dispatch; the assignment itself may land a moment later.
        var row = clerk.GetByTestId($"inbox-{number}");
        try { await UntilAsync(clerk, _ => row); }
        catch (TimeoutException) { await FailureScreenshotAsync(clerk, "inbox-failed"); throw; }
        await WaitForCircuitAsync(clerk);
        await ScreenshotAsync(clerk, "inbox");
        await row.GetByTestId("sign-for").ClickAsync();
        await row.GetByTestId("assignment-status").GetByText("已签收").WaitForAsync();
        await ScreenshotAsync(clerk, "inbox-signed");

        await clerk.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await UntilAsync(clerk, page => page.GetByTestId("ticket-state").GetByText("办理中"));
        await ScreenshotAsync(clerk, "ticket-in-progress");
    }

    [Fact]
    public async Task Office_staff_cannot_open_another_offices_ticket_and_the_console_switches_to_english()
    {
        var ticket = await AssignedToDonghuaAsync("别家单位的工单");

        var stranger = await console.SignedInAsync("clerk-cg");
        await stranger.GotoAsync($"tickets/{ticket.Id}");
        await WaitForCircuitAsync(stranger);
        await stranger.GetByTestId("problem").GetByText("未找到，或不在您的权限范围内。").WaitForAsync();
        Assert.Equal(0, await stranger.GetByTestId("ticket-fields").CountAsync());
        Assert.DoesNotContain("别家单位的工单", await stranger.ContentAsync());
        await ScreenshotAsync(stranger, "ticket-of-another-office");

        await stranger.GetByTestId("to-english").ClickAsync();
        await WaitForCircuitAsync(stranger);
        await stranger.GetByTestId("problem").GetByText("Not found, or not yours to see.").WaitForAsync();
        await ScreenshotAsync(stranger, "ticket-of-another-office-en");
        // The label check every screenshot makes does find a field without one.
        await stranger.EvaluateAsync("() => document.body.append(Object.assign(document.createElement('input'), { id: 'unlabelled' }))");
        Assert.Contains("unlabelled", Assert.Single(await UnlabelledFieldsAsync(stranger)));

        await stranger.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await stranger.GetByLabel("用户名 User name").WaitForAsync(); // signed out at the identity service too: the console asks again
    }

    [Fact]
    public async Task An_office_returns_work_with_a_reason_code_and_its_explanation()
    {
        var ticket = await AssignedToDonghuaAsync("不归我们管的事");
        var clerk = await console.SignedInAsync("clerk-dcdh");
        await clerk.GotoAsync("inbox");
        await WaitForCircuitAsync(clerk);
        var row = clerk.GetByTestId($"inbox-{ticket.Number}");
        await row.GetByTestId("return").ClickAsync();
        var form = clerk.GetByTestId("return-form");
        await form.GetByLabel("原因", new() { Exact = true }).ClickAsync();
        await clerk.GetByRole(AriaRole.Option, new() { Name = "不属于本单位管辖" }).ClickAsync();
        await form.GetByLabel("退回说明").FillAsync("该路段属城管辖区");
        await ScreenshotAsync(clerk, "inbox-return");
        await form.GetByRole(AriaRole.Button, new() { Name = "退回" }).ClickAsync();
        await row.GetByTestId("assignment-status").GetByText("已退回").WaitForAsync();

        var returned = await console.System.Gateway.GetAsync<PageOf<AssignmentView>>($"api/dispatch/assignments?ticketId={ticket.Id}");
        Assert.Contains(returned.Items, a => a.Status == "Returned");
    }

    private async Task<TicketView> AssignedToDonghuaAsync(string title)
    {
        var ticket = await console.System.Gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(region: "DC-DH", title: title));
        await console.System.Gateway.PostAsync<TicketView>($"api/intake/tickets/{ticket.Id}/accept");
        await Eventually.Until(() => console.System.Gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}"),
            instance => instance.OfficeCode == "SFS-DC-DH", what: "the ticket assigned to SFS-DC-DH");
        return ticket;
    }
}

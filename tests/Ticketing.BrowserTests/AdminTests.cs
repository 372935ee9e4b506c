using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using Ticketing.SystemTests;
using Xunit.Abstractions;
using static Ticketing.BrowserTests.ConsoleFixture;

namespace Ticketing.BrowserTests;

/// <summary>
/// The admin pages as the sample admin (admin1) works them: the reference data listed, a holiday put into a calendar of its own
/// (the sample's default calendar counts every other test's deadlines) and a user created, both still there after a reload and as the
/// services answer; and nobody else gets in.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class AdminTests(ConsoleFixture console, ITestOutputHelper output)
{
    [Fact]
    public async Task An_admin_adds_a_holiday_and_a_user_through_the_pages_and_both_stay_after_a_reload()
    {
        var clock = Stopwatch.StartNew();
        var admin = await console.SignedInAsync("admin1");
        try
        {
            await WalkAsync(admin);
        }
        catch (Exception)
        {
            await FailureScreenshotAsync(admin, "admin-failed");
            throw;
        }
        output.WriteLine($"Admin pages walked in {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    private async Task WalkAsync(IPage admin)
    {
        var nav = admin.GetByTestId("admin-nav");
        foreach (var link in new[] { "承办单位", "派单规则", "时限策略", "工作日历", "用户" })
            await nav.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).WaitForAsync();

        await nav.GetByRole(AriaRole.Link, new() { Name = "承办单位", Exact = true }).ClickAsync();
        await admin.GetByTestId("office-SFS-DC-DH").WaitForAsync();
        await ScreenshotAsync(admin, "admin-offices");

        await OpenAsync(admin, "admin/routing");
        await admin.GetByTestId("rules").Locator("tbody tr[data-testid^='rule-']").First.WaitForAsync(); // the sample city's rules
        await ScreenshotAsync(admin, "admin-routing");

        await OpenAsync(admin, "admin/policies");
        await admin.GetByTestId("policy-Complaint-Urgent").WaitForAsync();
        await ScreenshotAsync(admin, "admin-policies");

        // A calendar of its own: created, given a year, then a holiday, all on the page.
        var code = "test-" + Guid.NewGuid().ToString("N")[..6];
        await OpenAsync(admin, "admin/calendars");
        await admin.GetByLabel("代码（字母、数字、'-'）").FillAsync(code);
        await admin.GetByLabel("日历名称").FillAsync("测试日历");
        await admin.GetByTestId("create-calendar").ClickAsync();
        await admin.GetByTestId("done").GetByText($"已新建日历 {code}").WaitForAsync();
        await admin.GetByLabel("要添加的年份").FillAsync("2027");
        await admin.GetByTestId("add-year").ClickAsync();
        await admin.GetByText("2027 年放假日").WaitForAsync();
        await admin.GetByLabel("日期", new() { Exact = true }).FillAsync("2027-10-08");
        await admin.GetByTestId("add-day").ClickAsync();
        await admin.GetByTestId("holidays").GetByTestId("day-2027-10-08").WaitForAsync();
        await ScreenshotAsync(admin, "admin-calendars");

        await OpenAsync(admin, $"admin/calendars?calendar={code}");
        await admin.GetByTestId("holidays").GetByTestId("day-2027-10-08").WaitForAsync();
        using (var calendar = JsonDocument.Parse(await AsAdminAsync($"api/supervision/calendars/{code}")))
        {
            var year = Assert.Single(calendar.RootElement.GetProperty("years").EnumerateArray());
            Assert.Equal(["2027-10-08"], year.GetProperty("holidays").EnumerateArray().Select(d => d.GetString()));
        }

        // A new agent: created on the page, found again after a reload, and able to sign in.
        var userName = "agent-" + Guid.NewGuid().ToString("N")[..6];
        await OpenAsync(admin, "admin/users");
        await admin.GetByTestId("new-user").ClickAsync();
        var form = admin.GetByTestId("user-form");
        await form.GetByLabel("用户名（用于登录，不可修改）").FillAsync(userName);
        await form.GetByLabel("显示姓名").FillAsync("话务员 新同事");
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "坐席" }).CheckAsync();
        await form.GetByLabel("初始密码").FillAsync("Welcome#2026");
        await form.GetByTestId("save-user").ClickAsync();
        await admin.GetByTestId($"user-{userName}").WaitForAsync();
        await ScreenshotAsync(admin, "admin-users");

        await admin.ReloadAsync();
        await WaitForCircuitAsync(admin);
        await admin.GetByLabel("按用户名或姓名查找").FillAsync(userName);
        await admin.GetByLabel("按用户名或姓名查找").PressAsync("Enter");
        Assert.Contains("坐席", await admin.GetByTestId($"user-{userName}").TextContentAsync());
        var newcomer = await console.SignedInAsync(userName, "Welcome#2026");
        await newcomer.GetByRole(AriaRole.Link, new() { Name = "坐席工作台" }).WaitForAsync();

        // Editing takes the keyboard to the form; disabling shows at once, and the user stays listed.
        await admin.GetByRole(AriaRole.Button, new() { Name = $"编辑 {userName}" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = $"修改 {userName}" })).ToBeFocusedAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = $"停用 {userName}" }).ClickAsync();
        await admin.GetByTestId($"user-{userName}").GetByTestId("user-status").GetByText("已停用").WaitForAsync();
    }

    [Fact]
    public async Task Someone_who_is_not_an_admin_sees_no_admin_pages()
    {
        var supervisor = await console.SignedInAsync("supervisor1");
        Assert.Equal(0, await supervisor.GetByTestId("admin-nav").CountAsync());
        foreach (var path in new[] { "admin/users", "admin/calendars" })
        {
            await supervisor.GotoAsync(path);
            await supervisor.GetByTestId("not-allowed").GetByText("您无权查看或执行此操作。").WaitForAsync();
            Assert.Equal(0, await supervisor.GetByTestId(path == "admin/users" ? "users" : "create-calendar").CountAsync());
        }
    }

    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForCircuitAsync(page);
    }

    private async Task<string> AsAdminAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path).SignedInAs("admin1");
        using var response = await console.System.Gateway.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {path}: {body}");
        return body;
    }
}

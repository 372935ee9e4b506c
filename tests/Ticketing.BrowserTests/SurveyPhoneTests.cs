using Microsoft.Playwright;
using Ticketing.Contracts;
using Ticketing.SystemTests;
using static Ticketing.BrowserTests.ConsoleFixture;

namespace Ticketing.BrowserTests;

/// <summary>短信回访: the customer opens the survey link on a phone, answers by touch and keyboard, and is thanked.</summary>
[Collection(ConsoleCollection.Name)]
public sealed class SurveyPhoneTests(ConsoleFixture console)
{
    private sealed record LinkView(Guid Id, Guid TicketId, string Url, DateTimeOffset ExpiresAt);

    private sealed record ResponseView(Guid Id, Guid TicketId, Satisfaction Satisfaction, int? AttitudeScore, int? SpeedScore, int? ResultScore,
        string Source, string? Comment);

    [Fact]
    public async Task A_customer_answers_the_survey_on_a_phone_by_touch_without_scrolling_sideways()
    {
        var ticket = await console.System.Gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(Category.Complaint, title: "短信问卷：手机"));
        var link = await console.System.Gateway.PostAsync<LinkView>("api/survey/links", new { ticketId = ticket.Id }, user: "agent1");

        // A phone of today: 390×844 CSS pixels, touch, no account: the link is the only credential.
        await using var phone = await console.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 3,
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
        });
        var page = await phone.NewPageAsync();
        await page.GotoAsync(link.Url);
        await page.GetByRole(AriaRole.Heading, new() { Name = "12345 热线满意度调查" }).WaitForAsync();
        Assert.True(await FitsTheWidthAsync(page), "the survey form scrolls sideways on a phone");

        await page.GetByRole(AriaRole.Radio, new() { Name = "基本满意", Exact = true }).TapAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "工作人员态度（1 分最差，5 分最好）" }).GetByRole(AriaRole.Radio, new() { Name = "5" }).TapAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "办理速度（1 分最差，5 分最好）" }).GetByRole(AriaRole.Radio, new() { Name = "3" }).TapAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "办理结果（1 分最差，5 分最好）" }).GetByRole(AriaRole.Radio, new() { Name = "4" }).TapAsync();
        await page.GetByLabel("意见或建议（选填）").TapAsync();
        await page.Keyboard.TypeAsync("处理及时，希望以后更快一些");
        await ScreenshotAsync(page, "survey-phone");
        await page.GetByRole(AriaRole.Button, new() { Name = "提交评价" }).TapAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "提交成功" }).WaitForAsync();
        Assert.Contains("感谢您对我们工作的评价", await page.TextContentAsync("main"));
        Assert.True(await FitsTheWidthAsync(page), "the thank-you page scrolls sideways on a phone");
        await ScreenshotAsync(page, "survey-phone-thanks");

        var response = Assert.Single((await console.System.Gateway.GetAsync<PageOf<ResponseView>>($"api/survey/responses?ticketId={ticket.Id}")).Items);
        Assert.Equal(("link", Satisfaction.BasicallySatisfied, 5, 3, 4, "处理及时，希望以后更快一些"),
            (response.Source, response.Satisfaction, response.AttitudeScore, response.SpeedScore, response.ResultScore, response.Comment));
    }

    /// <summary>Nothing wider than the screen: the page never scrolls sideways.</summary>
    private static async Task<bool> FitsTheWidthAsync(IPage page) =>
        await page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= window.innerWidth");
}

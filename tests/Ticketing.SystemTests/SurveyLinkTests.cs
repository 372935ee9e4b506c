using System.Buffers.Binary;
using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Ticketing.BuildingBlocks.Messaging;
using Ticketing.Contracts;

using static Ticketing.SystemTests.Problems;

namespace Ticketing.SystemTests;

/// <summary>
/// 短信回访: a signed link lets the customer answer the survey on a phone without signing in, once, within seven days; a
/// used link is 409, an expired one 410 and a tampered one 404, as problems to a client and as a page to a browser.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class SurveyLinkTests(SystemFixture system)
{
    private readonly HttpClient _gateway = system.Gateway;

    private sealed record LinkView(Guid Id, Guid TicketId, string Url, DateTimeOffset ExpiresAt);

    private sealed record ReceivedView(Guid ResponseId);

    private sealed record LinkResponseView(Guid Id, Guid TicketId, Satisfaction Satisfaction, int? AttitudeScore, int? SpeedScore, int? ResultScore,
        string Source, string? Comment, bool NeedsQualityReview, string? QualityReviewReason);

    [Fact]
    public async Task A_customer_answers_once_through_the_signed_link_without_signing_in()
    {
        var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(Category.Complaint, title: "投诉：短信问卷"));
        Assert.Equal(HttpStatusCode.Forbidden, (await _gateway.SendPostAsync("api/survey/links", new { ticketId = ticket.Id }, user: "clerk-dc")).StatusCode);
        await ProblemAsync(await _gateway.SendPostAsync("api/survey/links", new { ticketId = Guid.NewGuid() }, user: "agent1"), HttpStatusCode.NotFound);
        var link = await _gateway.PostAsync<LinkView>("api/survey/links", new { ticketId = ticket.Id }, user: "agent1");
        Assert.StartsWith(new Uri(system.System.Layout.GatewayUrl, "api/survey/public/").ToString(), link.Url); // the gateway's address
        Assert.InRange(link.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(7));

        using var customer = Browser();
        using (var page = await customer.GetAsync(link.Url))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
            var html = await page.Content.ReadAsStringAsync();
            Assert.Contains("lang=\"zh-CN\"", html);
            Assert.Contains("name=\"viewport\" content=\"width=device-width, initial-scale=1\"", html);
            Assert.Contains("min-height:48px", html); // touch targets a finger can hit
            Assert.Contains("满意度", html);
            Assert.Contains("name=\"resultScore\"", html);
            Assert.Contains("/form\"", html);
            Assert.DoesNotContain("<script", html);
            Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        }

        var received = await (await customer.PostAsJsonAsync(link.Url, new
        {
            satisfaction = "BasicallySatisfied", attitudeScore = 4, speedScore = 3, resultScore = 4, comment = "基本满意，但是有点敷衍",
        })).ReadAsync<ReceivedView>();
        var again = await ProblemAsync(await customer.PostAsJsonAsync(link.Url, new { satisfaction = "Satisfied" }), HttpStatusCode.Conflict);
        Assert.Contains("once", again.Detail);
        using (var used = await customer.GetAsync(link.Url))
        {
            Assert.Equal(HttpStatusCode.Conflict, used.StatusCode);
            Assert.Contains("已经提交过", await used.Content.ReadAsStringAsync());
        }
        using (var client = system.AnonymousGateway) // not a browser: the refusal is a problem
            await ProblemAsync(await client.GetAsync(link.Url), HttpStatusCode.Conflict);

        var response = (await _gateway.GetAsync<PageOf<LinkResponseView>>($"api/survey/responses?ticketId={ticket.Id}")).Items.Single();
        Assert.Equal((received.ResponseId, "link", Satisfaction.BasicallySatisfied, 4, 3, 4),
            (response.Id, response.Source, response.Satisfaction, response.AttitudeScore, response.SpeedScore, response.ResultScore));
        Assert.True(response.NeedsQualityReview);
        Assert.Contains("敷衍", response.QualityReviewReason);
        await Eventually.Until(() => _gateway.GetAsync<InstanceView>($"api/workflow/instances/{ticket.Id}"),
            i => i.Timeline.Any(l => l.Kind == "SurveyCompleted"), what: "the survey on the timeline");
    }

    [Fact]
    public async Task The_page_form_answers_with_a_page_and_a_tampered_or_expired_token_is_refused()
    {
        var ticket = await _gateway.PostAsync<TicketView>("api/intake/tickets", Calls.NewTicket(Category.Complaint, title: "投诉：问卷页面"));
        var link = await _gateway.PostAsync<LinkView>("api/survey/links", new { ticketId = ticket.Id }, user: "specialist1");
        using var customer = system.AnonymousGateway;
        using var browser = Browser();
        var token = link.Url[(link.Url.LastIndexOf('/') + 1)..];
        var (payload, signature) = (token.Split('.')[0], token.Split('.')[1]);

        // Tampered: another character in the payload, or a signature cut short.
        var tampered = link.Url.Replace(token, (payload[0] == 'A' ? "B" : "A") + payload[1..] + "." + signature);
        Assert.Contains("not valid", (await ProblemAsync(await customer.PostAsJsonAsync(tampered, new { satisfaction = "Satisfied" }),
            HttpStatusCode.NotFound)).Detail);
        await ProblemAsync(await customer.PostAsJsonAsync(link.Url.Replace(token, $"{payload}.{signature[..^3]}"), new { satisfaction = "Satisfied" }),
            HttpStatusCode.NotFound);
        await ProblemAsync(await customer.GetAsync(tampered), HttpStatusCode.NotFound);
        using (var page = await browser.GetAsync(tampered))
        {
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Contains("链接无效", await page.Content.ReadAsStringAsync());
        }

        // Expired: the same link signed (with this run's key) to have expired yesterday.
        var expired = link.Url.Replace(token, Sign(link.Id, DateTimeOffset.UtcNow.AddDays(-1)));
        Assert.Contains("expired", (await ProblemAsync(await customer.PostAsJsonAsync(expired, new { satisfaction = "Satisfied" }),
            HttpStatusCode.Gone)).Detail);
        await ProblemAsync(await customer.GetAsync(expired), HttpStatusCode.Gone);
        using (var page = await browser.GetAsync(expired))
        {
            Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
            Assert.Contains("已过期", await page.Content.ReadAsStringAsync());
        }

        // The page's own form post: a bad score re-shows the form, a good answer thanks the customer, a second one is 409.
        var bad = await browser.PostAsync($"{link.Url}/form", Form(("satisfaction", "Satisfied"), ("speedScore", "9")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("<form", await bad.Content.ReadAsStringAsync());
        await ProblemAsync(await customer.PostAsync($"{link.Url}/form", Form(("satisfaction", "Satisfied"), ("speedScore", "9"))), HttpStatusCode.BadRequest);
        var thanks = await browser.PostAsync($"{link.Url}/form",
            Form(("satisfaction", "Unsatisfied"), ("attitudeScore", "2"), ("speedScore", "1"), ("resultScore", "1"), ("comment", "拖了很久")));
        Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
        Assert.Contains("感谢", await thanks.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await browser.PostAsync($"{link.Url}/form", Form(("satisfaction", "Satisfied")))).StatusCode);

        var response = (await _gateway.GetAsync<PageOf<LinkResponseView>>($"api/survey/responses?ticketId={ticket.Id}")).Items.Single();
        Assert.Equal((Satisfaction.Unsatisfied, 2, 1, 1, "拖了很久", false),
            (response.Satisfaction, response.AttitudeScore, response.SpeedScore, response.ResultScore, response.Comment, response.NeedsQualityReview));
    }

    /// <summary>A token as the survey service makes them: base64url(link id ‖ expiry, big-endian Unix seconds) "." base64url(HMAC-SHA256).</summary>
    private static string Sign(Guid linkId, DateTimeOffset expiresAt)
    {
        var data = new byte[24];
        linkId.TryWriteBytes(data.AsSpan(0, 16));
        BinaryPrimitives.WriteInt64BigEndian(data.AsSpan(16), expiresAt.ToUnixTimeSeconds());
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(SystemFixture.SurveyLinkKey), data);
        return $"{Base64Url.EncodeToString(data)}.{Base64Url.EncodeToString(mac)}";
    }

    /// <summary>An anonymous client that asks for pages, as a phone's browser does.</summary>
    private HttpClient Browser()
    {
        var browser = system.AnonymousGateway;
        browser.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        return browser;
    }

    private static FormUrlEncodedContent Form(params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));

}

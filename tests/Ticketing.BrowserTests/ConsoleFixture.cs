using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Ticketing.Launcher;
using Ticketing.SystemTests;

namespace Ticketing.BrowserTests;

/// <summary>
/// The whole system (<see cref="SystemFixture"/>, as the system tests run it) and one headless Debian Chromium driven by
/// Playwright; each test opens a context per user at 1366×768, the smallest screen the console is made for.
/// </summary>
public sealed class ConsoleFixture : IAsyncLifetime
{
    /// <summary>Debian's package (<c>apt-get install chromium</c>; .ci/run installs it): Playwright downloads no browser here.</summary>
    public const string Chromium = "/usr/bin/chromium";

    public static readonly string ScreenshotDir = Path.Combine(BuildOutput.RepositoryRoot(), "artifacts", "screenshots");

    private IPlaywright _playwright = null!;

    public SystemFixture System { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public Uri Gateway => System.System.Layout.GatewayUrl;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDir);
        await System.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic"],
        });
    }

    /// <summary>A fresh browser context (its own cookies) signed in as the sample user (or one a test made), on the console's home page.</summary>
    public async Task<IPage> SignedInAsync(string userName, string password = SampleTokens.Password)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            BaseURL = Gateway.ToString(),
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        // What the browser says (script errors, refused requests) goes beside the screenshots.
        page.Console += (_, message) => { if (message.Type is "error" or "warning") Log(userName, $"console {message.Type}: {message.Text}"); };
        page.PageError += (_, error) => Log(userName, "page error: " + error);
        page.Response += (_, response) => { if (response.Status >= 400) Log(userName, $"{response.Status} {response.Request.Method} {response.Url}"); };
        page.RequestFailed += (_, request) => Log(userName, $"request failed: {request.Method} {request.Url} {request.Failure}");
        await page.GotoAsync("/"); // the console sends the browser to the identity service's sign-in page
        await page.GetByLabel("用户名 User name").FillAsync(userName);
        await page.GetByLabel("密码 Password").FillAsync(password);
        await page.GetByLabel("密码 Password").PressAsync("Enter");
        await page.GetByTestId("user").WaitForAsync(); // back in the console, signed in
        await WaitForCircuitAsync(page);
        return page;
    }

    /// <summary>Blazor's interactive circuit is connected: clicks and keys reach the server.</summary>
    public static async Task WaitForCircuitAsync(IPage page) =>
        await page.GetByTestId("circuit").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Until <paramref name="shown"/> appears, reloading as a user would: what other services learn by event reaches the
    /// page a moment after the action that caused it.
    /// </summary>
    public static async Task UntilAsync(IPage page, Func<IPage, ILocator> shown)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            try
            {
                await shown(page).First.WaitForAsync(new LocatorWaitForOptions { Timeout = 2_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                await page.ReloadAsync();
                await WaitForCircuitAsync(page);
            }
        }
    }

    /// <summary>
    /// Types into a pick list, takes its first option with Tab once that is <paramref name="option"/>, and waits until the field
    /// shows it, as an agent would look. Types again when the list or the field did not follow: a keystroke typed faster than the
    /// circuit's round trip can be lost (README, Not built yet).
    /// </summary>
    public static async Task ChooseAsync(IPage page, string typed, Regex option)
    {
        var field = await page.EvaluateHandleAsync("() => document.activeElement");
        for (var attempt = 1; ; attempt++)
        {
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.TypeAsync(typed, new() { Delay = 80 });
            try
            {
                await Assertions.Expect(page.GetByRole(AriaRole.Option).First).ToHaveTextAsync(option, new() { Timeout = 4_000 });
                await page.Keyboard.PressAsync("Tab");
                await page.WaitForFunctionAsync("([field, pattern]) => new RegExp(pattern).test(field.value)",
                    new object[] { field, option.ToString() }, new() { Timeout = 3_000 });
                return;
            }
            catch (Exception failed) when (failed is PlaywrightException or TimeoutException && attempt < 3)
            {
                await field.AsElement()!.FocusAsync();
            }
        }
    }

    private static readonly Lock LogLock = new();

    private static void Log(string user, string line)
    {
        lock (LogLock) File.AppendAllText(Path.Combine(ScreenshotDir, "browser.log"), $"{DateTime.UtcNow:HH:mm:ss.fff} {user}: {line}{Environment.NewLine}");
    }

    /// <summary>Saves the page as a test artefact, after checking that every field on it has a label (issue 12: accessible).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Assert.Empty(await UnlabelledFieldsAsync(page));
        await FailureScreenshotAsync(page, name);
    }

    /// <summary>The page as it was when a step failed, without further checks that would hide the failure.</summary>
    public static async Task FailureScreenshotAsync(IPage page, string name) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDir, name + ".png"), FullPage = true });

    /// <summary>Visible inputs, selects and text areas that a screen reader could not name: no label, aria-label(ledby) or title.</summary>
    public static async Task<string[]> UnlabelledFieldsAsync(IPage page) => await page.EvaluateAsync<string[]>(
        """
        () => [...document.querySelectorAll('input, select, textarea')]
            .filter(e => e.type !== 'hidden' && e.getClientRects().length > 0)
            .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby') && !e.title)
            .map(e => e.outerHTML.slice(0, 300))
        """);

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await System.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ConsoleCollection : ICollectionFixture<ConsoleFixture>
{
    public const string Name = "console in a browser";
}

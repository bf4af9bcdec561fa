using G2G.Runtime.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace G2G.Web.Tests.Infrastructure;

/// <summary>
/// The demo province on a real Kestrel port over a fresh database, and one headless Debian Chromium, shared by the browser
/// tests of a class. Pages are opened signed in as a demo user, in a browser context of their own (cookies apart).
/// </summary>
public sealed class BrowserWorld<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    public const string Password = "Demo-Password-2026";
    private readonly TDatabase _database = new();
    private G2GWebFactory? _factory;
    private IPlaywright? _playwright;

    public string Address { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => _factory!.Services;

    public async Task InitializeAsync()
    {
        if (typeof(TDatabase).GetProperty("UnavailableReason")?.GetValue(null) is not null || new ChromiumFactAttribute().Skip is not null)
            return; // every test of the class is reported skipped
        await _database.InitializeAsync();
        _factory = new G2GWebFactory(_database, new Dictionary<string, string?>
        {
            ["Demo:Seed"] = "true", ["Demo:Password"] = Password, ["Runtime:Jobs:Enabled"] = "false",
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        Address = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath, Headless = true, Args = ChromiumFactAttribute.Flags,
        });
    }

    public async Task DisposeAsync()
    {
        if (_factory is null)
            return;
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>A page signed in as <paramref name="user"/>, in a 1366×768 window speaking <paramref name="language"/>.</summary>
    public async Task<IPage> SignedInAsync(string user, string language = "zh-CN")
    {
        var context = await Browser.NewContextAsync(new()
        {
            Locale = language, ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(45_000); // generous: the machine running the tests may be busy
        await BrowserPages.SignInAsync(page, Address, user, Password);
        return page;
    }

    /// <summary>Opens a page of the site and waits until its circuit is connected, so clicks reach the server.</summary>
    public async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync($"{Address}{path}");
        await BrowserPages.Interactive(page);
    }
}

/// <summary>What browser tests do with any page.</summary>
public static class BrowserPages
{
    /// <summary>
    /// Signs <paramref name="page"/> in through the sign-in form and waits for the signed-in shell itself, not the document's
    /// load event: on a busy machine Chromium once reported the network idle but never the load of the page it landed on,
    /// and a wait for "load" ran out (a flaky sign-in).
    /// </summary>
    public static async Task SignInAsync(IPage page, string address, string user, string password)
    {
        await page.GotoAsync($"{address}/signin");
        await page.FillAsync("#userName", user);
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/signin", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("form[action='account/signout']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>Waits for the page's <c>data-interactive</c> marker (docs/architecture.md, "UI rendering").</summary>
    public static Task Interactive(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>
    /// Saves a screenshot when <c>G2G_SHOTS</c> names a folder (for looking at the pages; the tests assert what they need).
    /// </summary>
    public static async Task ShotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("G2G_SHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }
}

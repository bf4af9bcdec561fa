using G2G.Runtime.Jobs;
using G2G.Runtime.Notifications;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// The host on a real Kestrel port with the demo province seeded (on SQLite unless a database is given), and Debian's
/// Chromium driven by Playwright, for browser tests of the pages: sign a demo user in, wait for a page's circuit.
/// <paramref name="clock"/>, when given, is the host's clock (the demo work is seeded relative to it).
/// </summary>
public sealed class DemoBrowser(TimeProvider? clock = null, TestDatabase? database = null) : IAsyncDisposable
{
    /// <summary>
    /// The xunit collection of the classes that use it: one host and one Chromium at a time, so that a loaded machine
    /// does not push a sign-in or a circuit past Playwright's timeouts.
    /// </summary>
    public const string Collection = "Demo browser";

    public const string Password = "Demo-Password-2026";
    private readonly TestDatabase _database = database ?? new SqliteTestDatabase();
    private G2GWebFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The host's address, e.g. http://127.0.0.1:41234.</summary>
    public string Address { get; private set; } = "";

    /// <summary>The host's services (runtime services run as trusted code outside a request).</summary>
    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("Start the host first.");

    public async Task StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        await _database.InitializeAsync();
        var configuration = new Dictionary<string, string?> { ["Demo:Seed"] = "true", ["Demo:Password"] = Password, ["Runtime:Jobs:Enabled"] = "false" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        _factory = new G2GWebFactory(_database, configuration, clock);
        _factory.UseKestrel(0);
        _factory.StartServer();
        Address = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        await RunDueWorkAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath, Headless = true, Args = ChromiumFactAttribute.Flags,
        });
    }

    /// <summary>
    /// Runs what a node's background services would have run by now: the due jobs (the demo's dispatched 通知 reaches its
    /// 收文 through one; reminders and notices of the overdue demo items) and the outbox. The host runs none by itself
    /// (<c>Runtime:Jobs:Enabled=false</c>), so a test sees the same province every time.
    /// </summary>
    public async Task RunDueWorkAsync()
    {
        var jobs = Services.GetRequiredService<JobExecutor>();
        var outbox = Services.GetRequiredService<OutboxDispatcher>();
        while (await jobs.RunDueJobsAsync(CancellationToken.None) + await outbox.DispatchAsync(CancellationToken.None) > 0)
        {
        }
    }

    /// <summary>A new browser context (its own cookies) at 1366×768 in <paramref name="language"/>, nobody signed in.</summary>
    public async Task<IPage> AnonymousAsync(string language = "zh-CN")
    {
        var context = await _browser!.NewContextAsync(new()
        {
            Locale = language, ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
            ViewportSize = new() { Width = 1366, Height = 768 }, AcceptDownloads = true,
        });
        return await context.NewPageAsync();
    }

    /// <summary>A new browser context (its own cookies) at 1366×768 in <paramref name="language"/>, signed in as <paramref name="user"/>.</summary>
    public async Task<IPage> SignInAsync(string user, string language = "zh-CN")
    {
        var page = await AnonymousAsync(language);
        await BrowserPages.SignInAsync(page, Address, user, Password);
        return page;
    }

    /// <summary>Opens a page of the host and waits until its circuit is connected, so that clicks reach the server.</summary>
    public async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(Address + path);
        await InteractiveAsync(page);
    }

    public static Task InteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").First.WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Reads <paramref name="user"/>'s inbox as the pages do (their own viewer), to compare a page with.</summary>
    public async Task<T> InboxOfAsync<T>(string user, Func<InboxQueries, Viewer, Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        using var scope = Services.CreateScope();
        var caller = await scope.ServiceProvider.GetRequiredService<CallerDirectory>().FindAsync(user)
            ?? throw new InvalidOperationException($"{user} is not a demo user.");
        return await read(scope.ServiceProvider.GetRequiredService<InboxQueries>(), caller.Viewer);
    }

    /// <summary>Writes a screenshot to the temp folder (g2g-NAME.png) for a person to look at; the tests assert, not the picture.</summary>
    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"g2g-{name}.png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }
}

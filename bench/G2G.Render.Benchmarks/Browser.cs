using System.Text.Json;
using Microsoft.Playwright;

namespace G2G.Render.Benchmarks;

/// <summary>Where the time of one page open went, in the browser's own clock (milliseconds since the navigation started).</summary>
/// <param name="Ready">Until the page showed its data: what the user waits for.</param>
/// <param name="FirstByte">Request sent until the first byte of the prerendered HTML: the server's prerender.</param>
/// <param name="Html">Until the prerendered HTML was in.</param>
internal readonly record struct PageTiming(double Ready, double FirstByte, double Html)
{
    /// <summary>From the prerendered HTML to the data shown: scripts, the circuit's start, its renders and queries.</summary>
    public double Interactive => Ready - Html;
}

/// <summary>
/// Debian's Chromium, headless, driven by Playwright. Each page is opened in a browser context of its own (its own cookies,
/// as another person's browser) that carries the user's session cookie; the context stays open, and with it the page's
/// circuit, until it is closed.
/// </summary>
internal sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        // Many pages in the background: keep their timers and renderers running as in front.
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public string Version => _browser.Version;

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"The render benchmark needs Chromium at {ChromiumPath} (apt-get install chromium).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = Flags });
        return new Browser(playwright, browser);
    }

    /// <summary>
    /// Opens <paramref name="path"/> in a new context signed in with <paramref name="cookieHeader"/> and waits until
    /// <paramref name="ready"/> (a JavaScript condition) holds. A mutation observer installed before the page's own scripts
    /// notes the moment it first held, so the time is the browser's, not when Playwright looked.
    /// </summary>
    public async Task<(IBrowserContext Context, PageTiming Timing)> OpenAsync(Uri address, string cookieHeader, string path, string ready, TimeSpan timeout)
    {
        var context = await _browser.NewContextAsync(new()
        {
            Locale = "zh-CN", ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = "zh-CN" },
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
        });
        try
        {
            await context.AddCookiesAsync(cookieHeader.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(pair => pair.Split('=', 2)).Select(pair => new Cookie { Name = pair[0], Value = pair[1], Url = address.ToString() }));
            await context.AddInitScriptAsync(ReadyObserver(ready));
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout((float)timeout.TotalMilliseconds);
            await page.GotoAsync(new Uri(address, path).ToString(), new() { WaitUntil = WaitUntilState.Commit });
            await page.WaitForFunctionAsync("() => window.__g2gReady !== undefined", null, new() { PollingInterval = 20 });
            var times = await page.EvaluateAsync<double[]>("""
                () => { const n = performance.getEntriesByType('navigation')[0];
                        return [window.__g2gReady, n.responseStart - n.requestStart, n.responseEnd]; }
                """);
            return (context, new PageTiming(times[0], times[1], times[2]));
        }
        catch
        {
            await context.CloseAsync();
            throw;
        }
    }

    /// <summary>Sets <c>window.__g2gReady</c> to <c>performance.now()</c> when <paramref name="ready"/> first holds.</summary>
    private static string ReadyObserver(string ready) => $$"""
        (() => {
          const ready = () => { try { return !!({{ready}}); } catch { return false; } };
          const observer = new MutationObserver(() => {
            if (window.__g2gReady === undefined && ready()) { window.__g2gReady = performance.now(); observer.disconnect(); }
          });
          observer.observe(document, { childList: true, subtree: true, attributes: true });
        })();
        """;

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    /// <summary>The message of a Playwright failure on one line.</summary>
    public static string Describe(Exception failure) => JsonSerializer.Serialize(failure.Message.Split('\n')[0]);
}

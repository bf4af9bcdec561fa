using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace G2G.Web.Tests.Pages;

/// <summary>The home page in a real browser against the host on a real Kestrel port.</summary>
public sealed class HomePageBrowserTests(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    [ChromiumFact]
    public async Task Home_InChromium_ShowsTheHeadingInTheBrowsersLanguage()
    {
        await using var factory = new G2GWebFactory(database);
        factory.UseKestrel(0);
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            Args = ChromiumFactAttribute.Flags,
        });

        Assert.Equal("工作流平台 G2G", await HeadingAsync(browser, address, "zh-CN"));
        Assert.Equal("G2G Workflow Platform", await HeadingAsync(browser, address, "en-US"));
    }

    private static async Task<string> HeadingAsync(IBrowser browser, string address, string language)
    {
        await using var context = await browser.NewContextAsync(new()
        {
            Locale = language,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
        });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(address);
        Assert.True(response?.Ok, $"GET {address} as {language} failed with {response?.Status}.");
        return (await page.Locator("h1").InnerTextAsync()).Trim();
    }
}

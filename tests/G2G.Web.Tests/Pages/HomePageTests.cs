using System.Net;
using System.Text.RegularExpressions;
using G2G.Web.Tests.Infrastructure;

namespace G2G.Web.Tests.Pages;

/// <summary>The home page over HTTP: language negotiation, the language switch and its assets.</summary>
public sealed partial class HomePageTests(SqliteWebHost host) : IClassFixture<SqliteWebHost>, IDisposable
{
    // Cookies are handled by each test, so the language switch is visible in the requests it sends.
    private readonly HttpClient _client = host.CreateClient(new() { HandleCookies = false });

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Home_WithoutAcceptLanguage_RendersChinese()
    {
        var html = await GetHomeAsync(acceptLanguage: null);

        Assert.Contains("<html lang=\"zh-CN\">", html);
        Assert.Equal("工作流平台 G2G", Heading(html));
    }

    [Fact]
    public async Task Home_WithAcceptLanguageEnglish_RendersEnglish()
    {
        var html = await GetHomeAsync("en-US,en;q=0.9");

        Assert.Contains("<html lang=\"en\">", html);
        Assert.Equal("G2G Workflow Platform", Heading(html));
    }

    [Fact]
    public async Task CultureQuery_SetsCultureCookie_ThatWinsOverAcceptLanguage()
    {
        using var switchRequest = new HttpRequestMessage(HttpMethod.Get, "/?culture=en");
        using var switched = await _client.SendAsync(switchRequest);
        var cookie = Assert.Single(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.StartsWith(".AspNetCore.Culture=c%3Den%7Cuic%3Den;", cookie);

        var html = await GetHomeAsync("zh-CN", cookie.Split(';')[0]);

        Assert.Equal("G2G Workflow Platform", Heading(html));
    }

    [Fact]
    public async Task Home_LinkedStylesheets_AreServed()
    {
        var html = await GetHomeAsync(acceptLanguage: null);
        var stylesheets = StylesheetLink().Matches(html).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(3, stylesheets.Count); // MudBlazor's, the site's and the components' scoped styles
        Assert.Contains(stylesheets, href => href.StartsWith("_content/MudBlazor/MudBlazor.min", StringComparison.Ordinal));
        foreach (var href in stylesheets)
        {
            using var response = await _client.GetAsync(new Uri("/" + href, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private async Task<string> GetHomeAsync(string? acceptLanguage, string? cookie = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (acceptLanguage is not null)
        {
            request.Headers.Add("Accept-Language", acceptLanguage);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string Heading(string html) => WebUtility.HtmlDecode(H1().Match(html).Groups[1].Value);

    [GeneratedRegex("<h1[^>]*>([^<]*)</h1>")]
    private static partial Regex H1();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StylesheetLink();
}

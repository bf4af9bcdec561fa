using System.Net;
using G2G.Web.Tests.Infrastructure;

namespace G2G.Web.Tests.Security;

/// <summary>
/// Every answer, page or API, success or error, carries the browser protections: a Content-Security-Policy fit for
/// Blazor (own scripts only, no eval, no framing), X-Frame-Options, nosniff and a Referrer-Policy.
/// </summary>
public sealed class SecurityHeadersTests(SqliteWebHost host) : IClassFixture<SqliteWebHost>, IDisposable
{
    private readonly HttpClient _client = host.CreateClient(new() { AllowAutoRedirect = false });

    public void Dispose() => _client.Dispose();

    [Theory]
    [InlineData("/", HttpStatusCode.OK)]
    [InlineData("/signin", HttpStatusCode.OK)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/openapi.json", HttpStatusCode.OK)]
    [InlineData("/api/v1/tasks", HttpStatusCode.Unauthorized)]
    [InlineData("/health", HttpStatusCode.OK)]
    public async Task EveryResponse_CarriesTheSecurityHeaders(string path, HttpStatusCode status)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        var csp = Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("'self'", csp["default-src"]);
        Assert.Equal("'self'", csp["script-src"]);
        Assert.Equal("'none'", csp["frame-ancestors"]);
        Assert.StartsWith("'self'", csp["connect-src"], StringComparison.Ordinal);
        Assert.DoesNotContain(csp.Values, v => v.Contains("unsafe-eval", StringComparison.Ordinal));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    private static Dictionary<string, string> Directives(string policy) => policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(d => d.Split(' ', 2)).ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "", StringComparer.Ordinal);
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace G2G.Web.Tests.Security;

/// <summary>Sign-in is rate limited per client address: past the limit it answers 429 with Retry-After, and says so in the audit log.</summary>
public sealed class SignInRateLimitTests : IAsyncLifetime
{
    private readonly SqliteTestDatabase _database = new();
    private G2GWebFactory _factory = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _factory = new G2GWebFactory(_database, new Dictionary<string, string?> { ["Security:SignIn:PermitsPerMinute"] = "2", ["Runtime:Jobs:Enabled"] = "false" });
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task PastThePermitsOfAMinute_SignInAnswers429_WithRetryAfter()
    {
        using var client = _factory.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 4; attempt++)
        {
            using var response = await client.PostAsJsonAsync(new Uri("/api/v1/session", UriKind.Relative), new { userName = "someone", password = "wrong" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
                Assert.Equal("rate-limited", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            }
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        await using var db = _database.CreateContext();
        Assert.Equal(2, await db.Set<AuditRecord>().CountAsync(a => a.Chain == "access" && a.Comment == "too many sign-in attempts"));
        // Other endpoints are not limited by it.
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}

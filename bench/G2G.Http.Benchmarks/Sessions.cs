using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;

namespace G2G.Http.Benchmarks;

/// <summary>
/// How each benchmark user is let in: a person signs in once through <c>POST /api/v1/session</c> with user name
/// and password and then sends the session cookie (as a browser does); a system client sends its bearer token
/// (<c>Api:Tokens</c>). The credentials are a header to add to each request.
/// </summary>
internal sealed class Sessions
{
    public const string Password = "bench-password-1";

    private readonly ConcurrentDictionary<string, (string Name, string Value)> _headers = new(StringComparer.Ordinal);

    /// <summary>The header that authenticates a user signed in earlier, or a configured system client.</summary>
    public (string Name, string Value) HeaderFor(string user) =>
        _headers.TryGetValue(user, out var header) ? header : throw new InvalidOperationException($"{user} is not signed in.");

    /// <summary>A system client: requests carry <c>Authorization: Bearer</c> with its configured secret.</summary>
    public void AddToken(string name, string secret) => _headers[name] = ("Authorization", "Bearer " + secret);

    /// <summary>Signs the users in, a few at a time; fails on the first refusal.</summary>
    public async Task SignInAsync(Uri address, IEnumerable<string> users)
    {
        await Parallel.ForEachAsync(users.Distinct(StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (user, ct) =>
        {
            var cookies = new CookieContainer();
            using var handler = new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true };
            using var client = new HttpClient(handler) { BaseAddress = address };
            using var response = await client.PostAsJsonAsync("/api/v1/session", new { userName = user, password = Password }, ct);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Sign-in of {user} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            _headers[user] = ("Cookie", cookies.GetCookieHeader(address));
        });
    }
}

using System.Net.Http.Headers;
using G2G.Runtime.Tests.Infrastructure;

namespace G2G.Web.Tests.Infrastructure;

/// <summary>
/// The real host as the REST tests drive it: one system API client whose bearer token is <c>Api:Tokens:tester</c>,
/// and the job executor off, so that a test moves timers and jobs itself. <paramref name="settings"/> adds keys.
/// </summary>
public sealed class SystemApiHost(TestDatabase database, string token, IReadOnlyDictionary<string, string?>? settings = null) : IAsyncDisposable
{
    /// <summary>The host; makes further clients (anonymous, signed in).</summary>
    public G2GWebFactory Factory { get; } = new(database, Settings(token, settings));

    /// <summary>A client of the host that sends the token (the host starts with its first client).</summary>
    public HttpClient Client => _client ??= Factory.CreateClient().WithToken(token);

    private HttpClient? _client;

    private static Dictionary<string, string?> Settings(string token, IReadOnlyDictionary<string, string?>? more)
    {
        var settings = new Dictionary<string, string?> { ["Api:Tokens:tester"] = token, ["Runtime:Jobs:Enabled"] = "false" };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>())
            settings[key] = value;
        return settings;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>Bearer tokens on test clients.</summary>
public static class TokenClients
{
    /// <summary>Makes <paramref name="client"/> send <paramref name="token"/> as its bearer token; returns it.</summary>
    public static HttpClient WithToken(this HttpClient client, string token)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

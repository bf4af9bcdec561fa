using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace G2G.Load;

/// <summary>A person signed in: the session cookie every request carries and the CSRF token writes carry (docs/api.md).</summary>
internal sealed record Session(string User, string AgencyId, string Cookie, string CsrfToken);

/// <summary>An answer: status, body (JSON, when there is one), the ETag, and the failure kind when it is not a success.</summary>
internal sealed record Answer(int Status, JsonNode? Body, string? ETag, string? Failure)
{
    public bool Ok => Failure is null;
}

/// <summary>
/// The HTTP side: one client per node (keep-alive connections shared by all people, no cookie jar: each request
/// carries its person's cookie), requests spread over the nodes in turn, around a node that is down. Every request is timed into the
/// <see cref="Measure"/> under its operation; a non-2xx answer is a failure of kind "status code" (the problem's
/// <c>code</c> when it has one), a request that got no answer one of kind "no answer: exception".
/// </summary>
internal sealed class Api : IDisposable
{
    private readonly HttpClient[] _clients;
    private readonly Measure _measure;
    private readonly long[] _downUntil;
    private long _turn;

    public Api(IReadOnlyList<Uri> nodes, Measure measure)
    {
        _measure = measure;
        _clients = [.. nodes.Select(node => new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            MaxConnectionsPerServer = 256,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        })
        {
            BaseAddress = node,
            Timeout = TimeSpan.FromSeconds(60),
        })];
        _downUntil = new long[_clients.Length];
    }

    public IReadOnlyList<Uri> Nodes => [.. _clients.Select(c => c.BaseAddress!)];

    /// <summary>Signs a person in on one of the nodes (<c>POST /api/v1/session</c>); null with the reason printed if refused.</summary>
    public async Task<Session?> SignInAsync(string user, string password)
    {
        var (client, _) = NextUp();
        var began = Stopwatch.GetTimestamp();
        try
        {
            using var response = await client.PostAsJsonAsync("/api/v1/session", new { userName = user, password });
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                _measure.Record("sign in", began, Kind((int)response.StatusCode, body), body);
                Console.WriteLine($"  sign-in of {user} refused: {(int)response.StatusCode} {Shorten(body)}");
                return null;
            }
            _measure.Record("sign in", began, null);
            var view = JsonNode.Parse(body)!;
            var cookie = string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var cookies)
                ? cookies.Select(c => c.Split(';', 2)[0]) : []);
            return new Session(user, view["agencyId"]?.GetValue<string>() ?? "", cookie, view["csrfToken"]!.GetValue<string>());
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
        {
            _measure.Record("sign in", began, "no answer: " + error.GetType().Name, error.Message);
            return null;
        }
    }

    public Task<Answer> GetAsync(string operation, Session session, string url) => SendAsync(operation, session, HttpMethod.Get, url, null, null);

    public Task<Answer> PostAsync(string operation, Session session, string url, JsonNode? body, string? ifMatch = null) =>
        SendAsync(operation, session, HttpMethod.Post, url, body, ifMatch);

    private async Task<Answer> SendAsync(string operation, Session session, HttpMethod method, string url, JsonNode? body, string? ifMatch)
    {
        var began = Stopwatch.GetTimestamp();
        try
        {
            using var response = await SendToANodeAsync(() => Request(session, method, url, body, ifMatch));
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var json = text.Length > 0 && response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true
                ? JsonNode.Parse(text) : null;
            var failure = response.IsSuccessStatusCode ? null : Kind(status, text);
            _measure.Record(operation, began, failure, failure is null ? null : $"{method} {url} as {session.User}: {status} {Shorten(text)}");
            return new Answer(status, json, response.Headers.ETag?.ToString(), failure);
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException or System.Text.Json.JsonException)
        {
            var failure = "no answer: " + error.GetType().Name;
            _measure.Record(operation, began, failure, $"{method} {url} as {session.User}: {error.Message}");
            return new Answer(0, null, null, failure);
        }
    }

    private static HttpRequestMessage Request(Session session, HttpMethod method, string url, JsonNode? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Cookie", session.Cookie);
        if (method != HttpMethod.Get)
            request.Headers.TryAddWithoutValidation("X-CSRF-TOKEN", session.CsrfToken);
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return request;
    }

    /// <summary>
    /// Sends to the next node, as a load balancer would: a node that refuses the connection (it is down: nothing was
    /// sent) is left out for two seconds and the request goes to the next one, counted in <see cref="Measure.Rerouted"/>.
    /// A request that reached a node and got no answer is not sent again: it may have happened.
    /// </summary>
    private async Task<HttpResponseMessage> SendToANodeAsync(Func<HttpRequestMessage> request)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (client, index) = NextUp();
            using var message = request();
            try
            {
                return await client.SendAsync(message);
            }
            catch (HttpRequestException refused) when (refused.InnerException is System.Net.Sockets.SocketException
                { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused } && attempt < 2 * _clients.Length)
            {
                Interlocked.Exchange(ref _downUntil[index], Stopwatch.GetTimestamp() + 2 * Stopwatch.Frequency);
                _measure.Reroute(client.BaseAddress!);
            }
        }
    }

    /// <summary>The next node in turn that is not known to be down (any, when all are).</summary>
    private (HttpClient Client, int Index) NextUp()
    {
        var now = Stopwatch.GetTimestamp();
        for (var i = 0; i < _clients.Length; i++)
        {
            var index = (int)(Interlocked.Increment(ref _turn) % _clients.Length);
            if (Interlocked.Read(ref _downUntil[index]) <= now)
                return (_clients[index], index);
        }
        var any = (int)(Interlocked.Increment(ref _turn) % _clients.Length);
        return (_clients[any], any);
    }

    /// <summary>"409 conflict": the status and the problem's stable code (docs/api.md, Errors).</summary>
    private static string Kind(int status, string body)
    {
        string? code = null;
        try
        {
            code = JsonNode.Parse(body)?["code"]?.GetValue<string>();
        }
        catch (System.Text.Json.JsonException)
        {
        }
        return code is null ? $"{status} {(HttpStatusCode)status}" : $"{status} {code}";
    }

    public static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + " …";

    public void Dispose()
    {
        foreach (var client in _clients)
            client.Dispose();
    }
}

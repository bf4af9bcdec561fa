using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Web.Tests.Api;

// Input written to attack: SQL, script and path-traversal strings in the text fields and paths of the main endpoints, and
// generated JSON bodies (docs/reliability.md). Text is stored and given back exactly as sent and runs nowhere; what is
// refused is a 4xx problem+json and writes nothing; no body gets a 500.
public abstract partial class BadInputTests<TDatabase>
{
    /// <summary>Strings that have broken web applications: SQL, script, template, CSV-formula and path-traversal injections, odd Unicode.</summary>
    public static readonly string[] Hostile =
    [
        "'; DROP TABLE process_instances; --", "\" OR \"1\"=\"1", "1; SELECT pg_sleep(30); --", "x' UNION SELECT password_hash FROM users --",
        "%' OR title LIKE '%", "_%\\", "<script>alert(document.cookie)</script>", "<img src=x onerror=alert(1)>", "{{7*7}}", "${7*7}",
        "=HYPERLINK(\"http://127.0.0.1/\")", "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "file:///etc/passwd", "\u202Egnp.exe", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 审批", "\r\nSet-Cookie: x=1",
    ];

    [DatabaseFact]
    public async Task HostileTexts_AreStoredAndGivenBackAsSent_AndFoundOnlyAsText()
    {
        var key = await DeployAsync();
        var stored = 0;
        foreach (var text in Hostile)
        {
            using var started = await _clerk.PostAsJsonAsync("/api/v1/instances",
                new { processKey = key, title = text, businessKey = text, variables = new { note = text } });
            if (text.Any(char.IsControl))
            {
                // A header injection's line break: short texts refuse control characters, per field.
                var errors = (await started.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors");
                Assert.Equal(["businessKey", "title"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
                continue;
            }
            stored++;
            var id = (await started.IsAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();

            var instance = await _clerk.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{id}");
            Assert.Equal(text, instance.GetProperty("title").GetString());
            Assert.Equal(text, instance.GetProperty("businessKey").GetString());
            Assert.Equal(text, instance.GetProperty("variables").GetProperty("note").GetString());
            await using var db = database.CreateContext();
            var record = await db.Set<ProcessInstanceRecord>().SingleAsync(i => i.Id == id);
            Assert.Equal((text, text), (record.Title, record.BusinessKey));

            // The text search finds this instance's task and no other: the LIKE wildcards in the text are literal.
            using var found = await _clerk.GetAsync($"/api/v1/inbox/todo?text={Uri.EscapeDataString(text)}&processKey={key}");
            var items = (await found.IsAsync(HttpStatusCode.OK)).GetProperty("items");
            Assert.Equal([id], items.EnumerateArray().Select(i => i.GetProperty("instanceId").GetInt64()));
        }
        Assert.Equal(Hostile.Length - 1, stored);
        Assert.Equal(stored, await InstancesAsync(key));
    }

    [DatabaseFact]
    public async Task HostileKeysAndPathSegments_Are4xxProblemJson_AndWriteNothing()
    {
        var key = await DeployAsync();
        await using (var db = database.CreateContext())
        {
            var before = await db.Set<ProcessInstanceRecord>().CountAsync();
            foreach (var text in Hostile)
            {
                using var start = await _clerk.PostAsJsonAsync("/api/v1/instances", new { processKey = text });
                Assert.InRange((int)start.StatusCode, 400, 499);
                Assert.Equal("application/problem+json", start.Content.Headers.ContentType?.MediaType);

                var segment = Uri.EscapeDataString(text);
                foreach (var path in new[] { $"/api/v1/definitions/{segment}/versions", $"/api/v1/definitions/{segment}/versions/1/xml", $"/api/v1/tasks/{segment}" })
                {
                    using var response = await _host.Client.GetAsync(new Uri(path, UriKind.Relative));
                    Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path}: {(int)response.StatusCode}");
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    Assert.DoesNotContain("root:", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                }
            }
            Assert.Equal(before, await db.Set<ProcessInstanceRecord>().CountAsync());
        }
        Assert.Equal(0, await InstancesAsync(key));
    }

    // The lone surrogate the JSON fuzzer found (ValueJson): in a request's variables it was an InvalidOperationException, a 500.
    [DatabaseFact]
    public async Task ALoneSurrogateInVariables_Is400_AndStartsNothing()
    {
        var key = await DeployAsync();
        using var body = new StringContent($$$"""{"processKey":"{{{key}}}","variables":{"note":"\ud800"}}""", Encoding.UTF8, "application/json");

        using var response = await _clerk.PostAsync("/api/v1/instances", body);

        await response.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(0, await InstancesAsync(key));
    }

    private static readonly string[] Fields =
        ["processKey", "title", "businessKey", "agencyId", "version", "classification", "variables", "initiator", "outcome", "comment",
         "name", "correlationKey", "userId", "reason", "target", "resume", "isAdmin", ""];

    private static Gen<JsonNode?> JsonOf(int depth) => depth == 0
        ? Gen.Frequency(
            (4, Gen.OneOf(Hostile).Select(s => (JsonNode?)s)),
            (3, Gen.OneOf<JsonNode?>(null, true, false, 0, -1, 1.5, 1e28m, 2147483648L, long.MinValue, "", "leave", "approve", "FromTop", new string('长', 300))),
            (1, Gen.String[0, 12].Select(s => (JsonNode?)s)))
        : Gen.Frequency(
            (4, JsonOf(0)),
            (1, JsonOf(depth - 1).Array[0, 3].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))),
            (1, Gen.Select(Gen.OneOf(Fields), JsonOf(depth - 1)).Array[0, 3].Select(pairs =>
            {
                var record = new JsonObject();
                foreach (var (name, value) in pairs) record[name] = value?.DeepClone();
                return (JsonNode?)record;
            })));

    /// <summary>A request body: an object of the endpoints' field names (and others) with values of every kind, or text that is barely JSON.</summary>
    private static readonly Gen<string> Body = Gen.Frequency(
        (8, Gen.Select(Gen.OneOf(Fields), JsonOf(3)).Array[0, 6].Select(pairs =>
        {
            var body = new JsonObject();
            foreach (var (name, value) in pairs) body[name] = value?.DeepClone();
            return body.ToJsonString();
        })),
        (1, Gen.OneOf("", "null", "[]", "\"x\"", "{", "{\"processKey\":", "{\"variables\":{\"a\":\"\\ud800\"}}", "{\"title\":1e400}",
            string.Concat(Enumerable.Repeat("[", 10_000)), "{\"a\":" + string.Concat(Enumerable.Repeat("{\"a\":", 200)) + "1" + new string('}', 201))),
        (1, Gen.String[0, 30]));

    [DatabaseFact]
    public async Task GeneratedBodies_AreAnsweredWithoutA500_AndRefusedOnesWriteNothing()
    {
        var key = await DeployAsync();
        using (var first = await _clerk.PostAsJsonAsync("/api/v1/instances", new { processKey = key }))
            await first.IsAsync(HttpStatusCode.Created);
        var task = (await _clerk.GetFromJsonAsync<JsonElement>($"/api/v1/inbox/todo?processKey={key}")).GetProperty("items")[0].GetProperty("id").GetInt64();
        var endpoints = new (SignedIn? Caller, string Path)[]
        {
            (_clerk, "/api/v1/instances"), (_clerk, $"/api/v1/tasks/{task}/complete"), (_clerk, $"/api/v1/tasks/{task}/send-back"),
            (_clerk, $"/api/v1/tasks/{task}/transfer"), (_clerk, $"/api/v1/tasks/{task}/copies"), (null, "/api/v1/messages"),
            (null, "/api/v1/signals"), (null, "/api/v1/organisation/users"), (null, "/api/v1/deployments"),
        };
        var cases = int.TryParse(Environment.GetEnvironmentVariable("G2G_FUZZ_CASES"), out var configured) && configured > 0 ? configured / 100 : 300;
        var statuses = new Dictionary<int, int>();
        await Gen.Select(Gen.Int[0, endpoints.Length - 1], Body).SampleAsync(async c =>
        {
            var (caller, path) = endpoints[c.Item1];
            var before = await InstancesAsync(key);
            using var content = new StringContent(c.Item2, Encoding.UTF8, "application/json");
            using var response = caller is null
                ? await _host.Client.PostAsync(new Uri(path, UriKind.Relative), content)
                : await caller.PostAsync(path, content);
            var status = (int)response.StatusCode;
            lock (statuses) statuses[status] = statuses.GetValueOrDefault(status) + 1;
            if (status >= 500)
                throw new InvalidOperationException($"{path} answered {status}: {await response.Content.ReadAsStringAsync()}");
            if (status >= 400)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("code").GetString()));
                Assert.Equal(before, await InstancesAsync(key));
            }
        }, iter: cases, threads: 1, seed: Environment.GetEnvironmentVariable("G2G_FUZZ_SEED"), print: c => $"{endpoints[c.Item1].Path} {c.Item2}");
        output.WriteLine($"JSON bodies: {cases:N0} requests; statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))}");
    }
}

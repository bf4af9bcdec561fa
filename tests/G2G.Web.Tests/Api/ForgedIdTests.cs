using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using G2G.Documents;
using G2G.Documents.Persistence;
using G2G.Documents.Records;
using G2G.Documents.Storage;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>
/// Every office (src/G2G.Office) and documents (src/G2G.Documents) endpoint, and 撤销 of an instance, with an id in its path or body, walked with forged
/// ids: another agency's item, an id that does not exist, the id of another kind of thing (a task's, an instance's), and ids
/// that are not ids (negative, beyond a long, text). Each answer is a refusal as problem+json with a stable code: 404 as for
/// what the caller may not see, or 400/422 for a field; never a 500, never the other agency's data, and nothing changed.
/// </summary>
public abstract class ForgedIdTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private static readonly HttpStatusCode[] Refusals = [HttpStatusCode.NotFound, HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity];

    /// <summary>
    /// One call: who makes it (someone whose role allows the call, so the id is what is refused), the method, the path with
    /// <c>{id}</c> where the forged id goes, the body (<c>{id}</c> in it too), and for a name the kind it must be.
    /// </summary>
    private sealed record Call(string Caller, string Method, string Path, string? Body = null, string? ContentType = null, string Kind = "")
    {
        public override string ToString() => $"{Caller} {Method} {Path} {Body}";
    }

    [DatabaseFact]
    public async Task EveryEndpointWithAnId_RefusesForgedIds_With404Or4xxProblem_LeakingAndChangingNothing()
    {
        var (instance, task) = await world.StartAsync(FinClerk);
        var (document, secret) = await FinanceDocumentAsync();
        string[] numeric = ["999999999", "-1", "0", task.ToString(CultureInfo.InvariantCulture), instance.ToString(CultureInfo.InvariantCulture)];
        string[] notIds = ["99999999999999999999", "x1"];
        // Names of another kind than the call wants (an agency's, a department's, a person's), of nothing, and blank.
        Dictionary<string, string> kinds = new() { ["agency"] = "gd-fin", ["department"] = "gd-fin-budget", ["user"] = FinClerk };
        string[] Names(Call call) => [.. kinds.Where(k => k.Key != call.Kind).Select(k => k.Value), "gd-nowhere", "%20"];
        var year = DateTime.UtcNow.Year.ToString(CultureInfo.InvariantCulture);
        const string Csv = "text/csv";

        // Ids that name a numbered item: the documents of another agency (what an outsider must not see), and forged numbers.
        Call[] byNumber =
        [
            new(EduClerk, "GET", "/api/v1/documents/{id}"),
            new(EduClerk, "GET", "/api/v1/documents/{id}/body"),
            new(EduClerk, "GET", "/api/v1/documents/{id}/pdf"),
            new(EduClerk, "GET", "/api/v1/documents/{id}/attachments/1"),
            new(EduClerk, "POST", "/api/v1/documents/{id}/attachments?name=a.csv", "a,b\n1,2\n", Csv),
            new(EduClerk, "GET", "/api/v1/documents/archive/{id}"),
            new(EduClerk, "GET", "/api/v1/office/records/requests/{id}"),
            new(EduClerk, "POST", "/api/v1/office/records/requests/{id}/open"),
            new(EduClerk, "GET", "/api/v1/office/records/requests/{id}/accesses"),
            new(Admin, "POST", "/api/v1/office/records/requests/{id}/revoke", """{"reason":"伪造"}"""),
            new(EduClerk, "GET", "/api/v1/office/regulations/{id}"),
            new(Admin, "POST", "/api/v1/office/regulations/{id}/repeal", """{"repealedOn":"2027-01-01"}"""),
            new(Admin, "GET", "/api/v1/office/budget/lines/{id}"),
            new(Admin, "PUT", "/api/v1/office/budget/lines/{id}", """{"name":"伪造","amountFen":100}"""),
            new(Admin, "DELETE", "/api/v1/office/budget/lines/{id}"),
            new(Admin, "PATCH", "/api/v1/office/vehicles/{id}", """{"model":"伪造"}"""),
            new(Admin, "PATCH", "/api/v1/office/vehicles/drivers/{id}", """{"name":"伪造"}"""),
            new(Admin, "PATCH", "/api/v1/office/supplies/items/{id}", """{"name":"伪造"}"""),
            new(Admin, "POST", "/api/v1/office/supplies/items/{id}/restock", """{"quantity":5}"""),
            new(EduClerk, "POST", "/api/v1/office/travel/requests/{id}/cancel"),
            new(Admin, "PATCH", "/api/v1/office/meetings/rooms/{id}", """{"name":"伪造"}"""),
            new(Admin, "PATCH", "/api/v1/office/training/courses/{id}", """{"title":"伪造"}"""),
            new(Admin, "GET", "/api/v1/office/training/courses/{id}/registrations"),
            new(EduClerk, "POST", "/api/v1/office/training/registrations/{id}/cancel"),
            new(EduClerk, "POST", "/api/v1/instances/{id}/revoke", """{"reason":"伪造"}"""),
        ];
        // Ids that name an agency, a department or a person: another agency's, or none, or of the wrong kind.
        Call[] byName =
        [
            new(EduClerk, "GET", "/api/v1/office/leave/balances/{id}"),
            new(Admin, "GET", "/api/v1/office/leave/balances/{id}", Kind: "user"),
            new(Admin, "GET", "/api/v1/office/appraisals/agencies/{id}/" + year, Kind: "agency"),
            new(Admin, "PUT", "/api/v1/office/leave/balances/{id}/" + year + "/annual", """{"days":30}""", Kind: "user"),
            new(Admin, "POST", "/api/v1/documents/seals/{id}/rotate", Kind: "agency"),
            new(Admin, "POST", "/api/v1/office/budget/lines", """{"departmentId":"{id}","year":2027,"code":"F-1","name":"伪造","amountFen":100}""", Kind: "department"),
            new(Admin, "POST", "/api/v1/office/vehicles", """{"agencyId":"{id}","plate":"粤A·F0001","model":"伪造","seats":5}""", Kind: "agency"),
            new(Admin, "POST", "/api/v1/office/vehicles/drivers", """{"agencyId":"{id}","code":"F-1","name":"伪造","phone":"13800000000"}""", Kind: "agency"),
            new(Admin, "POST", "/api/v1/office/meetings/rooms", """{"agencyId":"{id}","code":"F-1","name":"伪造","capacity":10}""", Kind: "agency"),
            new(Admin, "POST", "/api/v1/office/training/courses", """{"agencyId":"{id}","code":"F-1","title":"伪造","startsOn":"2027-03-01","capacity":3}""", Kind: "agency"),
        ];

        var before = await SnapshotAsync();
        var wrong = new List<string>();
        var cases = byNumber.SelectMany(call => numeric.Concat(notIds).Append(document.ToString(CultureInfo.InvariantCulture)).Select(id => (call, id)))
            .Concat(byName.SelectMany(call => Names(call).Select(id => (call, id))))
            .ToList();
        foreach (var (call, id) in cases)
        {
            var client = (await world.SessionAsync(call.Caller)).Client;
            using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Path.Replace("{id}", id, StringComparison.Ordinal));
            if (call.Body is { } body)
                request.Content = new StringContent(body.Replace("{id}", id, StringComparison.Ordinal), Encoding.UTF8, call.ContentType ?? "application/json");
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!Refusals.Contains(response.StatusCode)
                || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                || JsonSerializer.Deserialize<JsonElement>(text).TryGetProperty("code", out var code) is false || code.GetString() is not { Length: > 0 }
                || text.Contains(secret, StringComparison.Ordinal))
                wrong.Add($"{call} with {id}: {(int)response.StatusCode} {text}");
        }

        Assert.True(cases.Count > 150, $"only {cases.Count} cases");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cases.Count} forged calls answered wrongly:\n" + string.Join("\n", wrong));
        Assert.Equal(before, await SnapshotAsync());
        var started = await (await world.SessionAsync(FinClerk)).Client.GetStringAsync(new Uri($"/api/v1/instances/{instance}", UriKind.Relative));
        Assert.Equal("running", JsonSerializer.Deserialize<JsonElement>(started).GetProperty("status").GetString()); // 撤销 by an outsider changed nothing
    }

    /// <summary>A draft of 示范 finance (gd-fin) with a title no one else may read.</summary>
    private async Task<(long Id, string Secret)> FinanceDocumentAsync()
    {
        var secret = $"机密标题{Guid.NewGuid():N}";
        await using var scope = world.Factory.Services.CreateAsyncScope();
        var files = scope.ServiceProvider.GetRequiredService<FileStore>();
        var documents = scope.ServiceProvider.GetRequiredService<DocumentsDbContext>();
        var document = new DocumentRecord
        {
            Type = "通知", Title = secret, IssuingAgencyId = "gd-fin", Drafter = FinClerk, Urgency = Urgencies.Normal,
            BodySha256 = files.Put(Encoding.UTF8.GetBytes(secret)), State = DocumentStates.Draft, CreatedAt = DateTimeOffset.UtcNow,
        };
        documents.Add(document);
        await documents.SaveChangesAsync();
        return (document.Id, secret);
    }

    /// <summary>What the forged calls must leave as it was: the lists the administrator and the finance clerk read.</summary>
    private async Task<string> SnapshotAsync()
    {
        var admin = (await world.SessionAsync(Admin)).Client;
        var clerk = (await world.SessionAsync(FinClerk)).Client;
        var text = new StringBuilder();
        foreach (var path in new[]
                 {
                     "/api/v1/office/budget/lines", "/api/v1/office/vehicles/", "/api/v1/office/vehicles/drivers", "/api/v1/office/supplies/items",
                     "/api/v1/office/meetings/rooms", "/api/v1/office/training/courses", "/api/v1/documents/seals", "/api/v1/office/leave/balances",
                 })
            text.Append(path).Append(' ').AppendLine(await admin.GetStringAsync(new Uri(path, UriKind.Relative)));
        text.AppendLine(await clerk.GetStringAsync(new Uri("/api/v1/documents", UriKind.Relative)));
        return text.ToString();
    }
}

public sealed class SqliteForgedIdTests(SecurityWorld<SqliteTestDatabase> world) : ForgedIdTests<SqliteTestDatabase>(world);

public sealed class PostgresForgedIdTests(SecurityWorld<PostgresTestDatabase> world) : ForgedIdTests<PostgresTestDatabase>(world);

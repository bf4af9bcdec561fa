using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>
/// /api/v1/calendar through the real host: a deadline reaching a year without a schedule never fails the step before
/// it; administrators load years and set agencies' overrides, others are refused; bad files change nothing.
/// </summary>
public abstract class CalendarApiTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private static readonly DateTimeOffset December21 = new(2026, 12, 21, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A test schedule (the official 2027 one is not announced).</summary>
    private const string Fixture2027 = """
        { "year": 2027, "papers": ["test fixture"], "days": [ { "name": "元旦", "date": "2027-01-01", "isOffDay": true } ] }
        """;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static string Process(string key) => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
          <bpmn:process id="{key}" isExecutable="true">
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="apply" />
            <bpmn:userTask id="apply" g2g:assignee="initiator()" />
            <bpmn:sequenceFlow id="f2" sourceRef="apply" targetRef="review" />
            <bpmn:userTask id="review" g2g:assignee="user('{FinChief}')" g2g:due="30wd" />
            <bpmn:sequenceFlow id="f3" sourceRef="review" targetRef="e" /><bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [DatabaseFact]
    public async Task ADeadlineReachingAnUnloadedYear_IsProvisional_UntilAnAdministratorLoadsTheYear()
    {
        var before = world.Clock.GetUtcNow();
        world.Clock.Set(December21);
        try
        {
            // Sessions of their own: the class's sessions began at the world's time and would have expired by now.
            using var admin = await SignedIn.SignInAsync(world.Factory, Admin, Password);
            using var clerk = await SignedIn.SignInAsync(world.Factory, FinClerk, Password);
            await WorkAcrossTheYearEndAsync(admin, clerk);
        }
        finally
        {
            world.Clock.Set(before);
        }
    }

    private static async Task WorkAcrossTheYearEndAsync(SignedIn admin, SignedIn clerk)
    {
        var key = $"deadline{Guid.NewGuid():N}"[..20];
        using (var deployed = await admin.PostAsync($"/api/v1/definitions?name={key}.bpmn", new StringContent(Process(key), Encoding.UTF8, "application/xml")))
            await deployed.IsAsync(HttpStatusCode.OK);
        using var started = await clerk.PostAsJsonAsync("/api/v1/instances", new { processKey = key, title = "年底申请" });
        var instance = (await started.IsAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var apply = (await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{instance}/tasks")).GetProperty("items")[0].GetProperty("id").GetInt64();

        using (var completed = await clerk.PostAsJsonAsync($"/api/v1/tasks/{apply}/complete", new { }))
            await completed.IsAsync(HttpStatusCode.NoContent); // was 422 "no holiday data for 2027"

        var review = await OpenReviewAsync(admin, instance);
        Assert.True(review.GetProperty("dueProvisional").GetBoolean());
        var warnings = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/calendar/warnings");
        var warning = Assert.Single(warnings.EnumerateArray(), w => w.GetProperty("year").GetInt32() == 2027);
        Assert.Equal("calendar.next-year-missing", warning.GetProperty("code").GetString());

        using (var refused = await clerk.Client.PutAsync("/api/v1/calendar/years/2027", Json(Fixture2027)))
            await refused.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var loaded = await admin.Client.PutAsync("/api/v1/calendar/years/2027", Json(Fixture2027)))
        {
            var result = await loaded.IsAsync(HttpStatusCode.OK);
            Assert.Equal(("created", 1), (result.GetProperty("outcome").GetString(), result.GetProperty("deadlinesRecounted").GetInt32()));
        }

        Assert.False((await OpenReviewAsync(admin, instance)).GetProperty("dueProvisional").GetBoolean());
        var years = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/calendar/years");
        Assert.Equal([(2023, "built-in"), (2024, "built-in"), (2025, "built-in"), (2026, "built-in"), (2027, "api")],
            years.EnumerateArray().Select(y => (y.GetProperty("year").GetInt32(), y.GetProperty("source").GetString())));
        Assert.Empty((await clerk.GetFromJsonAsync<JsonElement>("/api/v1/calendar/warnings")).EnumerateArray());
    }

    private static async Task<JsonElement> OpenReviewAsync(SignedIn admin, long instance) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{instance}/tasks")).GetProperty("items").EnumerateArray()
            .Single(t => t.GetProperty("elementId").GetString() == "review");

    [DatabaseFact]
    public async Task BadYearFiles_AreRefusedWithTheReason_AndChangeNothing()
    {
        var admin = await world.SessionAsync(Admin);
        using (var mismatch = await admin.Client.PutAsync("/api/v1/calendar/years/2031", Json(Fixture2027)))
            await mismatch.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
        using (var empty = await admin.Client.PutAsync("/api/v1/calendar/years/2031", Json("""{ "year": 2031, "days": [] }""")))
            Assert.Contains("has not been published", (await empty.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        using (var bad = await admin.Client.PutAsync("/api/v1/calendar/years/2031", Json("""{ "year": 2031, "days": [ { "name": "x", "date": "2031-02-30", "isOffDay": true } ] }""")))
            Assert.Contains("days[0].date", (await bad.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid")).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var years = await admin.GetFromJsonAsync<JsonElement>("/api/v1/calendar/years");
        Assert.DoesNotContain(years.EnumerateArray(), y => y.GetProperty("year").GetInt32() == 2031);
    }

    [DatabaseFact]
    public async Task AgencyOverrides_AreSetListedAndRemoved_ByAnAdministratorOnly()
    {
        var admin = await world.SessionAsync(Admin);
        var clerk = await world.SessionAsync(FinClerk);
        const string Path = "/api/v1/calendar/overrides/gd-fin/2026-12-28";

        using (var refused = await clerk.PutAsJsonAsync(Path, new { isWorkingDay = false, reason = "停电" }))
            await refused.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var set = await admin.PutAsJsonAsync(Path, new { isWorkingDay = false, reason = "停电检修" }))
            Assert.False((await set.IsAsync(HttpStatusCode.OK)).GetProperty("isWorkingDay").GetBoolean());
        using (var badDate = await admin.PutAsJsonAsync("/api/v1/calendar/overrides/gd-fin/28-12-2026", new { isWorkingDay = false }))
            await badDate.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
        using (var noFlag = await admin.PutAsJsonAsync(Path, new { reason = "?" }))
            await noFlag.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
        using (var unknown = await admin.PutAsJsonAsync("/api/v1/calendar/overrides/nowhere/2026-12-28", new { isWorkingDay = true }))
            await unknown.IsProblemAsync(HttpStatusCode.NotFound, "not-found");

        var listed = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/calendar/overrides?agencyId=gd-fin");
        var entry = Assert.Single(listed.EnumerateArray());
        Assert.Equal(("2026-12-28", "停电检修", Admin), (entry.GetProperty("date").GetString(), entry.GetProperty("reason").GetString(), entry.GetProperty("createdBy").GetString()));

        using (var removed = await admin.DeleteAsync(Path))
            await removed.IsAsync(HttpStatusCode.NoContent);
        using (var again = await admin.DeleteAsync(Path))
            await again.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Empty((await clerk.GetFromJsonAsync<JsonElement>("/api/v1/calendar/overrides?agencyId=gd-fin")).EnumerateArray());
    }
}

public sealed class SqliteCalendarApiTests(SecurityWorld<SqliteTestDatabase> world) : CalendarApiTests<SqliteTestDatabase>(world);

public sealed class PostgresCalendarApiTests(SecurityWorld<PostgresTestDatabase> world) : CalendarApiTests<PostgresTestDatabase>(world);

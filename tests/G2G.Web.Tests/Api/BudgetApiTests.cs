using System.Net;
using System.Text;
using System.Text.Json;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Web.Tests.Api;

/// <summary>
/// /api/v1/office/budget over real sessions: administrators keep the lines (audited), everyone reads their agency's
/// lines and execution report as JSON or CSV, other agencies are not found, refusals are problem+json.
/// </summary>
public abstract class BudgetApiTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private const string Lines = "/api/v1/office/budget/lines";
    private const string Admin = SecurityWorld<TDatabase>.Admin, FinClerk = SecurityWorld<TDatabase>.FinClerk;

    [DatabaseFact]
    public async Task AnAdministrator_KeepsLines_AndTheClerkReadsTheirAgencysReport_AsJsonAndCsv()
    {
        var admin = await world.SessionAsync(Admin);
        using var department = await admin.PostAsJsonAsync("/api/v1/organisation/departments",
            new { id = "gd-fin-eq", agencyId = "gd-fin", name = "=1+2" });
        await department.IsAsync(HttpStatusCode.Created);
        using var created = await admin.PostAsJsonAsync(Lines,
            new { departmentId = "gd-fin-eq", year = 2030, code = "302-01", name = "办公费", amountFen = 12_345_600L });
        var line = await created.IsAsync(HttpStatusCode.Created);
        var id = line.GetProperty("id").GetInt64();
        Assert.Equal($"{Lines}/{id}", created.Headers.Location?.ToString());
        using var changed = await admin.PutAsJsonAsync($"{Lines}/{id}", new { name = "办公费（调整）", amountFen = 20_000_000L });
        Assert.Equal(20_000_000L, (await changed.IsAsync(HttpStatusCode.OK)).GetProperty("availableFen").GetInt64());

        var clerk = await world.SessionAsync(FinClerk);
        var lines = await clerk.GetFromJsonAsync<JsonElement>($"{Lines}?year=2030");
        Assert.Equal(["302-01"], lines.EnumerateArray().Select(l => l.GetProperty("code").GetString()));
        var report = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/office/budget/execution?year=2030");
        Assert.Equal(("gd-fin-eq", 20_000_000L), (report[0].GetProperty("departmentId").GetString(),
            report[0].GetProperty("budgetFen").GetInt64()));
        using var csv = await clerk.GetAsync("/api/v1/office/budget/execution?year=2030&format=csv");
        Assert.Equal((HttpStatusCode.OK, "text/csv"), (csv.StatusCode, csv.Content.Headers.ContentType?.MediaType));
        var rows = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal("gd-fin,gd-fin-eq,\"'=1+2\",1,200000.00,0.00,0.00,200000.00,0", rows[1]);

        using (var deleted = await admin.DeleteAsync($"{Lines}/{id}"))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await using var db = world.Database.CreateContext();
        Assert.Equal(3, await db.Set<AuditRecord>().CountAsync(a => a.Action.StartsWith("budget.line-") && a.Outcome == "302-01"));
    }

    [DatabaseFact]
    public async Task AClerk_CannotChangeLines_NorReadAnotherAgency_AndBadRequestsAreProblems()
    {
        var admin = await world.SessionAsync(Admin);
        var clerk = await world.SessionAsync(FinClerk);
        using (var create = await clerk.PostAsJsonAsync(Lines,
                   new { departmentId = "gd-fin-budget", year = 2031, code = "x", name = "x", amountFen = 1L }))
            await create.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var other = await clerk.GetAsync("/api/v1/office/budget/execution?agencyId=gd-edu"))
            await other.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        using (var format = await clerk.GetAsync("/api/v1/office/budget/execution?format=pdf"))
            await format.IsProblemAsync(HttpStatusCode.BadRequest, "validation");

        using (var missing = await admin.PostAsJsonAsync(Lines, new { departmentId = "gd-fin-budget", year = 2031, code = "x" }))
            Assert.True((await missing.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("name", out _));
        var body = new { departmentId = "gd-fin-budget", year = 2031, code = "302-02", name = "印刷费", amountFen = 100L };
        using (var first = await admin.PostAsJsonAsync(Lines, body))
            await first.IsAsync(HttpStatusCode.Created);
        using (var twice = await admin.PostAsJsonAsync(Lines, body))
            await twice.IsProblemAsync(HttpStatusCode.Conflict, "conflict");
        using (var negative = await admin.PostAsJsonAsync(Lines, body with { code = "302-03", amountFen = -1L }))
            await negative.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid");
        using (var unknown = await admin.PutAsJsonAsync($"{Lines}/999999", new { name = "x", amountFen = 1L }))
            await unknown.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}

public sealed class SqliteBudgetApiTests(SecurityWorld<SqliteTestDatabase> world) : BudgetApiTests<SqliteTestDatabase>(world);

public sealed class PostgresBudgetApiTests(SecurityWorld<PostgresTestDatabase> world) : BudgetApiTests<PostgresTestDatabase>(world);

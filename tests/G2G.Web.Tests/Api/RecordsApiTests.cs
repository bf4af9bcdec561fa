using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using G2G.Office.Persistence;
using G2G.Office.Records;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>
/// /api/v1/office/records through the real host: a grant of 财政厅's clerk is seen by 财政厅 only; only the clerk opens
/// the file, and each attempt is logged; only an administrator revokes, after which opening is refused.
/// </summary>
public abstract class RecordsApiTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private const string Requests = "/api/v1/office/records/requests";

    [DatabaseFact]
    public async Task OnlyTheRequesterOpens_OtherAgenciesDoNotSeeIt_AndOnlyAnAdministratorRevokes()
    {
        var id = await GrantedRequestAsync();
        var (clerk, chief, edu, admin) = (await world.SessionAsync(FinClerk), await world.SessionAsync(FinChief),
            await world.SessionAsync(EduClerk), await world.SessionAsync(Admin));

        using (var opened = await clerk.PostAsync($"{Requests}/{id}/open"))
            Assert.True((await opened.IsAsync(HttpStatusCode.OK)).GetProperty("allowed").GetBoolean());
        using (var colleague = await chief.PostAsync($"{Requests}/{id}/open"))
            await colleague.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var hidden = await edu.GetAsync($"{Requests}/{id}"))
            await hidden.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.DoesNotContain(await edu.GetFromJsonAsync<JsonElement[]>(Requests) ?? [], r => r.GetProperty("id").GetInt64() == id);
        Assert.Contains(await chief.GetFromJsonAsync<JsonElement[]>(Requests) ?? [], r => r.GetProperty("id").GetInt64() == id);

        using (var notAdmin = await chief.PostAsJsonAsync($"{Requests}/{id}/revoke", new { reason = "不再需要" }))
            await notAdmin.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var noReason = await admin.PostAsJsonAsync($"{Requests}/{id}/revoke", new { reason = "" }))
            await noReason.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
        using (var revoked = await admin.PostAsJsonAsync($"{Requests}/{id}/revoke", new { reason = "案件已撤回" }))
            Assert.Equal("revoked", (await revoked.IsAsync(HttpStatusCode.OK)).GetProperty("state").GetString());
        using (var afterwards = await clerk.PostAsync($"{Requests}/{id}/open"))
            await afterwards.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");

        var log = await admin.GetFromJsonAsync<JsonElement[]>($"{Requests}/{id}/accesses");
        Assert.Equal([(FinClerk, true), (FinChief, false), (FinClerk, false)],
            log!.Select(a => (a.GetProperty("userId").GetString(), a.GetProperty("allowed").GetBoolean())));
    }

    /// <summary>A grant of the clerk's, around the host's today, on an instance of theirs (for the audit chain).</summary>
    private async Task<long> GrantedRequestAsync()
    {
        var (instance, _) = await world.StartAsync(FinClerk);
        var today = DateOnly.FromDateTime(world.Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        await using var scope = world.Factory.Services.CreateAsyncScope();
        var office = scope.ServiceProvider.GetRequiredService<OfficeDbContext>();
        var request = new RecordsRequestRecord
        {
            InstanceId = instance, RequestedBy = FinClerk, RequestingAgencyId = "gd-fin", HoldingAgencyId = "gd",
            CaseNumber = "（2026）粤刑终字第1号", Reason = "审查需要", AccessFrom = today.AddDays(-1), AccessUntil = today.AddDays(1),
            State = RecordsStates.Granted, CreatedAt = DateTimeOffset.UtcNow, GrantedAt = DateTimeOffset.UtcNow,
        };
        office.Add(request);
        await office.SaveChangesAsync();
        return request.Id;
    }
}

public sealed class SqliteRecordsApiTests(SecurityWorld<SqliteTestDatabase> world) : RecordsApiTests<SqliteTestDatabase>(world);

public sealed class PostgresRecordsApiTests(SecurityWorld<PostgresTestDatabase> world) : RecordsApiTests<PostgresTestDatabase>(world);

using System.Net;
using System.Text.Json;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>/api/v1/office/travel through the real host: administrators keep the destinations and standards (audited),
/// everyone reads them; people read their own travel requests.</summary>
public abstract class TravelApiTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    [DatabaseFact]
    public async Task Administrators_SetStandardsAndDestinations_Audited_OthersReadThem()
    {
        var admin = await world.SessionAsync(Admin);
        var clerk = await world.SessionAsync(FinClerk);
        var standard = new { accommodationFen = 45_000, allowanceFen = 18_000, maxSeat = 1 };

        using (var refused = await clerk.PutAsJsonAsync("/api/v1/office/travel/standards/2/staff", standard))
            await refused.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var seat = await admin.PutAsJsonAsync("/api/v1/office/travel/standards/2/staff", new { accommodationFen = 45_000, allowanceFen = 18_000, maxSeat = 4 }))
            Assert.True((await seat.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("maxSeat", out _));
        using (var missing = await admin.PutAsJsonAsync("/api/v1/office/travel/standards/2/staff", new { allowanceFen = 18_000, maxSeat = 1 }))
            Assert.True((await missing.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("accommodationFen", out _));
        using (var rank = await admin.PutAsJsonAsync("/api/v1/office/travel/standards/2/minister", standard))
            Assert.True((await rank.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("rank", out _));
        using (var saved = await admin.PutAsJsonAsync("/api/v1/office/travel/standards/2/staff", standard))
            Assert.Equal(45_000, (await saved.IsAsync(HttpStatusCode.OK)).GetProperty("accommodationFen").GetInt64());
        using (var city = await admin.PutAsJsonAsync("/api/v1/office/travel/cities/苏州", new { cityClass = 2, inProvince = false }))
            await city.IsAsync(HttpStatusCode.OK);
        using (var badClass = await admin.PutAsJsonAsync("/api/v1/office/travel/cities/苏州", new { cityClass = 4 }))
            await badClass.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
        using (var unknown = await admin.DeleteAsync("/api/v1/office/travel/cities/不存在市"))
            await unknown.IsProblemAsync(HttpStatusCode.NotFound, "not-found");

        var standards = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/office/travel/standards");
        var row = Assert.Single(standards.EnumerateArray(), s => s.GetProperty("cityClass").GetInt32() == 2 && s.GetProperty("rank").GetString() == "staff");
        Assert.Equal((45_000, 18_000, 1), (row.GetProperty("accommodationFen").GetInt64(), row.GetProperty("allowanceFen").GetInt64(), row.GetProperty("maxSeat").GetInt32()));
        var cities = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/office/travel/cities");
        Assert.Contains(cities.EnumerateArray(), c => c.GetProperty("name").GetString() == "苏州" && c.GetProperty("cityClass").GetInt32() == 2);
        await using var db = world.Database.CreateContext();
        Assert.True(await db.Set<AuditRecord>().AnyAsync(a => a.Action == "travel.standard-saved" && a.Actor == Admin && a.Outcome == "2/staff"));
        Assert.True(await db.Set<AuditRecord>().AnyAsync(a => a.Action == "travel.city-saved" && a.Outcome == "苏州"));
    }

    [DatabaseFact]
    public async Task People_ReadTheirOwnRequests_NotOthers_AndCancelOnlyAnApprovedTrip()
    {
        var clerk = await world.SessionAsync(FinClerk);

        var mine = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/office/travel/requests");
        Assert.Equal(JsonValueKind.Array, mine.ValueKind);
        using (var others = await clerk.GetAsync($"/api/v1/office/travel/requests?requester={FinChief}"))
            await others.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var none = await clerk.PostAsync("/api/v1/office/travel/requests/987654321/cancel"))
            await none.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}

public sealed class SqliteTravelApiTests(SecurityWorld<SqliteTestDatabase> world) : TravelApiTests<SqliteTestDatabase>(world);

public sealed class PostgresTravelApiTests(SecurityWorld<PostgresTestDatabase> world) : TravelApiTests<PostgresTestDatabase>(world);

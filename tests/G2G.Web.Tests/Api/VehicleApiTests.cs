using System.Net;
using System.Text.Json;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>
/// /api/v1/office/vehicles through the real host: administrators keep the motor pool, everyone reads it, bad values
/// and duplicates are refused as problems and change nothing.
/// </summary>
public abstract class VehicleApiTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    [DatabaseFact]
    public async Task Administrators_KeepTheMotorPool_OthersReadIt()
    {
        var admin = await world.SessionAsync(Admin);
        var clerk = await world.SessionAsync(FinClerk);
        var plate = $"粤A·{Random.Shared.Next(10_000, 99_999)}";
        var car = new { agencyId = "gd-fin", plate, model = "红旗 H5", seats = 4, odometerKm = 1200 };

        using (var refused = await clerk.PostAsJsonAsync("/api/v1/office/vehicles", car))
            await refused.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        long id;
        using (var added = await admin.PostAsJsonAsync("/api/v1/office/vehicles", car))
            id = (await added.IsAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        using (var duplicate = await admin.PostAsJsonAsync("/api/v1/office/vehicles", car))
            await duplicate.IsProblemAsync(HttpStatusCode.Conflict, "conflict");
        using (var backwards = await admin.PatchAsJsonAsync($"/api/v1/office/vehicles/{id}", new { odometerKm = 1000 }))
            await backwards.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid");
        using (var changed = await admin.PatchAsJsonAsync($"/api/v1/office/vehicles/{id}", new { seats = 6,
            odometerKm = 1500 }))
            Assert.Equal((6, 1500), Pair(await changed.IsAsync(HttpStatusCode.OK), "seats", "odometerKm"));

        var listed = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/office/vehicles?agencyId=gd-fin");
        var row = Assert.Single(listed.EnumerateArray(), v => v.GetProperty("plate").GetString() == plate);
        Assert.Equal((6, 1500), Pair(row, "seats", "odometerKm"));
    }

    [DatabaseFact]
    public async Task Drivers_NeedAKnownAgencyAndACodeUniqueInIt()
    {
        var admin = await world.SessionAsync(Admin);
        var code = $"D{Random.Shared.Next(1000, 9999)}";

        using (var unknown = await admin.PostAsJsonAsync("/api/v1/office/vehicles/drivers",
            new { agencyId = "nowhere", code, name = "周师傅" }))
            await unknown.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        using (var nameless = await admin.PostAsJsonAsync("/api/v1/office/vehicles/drivers",
            new { agencyId = "gd-fin", code }))
            await nameless.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid");
        using (var added = await admin.PostAsJsonAsync("/api/v1/office/vehicles/drivers", new { agencyId = "gd-fin",
            code, name = "周师傅" }))
            await added.IsAsync(HttpStatusCode.Created);
        using (var again = await admin.PostAsJsonAsync("/api/v1/office/vehicles/drivers", new { agencyId = "gd-fin",
            code, name = "吴师傅" }))
            await again.IsProblemAsync(HttpStatusCode.Conflict, "conflict");

        var drivers = await (await world.SessionAsync(FinClerk))
            .GetFromJsonAsync<JsonElement>("/api/v1/office/vehicles/drivers?agencyId=gd-fin");
        Assert.Equal("周师傅", drivers.EnumerateArray().Single(d => d.GetProperty("code").GetString() == code)
            .GetProperty("name").GetString());
        var trips = await admin.GetFromJsonAsync<JsonElement>("/api/v1/office/vehicles/trips?agencyId=gd-fin&from=2026-01-01");
        Assert.Equal(JsonValueKind.Array, trips.ValueKind);
    }

    private static (int, int) Pair(JsonElement e, string a, string b) => (e.GetProperty(a).GetInt32(),
        e.GetProperty(b).GetInt32());
}

public sealed class SqliteVehicleApiTests(SecurityWorld<SqliteTestDatabase> world) : VehicleApiTests<SqliteTestDatabase>(world);

public sealed class PostgresVehicleApiTests(SecurityWorld<PostgresTestDatabase> world) : VehicleApiTests<PostgresTestDatabase>(world);

using System.Net;
using System.Text.Json;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>/api/v1/office/supplies through the real host: administrators keep items and stock, everyone reads
/// them.</summary>
public abstract class SuppliesApiTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    [DatabaseFact]
    public async Task Administrators_AddAndRestockItems_OthersReadTheStock()
    {
        var admin = await world.SessionAsync(Admin);
        var clerk = await world.SessionAsync(FinClerk);
        var code = $"P{Random.Shared.Next(1000, 9999)}";
        var paper = new { agencyId = "gd-fin", code, name = "A4复印纸", unit = "包" };

        using (var refused = await clerk.PostAsJsonAsync("/api/v1/office/supplies/items", paper))
            await refused.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        long id;
        using (var added = await admin.PostAsJsonAsync("/api/v1/office/supplies/items", paper))
            id = (await added.IsAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        using (var duplicate = await admin.PostAsJsonAsync("/api/v1/office/supplies/items", paper))
            await duplicate.IsProblemAsync(HttpStatusCode.Conflict, "conflict");
        using (var unitless = await admin.PatchAsJsonAsync($"/api/v1/office/supplies/items/{id}", new { unit = "" }))
            await unitless.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid");
        using (var clerkRestock = await clerk.PostAsJsonAsync($"/api/v1/office/supplies/items/{id}/restock",
            new { quantity = 5 }))
            await clerkRestock.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var negative = await admin.PostAsJsonAsync($"/api/v1/office/supplies/items/{id}/restock",
            new { quantity = -5 }))
            await negative.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid");
        using (var missing = await admin.PostAsJsonAsync($"/api/v1/office/supplies/items/{id}/restock", new { }))
            await missing.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid");
        using (var unknown = await admin.PostAsJsonAsync("/api/v1/office/supplies/items/999999/restock",
            new { quantity = 5 }))
            await unknown.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        for (var i = 0; i < 2; i++)
        {
            using var restocked = await admin.PostAsJsonAsync($"/api/v1/office/supplies/items/{id}/restock",
                new { quantity = 30 });
            await restocked.IsAsync(HttpStatusCode.OK);
        }

        var items = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/office/supplies/items?agencyId=gd-fin");
        var row = Assert.Single(items.EnumerateArray(), i => i.GetProperty("code").GetString() == code);
        Assert.Equal((60, 0, 60, "包"), (row.GetProperty("inStock").GetInt32(), row.GetProperty("reserved").GetInt32(),
            row.GetProperty("available").GetInt32(), row.GetProperty("unit").GetString()));
    }
}

public sealed class SqliteSuppliesApiTests(SecurityWorld<SqliteTestDatabase> world) : SuppliesApiTests<SqliteTestDatabase>(world);

public sealed class PostgresSuppliesApiTests(SecurityWorld<PostgresTestDatabase> world) : SuppliesApiTests<PostgresTestDatabase>(world);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using G2G.Office.Persistence;
using G2G.Office.Regulations;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>/api/v1/office/regulations through the real host: anyone searches in Chinese; only administrators repeal.</summary>
public abstract class RegulationsApiTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private const string Rules = "/api/v1/office/regulations";

    [DatabaseFact]
    public async Task AnyoneSearchesTheLibrary_OnlyAnAdministratorRepeals()
    {
        var number = $"粤规〔2027〕{Random.Shared.Next(100000)}号";
        var id = await PublishedAsync(number);
        var (edu, clerk, admin) = (await world.SessionAsync(EduClerk), await world.SessionAsync(FinClerk), await world.SessionAsync(Admin));

        var found = await edu.GetFromJsonAsync<JsonElement[]>($"{Rules}?q={Uri.EscapeDataString("公务用车")}");
        Assert.Contains(found!, r => r.GetProperty("documentNumber").GetString() == number);
        var rule = await edu.GetFromJsonAsync<JsonElement>($"{Rules}/{id}");
        Assert.Contains("公务用车", rule.GetProperty("body").GetString(), StringComparison.Ordinal);
        using (var missing = await edu.GetAsync($"{Rules}/999999"))
            await missing.IsProblemAsync(HttpStatusCode.NotFound, "not-found");

        using (var refused = await clerk.PostAsJsonAsync($"{Rules}/{id}/repeal", new { repealedOn = "2030-01-01" }))
            await refused.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var noDate = await admin.PostAsJsonAsync($"{Rules}/{id}/repeal", new { }))
            await noDate.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
        using (var repealed = await admin.PostAsJsonAsync($"{Rules}/{id}/repeal", new { repealedOn = "2030-01-01" }))
            Assert.Equal("2030-01-01", (await repealed.IsAsync(HttpStatusCode.OK)).GetProperty("repealedOn").GetString());
        var in2031 = await edu.GetFromJsonAsync<JsonElement[]>($"{Rules}/effective?on=2031-01-01");
        Assert.DoesNotContain(in2031!, r => r.GetProperty("id").GetInt64() == id);
    }

    private async Task<long> PublishedAsync(string number)
    {
        var (instance, _) = await world.StartAsync(FinClerk);
        await using var scope = world.Factory.Services.CreateAsyncScope();
        var office = scope.ServiceProvider.GetRequiredService<OfficeDbContext>();
        var rule = new RegulationRecord
        {
            InstanceId = instance, AgencyId = "gd-fin", DocumentNumber = number, Title = "公务用车管理办法",
            Body = "第一条 为规范公务用车管理，制定本办法。", EffectiveOn = new DateOnly(2027, 1, 1),
            PublishedAt = DateTimeOffset.UtcNow, PublishedBy = FinClerk,
        };
        office.Add(rule);
        await office.SaveChangesAsync();
        return rule.Id;
    }
}

public sealed class SqliteRegulationsApiTests(SecurityWorld<SqliteTestDatabase> world) : RegulationsApiTests<SqliteTestDatabase>(world);

public sealed class PostgresRegulationsApiTests(SecurityWorld<PostgresTestDatabase> world) : RegulationsApiTests<PostgresTestDatabase>(world);

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace G2G.Web.Tests.Api;

/// <summary>
/// 督办 through the API with real sessions: only supervisors (their agency subtree) and administrators read the
/// reports, narrowing outside the scope is not found, 机密 work is invisible to a 秘密 supervisor everywhere, and
/// every list, count, rate and average matches the known data of <see cref="SupervisionWorld{TDatabase}"/>.
/// </summary>
public abstract class SupervisionApiTests<TDatabase>(SupervisionWorld<TDatabase> world) : IClassFixture<SupervisionWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private const string Supervisor = SecurityWorld<TDatabase>.Supervisor;
    private const string Admin = SecurityWorld<TDatabase>.Admin;

    [DatabaseFact]
    public async Task Reports_ForAClerk_AreForbidden_AndAudited()
    {
        var clerk = SecurityWorld<TDatabase>.FinClerk;
        var before = await world.World.AccessRefusalsAsync(clerk);

        foreach (var path in new[] { "overdue", "aging", $"performance?{Range()}", "overdue?format=csv" })
        {
            var (status, body) = await GetAsync(clerk, $"/api/v1/supervision/{path}");
            Assert.Equal((HttpStatusCode.Forbidden, "not-allowed"), (status, body.GetProperty("code").GetString()));
        }
        Assert.Equal(before + 4, await world.World.AccessRefusalsAsync(clerk));
    }

    [DatabaseFact]
    public async Task Overdue_ForTheSupervisor_IsTheirSubtree_MostOverdueFirst_WithoutWorkAboveTheirClearance()
    {
        var page = await OkAsync(Supervisor, "/api/v1/supervision/overdue");
        var admin = await OkAsync(Admin, "/api/v1/supervision/overdue");

        Assert.Equal(Ids("O2", "O5", "O1", "O4"), TaskIds(page));
        Assert.Equal(4, page.GetProperty("total").GetInt32());
        var first = page.GetProperty("items")[0];
        Assert.Equal(("gd-fin-budget", "UpTo30Days", 240.0), (first.GetProperty("departmentId").GetString(), first.GetProperty("bucket").GetString(), first.GetProperty("overdueHours").GetDouble()));
        Assert.Equal("gd-fin-treasury", page.GetProperty("items")[1].GetProperty("departmentId").GetString());
        Assert.Equal(Ids("O3", "O2", "O5", "O1", "O6", "O4"), TaskIds(admin));
    }

    [DatabaseFact]
    public async Task Overdue_IsPaged_WithTheTotal()
    {
        var second = await OkAsync(Supervisor, "/api/v1/supervision/overdue?page=2&pageSize=3");
        var capped = await OkAsync(Supervisor, "/api/v1/supervision/overdue?pageSize=1000");

        Assert.Equal(Ids("O4"), TaskIds(second));
        Assert.Equal((2, 3, 4), (second.GetProperty("pageNumber").GetInt32(), second.GetProperty("pageSize").GetInt32(), second.GetProperty("total").GetInt32()));
        Assert.Equal(200, capped.GetProperty("pageSize").GetInt32());
    }

    [DatabaseFact]
    public async Task Narrowing_ByAgencySubtreeDepartmentAndProcedure_StaysInTheScope()
    {
        Assert.Equal(Ids("O4"), TaskIds(await OkAsync(Supervisor, "/api/v1/supervision/overdue?agency=gd-edu")));
        Assert.Empty(TaskIds(await OkAsync(Supervisor, "/api/v1/supervision/overdue?agency=gd")));
        Assert.Equal(Ids("O2", "O5", "O1", "O4"), TaskIds(await OkAsync(Supervisor, "/api/v1/supervision/overdue?agency=gd&subtree=true")));
        Assert.Equal(Ids("O2", "O1"), TaskIds(await OkAsync(Supervisor, "/api/v1/supervision/overdue?department=gd-fin-budget")));
        Assert.Equal(Ids("O4"), TaskIds(await OkAsync(Supervisor, $"/api/v1/supervision/overdue?processKey={SupervisionWorld<TDatabase>.Enrolment}")));
        Assert.Equal(Ids("O6"), TaskIds(await OkAsync(Admin, "/api/v1/supervision/overdue?agency=sh")));
    }

    [DatabaseFact]
    public async Task Narrowing_OutsideTheScope_IsNotFound_AndAudited()
    {
        var before = await world.World.AccessRefusalsAsync(Supervisor);

        foreach (var path in new[] { "overdue?agency=sh", "aging?agency=gd-fin&agency=sh", "overdue?department=nowhere", $"performance?{Range()}&agency=sh" })
        {
            var (status, body) = await GetAsync(Supervisor, $"/api/v1/supervision/{path}");
            Assert.Equal((HttpStatusCode.NotFound, "not-found"), (status, body.GetProperty("code").GetString()));
        }
        Assert.Equal(before + 4, await world.World.AccessRefusalsAsync(Supervisor));
    }

    [DatabaseFact]
    public async Task Aging_CountsEachBucket_InTheScopeAndClearance()
    {
        Assert.Equal("1 1 1 1 0", Buckets(await OkAsync(Supervisor, "/api/v1/supervision/aging")));
        Assert.Equal("1 2 1 1 1", Buckets(await OkAsync(Admin, "/api/v1/supervision/aging")));
        Assert.Equal("0 1 0 1 0", Buckets(await OkAsync(Supervisor, "/api/v1/supervision/aging?department=gd-fin-budget")));
        Assert.Equal("0 1 1 1 0", Buckets(await OkAsync(Supervisor, "/api/v1/supervision/aging?dueSoonHours=0")));
    }

    [DatabaseFact]
    public async Task Performance_PerDepartment_HasOnTimeRateAndAverageHandlingTime()
    {
        var rows = await OkAsync(Supervisor, $"/api/v1/supervision/performance?{Range()}&by=Department");

        // key: completed / on time / rate / average hours / open overdue
        Assert.Equal(["-: 1/0/0/48/0", "gd-fin-budget: 2/1/0.5/60/2", "gd-fin-treasury: 1/1/1/24/1"], Rows(rows));
        Assert.Equal([null, "预算处 · 广东省财政厅", "国库处 · 广东省财政厅"], rows.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
    }

    [DatabaseFact]
    public async Task Performance_PerAgencyProcedureAndStep_LeavesOutWorkAboveTheClearance()
    {
        var byAgency = await OkAsync(Supervisor, $"/api/v1/supervision/performance?{Range()}&by=Agency");
        var byAgencyForAdmin = await OkAsync(Admin, $"/api/v1/supervision/performance?{Range()}&by=Agency");
        var byProcedure = await OkAsync(Supervisor, $"/api/v1/supervision/performance?{Range()}");
        var byStep = await OkAsync(Supervisor, $"/api/v1/supervision/performance?{Range()}&by=Step");

        Assert.Equal(["gd-edu: 1/0/0/48/0", "gd-fin: 3/2/0.6667/48/3"], Rows(byAgency));
        Assert.Equal(["广东省教育厅", "广东省财政厅"], byAgency.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(["gd-edu: 1/0/0/48/0", "gd-fin: 4/3/0.75/36.5/4", "sh: 0/0/0/0/1"], Rows(byAgencyForAdmin));
        Assert.Equal(["p-budget: 3/2/0.6667/48/3", "p-enrol: 1/0/0/48/0"], Rows(byProcedure));
        Assert.Equal(["p-budget/复核: 1/1/1/24/1", "p-budget/审核: 2/1/0.5/60/2", "p-enrol/受理: 1/0/0/48/0"], Rows(byStep));
    }

    [DatabaseFact]
    public async Task Performance_WithoutAForwardRangeOfAtMost366Days_IsRefusedWithFieldErrors()
    {
        var now = world.Now;
        var cases = new (string Query, string Field)[]
        {
            ($"from={Instant(now)}&to={Instant(now)}", "to"),
            ($"from={Instant(now.AddDays(-400))}&to={Instant(now)}", "to"),
            ($"to={Instant(now)}", "from"),
            ($"{Range()}&format=pdf", "format"),
        };
        foreach (var (query, field) in cases)
        {
            var (status, body) = await GetAsync(Supervisor, $"/api/v1/supervision/performance?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"{query}: {body}");
        }
    }

    [DatabaseFact]
    public async Task Exports_HoldTheRowsOfTheJson_InCsvAndXlsx_WithDatedFileNames()
    {
        var client = (await world.World.SessionAsync(Supervisor)).Client;
        using var csv = await client.GetAsync(new Uri("/api/v1/supervision/overdue?format=csv", UriKind.Relative));
        using var xlsx = await client.GetAsync(new Uri($"/api/v1/supervision/performance?{Range()}&by=Department&format=xlsx", UriKind.Relative));
        var adminCsv = await (await world.World.SessionAsync(Admin)).Client.GetStringAsync(new Uri("/api/v1/supervision/overdue?format=csv", UriKind.Relative));

        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"overdue-{Day(world.Now)}.csv", csv.Content.Headers.ContentDisposition?.FileName);
        Assert.StartsWith("任务 taskId,实例 instanceId,标题 title,环节 step,流程 processKey,机关 agencyId,部门 departmentId,承办人 assignee", lines[0], StringComparison.Ordinal);
        Assert.Equal(Ids("O2", "O5", "O1", "O4"), lines.Skip(1).Select(l => long.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)));
        Assert.DoesNotContain(SupervisionWorld<TDatabase>.HighlySecretTitle, string.Join('\n', lines), StringComparison.Ordinal);
        Assert.Contains(SupervisionWorld<TDatabase>.HighlySecretTitle, adminCsv, StringComparison.Ordinal);

        Assert.Equal($"performance-department-{Day(world.Now.AddDays(-30))}-to-{Day(world.Now.AddDays(1))}.xlsx", xlsx.Content.Headers.ContentDisposition?.FileName);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync()), false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(4, sheet.Count);
        Assert.Equal("部门 key", sheet[0][0]);
        Assert.Equal(["gd-fin-budget", "预算处 · 广东省财政厅", "2", "1", "0.5", "60", "2"], sheet[2]);
    }

    [DatabaseFact]
    public async Task Export_LargerThanTheCap_IsRefused_NotCut()
    {
        await using var capped = world.World.Factory.WithWebHostBuilder(host => host.ConfigureAppConfiguration((_, configuration) =>
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Runtime:Supervision:MaxExportRows"] = "3" })));
        using var session = await SignedIn.SignInAsync(capped, Supervisor, SecurityWorld<TDatabase>.Password);

        using var refused = await session.GetAsync("/api/v1/supervision/overdue?format=csv");
        using var fits = await session.GetAsync("/api/v1/supervision/overdue?format=csv&agency=gd-edu");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("最多只能导出 3 行", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(string user, string path)
    {
        using var response = await (await world.World.SessionAsync(user)).GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<JsonElement> OkAsync(string user, string path)
    {
        var (status, body) = await GetAsync(user, path);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {status} {body}");
        return body;
    }

    private List<long> Ids(params string[] names) => [.. names.Select(n => world.Open[n])];

    private static List<long> TaskIds(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("taskId").GetInt64())];

    private static string Buckets(JsonElement aging) =>
        string.Join(' ', new[] { "DueSoon", "UpTo3Days", "UpTo7Days", "UpTo30Days", "Over30Days" }.Select(b => aging.GetProperty(b).GetInt32()));

    private static List<string> Rows(JsonElement rows) => [.. rows.EnumerateArray().Select(r => string.Create(CultureInfo.InvariantCulture,
        $"{r.GetProperty("key").GetString()}: {r.GetProperty("completed")}/{r.GetProperty("onTime")}/{r.GetProperty("onTimeRate").GetDecimal()}/{r.GetProperty("averageHandlingHours").GetDecimal()}/{r.GetProperty("openOverdue")}"))];

    /// <summary>The last 30 days up to tomorrow: everything completed but C5.</summary>
    private string Range() => $"from={Instant(world.Now.AddDays(-30))}&to={Instant(world.Now.AddDays(1))}";

    private static string Instant(DateTimeOffset instant) => Uri.EscapeDataString(instant.ToString("O", CultureInfo.InvariantCulture));

    private static string Day(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

public sealed class SqliteSupervisionApiTests(SupervisionWorld<SqliteTestDatabase> world) : SupervisionApiTests<SqliteTestDatabase>(world);

public sealed class PostgresSupervisionApiTests(SupervisionWorld<PostgresTestDatabase> world) : SupervisionApiTests<PostgresTestDatabase>(world);

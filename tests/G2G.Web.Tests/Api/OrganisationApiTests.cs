using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>
/// /api/v1/organisation through the real host with real sessions, on the small province of <see cref="SecurityWorld{TDatabase}"/>:
/// agencies, departments, relations and the import here; people, groups and delegations in OrganisationApiTests.People.cs.
/// Every change is tried by an administrator (allowed) and by a clerk (403); unknown ids answer 404, bad requests 400 or 422.
/// </summary>
public abstract partial class OrganisationApiTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private const string Agencies = "/api/v1/organisation/agencies";
    private const string Departments = "/api/v1/organisation/departments";

    private Task<SignedIn> AdminAsync() => world.SessionAsync(Admin);

    private Task<SignedIn> ClerkAsync() => world.SessionAsync(FinClerk);

    [DatabaseFact]
    public async Task Agencies_AreCreatedRenamedMovedAndClosed_ByAnAdministrator()
    {
        var admin = await AdminAsync();
        using var created = await admin.PostAsJsonAsync(Agencies, new { id = "gd-tax", name = "广东省税务局", parentId = "gd", shortName = "粤税", kind = "Bureau" });
        var detail = await created.IsAsync(HttpStatusCode.Created);
        Assert.Equal("/gd/gd-tax/", detail.GetProperty("agency").GetProperty("path").GetString());
        Assert.Equal("/api/v1/organisation/agencies/gd-tax", created.Headers.Location?.ToString());

        using var renamed = await admin.PatchAsJsonAsync($"{Agencies}/gd-tax", new { name = "国家税务总局广东省税务局" });
        var agency = await renamed.IsAsync(HttpStatusCode.OK);
        Assert.Equal("国家税务总局广东省税务局", agency.GetProperty("name").GetString());
        Assert.Equal("粤税", agency.GetProperty("shortName").GetString());

        using var moved = await admin.PostAsJsonAsync($"{Agencies}/gd-tax/move", new { parentId = "gd-fin" });
        var move = await moved.IsAsync(HttpStatusCode.OK);
        Assert.Equal(1, move.GetProperty("moved").GetInt32());
        Assert.Equal("/gd/gd-fin/gd-tax/", move.GetProperty("agency").GetProperty("path").GetString());

        using var closed = await admin.PostAsync($"{Agencies}/gd-tax/deactivate");
        Assert.False((await closed.IsAsync(HttpStatusCode.OK)).GetProperty("isActive").GetBoolean());
        var inactive = await admin.GetFromJsonAsync<JsonElement>($"{Agencies}?active=false");
        Assert.Equal(["gd-tax"], inactive.EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        using var reopened = await admin.PostAsync($"{Agencies}/gd-tax/activate");
        Assert.True((await reopened.IsAsync(HttpStatusCode.OK)).GetProperty("isActive").GetBoolean());
    }

    [DatabaseFact]
    public async Task TheDirectory_IsReadableByEveryone_AsAFlatListOrATree()
    {
        var clerk = await ClerkAsync();
        var flat = await clerk.GetFromJsonAsync<JsonElement>(Agencies);
        var ids = flat.EnumerateArray().Select(a => a.GetProperty("id").GetString()).ToList();
        Assert.Equal("gd", ids[0]); // parents first
        Assert.Contains("gd-fin", ids);
        var fin = flat.EnumerateArray().Single(a => a.GetProperty("id").GetString() == "gd-fin");
        Assert.Equal("gd", fin.GetProperty("parentId").GetString());
        Assert.Equal("/gd/gd-fin/", fin.GetProperty("path").GetString());

        var subtree = await clerk.GetFromJsonAsync<JsonElement>($"{Agencies}?under=gd-edu");
        Assert.Equal(["gd-edu"], subtree.EnumerateArray().Select(a => a.GetProperty("id").GetString()));

        var tree = await clerk.GetFromJsonAsync<JsonElement>($"{Agencies}/tree");
        var root = tree.EnumerateArray().Single(n => n.GetProperty("agency").GetProperty("id").GetString() == "gd");
        var children = root.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("agency").GetProperty("id").GetString()).ToList();
        Assert.Contains("gd-edu", children);

        var finDetail = await clerk.GetFromJsonAsync<JsonElement>($"{Agencies}/gd-fin");
        Assert.Contains(finDetail.GetProperty("departments").EnumerateArray(), d => d.GetProperty("id").GetString() == "gd-fin-budget");
    }

    [DatabaseFact]
    public async Task ChangesByANonAdministrator_Answer403_AndChangeNothing()
    {
        var clerk = await ClerkAsync();
        var (refusalsBefore, changesBefore) = await AuditCountsAsync();
        using (var create = await clerk.PostAsJsonAsync(Agencies, new { id = "gd-clerk", name = "不该有的局", parentId = "gd" }))
            await create.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var rename = await clerk.PatchAsJsonAsync($"{Agencies}/gd-fin", new { name = "改名" }))
            await rename.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var department = await clerk.PostAsJsonAsync(Departments, new { id = "gd-fin-x", agencyId = "gd-fin", name = "科室" }))
            await department.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var head = await clerk.PutAsJsonAsync($"{Departments}/gd-fin-budget/head", new { userId = FinClerk }))
            await head.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var line = await clerk.PostAsJsonAsync("/api/v1/organisation/guidance-lines", new { superiorId = "gd-fin", subordinateId = "gd-edu" }))
            await line.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var user = await clerk.PostAsJsonAsync("/api/v1/organisation/users", new { id = "ghost", displayName = "幽灵" }))
            await user.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var deactivate = await clerk.PostAsJsonAsync($"/api/v1/organisation/users/{FinChief}/deactivate", new { reason = "?" }))
            await deactivate.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var role = await clerk.PostAsJsonAsync($"/api/v1/organisation/users/{FinClerk}/roles", new { role = "administrator" }))
            await role.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var import = await clerk.PostAsync("/api/v1/organisation/import", Csv("agency,gd-clerk,不该有的局,,,gd\n")))
            await import.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");

        var fin = await clerk.GetFromJsonAsync<JsonElement>($"{Agencies}/gd-fin");
        Assert.Equal("广东省财政厅", fin.GetProperty("agency").GetProperty("name").GetString());
        using var missing = await clerk.GetAsync($"{Agencies}/gd-clerk");
        await missing.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        var me = await clerk.GetFromJsonAsync<JsonElement>($"/api/v1/organisation/users/{FinClerk}");
        Assert.Empty(me.GetProperty("roles").EnumerateArray());
        var (refusalsAfter, changesAfter) = await AuditCountsAsync();
        Assert.Equal((refusalsBefore + 9, changesBefore), (refusalsAfter, changesAfter));
    }

    /// <summary>The clerk's refusals in the access chain, and the length of the organisation chain.</summary>
    private async Task<(int Refusals, int Changes)> AuditCountsAsync()
    {
        await using var db = world.Database.CreateContext();
        return (await db.Set<AuditRecord>().CountAsync(a => a.Chain == "access" && a.Actor == FinClerk),
            await db.Set<AuditRecord>().CountAsync(a => a.Chain == "organisation"));
    }

    [DatabaseFact]
    public async Task UnknownIds_Answer404()
    {
        var admin = await AdminAsync();
        foreach (var path in new[] { $"{Agencies}/nowhere", $"{Agencies}?under=nowhere", $"{Departments}/nowhere", "/api/v1/organisation/users/nobody",
                     "/api/v1/organisation/groups/nothing", "/api/v1/organisation/delegations/987654", "/api/v1/organisation/relations?first=gd&second=nowhere" })
        {
            using var read = await admin.GetAsync(path);
            await read.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
        using (var rename = await admin.PatchAsJsonAsync($"{Agencies}/nowhere", new { name = "无" }))
            await rename.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        using (var move = await admin.PostAsJsonAsync($"{Departments}/nowhere/move", new { parentId = (string?)null }))
            await move.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        using (var deactivate = await admin.PostAsJsonAsync("/api/v1/organisation/users/nobody/deactivate", new { reason = "?" }))
            await deactivate.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        using (var revoke = await admin.DeleteAsync("/api/v1/organisation/delegations/987654"))
            await revoke.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        using (var member = await admin.DeleteAsync($"/api/v1/organisation/groups/nothing/members/{FinClerk}"))
            await member.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        using (var reassign = await admin.PostAsJsonAsync("/api/v1/tasks/987654/reassign", new { userId = FinChief }))
            await reassign.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [DatabaseFact]
    public async Task BadRequests_Answer400WithFieldErrors_422ForRefusedValues_And409ForDuplicates()
    {
        var admin = await AdminAsync();
        using (var incomplete = await admin.PostAsJsonAsync(Agencies, new { id = "gd-half" }))
        {
            var problem = await incomplete.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
            Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        }
        using (var noName = await admin.PatchAsJsonAsync($"{Agencies}/gd-fin", new { }))
            Assert.True((await noName.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("name", out _));
        using (var relation = await admin.GetAsync("/api/v1/organisation/relations?first=gd"))
            Assert.True((await relation.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("second", out _));
        using (var badId = await admin.PostAsJsonAsync(Agencies, new { id = "Bad Id", name = "坏编码" }))
            Assert.Contains("“Bad Id”不是有效的单位标识", (await badId.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid")).GetProperty("detail").GetString());
        using (var cycle = await admin.PostAsJsonAsync($"{Agencies}/gd/move", new { parentId = "gd-fin" }))
            Assert.Contains("循环", (await cycle.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid")).GetProperty("detail").GetString());
        using (var duplicate = await admin.PostAsJsonAsync(Agencies, new { id = "gd-fin", name = "又一个财政厅", parentId = "gd" }))
            await duplicate.IsProblemAsync(HttpStatusCode.Conflict, "conflict");
        using (var sharedId = await admin.PostAsJsonAsync(Departments, new { id = "gd-edu", agencyId = "gd-fin", name = "与机关同名" }))
            await sharedId.IsProblemAsync(HttpStatusCode.Conflict, "conflict");
    }

    [DatabaseFact]
    public async Task Relations_FollowTheTree_AndDeclaredGuidanceLines()
    {
        var admin = await AdminAsync();
        async Task<JsonElement> RelationAsync(string first, string second) =>
            (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/organisation/relations?first={first}&second={second}"));

        var subordination = await RelationAsync("gd-fin", "gd");
        Assert.Equal(("Subordination", "隶属", "gd"), (subordination.GetProperty("kind").GetString(), subordination.GetProperty("name").GetString(), subordination.GetProperty("superiorId").GetString()));
        Assert.Equal("平行", (await RelationAsync("gd-fin", "gd-edu")).GetProperty("name").GetString());
        using (var other = await admin.PostAsJsonAsync(Agencies, new { id = "bj", name = "北京市人民政府", kind = "Government" }))
            await other.IsAsync(HttpStatusCode.Created);
        Assert.Equal("不相隶属", (await RelationAsync("gd-fin", "bj")).GetProperty("name").GetString());

        using (var added = await admin.PostAsJsonAsync("/api/v1/organisation/guidance-lines", new { superiorId = "bj", subordinateId = "gd-edu" }))
            await added.IsAsync(HttpStatusCode.NoContent);
        var guidance = await RelationAsync("gd-edu", "bj");
        Assert.Equal(("Guidance", "业务指导", "bj"), (guidance.GetProperty("kind").GetString(), guidance.GetProperty("name").GetString(), guidance.GetProperty("superiorId").GetString()));
        var edu = await admin.GetFromJsonAsync<JsonElement>($"{Agencies}/gd-edu");
        Assert.Equal("bj", edu.GetProperty("guidanceLines")[0].GetProperty("superiorId").GetString());
        using (var again = await admin.PostAsJsonAsync("/api/v1/organisation/guidance-lines", new { superiorId = "bj", subordinateId = "gd-edu" }))
            await again.IsProblemAsync(HttpStatusCode.Conflict, "conflict");
        using (var removed = await admin.DeleteAsync("/api/v1/organisation/guidance-lines/bj/gd-edu"))
            await removed.IsAsync(HttpStatusCode.NoContent);
        Assert.Equal("NonAffiliated", (await RelationAsync("gd-edu", "bj")).GetProperty("kind").GetString());
        using (var gone = await admin.DeleteAsync("/api/v1/organisation/guidance-lines/bj/gd-edu"))
            await gone.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [DatabaseFact]
    public async Task Departments_AreCreatedNestedRenamedMovedHeadedAndClosed()
    {
        var admin = await AdminAsync();
        using (var office = await admin.PostAsJsonAsync(Departments, new { id = "gd-edu-office", agencyId = "gd-edu", name = "办公室" }))
            Assert.Equal("gd-edu", (await office.IsAsync(HttpStatusCode.Created)).GetProperty("agencyId").GetString());
        using (var docs = await admin.PostAsJsonAsync(Departments, new { id = "gd-edu-docs", agencyId = "gd-edu", name = "文书科", parentId = "gd-edu-office" }))
            Assert.Equal("gd-edu-office", (await docs.IsAsync(HttpStatusCode.Created)).GetProperty("parentId").GetString());
        using (var renamed = await admin.PatchAsJsonAsync($"{Departments}/gd-edu-docs", new { name = "机要文书科" }))
            Assert.Equal("机要文书科", (await renamed.IsAsync(HttpStatusCode.OK)).GetProperty("name").GetString());
        using (var noName = await admin.PatchAsJsonAsync($"{Departments}/gd-edu-docs", new { }))
            Assert.True((await noName.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("name", out _));
        using (var cycle = await admin.PostAsJsonAsync($"{Departments}/gd-edu-office/move", new { parentId = "gd-edu-docs" }))
            await cycle.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid");

        var edu = await admin.GetFromJsonAsync<JsonElement>($"{Agencies}/gd-edu");
        Assert.Equal(["gd-edu-office", "gd-edu-docs"], edu.GetProperty("departments").EnumerateArray().Select(d => d.GetProperty("id").GetString()));
        using (var moved = await admin.PostAsJsonAsync($"{Departments}/gd-edu-docs/move", new { parentId = (string?)null }))
            Assert.Equal(JsonValueKind.Null, (await moved.IsAsync(HttpStatusCode.OK)).GetProperty("parentId").ValueKind);

        using (var head = await admin.PutAsJsonAsync($"{Departments}/gd-edu-office/head", new { userId = EduClerk }))
            Assert.Equal(EduClerk, (await head.IsAsync(HttpStatusCode.OK)).GetProperty("headUserId").GetString());
        using (var foreignHead = await admin.PutAsJsonAsync($"{Departments}/gd-edu-office/head", new { userId = FinChief }))
            Assert.Contains("gd-fin", (await foreignHead.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid")).GetProperty("detail").GetString());
        using (var closed = await admin.PostAsync($"{Departments}/gd-edu-docs/deactivate"))
            Assert.False((await closed.IsAsync(HttpStatusCode.OK)).GetProperty("isActive").GetBoolean());
        using (var reopened = await admin.PostAsync($"{Departments}/gd-edu-docs/activate"))
            Assert.True((await reopened.IsAsync(HttpStatusCode.OK)).GetProperty("isActive").GetBoolean());
    }

    [DatabaseFact]
    public async Task AnImportWithProblems_Answers422_ListingEachWithItsLine_AndChangesNothing()
    {
        var admin = await AdminAsync();
        const string file = """
            agency,gd-imp,导入测试局,,bureau,gd
            department,gd-imp-office,gd-imp,办公室
            agency,gd-imp2,,,,gd
            user,imp.bad,坏用户,gd-imp-office,,顶级
            """;
        foreach (var dryRun in new[] { true, false })
        {
            using var response = await admin.PostAsync($"/api/v1/organisation/import?dryRun={dryRun}", Csv(file));
            var problem = await response.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "import-invalid");
            var errors = problem.GetProperty("errors").EnumerateArray().ToList();
            Assert.Equal([3, 4], errors.Select(e => e.GetProperty("line").GetInt32()));
            Assert.Contains("lacks name", errors[0].GetProperty("message").GetString());
            Assert.Contains("clearance", errors[1].GetProperty("message").GetString());
        }
        // A file that reads well but does not fit the organisation: the problem is found while applying, still with its line.
        using (var unknownAgency = await admin.PostAsync("/api/v1/organisation/import", Csv("agency,gd-imp,导入测试局,,bureau,gd\ndepartment,gd-imp-x,nowhere,科室\n")))
        {
            var problem = await unknownAgency.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "import-invalid");
            Assert.Equal("line 2", problem.GetProperty("errors")[0].GetProperty("location").GetString());
        }
        using var missing = await admin.GetAsync($"{Agencies}/gd-imp");
        await missing.IsProblemAsync(HttpStatusCode.NotFound, "not-found");

        using var json = await admin.PostAsync("/api/v1/organisation/import", new StringContent("""{"agencies":[{"id":"gd-imp","parent":"gd"}]}""", Encoding.UTF8, "application/json"));
        var jsonProblem = await json.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "import-invalid");
        Assert.Equal("$.agencies[0].name", jsonProblem.GetProperty("errors")[0].GetProperty("location").GetString());
        Assert.Equal(JsonValueKind.Null, jsonProblem.GetProperty("errors")[0].GetProperty("line").ValueKind);

        using var empty = await admin.PostAsync("/api/v1/organisation/import", Csv(""));
        Assert.True((await empty.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("file", out _));
    }

    [DatabaseFact]
    public async Task AGoodImport_DryRunChangesNothing_ThenTheImportCreatesEveryItem()
    {
        var admin = await AdminAsync();
        const string file = """
            agency,gd-ok,导入成功局,粤导,bureau,gd
            department,gd-ok-office,gd-ok,办公室
            user,ok.user,导入用户,gd-ok-office,,机密
            position,ok.user,办公室主任
            """;
        using (var dryRun = await admin.PostAsync("/api/v1/organisation/import?dryRun=true", Csv(file)))
        {
            var report = await dryRun.IsAsync(HttpStatusCode.OK);
            Assert.True(report.GetProperty("dryRun").GetBoolean());
            Assert.False(report.GetProperty("applied").GetBoolean());
            Assert.Equal(4, report.GetProperty("created").GetInt32());
        }
        using (var notYet = await admin.GetAsync($"{Agencies}/gd-ok"))
            await notYet.IsProblemAsync(HttpStatusCode.NotFound, "not-found");

        using (var imported = await admin.PostAsync("/api/v1/organisation/import", Csv(file)))
        {
            var report = await imported.IsAsync(HttpStatusCode.OK);
            Assert.True(report.GetProperty("applied").GetBoolean());
            var items = report.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("key").GetString(), i.GetProperty("location").GetString())).ToList();
            Assert.Contains(("agency", "gd-ok", "line 1"), items);
            Assert.Contains(("user", "ok.user", "line 3"), items);
        }
        var user = await admin.GetFromJsonAsync<JsonElement>("/api/v1/organisation/users/ok.user");
        Assert.Equal("HighlySecret", user.GetProperty("clearance").GetString());
        Assert.Equal("办公室主任", user.GetProperty("positions")[0].GetProperty("name").GetString());

        using var again = await admin.PostAsync("/api/v1/organisation/import", Csv(file));
        var unchanged = await again.IsAsync(HttpStatusCode.OK);
        Assert.Equal((0, 4), (unchanged.GetProperty("created").GetInt32(), unchanged.GetProperty("unchanged").GetInt32()));
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");
}

public sealed class SqliteOrganisationApiTests(SecurityWorld<SqliteTestDatabase> world) : OrganisationApiTests<SqliteTestDatabase>(world);

public sealed class PostgresOrganisationApiTests(SecurityWorld<PostgresTestDatabase> world) : OrganisationApiTests<PostgresTestDatabase>(world);

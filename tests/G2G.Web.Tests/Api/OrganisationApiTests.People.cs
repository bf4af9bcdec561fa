using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>People, positions, roles, groups, delegations and deactivation through /api/v1/organisation.</summary>
public abstract partial class OrganisationApiTests<TDatabase>
{
    private const string Users = "/api/v1/organisation/users";

    [DatabaseFact]
    public async Task TheUserDirectory_FiltersAndPages_AndNeverShowsSecrets()
    {
        var clerk = await ClerkAsync();
        var fin = await clerk.GetFromJsonAsync<JsonElement>($"{Users}?agencyId=gd-fin&pageSize=200");
        var ids = fin.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetString()).ToList();
        Assert.Contains(FinClerk, ids);
        Assert.DoesNotContain(EduClerk, ids);
        var byName = await clerk.GetFromJsonAsync<JsonElement>($"{Users}?text=王处");
        Assert.Equal([FinChief], byName.GetProperty("items").EnumerateArray().Select(u => u.GetProperty("id").GetString()));
        var byId = await clerk.GetFromJsonAsync<JsonElement>($"{Users}?text=FIN.CH&departmentId=gd-fin-budget&active=true");
        Assert.Equal(1, byId.GetProperty("total").GetInt32());
        var paged = await clerk.GetFromJsonAsync<JsonElement>($"{Users}?page=2&pageSize=1");
        Assert.Equal((2, 1), (paged.GetProperty("pageNumber").GetInt32(), paged.GetProperty("items").GetArrayLength()));

        foreach (var path in new[] { $"{Users}?pageSize=200", $"{Users}/{FinChief}", $"{Users}/{FinClerk}" })
        {
            using var response = await (await AdminAsync()).GetAsync(path);
            var raw = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            foreach (var secret in new[] { "passwordHash", "securityStamp", "concurrencyStamp", "AQAAAA", "lockout" })
                Assert.DoesNotContain(secret, raw, StringComparison.OrdinalIgnoreCase);
        }
    }

    [DatabaseFact]
    public async Task ClearanceRolesAndDelegations_AreShownOnlyToAdministrators_AndThePersonThemself()
    {
        var clerk = await ClerkAsync();
        var chiefSeenByClerk = await clerk.GetFromJsonAsync<JsonElement>($"{Users}/{FinChief}");
        Assert.Equal("王处长", chiefSeenByClerk.GetProperty("user").GetProperty("displayName").GetString());
        foreach (var hidden in new[] { "clearance", "roles", "delegations" })
            Assert.Equal(JsonValueKind.Null, chiefSeenByClerk.GetProperty(hidden).ValueKind);

        var self = await clerk.GetFromJsonAsync<JsonElement>($"{Users}/{FinClerk}");
        Assert.Equal("Internal", self.GetProperty("clearance").GetString());
        var chiefSeenByAdmin = await (await AdminAsync()).GetFromJsonAsync<JsonElement>($"{Users}/{FinChief}");
        Assert.Equal("Secret", chiefSeenByAdmin.GetProperty("clearance").GetString());
        var supervisor = await (await AdminAsync()).GetFromJsonAsync<JsonElement>($"{Users}/{Supervisor}");
        Assert.Equal(["supervisor"], supervisor.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [DatabaseFact]
    public async Task AnAdministrator_CreatesAUser_WhoCanSignIn()
    {
        var admin = await AdminAsync();
        using (var incomplete = await admin.PostAsJsonAsync(Users, new { id = "fin.new" }))
            Assert.True((await incomplete.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("displayName", out _));
        using var created = await admin.PostAsJsonAsync(Users,
            new { id = "fin.new", displayName = "新同事", departmentId = "gd-fin-budget", clearance = "Internal", email = "fin.new@example.gov.cn", password = Password });
        var user = await created.IsAsync(HttpStatusCode.Created);
        Assert.Equal("gd-fin", user.GetProperty("user").GetProperty("agencyId").GetString());
        Assert.Equal("Internal", user.GetProperty("clearance").GetString());
        using (var duplicate = await admin.PostAsJsonAsync(Users, new { id = "FIN.NEW", displayName = "重名" }))
            await duplicate.IsProblemAsync(HttpStatusCode.Conflict, "conflict");

        using var session = await SignedIn.SignInAsync(world.Factory, "fin.new", Password);
        var me = await session.GetFromJsonAsync<JsonElement>("/api/v1/session");
        Assert.Equal("新同事", me.GetProperty("displayName").GetString());
    }

    [DatabaseFact]
    public async Task PositionsRolesAndGroups_AreGivenAndTakenBack_ByAnAdministrator()
    {
        var admin = await AdminAsync();
        using (var assigned = await admin.PostAsJsonAsync($"{Users}/{FinClerk}/positions", new { name = "科员" }))
            await assigned.IsAsync(HttpStatusCode.NoContent);
        using (var twice = await admin.PostAsJsonAsync($"{Users}/{FinClerk}/positions", new { name = "科员", unitId = "gd-fin-budget" }))
            await twice.IsProblemAsync(HttpStatusCode.Conflict, "conflict");
        var withPosition = await admin.GetFromJsonAsync<JsonElement>($"{Users}/{FinClerk}");
        var position = withPosition.GetProperty("positions").EnumerateArray().Single();
        Assert.Equal(("科员", "gd-fin", "gd-fin-budget"), (position.GetProperty("name").GetString(), position.GetProperty("agencyId").GetString(), position.GetProperty("departmentId").GetString()));
        using (var removed = await admin.DeleteAsync($"{Users}/{FinClerk}/positions?name=科员&unitId=gd-fin-budget"))
            await removed.IsAsync(HttpStatusCode.NoContent);
        using (var gone = await admin.DeleteAsync($"{Users}/{FinClerk}/positions?name=科员&unitId=gd-fin-budget"))
            await gone.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        using (var noUnit = await admin.DeleteAsync($"{Users}/{FinClerk}/positions?name=科员"))
            Assert.True((await noUnit.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("unitId", out _));

        using (var granted = await admin.PostAsJsonAsync($"{Users}/{EduClerk}/roles", new { role = "supervisor" }))
            await granted.IsAsync(HttpStatusCode.NoContent);
        Assert.Equal(["supervisor"], (await admin.GetFromJsonAsync<JsonElement>($"{Users}/{EduClerk}")).GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        using (var revoked = await admin.DeleteAsync($"{Users}/{EduClerk}/roles/supervisor"))
            await revoked.IsAsync(HttpStatusCode.NoContent);
        using (var unknownRole = await admin.PostAsJsonAsync($"{Users}/{EduClerk}/roles", new { role = "emperor" }))
            await unknownRole.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid");

        using (var group = await admin.PostAsJsonAsync("/api/v1/organisation/groups", new { id = "gd-fin-party", name = "财政厅党组", agencyId = "gd-fin" }))
            Assert.Empty((await group.IsAsync(HttpStatusCode.Created)).GetProperty("members").EnumerateArray());
        using (var member = await admin.PostAsJsonAsync("/api/v1/organisation/groups/gd-fin-party/members", new { userId = FinChief }))
            await member.IsAsync(HttpStatusCode.NoContent);
        using (var again = await admin.PostAsJsonAsync("/api/v1/organisation/groups/gd-fin-party/members", new { userId = FinChief }))
            await again.IsProblemAsync(HttpStatusCode.Conflict, "conflict");
        var groups = await (await ClerkAsync()).GetFromJsonAsync<JsonElement>("/api/v1/organisation/groups?agencyId=gd-fin");
        Assert.Equal([FinChief], groups.EnumerateArray().Single(g => g.GetProperty("id").GetString() == "gd-fin-party").GetProperty("members").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["gd-fin-party"], (await admin.GetFromJsonAsync<JsonElement>($"{Users}/{FinChief}")).GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        using (var left = await admin.DeleteAsync($"/api/v1/organisation/groups/gd-fin-party/members/{FinChief}"))
            await left.IsAsync(HttpStatusCode.NoContent);
        using (var byClerk = await (await ClerkAsync()).PostAsJsonAsync("/api/v1/organisation/groups/gd-fin-party/members", new { userId = FinClerk }))
            await byClerk.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
    }

    [DatabaseFact]
    public async Task People_ManageTheirOwnDelegations_AndOnlyAdministratorsAnyonesElse()
    {
        var clerk = await ClerkAsync();
        using var created = await clerk.PostAsJsonAsync("/api/v1/organisation/delegations",
            new { toUserId = FinChief, startsOn = "2030-05-01", endsOn = "2030-05-07", processKeys = new[] { "leave" }, reason = "休假" });
        var delegation = await created.IsAsync(HttpStatusCode.Created);
        var id = delegation.GetProperty("id").GetInt64();
        Assert.Equal((FinClerk, FinChief), (delegation.GetProperty("fromUserId").GetString(), delegation.GetProperty("toUserId").GetString()));

        var mine = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/organisation/delegations");
        Assert.Contains(mine.EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);
        var theirs = await (await world.SessionAsync(FinChief)).GetFromJsonAsync<JsonElement>($"/api/v1/organisation/delegations/{id}");
        Assert.Equal("休假", theirs.GetProperty("reason").GetString());
        using (var othersList = await clerk.GetAsync($"/api/v1/organisation/delegations?userId={EduClerk}"))
            await othersList.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var forSomeoneElse = await clerk.PostAsJsonAsync("/api/v1/organisation/delegations",
            new { fromUserId = FinChief, toUserId = FinClerk, startsOn = "2030-06-01", endsOn = "2030-06-02" }))
            await forSomeoneElse.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var noDates = await clerk.PostAsJsonAsync("/api/v1/organisation/delegations", new { toUserId = FinChief }))
        {
            var errors = (await noDates.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors");
            Assert.True(errors.TryGetProperty("startsOn", out _) && errors.TryGetProperty("endsOn", out _));
        }
        using (var reversed = await clerk.PostAsJsonAsync("/api/v1/organisation/delegations", new { toUserId = FinChief, startsOn = "2030-07-02", endsOn = "2030-07-01" }))
            await reversed.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid");
        using (var overlapping = await clerk.PostAsJsonAsync("/api/v1/organisation/delegations", new { toUserId = Supervisor, startsOn = "2030-05-03", endsOn = "2030-05-04" }))
            await overlapping.IsProblemAsync(HttpStatusCode.Conflict, "conflict");

        var byAdmin = await (await AdminAsync()).GetFromJsonAsync<JsonElement>($"/api/v1/organisation/delegations?userId={FinClerk}");
        Assert.Contains(byAdmin.EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);
        using (var notHis = await (await world.SessionAsync(EduClerk)).DeleteAsync($"/api/v1/organisation/delegations/{id}"))
            await notHis.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var revoked = await clerk.DeleteAsync($"/api/v1/organisation/delegations/{id}"))
            await revoked.IsAsync(HttpStatusCode.NoContent);
        Assert.DoesNotContain((await clerk.GetFromJsonAsync<JsonElement>("/api/v1/organisation/delegations")).EnumerateArray(), d => d.GetProperty("id").GetInt64() == id);
    }

    [DatabaseFact]
    public async Task DeactivatingAUser_MovesTheirOpenTasksToTheirHead_AndAnswersEveryMove()
    {
        var admin = await AdminAsync();
        using (var department = await admin.PostAsJsonAsync(Departments, new { id = "gd-fin-staff", agencyId = "gd-fin", name = "人事处", headUserId = FinChief }))
            await department.IsAsync(HttpStatusCode.Created);
        using (var user = await admin.PostAsJsonAsync(Users, new { id = "fin.leaver", displayName = "调离人员", departmentId = "gd-fin-staff" }))
            await user.IsAsync(HttpStatusCode.Created);
        var (instance, task) = await world.StartAsync(FinClerk);

        using (var byClerk = await (await ClerkAsync()).PostAsJsonAsync($"/api/v1/tasks/{task}/reassign", new { userId = "fin.leaver" }))
            await byClerk.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using (var reassigned = await admin.PostAsJsonAsync($"/api/v1/tasks/{task}/reassign", new { userId = "fin.leaver", reason = "代办" }))
            Assert.Equal("fin.leaver", (await reassigned.IsAsync(HttpStatusCode.OK)).GetProperty("to").GetString());

        using var deactivated = await admin.PostAsJsonAsync($"{Users}/fin.leaver/deactivate", new { reason = "调离" });
        var result = await deactivated.IsAsync(HttpStatusCode.OK);
        var move = result.GetProperty("moves").EnumerateArray().Single();
        Assert.Equal((task, "fin.leaver", FinChief), (move.GetProperty("taskId").GetInt64(), move.GetProperty("from").GetString(), move.GetProperty("to").GetString()));
        Assert.Equal(FinChief, (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{task}")).GetProperty("assignee").GetString());
        Assert.False((await admin.GetFromJsonAsync<JsonElement>($"{Users}/fin.leaver")).GetProperty("user").GetProperty("isActive").GetBoolean());
        var inactive = await admin.GetFromJsonAsync<JsonElement>($"{Users}?active=false");
        Assert.Contains(inactive.GetProperty("items").EnumerateArray(), u => u.GetProperty("id").GetString() == "fin.leaver");
        using (var again = await admin.PostAsJsonAsync($"{Users}/fin.leaver/deactivate", new { reason = "调离" }))
            await again.IsProblemAsync(HttpStatusCode.Conflict, "conflict");

        var audit = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{instance}/audit");
        Assert.Equal(2, audit.EnumerateArray().Count(a => a.GetProperty("action").GetString() == "task.reassigned"));
    }
}

using G2G.Runtime.Audit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Organisation;

/// <summary>Administration of agencies, departments, users and positions; every test builds its own small tree under a unique prefix.</summary>
public abstract class OrganisationServiceTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private RuntimeHarness _runtime = null!;

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        _runtime = new RuntimeHarness(database);
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    private Task Org(Func<OrganisationService, Task> work) => _runtime.In(s => work(s.GetRequiredService<OrganisationService>()));

    private Task<T> Org<T>(Func<OrganisationService, Task<T>> work) => _runtime.In(s => work(s.GetRequiredService<OrganisationService>()));

    private static string Unique() => "t" + Guid.NewGuid().ToString("N")[..8];

    private Task<Dictionary<string, string>> PathsAsync(string prefix) =>
        _runtime.Query(db => db.Set<AgencyRecord>().Where(a => a.Id.StartsWith(prefix)).ToDictionaryAsync(a => a.Id, a => a.Path));

    /// <summary>p (province) with p-a (city) over p-a-x (county), and p-b (city).</summary>
    private async Task<string> TreeAsync()
    {
        var p = Unique();
        await Org(async o =>
        {
            await o.CreateAgencyAsync(new NewAgency(p, "省政府", Kind: AgencyKind.Government), "admin");
            await o.CreateAgencyAsync(new NewAgency($"{p}-a", "甲市", p, "甲政", AgencyKind.Government), "admin");
            await o.CreateAgencyAsync(new NewAgency($"{p}-a-x", "甲市某县", $"{p}-a"), "admin");
            await o.CreateAgencyAsync(new NewAgency($"{p}-b", "乙市", p), "admin");
        });
        return p;
    }

    [DatabaseFact]
    public async Task CreateAgencies_StoresTheTreeAsMaterialisedPaths_AndAuditsEachInTheOrganisationChain()
    {
        var p = await TreeAsync();

        var paths = await PathsAsync(p);
        Assert.Equal($"/{p}/", paths[p]);
        Assert.Equal($"/{p}/{p}-a/", paths[$"{p}-a"]);
        Assert.Equal($"/{p}/{p}-a/{p}-a-x/", paths[$"{p}-a-x"]);
        var subtree = await Org(o => o.SubtreeAsync($"{p}-a"));
        Assert.Equal([$"{p}-a", $"{p}-a-x"], subtree.Select(a => a.Id));
        var audit = await _runtime.Query(db => db.Set<AuditRecord>().Where(a => a.Chain == AuditLog.OrganisationChain && a.Data!.Contains(p))
            .OrderBy(a => a.Seq).ToListAsync());
        Assert.Equal(4, audit.Count);
        Assert.All(audit, a => Assert.Equal(("admin", "agency.created"), (a.Actor, a.Action)));
        Assert.Null(await _runtime.In(s => s.GetRequiredService<AuditVerifier>().VerifyAsync()));
    }

    [DatabaseFact]
    public async Task MoveAgency_MovesItsWholeSubtree()
    {
        var p = await TreeAsync();

        var moved = await Org(o => o.MoveAgencyAsync($"{p}-a", $"{p}-b", "admin"));

        Assert.Equal(2, moved);
        var paths = await PathsAsync(p);
        Assert.Equal($"/{p}/{p}-b/{p}-a/", paths[$"{p}-a"]);
        Assert.Equal($"/{p}/{p}-b/{p}-a/{p}-a-x/", paths[$"{p}-a-x"]);
        var relation = await Org(o => o.RelationAsync(p + "-b", p + "-a-x"));
        Assert.Equal((AgencyRelationKind.Subordination, p + "-b"), (relation.Kind, relation.SuperiorId));
        var audit = await _runtime.Query(db => db.Set<AuditRecord>().Where(a => a.Chain == AuditLog.OrganisationChain && a.Action == "agency.moved" && a.Data!.Contains(p)).SingleAsync());
        Assert.Contains($"\"to\":\"{p}-b\"", audit.Data, StringComparison.Ordinal);

        await Org(o => o.MoveAgencyAsync($"{p}-a", null, "admin"));
        Assert.Equal($"/{p}-a/{p}-a-x/", (await PathsAsync(p))[$"{p}-a-x"]);
    }

    [DatabaseFact]
    public async Task MoveAgency_UnderItselfOrItsDescendant_IsRefusedAsACycle_AndChangesNothing()
    {
        var p = await TreeAsync();
        var before = await PathsAsync(p);

        var intoChild = await Assert.ThrowsAsync<RuntimeException>(() => Org(o => o.MoveAgencyAsync(p, $"{p}-a-x", "admin")));
        var intoItself = await Assert.ThrowsAsync<RuntimeException>(() => Org(o => o.MoveAgencyAsync($"{p}-a", $"{p}-a", "admin")));

        Assert.Equal(RuntimeErrorCode.Invalid, intoChild.Code);
        Assert.Contains("cycle", intoChild.Message, StringComparison.Ordinal);
        Assert.Equal(RuntimeErrorCode.Invalid, intoItself.Code);
        Assert.Equal(before, await PathsAsync(p));
    }

    [DatabaseFact]
    public async Task UnknownIds_AreNotFound_NamingTheId()
    {
        var p = await TreeAsync();

        var cases = new (Func<OrganisationService, Task> Call, string Named)[]
        {
            (o => o.CreateAgencyAsync(new NewAgency($"{p}-c", "丙市", $"{p}-nope"), "admin"), $"{p}-nope"),
            (o => o.MoveAgencyAsync($"{p}-ghost", p, "admin"), $"{p}-ghost"),
            (o => o.RenameAgencyAsync($"{p}-ghost", "名", null, "admin"), $"{p}-ghost"),
            (o => o.CreateDepartmentAsync(new NewDepartment($"{p}-d", $"{p}-ghost", "办公室"), "admin"), $"{p}-ghost"),
            (o => o.CreateUserAsync(new NewUser($"{p}.user", "某人", $"{p}-nodept"), "admin"), $"{p}-nodept"),
            (o => o.AssignPositionAsync($"{p}.nobody", "处长", p, "admin"), $"{p}.nobody"),
            (o => o.AddGuidanceLineAsync(p, $"{p}-ghost", "admin"), $"{p}-ghost"),
            (o => o.DeactivateUserAsync($"{p}.nobody", "admin"), $"{p}.nobody"),
        };
        foreach (var (call, named) in cases)
        {
            var error = await Assert.ThrowsAsync<RuntimeException>(() => Org(call));
            Assert.Equal(RuntimeErrorCode.NotFound, error.Code);
            Assert.Contains($"'{named}'", error.Message, StringComparison.Ordinal);
        }
    }

    [DatabaseFact]
    public async Task Duplicates_AreConflicts()
    {
        var p = await TreeAsync();
        await Org(async o =>
        {
            await o.CreateDepartmentAsync(new NewDepartment($"{p}-a-bgs", $"{p}-a", "办公室"), "admin");
            await o.CreateUserAsync(new NewUser($"{p}.Wang", "王五", $"{p}-a-bgs"), "admin");
            await o.AssignPositionAsync($"{p}.Wang", "科员", null, "admin");
            await o.AddGuidanceLineAsync($"{p}-a", $"{p}-b", "admin");
        });

        var cases = new Func<OrganisationService, Task>[]
        {
            o => o.CreateAgencyAsync(new NewAgency($"{p}-a", "又一个甲市", p), "admin"),
            o => o.CreateDepartmentAsync(new NewDepartment($"{p}-b", $"{p}-a", "与机关同名"), "admin"),
            o => o.CreateDepartmentAsync(new NewDepartment($"{p}-a-bgs", $"{p}-a", "办公室"), "admin"),
            o => o.CreateUserAsync(new NewUser($"{p}.Wang", "王五", $"{p}-a-bgs"), "admin"),
            o => o.CreateUserAsync(new NewUser($"{p}.wang", "另一个王五"), "admin"), // user names compare without case
            o => o.AssignPositionAsync($"{p}.Wang", "科员", $"{p}-a-bgs", "admin"),
            o => o.AddGuidanceLineAsync($"{p}-a", $"{p}-b", "admin"),
            o => o.AddGuidanceLineAsync($"{p}-b", $"{p}-a", "admin"),
        };
        foreach (var call in cases)
            Assert.Equal(RuntimeErrorCode.Conflict, (await Assert.ThrowsAsync<RuntimeException>(() => Org(call))).Code);
    }

    [DatabaseFact]
    public async Task Departments_NestWithinTheirAgency_AndRefuseCyclesAndOtherAgencies()
    {
        var p = await TreeAsync();
        await Org(async o =>
        {
            await o.CreateDepartmentAsync(new NewDepartment($"{p}-ysc", $"{p}-a", "预算处"), "admin");
            await o.CreateDepartmentAsync(new NewDepartment($"{p}-ysc-1", $"{p}-a", "预算一科", $"{p}-ysc"), "admin");
            await o.CreateDepartmentAsync(new NewDepartment($"{p}-b-bgs", $"{p}-b", "办公室"), "admin");
        });

        var cycle = await Assert.ThrowsAsync<RuntimeException>(() => Org(o => o.MoveDepartmentAsync($"{p}-ysc", $"{p}-ysc-1", "admin")));
        var otherAgency = await Assert.ThrowsAsync<RuntimeException>(() => Org(o => o.MoveDepartmentAsync($"{p}-ysc", $"{p}-b-bgs", "admin")));
        var parentElsewhere = await Assert.ThrowsAsync<RuntimeException>(() =>
            Org(o => o.CreateDepartmentAsync(new NewDepartment($"{p}-x", $"{p}-a", "某科", $"{p}-b-bgs"), "admin")));

        Assert.Equal(RuntimeErrorCode.Invalid, cycle.Code);
        Assert.Contains("cycle", cycle.Message, StringComparison.Ordinal);
        Assert.Equal(RuntimeErrorCode.Invalid, otherAgency.Code);
        Assert.Equal(RuntimeErrorCode.Invalid, parentElsewhere.Code);
        await Org(o => o.MoveDepartmentAsync($"{p}-ysc-1", null, "admin"));
        Assert.Null(await _runtime.Query(db => db.Set<DepartmentRecord>().Where(d => d.Id == $"{p}-ysc-1").Select(d => d.ParentId).SingleAsync()));
    }

    [DatabaseFact]
    public async Task GuidanceLines_AreRelationsBetweenAgenciesOutsideOneLine()
    {
        var p = await TreeAsync();

        await Org(o => o.AddGuidanceLineAsync($"{p}-b", $"{p}-a-x", "admin"));
        var inOneLine = await Assert.ThrowsAsync<RuntimeException>(() => Org(o => o.AddGuidanceLineAsync(p, $"{p}-a-x", "admin")));

        Assert.Equal(RuntimeErrorCode.Invalid, inOneLine.Code);
        var relation = await Org(o => o.RelationAsync($"{p}-a-x", $"{p}-b"));
        Assert.Equal((AgencyRelationKind.Guidance, $"{p}-b"), (relation.Kind, relation.SuperiorId));
        Assert.Equal(AgencyRelationKind.Parallel, (await Org(o => o.RelationAsync($"{p}-a", $"{p}-b"))).Kind);
        await Org(o => o.RemoveGuidanceLineAsync($"{p}-b", $"{p}-a-x", "admin"));
        Assert.Equal(AgencyRelationKind.NonAffiliated, (await Org(o => o.RelationAsync($"{p}-a-x", $"{p}-b"))).Kind);
    }

    [DatabaseFact]
    public async Task CreateUser_HashesThePassword_TakesTheAgencyFromTheDepartment_AndNeverAuditsThePassword()
    {
        var p = await TreeAsync();
        await Org(async o =>
        {
            await o.CreateDepartmentAsync(new NewDepartment($"{p}-a-bgs", $"{p}-a", "办公室"), "admin");
            await o.CreateUserAsync(new NewUser($"{p}.li", "李四", $"{p}-a-bgs", Clearance: ClearanceLevel.HighlySecret, Email: "li@example.gov.cn", Password: "Secret-123"), "admin");
        });

        var user = await _runtime.Query(db => db.Users.SingleAsync(u => u.Id == $"{p}.li"));
        Assert.Equal(($"{p}-a", ClearanceLevel.HighlySecret, true), (user.AgencyId, user.Clearance, user.IsActive));
        Assert.Equal($"{p}.li".ToUpperInvariant(), user.NormalizedUserName);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<G2GUser>().VerifyHashedPassword(user, user.PasswordHash!, "Secret-123"));
        var audit = await _runtime.Query(db => db.Set<AuditRecord>().SingleAsync(a => a.Action == "user.created" && a.Data!.Contains($"{p}.li")));
        Assert.DoesNotContain("Secret-123", audit.Data, StringComparison.Ordinal);
        Assert.Contains("机密", audit.Data, StringComparison.Ordinal);

        var mismatch = await Assert.ThrowsAsync<RuntimeException>(() => Org(o => o.CreateUserAsync(new NewUser($"{p}.zhao", "赵六", $"{p}-a-bgs", $"{p}-b"), "admin")));
        Assert.Equal(RuntimeErrorCode.Invalid, mismatch.Code);
        var badId = await Assert.ThrowsAsync<RuntimeException>(() => Org(o => o.CreateUserAsync(new NewUser("has space", "某"), "admin")));
        Assert.Equal(RuntimeErrorCode.Invalid, badId.Code);
    }

    [DatabaseFact]
    public async Task Positions_AreHeldInADepartmentOrAtAgencyLevel_AndCanBeRemoved()
    {
        var p = await TreeAsync();
        await Org(async o =>
        {
            await o.CreateDepartmentAsync(new NewDepartment($"{p}-a-bgs", $"{p}-a", "办公室"), "admin");
            await o.CreateUserAsync(new NewUser($"{p}.boss", "甲市长", AgencyId: $"{p}-a"), "admin");
            await o.CreateUserAsync(new NewUser($"{p}.clerk", "办事员", $"{p}-a-bgs"), "admin");
            await o.AssignPositionAsync($"{p}.boss", Positions.PrincipalLeader, $"{p}-a", "admin");
            await o.AssignPositionAsync($"{p}.clerk", Positions.Registrar, null, "admin");
        });

        var held = await _runtime.Query(db => db.Set<UserPositionRecord>().Where(x => x.UserId.StartsWith(p)).OrderBy(x => x.UserId).ToListAsync());
        Assert.Equal([($"{p}.boss", "主要领导", $"{p}-a", (string?)null), ($"{p}.clerk", "收发员", $"{p}-a", $"{p}-a-bgs")],
            held.Select(x => (x.UserId, x.Name, x.AgencyId, x.DepartmentId)));
        await Org(o => o.RemovePositionAsync($"{p}.clerk", Positions.Registrar, $"{p}-a-bgs", "admin"));
        var notHeld = await Assert.ThrowsAsync<RuntimeException>(() => Org(o => o.RemovePositionAsync($"{p}.clerk", Positions.Registrar, $"{p}-a-bgs", "admin")));
        Assert.Equal(RuntimeErrorCode.NotFound, notHeld.Code);
    }
}

public sealed class SqliteOrganisationServiceTests(SqliteTestDatabase database) : OrganisationServiceTests<SqliteTestDatabase>(database);

public sealed class PostgresOrganisationServiceTests(PostgresTestDatabase database) : OrganisationServiceTests<PostgresTestDatabase>(database);

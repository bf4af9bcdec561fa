using G2G.Runtime.Audit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Organisation.Import;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Organisation;

/// <summary>CSV and JSON imports: the demo seed, dry runs listing every problem by line or path, all or nothing.</summary>
public abstract class OrganisationImportTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private RuntimeHarness _runtime = null!;

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        _runtime = new RuntimeHarness(database);
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    private Task<ImportReport> ImportAsync(string content, ImportFormat format, bool dryRun = false) =>
        _runtime.In(s => s.GetRequiredService<OrganisationImporter>().ImportAsync(content, format, "importer", dryRun));

    private static string Unique() => "i" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Everything with the prefix, so a test sees exactly what its import wrote.</summary>
    private Task<(int Agencies, int Departments, int Users, int Audit)> CountAsync(string p) =>
        _runtime.Query(async db => (
            await db.Set<AgencyRecord>().CountAsync(a => a.Id.StartsWith(p)),
            await db.Set<DepartmentRecord>().CountAsync(d => d.Id.StartsWith(p)),
            await db.Users.CountAsync(u => u.Id.StartsWith(p)),
            await db.Set<AuditRecord>().CountAsync(a => a.Chain == AuditLog.OrganisationChain)));

    [DatabaseFact]
    public async Task DemoProvince_Imports_AndImportingItAgainChangesNothing()
    {
        var imports = await _runtime.Query(db => db.Set<AuditRecord>().CountAsync(a => a.Action == "organisation.imported"));

        var report = await ImportAsync(OrganisationSeed.DemoProvince("Demo-2026!"), ImportFormat.Json);

        Assert.True(report.Applied, string.Join("\n", report.Problems));
        Assert.Equal(12 + 2 + 18 + 38 + 41 + 2 + 5 + 1, report.Created);
        var relation = await _runtime.In(s => s.GetRequiredService<OrganisationService>().RelationAsync("dc-fin", "sf-fin"));
        Assert.Equal((AgencyRelationKind.Guidance, "sf-fin"), (relation.Kind, relation.SuperiorId));
        var budget = await _runtime.Query(db => db.Set<DepartmentRecord>().SingleAsync(d => d.Id == "sf-fin-ysc-1"));
        Assert.Equal(("sf-fin-ysc", "wu.fang"), (budget.ParentId, budget.HeadUserId));
        var huang = await _runtime.Query(db => db.Users.SingleAsync(u => u.Id == "huang.qiang"));
        Assert.Equal(("sf-fin", ClearanceLevel.Secret), (huang.AgencyId, huang.Clearance));
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<G2GUser>().VerifyHashedPassword(huang, huang.PasswordHash!, "Demo-2026!"));
        Assert.Equal("wu.fang", (await _runtime.Query(db => db.Set<DelegationRecord>().SingleAsync(d => d.FromUserId == "huang.qiang"))).ToUserId);
        Assert.Equal(imports + 1, await _runtime.Query(db => db.Set<AuditRecord>().CountAsync(a => a.Action == "organisation.imported")));
        Assert.Null(await _runtime.In(s => s.GetRequiredService<AuditVerifier>().VerifyAsync()));

        var again = await ImportAsync(OrganisationSeed.DemoProvince(), ImportFormat.Json);

        Assert.True(again.Applied, string.Join("\n", again.Problems));
        Assert.Equal((0, report.Created), (again.Created, again.Unchanged));
    }

    [DatabaseFact]
    public async Task Csv_Imports_WithQuotedFields_CommentsAndParentsWrittenAfterTheirChildren()
    {
        var p = Unique();
        var csv = $""""
            # kind,fields…
            agency,{p}-city,"东城市人民政府, 测试",东政,government,{p}
            agency,{p},示范省人民政府,示政,政府
            department,{p}-city-bgs,{p}-city,"办公室 ""综合""",,{p}.head

            user,{p}.head,主任,{p}-city-bgs,,秘密,head@example.gov.cn
            user,{p}.clerk,办事员,{p}-city-bgs,,internal
            position,{p}.head,办公室主任
            position,{p}.clerk,收发员,{p}-city-bgs
            group,{p}-g,收文组
            member,{p}-g,{p}.clerk
            delegation,{p}.head,{p}.clerk,2026-12-01,2026-12-05,leave;travel,休假
            """";

        var report = await ImportAsync(csv, ImportFormat.Csv);

        Assert.True(report.Applied, string.Join("\n", report.Problems));
        Assert.Equal(2 + 1 + 2 + 2 + 1 + 1 + 1, report.Created);
        var city = await _runtime.Query(db => db.Set<AgencyRecord>().SingleAsync(a => a.Id == $"{p}-city"));
        Assert.Equal(("东城市人民政府, 测试", $"/{p}/{p}-city/"), (city.Name, city.Path));
        var office = await _runtime.Query(db => db.Set<DepartmentRecord>().SingleAsync(d => d.Id == $"{p}-city-bgs"));
        Assert.Equal(("办公室 \"综合\"", $"{p}.head"), (office.Name, office.HeadUserId));
        Assert.Equal(ClearanceLevel.Internal, (await _runtime.Query(db => db.Users.SingleAsync(u => u.Id == $"{p}.clerk"))).Clearance);
        Assert.Equal("leave,travel", (await _runtime.Query(db => db.Set<DelegationRecord>().SingleAsync(d => d.FromUserId == $"{p}.head"))).ProcessKeys);
    }

    [DatabaseFact]
    public async Task CsvDryRun_ListsEveryProblemWithItsLine_AndChangesNothing()
    {
        var p = Unique();
        var lines = new[]
        {
            $"agency,{p},示范省人民政府,示政,government",                    // 1 fine
            $"agency,{p}-a,甲市,,city,{p}",                                   // 2 unknown kind
            $"agency,{p}-b,乙市,,,{p}-nowhere",                               // 3 unknown parent (found when applied)
            $"department,{p}-a-bgs,{p}-a,办公室",                              // 4 agency refused above
            $"user,{p}.wang,王五,{p}-nodept",                                 // 5 unknown department
            $"user,{p}.li,李四,,{p},极密",                                     // 6 bad clearance
            $"user,{p}.zhao",                                                 // 7 lacks the name
            $"position,{p}.zhao,处长,{p}-nounit",                              // 8 unknown user
            $"delegation,{p}.wang,{p}.li,2026-13-01,2026-12-31",              // 9 bad date
            $"office,{p}-x,某办",                                             // 10 unknown record kind
            $"agency,{p},又一个,示政,government",                              // 11 defined twice
        };
        var before = await CountAsync(p);

        var report = await ImportAsync(string.Join("\r\n", lines), ImportFormat.Csv, dryRun: true);

        Assert.False(report.Applied);
        Assert.True(report.DryRun);
        // Reading problems come first and stop the run; each names its line.
        Assert.Equal(["line 2", "line 6", "line 7", "line 9", "line 10", "line 11"], report.Problems.Select(x => x.Location));
        Assert.Contains("'city' is not an agency kind", report.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("极密", report.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("lacks name", report.Problems[2].Message, StringComparison.Ordinal);
        Assert.Contains("defined twice (first at line 1)", report.Problems[5].Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(p));

        // With the reading problems fixed, the dry run applies everything in a transaction it rolls back.
        lines[1] = $"agency,{p}-a,甲市,,government,{p}";
        lines[5] = $"user,{p}.li,李四,,{p},机密";
        lines[6] = $"user,{p}.zhao,赵六";
        lines[8] = $"delegation,{p}.wang,{p}.li,2026-12-01,2026-12-31";
        var applied = await ImportAsync(string.Join("\n", lines[..10].Where((_, i) => i != 9)), ImportFormat.Csv, dryRun: true);

        Assert.Equal(["line 3", "line 5", "line 8", "line 9"], applied.Problems.Select(x => x.Location));
        Assert.Contains($"parent agency '{p}-nowhere' does not exist", applied.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains($"Department '{p}-nodept' does not exist", applied.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains($"'{p}-nounit' is neither a department nor an agency", applied.Problems[2].Message, StringComparison.Ordinal);
        Assert.Contains($"User '{p}.wang' does not exist", applied.Problems[3].Message, StringComparison.Ordinal);
        Assert.True(applied.Created > 0);
        Assert.Equal(before, await CountAsync(p));
    }

    [DatabaseFact]
    public async Task ValidDryRun_ReportsWhatItWouldCreate_AndChangesNothing()
    {
        var p = Unique();
        var before = await CountAsync(p);

        var report = await ImportAsync($"agency,{p},省\nagency,{p}-a,市,,,{p}\nuser,{p}.u,某人,,{p}-a", ImportFormat.Csv, dryRun: true);

        Assert.Equal((true, false, 3), (report.Succeeded, report.Applied, report.Created));
        Assert.Equal(before, await CountAsync(p));
    }

    [DatabaseFact]
    public async Task RealImport_WithOneBadItem_ImportsNothing()
    {
        var p = Unique();
        var csv = $"""
            agency,{p},示范省人民政府,,government
            department,{p}-bgs,{p},办公室
            user,{p}.a,甲,{p}-bgs
            user,{p}.b,乙,{p}-bgs
            delegation,{p}.a,{p}.nobody,2026-12-01,2026-12-02
            """;
        var before = await CountAsync(p);

        var report = await ImportAsync(csv, ImportFormat.Csv);

        Assert.False(report.Applied);
        var problem = Assert.Single(report.Problems);
        Assert.Equal("line 5", problem.Location);
        Assert.Contains($"User '{p}.nobody' does not exist", problem.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync(p));
    }

    [DatabaseFact]
    public async Task JsonProblems_AreLocatedByPath_AndSyntaxErrorsByLine()
    {
        var p = Unique();
        var json = $$"""
            {
              "agencies": [
                { "id": "{{p}}", "name": "省", "kind": "government" },
                { "id": "{{p}}-a", "name": "市", "parent": "{{p}}-nowhere" }
              ],
              "users": [
                { "id": "{{p}}.a", "name": "甲", "agency": "{{p}}" },
                { "id": "{{p}}.b", "name": "乙", "clearance": "top", "phone": "123" },
                { "id": "{{p}}.c", "name": "丙", "positions": [ { "name": "处长", "unit": "{{p}}-none" }, 42 ] }
              ],
              "teams": []
            }
            """;
        var before = await CountAsync(p);

        var read = await ImportAsync(json, ImportFormat.Json, dryRun: true);

        Assert.Equal(["$.users[1].phone", "$.users[1].clearance", "$.users[2].positions[1]", "$.teams"], read.Problems.Select(x => x.Location));

        var fixedJson = json.Replace(", \"clearance\": \"top\", \"phone\": \"123\"", "", StringComparison.Ordinal)
            .Replace(", 42", "", StringComparison.Ordinal).Replace(",\n  \"teams\": []", "", StringComparison.Ordinal);
        var applied = await ImportAsync(fixedJson, ImportFormat.Json, dryRun: true);

        Assert.Equal(["$.agencies[1]", "$.users[2].positions[0]"], applied.Problems.Select(x => x.Location));
        Assert.Equal(before, await CountAsync(p));

        var syntax = await ImportAsync("{\n  \"agencies\": [\n    { \"id\": \"x\" \n  ]\n}", ImportFormat.Json);
        Assert.Equal("line 4", Assert.Single(syntax.Problems).Location);
    }

    [DatabaseFact]
    public async Task AnItemThatExistsDifferently_IsAProblem_ButOneThatExistsIdentically_IsUnchanged()
    {
        var p = Unique();
        await ImportAsync($"agency,{p},示范省人民政府,示政,government\nuser,{p}.a,甲,,{p}", ImportFormat.Csv);

        var report = await ImportAsync($"agency,{p},示范省政府,示政,government\nuser,{p}.a,甲,,{p}", ImportFormat.Csv);

        var problem = Assert.Single(report.Problems);
        Assert.Equal("line 1", problem.Location);
        Assert.Contains("already exists as 示范省人民政府", problem.Message, StringComparison.Ordinal);
        Assert.Equal(1, report.Unchanged);
        Assert.Equal("示范省人民政府", (await _runtime.Query(db => db.Set<AgencyRecord>().SingleAsync(a => a.Id == p))).Name);
    }
}

public sealed class SqliteOrganisationImportTests(SqliteTestDatabase database) : OrganisationImportTests<SqliteTestDatabase>(database);

public sealed class PostgresOrganisationImportTests(PostgresTestDatabase database) : OrganisationImportTests<PostgresTestDatabase>(database);

using System.Net;
using System.Net.Http.Json;
using G2G.Runtime.Audit;
using G2G.Runtime.Notifications;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Organisation;
using G2G.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Security;

/// <summary>
/// The clearance cases of the security matrix: classified work goes only to people cleared for it, whoever hands it
/// on (its assignee, an administrator, a deactivation), an administrator sees nothing above their own clearance, and
/// no notification shows a classified title to someone who may not read it.
/// </summary>
public abstract class ClearanceTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private const string Title = "关于追加2027年预算的请示";

    [DatabaseTheory]
    [InlineData("transfer")]
    [InlineData("delegate")]
    [InlineData("copies")]
    [InlineData("signers")]
    public async Task HandingASecretTaskToSomeoneNotCleared_IsRefusedNamingTheRule_AndChangesNothing(string operation)
    {
        var (instance, task) = await world.StartAsync(FinChief, ClearanceLevel.Secret);
        var chief = await world.SessionAsync(FinChief);

        using var refused = await chief.PostAsJsonAsync($"/api/v1/tasks/{task}/{operation}", Body(operation, FinClerk));

        var problem = await refused.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "not-cleared");
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains(FinClerk, detail, StringComparison.Ordinal);
        Assert.Contains("秘密", detail, StringComparison.Ordinal);
        await using var db = world.Database.CreateContext();
        var row = await db.Set<TaskRecord>().SingleAsync(t => t.Id == task);
        Assert.Equal((FinChief, "open", (string?)null), (row.Assignee, row.State, row.Owner));
        Assert.Equal(["instance.started"], await db.Set<InstanceEventRecord>().Where(a => a.InstanceId == instance).AuditTrail().Select(a => a.Kind).ToListAsync());
        Assert.False(await db.Set<OutboxRecord>().AnyAsync(o => o.InstanceId == instance && o.Recipient == FinClerk));
        Assert.False(await db.Set<TaskCopyRecord>().AnyAsync(c => c.InstanceId == instance));
        // The audit keeps the reason in English (the answer's detail is in the request's language).
        Assert.True(await db.Set<AuditRecord>().AnyAsync(a => a.Chain == AuditLog.AccessChain && a.Actor == FinChief
            && a.Comment!.Contains(FinClerk + " is not cleared for it")));

        // Someone cleared for it may receive it.
        using var allowed = await chief.PostAsJsonAsync($"/api/v1/tasks/{task}/{operation}", Body(operation, Supervisor));
        await allowed.IsAsync(HttpStatusCode.NoContent);
    }

    [DatabaseFact]
    public async Task AnAdministratorsReassign_SeesNothingAboveTheirClearance_AndGivesWorkOnlyToPeopleClearedForIt()
    {
        await world.CreateUserAsync("admin.hs", ClearanceLevel.HighlySecret, "administrator");
        // A 绝密 request: its step is for the 秘密 chief, so it waits, unassigned, for an administrator.
        var (_, topSecret) = await world.StartAsync(Admin, ClearanceLevel.TopSecret);
        var lowAdmin = await world.SessionAsync("admin.hs");
        var admin = await world.SessionAsync(Admin);

        using var hidden = await lowAdmin.PostAsJsonAsync($"/api/v1/tasks/{topSecret}/reassign", new { userId = EduClerk });
        using var missing = await lowAdmin.PostAsJsonAsync("/api/v1/tasks/987654321/reassign", new { userId = EduClerk });
        var hiddenDetail = (await hidden.IsProblemAsync(HttpStatusCode.NotFound, "not-found")).GetProperty("detail").GetString();
        var missingDetail = (await missing.IsProblemAsync(HttpStatusCode.NotFound, "not-found")).GetProperty("detail").GetString();
        Assert.Equal(missingDetail!.Replace("987654321", "", StringComparison.Ordinal), hiddenDetail!.Replace($"{topSecret}", "", StringComparison.Ordinal));

        using var notCleared = await admin.PostAsJsonAsync($"/api/v1/tasks/{topSecret}/reassign", new { userId = FinChief });
        Assert.Contains("绝密", (await notCleared.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "not-cleared")).GetProperty("detail").GetString()!,
            StringComparison.Ordinal);
        await using (var db = world.Database.CreateContext())
            Assert.Null((await db.Set<TaskRecord>().SingleAsync(t => t.Id == topSecret)).Assignee);

        using var moved = await admin.PostAsJsonAsync($"/api/v1/tasks/{topSecret}/reassign", new { userId = EduClerk });
        Assert.Equal(EduClerk, (await moved.IsAsync(HttpStatusCode.OK)).GetProperty("to").GetString());
    }

    [DatabaseFact]
    public async Task ADeactivatedUsersSecretTask_DoesNotGoToASuccessorNotClearedForIt()
    {
        var department = $"dept-{Guid.NewGuid():N}"[..12];
        await using (var scope = world.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<OrganisationService>().CreateDepartmentAsync(new NewDepartment(department, "gd-fin", "综合处"), "setup");
        var (head, leaving) = ($"{department}.head", $"{department}.leaving");
        await world.CreateUserAsync(head, ClearanceLevel.Internal, department: department);
        await world.CreateUserAsync(leaving, ClearanceLevel.Secret, department: department);
        var admin = await world.SessionAsync(Admin);
        using (var setHead = await admin.PutAsJsonAsync($"/api/v1/organisation/departments/{department}/head", new { userId = head }))
            await setHead.IsAsync(HttpStatusCode.OK);
        var (instance, task) = await world.StartAsync(FinChief, ClearanceLevel.Secret);
        using (var reassigned = await admin.PostAsJsonAsync($"/api/v1/tasks/{task}/reassign", new { userId = leaving }))
            await reassigned.IsAsync(HttpStatusCode.OK);

        using var deactivated = await admin.PostAsJsonAsync($"/api/v1/organisation/users/{leaving}/deactivate", new { reason = "调离" });

        var move = (await deactivated.IsAsync(HttpStatusCode.OK)).GetProperty("moves").EnumerateArray().Single();
        Assert.NotEqual(head, move.GetProperty("to").GetString());
        await using var db = world.Database.CreateContext();
        Assert.Null((await db.Set<TaskRecord>().SingleAsync(t => t.Id == task)).Assignee);
        Assert.True(await db.Set<IncidentRecord>().AnyAsync(i => i.InstanceId == instance && i.ResolvedAt == null));
        Assert.False(await db.Set<OutboxRecord>().AnyAsync(o => o.InstanceId == instance && o.Recipient == head));
    }

    [DatabaseFact]
    public async Task ANotificationAboutASecretItem_ToSomeoneNoLongerClearedForIt_ShowsNeitherItsTitleNorALinkTheyCannotOpen()
    {
        var holder = $"fin.holder{Guid.NewGuid():N}"[..16];
        await world.CreateUserAsync(holder, ClearanceLevel.Secret);
        var (instance, task) = await world.StartAsync(FinChief, ClearanceLevel.Secret);
        var admin = await world.SessionAsync(Admin);
        using (var reassigned = await admin.PostAsJsonAsync($"/api/v1/tasks/{task}/reassign", new { userId = holder }))
            await reassigned.IsAsync(HttpStatusCode.OK);
        // The holder's clearance is lowered while the task is theirs; the next 催办 still goes to them.
        await using (var db = world.Database.CreateContext())
            await db.Users.Where(u => u.Id == holder).ExecuteUpdateAsync(s => s.SetProperty(u => u.Clearance, ClearanceLevel.Internal));
        using (var urged = await admin.PostAsync($"/api/v1/tasks/{task}/urge"))
            await urged.IsAsync(HttpStatusCode.NoContent);

        // The host's own dispatcher also runs (it may have delivered the reassignment while the holder was cleared).
        var dispatcher = world.Factory.Services.GetRequiredService<OutboxDispatcher>();
        await using var check = world.Database.CreateContext();
        var urgedNotice = check.Set<NotificationRecord>().Where(n => n.UserId == holder && n.Kind == "task.urged");
        for (var pass = 0; pass < 100 && !await urgedNotice.AnyAsync(); pass++)
        {
            if (await dispatcher.DispatchAsync(CancellationToken.None) == 0)
                await Task.Delay(50);
        }

        var notice = await urgedNotice.SingleAsync();
        Assert.DoesNotContain("预算", notice.Subject + notice.Body, StringComparison.Ordinal);
        Assert.Equal(ClassifiedNotices.RedactedSubject, notice.Subject);
        // The instance and the task answer 404 to them: the notice links to neither.
        Assert.Equal(((long?)null, (long?)null), (notice.InstanceId, notice.TaskId));
        // Someone cleared for the item still reads its title.
        var chiefs = await check.Set<NotificationRecord>().Where(n => n.UserId == FinChief && n.InstanceId == instance).ToListAsync();
        Assert.Contains(chiefs, n => n.Body == Title);
    }

    [DatabaseTheory]
    [InlineData("transfer")]
    [InlineData("delegate")]
    [InlineData("copies")]
    public async Task HandingAnUnclassifiedTaskToSomeoneWhoIsNoUser_IsNotFoundNamingThem_AndChangesNothing(string operation)
    {
        var (instance, task) = await world.StartAsync(FinChief);
        var chief = await world.SessionAsync(FinChief);

        using var refused = await chief.PostAsJsonAsync($"/api/v1/tasks/{task}/{operation}", Body(operation, "no.such.person"));

        Assert.Contains("no.such.person", (await refused.IsProblemAsync(HttpStatusCode.NotFound, "not-found")).GetProperty("detail").GetString()!,
            StringComparison.Ordinal);
        await using var db = world.Database.CreateContext();
        var row = await db.Set<TaskRecord>().SingleAsync(t => t.Id == task);
        Assert.Equal((FinChief, (string?)null), (row.Assignee, row.Owner));
        Assert.Equal(["instance.started"], await db.Set<InstanceEventRecord>().Where(a => a.InstanceId == instance).AuditTrail().Select(a => a.Kind).ToListAsync());
    }

    private static object Body(string operation, string user) => operation switch
    {
        "copies" => new { readers = new[] { user } },
        "signers" => new { userId = user, position = "After" },
        _ => new { userId = user },
    };
}

public sealed class SqliteClearanceTests(SecurityWorld<SqliteTestDatabase> world) : ClearanceTests<SqliteTestDatabase>(world);

public sealed class PostgresClearanceTests(SecurityWorld<PostgresTestDatabase> world) : ClearanceTests<PostgresTestDatabase>(world);

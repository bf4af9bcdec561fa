using G2G.Runtime.Audit;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

public abstract class TaskOperationTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "operations.bpmn")
    where TDatabase : TestDatabase
{
    private Task Do(Func<InstanceService, Task> operation) => Runtime.In(s => operation(s.GetRequiredService<InstanceService>()));

    private Task<List<string>> AuditActions(long instanceId) =>
        Runtime.Query(db => db.Set<InstanceEventRecord>().Where(a => a.InstanceId == instanceId).AuditTrail().OrderBy(a => a.Seq).Select(a => a.Kind).ToListAsync());

    [DatabaseFact]
    public async Task Claim_ByACandidate_AssignsIt_OthersAreRefused_ReleaseGivesItBack()
    {
        var id = await Runtime.StartAsync("handling");
        var task = await Runtime.TaskAsync(id, "handle");
        Assert.Null(task.Assignee);

        var outsider = await Assert.ThrowsAsync<RuntimeException>(() => Do(s => s.ClaimAsync(task.Id, "zhao.liu")));
        Assert.Equal(RuntimeErrorCode.NotAllowed, outsider.Code);
        await Do(s => s.ClaimAsync(task.Id, "li.si"));
        var second = await Assert.ThrowsAsync<RuntimeException>(() => Do(s => s.ClaimAsync(task.Id, "wang.wu")));
        Assert.Equal(RuntimeErrorCode.Conflict, second.Code);
        Assert.Equal("li.si", (await Runtime.TaskAsync(id, "handle")).Assignee);

        await Do(s => s.ReleaseAsync(task.Id, "li.si"));
        Assert.Null((await Runtime.TaskAsync(id, "handle")).Assignee);
        Assert.Equal(["instance.started", "task.claimed", "task.released"], await AuditActions(id));
        Assert.Null(await Runtime.In(s => s.GetRequiredService<AuditVerifier>().VerifyAsync()));
    }

    [DatabaseFact]
    public async Task Transfer_HandsTheTaskOver_WithANotification()
    {
        var id = await Runtime.StartAsync("handling");
        var task = await Runtime.TaskAsync(id, "handle");
        await Do(s => s.ClaimAsync(task.Id, "li.si"));

        await Do(s => s.TransferAsync(task.Id, "li.si", "sun.ba", "请孙八办理"));

        Assert.Equal("sun.ba", (await Runtime.TaskAsync(id, "handle")).Assignee);
        var note = await Runtime.Query(db => db.Set<OutboxRecord>().SingleAsync(o => o.InstanceId == id && o.Kind == "task.transferred"));
        Assert.Equal("sun.ba", note.Recipient);
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => Do(s => s.TransferAsync(task.Id, "li.si", "zhou.jiu")));
        Assert.Equal(RuntimeErrorCode.NotAllowed, refused.Code);
    }

    [DatabaseFact]
    public async Task Delegate_GoesToTheDelegate_AndMustComeBackToTheOwnerBeforeCompletion()
    {
        var id = await Runtime.StartAsync("handling");
        var task = await Runtime.TaskAsync(id, "handle");
        await Do(s => s.ClaimAsync(task.Id, "li.si"));

        await Do(s => s.DelegateAsync(task.Id, "li.si", "sun.ba", "请先核实数据"));
        var delegated = await Runtime.TaskAsync(id, "handle");
        Assert.Equal(("sun.ba", "li.si"), (delegated.Assignee, delegated.Owner));
        var early = await Assert.ThrowsAsync<RuntimeException>(() => Runtime.CompleteAsync(task.Id, "sun.ba"));
        Assert.Equal(RuntimeErrorCode.Conflict, early.Code);

        await Do(s => s.ReturnDelegatedAsync(task.Id, "sun.ba", "数据已核实"));
        var returned = await Runtime.TaskAsync(id, "handle");
        Assert.Equal(("li.si", (string?)null), (returned.Assignee, returned.Owner));
        await Runtime.CompleteAsync(task.Id, "li.si");
        Assert.Equal("review", Assert.Single(await Runtime.OpenTasksAsync(id)).ElementId);
    }

    [DatabaseFact]
    public async Task Copy_SendsReadCopies_WithReadReceipts_AndUrgeNotifies()
    {
        var id = await Runtime.StartAsync("handling");
        var task = await Runtime.TaskAsync(id, "handle");

        await Do(s => s.CopyAsync(task.Id, "zhang.san", ["chen.qi", "zhou.jiu"], "请阅"));
        var copy = await Runtime.Query(db => db.Set<TaskCopyRecord>().SingleAsync(c => c.InstanceId == id && c.UserId == "chen.qi"));
        Assert.Null(copy.ReadAt);
        await Do(s => s.MarkCopyReadAsync(copy.Id, "chen.qi"));
        Assert.NotNull((await Runtime.Query(db => db.Set<TaskCopyRecord>().SingleAsync(c => c.Id == copy.Id))).ReadAt);
        var notMine = await Assert.ThrowsAsync<RuntimeException>(() => Do(s => s.MarkCopyReadAsync(copy.Id, "zhou.jiu")));
        Assert.Equal(RuntimeErrorCode.NotFound, notMine.Code);

        await Do(s => s.UrgeAsync(task.Id, "zhang.san", "请尽快办理"));
        var urged = await Runtime.Query(db => db.Set<OutboxRecord>().Where(o => o.InstanceId == id && o.Kind == "task.urged").Select(o => o.Recipient).OrderBy(r => r).ToListAsync());
        Assert.Equal(["li.si", "wang.wu"], urged);
    }

    [DatabaseFact]
    public async Task UrgingTheSameTaskAgainWithinTheHour_IsRefusedWithWhenItMayBe_AndChangesNothing()
    {
        var id = await Runtime.StartAsync("handling");
        var task = await Runtime.TaskAsync(id, "handle");
        await Do(s => s.UrgeAsync(task.Id, "zhang.san", "请尽快办理"));
        var urgedAt = Runtime.Clock.GetUtcNow();
        Runtime.Clock.Advance(TimeSpan.FromMinutes(20));
        var before = (await Runtime.InstanceAsync(id), await AuditActions(id));
        Task<int> Reminders() => Runtime.Query(db => db.Set<OutboxRecord>().CountAsync(o => o.InstanceId == id && o.Kind == "task.urged"));
        var sent = await Reminders();

        var again = await Assert.ThrowsAsync<RuntimeException>(() => Do(s => s.UrgeAsync(task.Id, "zhang.san", "再催一次")));

        Assert.Equal(RuntimeErrorCode.TooSoon, again.Code);
        Assert.Equal(urgedAt + TimeSpan.FromHours(1), again.RetryAt);
        // 2026-11-23 09:00 in China: urged then, again from 10:00, both said in China Standard Time.
        Assert.Equal($"You urged “承办” (task {task.Id}) at 2026-11-23 09:00; you can urge it again from 2026-11-23 10:00 (China Standard Time).",
            again.Message);
        Assert.Equal($"您已于 2026-11-23 09:00 催办过“承办”（任务 {task.Id}），2026-11-23 10:00（北京时间）后可再次催办。",
            again.Text.In(System.Globalization.CultureInfo.GetCultureInfo("zh-CN")));
        var after = (await Runtime.InstanceAsync(id), await AuditActions(id));
        Assert.Equal((before.Item1.Version, before.Item1.EventSeq), (after.Item1.Version, after.Item1.EventSeq));
        Assert.Equal(before.Item2, after.Item2);
        Assert.Equal(sent, await Reminders());

        await Do(s => s.UrgeAsync(task.Id, "li.si")); // the limit is per person
        Runtime.Clock.Advance(TimeSpan.FromMinutes(40));   // an hour after the first urge
        await Do(s => s.UrgeAsync(task.Id, "zhang.san", "再催一次"));
        Assert.Equal(3, (await AuditActions(id)).Count(a => a == "task.urged"));
    }

    [DatabaseFact]
    public async Task OperationsTheStepDoesNotAllow_AreRefused()
    {
        var id = await Runtime.StartAsync("handling");
        var handle = await Runtime.TaskAsync(id, "handle");
        await Do(s => s.ClaimAsync(handle.Id, "li.si"));
        await Runtime.CompleteAsync(handle.Id, "li.si");
        var review = await Runtime.TaskAsync(id, "review");

        var refused = await Assert.ThrowsAsync<RuntimeException>(() => Do(s => s.TransferAsync(review.Id, "chen.qi", "zhou.jiu")));

        Assert.Equal(RuntimeErrorCode.NotAllowed, refused.Code);
        Assert.Contains("Transfer", refused.Message, StringComparison.Ordinal);
        Assert.Equal("chen.qi", (await Runtime.TaskAsync(id, "review")).Assignee);
    }
}

public sealed class SqliteTaskOperationTests(SqliteTestDatabase database) : TaskOperationTests<SqliteTestDatabase>(database);

public sealed class PostgresTaskOperationTests(PostgresTestDatabase database) : TaskOperationTests<PostgresTestDatabase>(database);

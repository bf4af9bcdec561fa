using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>
/// If-Match inside the command (<see cref="InstanceService.IfVersion"/>): the version is compared with the instance row the
/// command loads in its own transaction, so of commands racing with the same version exactly one is done and the others are
/// refused with nothing changed; reminders, overdue notices and escalations append to the log without moving that version.
/// </summary>
public abstract class IfVersionTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "operations.bpmn", "deadline.bpmn")
    where TDatabase : TestDatabase
{
    private Task<List<InstanceEventRecord>> LogAsync(long id) =>
        Runtime.Query(db => db.Set<InstanceEventRecord>().AsNoTracking().Where(e => e.InstanceId == id).OrderBy(e => e.Seq).ToListAsync());

    /// <summary>Runs an operation in its own scope, as one request would, for a caller who read <paramref name="version"/>.</summary>
    private Task<Exception?> TryAsync(int version, Func<InstanceService, Task> operation) =>
        Runtime.In<Exception?>(async s =>
        {
            try
            {
                await operation(s.GetRequiredService<InstanceService>().IfVersion([version]));
                return null;
            }
            catch (RuntimeException refused)
            {
                return refused;
            }
        });

    [DatabaseFact]
    public async Task AStaleVersion_IsRefused_AndChangesNothing()
    {
        var id = await Runtime.StartAsync("handling");
        var task = await Runtime.TaskAsync(id, "handle");
        await Runtime.In(s => s.GetRequiredService<InstanceService>().ClaimAsync(task.Id, "li.si"));
        var version = (await Runtime.InstanceAsync(id)).Version;
        var log = await LogAsync(id);

        var stale = Assert.IsType<RuntimeException>(await TryAsync(version - 1, i => i.CompleteTaskAsync(task.Id, "li.si")));
        Assert.Equal(RuntimeErrorCode.PreconditionFailed, stale.Code);
        Assert.Contains($"version {version}", stale.Message, StringComparison.Ordinal);
        var staleRow = Assert.IsType<RuntimeException>(await TryAsync(version + 1, i => i.UrgeAsync(task.Id, "li.si")));
        Assert.Equal(RuntimeErrorCode.PreconditionFailed, staleRow.Code);

        Assert.Equal((version, log.Count), ((await Runtime.InstanceAsync(id)).Version, (await LogAsync(id)).Count));
        Assert.Equal(TaskStates.Open, (await Runtime.TaskAsync(id, "handle")).State);
        Assert.Null(await TryAsync(version, i => i.CompleteTaskAsync(task.Id, "li.si")));
    }

    [DatabaseFact]
    public async Task CommandsRacingWithTheSameVersion_OneIsDone_TheOthersAreRefusedWithNothingChanged()
    {
        var id = await Runtime.StartAsync("handling");
        var task = await Runtime.TaskAsync(id, "handle");
        await Runtime.In(s => s.GetRequiredService<InstanceService>().ClaimAsync(task.Id, "li.si"));
        var version = (await Runtime.InstanceAsync(id)).Version;
        var log = await LogAsync(id);

        // Each would succeed on its own; a check before the command would let all of them through and the retries of the
        // losers would overwrite the winner's version.
        var outcomes = await Task.WhenAll(
            TryAsync(version, i => i.CopyAsync(task.Id, "li.si", ["chen.qi"])),
            TryAsync(version, i => i.CopyAsync(task.Id, "li.si", ["zhao.liu"])),
            TryAsync(version, i => i.UrgeAsync(task.Id, "li.si")),
            TryAsync(version, i => i.CompleteTaskAsync(task.Id, "li.si")));

        Assert.Single(outcomes, o => o is null);
        Assert.All(outcomes.OfType<RuntimeException>(), refused => Assert.Equal(RuntimeErrorCode.PreconditionFailed, refused.Code));
        Assert.Equal(3, outcomes.Count(o => o is not null));
        Assert.Equal(version + 1, (await Runtime.InstanceAsync(id)).Version);
        var appended = (await LogAsync(id)).Skip(log.Count).ToList();
        Assert.Single(appended, e => e.Kind is "task.copied" or "task.urged" or "task.completed");
    }

    [DatabaseFact]
    public async Task RemindersOverdueNoticesAndEscalations_LeaveTheVersionAUserRead()
    {
        var id = await Runtime.StartAsync("deadline");
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, "zhang.san");
        var review = await Runtime.TaskAsync(id, "review");
        var read = await Runtime.InstanceAsync(id);

        Runtime.Clock.Advance(TimeSpan.FromDays(60)); // past the reminder, the due date and the escalation
        await Runtime.RunJobsAsync();

        var now = await Runtime.InstanceAsync(id);
        Assert.Equal(read.EventSeq + 3, now.EventSeq); // the three notices are in the log …
        Assert.Equal(read.Version, now.Version);        // … and the version the user read still holds
        Assert.Null(await TryAsync(read.Version, i => i.CompleteTaskAsync(review.Id, "wang.wu")));
        Assert.Equal(read.Version + 1, (await Runtime.InstanceAsync(id)).Version);
    }

    [DatabaseFact]
    public async Task ACopysReadReceipt_LeavesTheVersionAUserRead()
    {
        var id = await Runtime.StartAsync("handling");
        var task = await Runtime.TaskAsync(id, "handle");
        await Runtime.In(s => s.GetRequiredService<InstanceService>().ClaimAsync(task.Id, "li.si"));
        await Runtime.In(s => s.GetRequiredService<InstanceService>().CopyAsync(task.Id, "li.si", ["chen.qi"], "请阅"));
        var copyId = await Runtime.Query(db => db.Set<TaskCopyRecord>().Where(c => c.TaskId == task.Id && c.UserId == "chen.qi").Select(c => c.Id).SingleAsync());
        var read = await Runtime.InstanceAsync(id);

        await Runtime.In(s => s.GetRequiredService<InstanceService>().MarkCopyReadAsync(copyId, "chen.qi"));

        var now = await Runtime.InstanceAsync(id);
        Assert.Equal("task.copy-read", (await LogAsync(id)).Last().Kind); // the receipt is in the log …
        Assert.Equal((read.EventSeq + 1, read.Version), (now.EventSeq, now.Version)); // … and the version the user read still holds
        Assert.NotNull((await Runtime.Query(db => db.Set<TaskCopyRecord>().SingleAsync(c => c.Id == copyId))).ReadAt);
        Assert.Null(await TryAsync(read.Version, i => i.CompleteTaskAsync(task.Id, "li.si")));
        Assert.Equal(read.Version + 1, (await Runtime.InstanceAsync(id)).Version);
    }
}

public sealed class SqliteIfVersionTests(SqliteTestDatabase database) : IfVersionTests<SqliteTestDatabase>(database);

public sealed class PostgresIfVersionTests(PostgresTestDatabase database) : IfVersionTests<PostgresTestDatabase>(database);

using G2G.Engine.Time;
using G2G.Runtime.Calendar;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static G2G.Documents.Tests.DocumentWorld;

namespace G2G.Documents.Tests;

/// <summary>特急 and 加急 documents get the shorter 收文 deadlines of Documents:UrgentDeadlines; 平急 keeps the procedure's.</summary>
public abstract class UrgencyDeadlineScenarioTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private readonly DocumentWorld _world = new(database);

    public Task InitializeAsync() => _world.InitializeAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [DatabaseFact]
    public async Task UrgentCopiesGetTheConfiguredDeadlines_StepByStep_AndNormalOnesTheProceduresOwn()
    {
        // 加急 configured differently from the default: the setting decides, read when the copy is received.
        _world.Runtime.Services.GetRequiredService<IOptions<DocumentsOptions>>().Value.UrgentDeadlines["加急"]["signFor"] = "3wh";
        var receipts = new Dictionary<string, long>();
        foreach (var urgency in new[] { "特急", "加急", "平急" })
        {
            var id = await _world.StartIssueAsync();
            await _world.DraftAsync(id, mains: ["c1"], urgency: urgency, title: $"关于{urgency}事项的通知");
            await _world.SignAsync(id);
            await _world.Runtime.RunJobsAsync();
            receipts[urgency] = (await _world.ReceiptsAsync((await _world.DocumentAsync(id)).Id))["c1"].Id;
        }

        await AssertDeadlineAsync(receipts["特急"], "signFor", "2wh", "1wh");
        await AssertDeadlineAsync(receipts["加急"], "signFor", "3wh", "1wh");
        await AssertDeadlineAsync(receipts["平急"], "signFor", "1wd", "4wh");
        foreach (var (urgency, receipt) in receipts)
            await _world.CompleteAsync(receipt, "signFor", "c1.clerk");
        await AssertDeadlineAsync(receipts["特急"], "propose", "4wh", "1wh");
        await AssertDeadlineAsync(receipts["加急"], "propose", "1wd", "1wh");
        await AssertDeadlineAsync(receipts["平急"], "propose", "1wd", "4wh");
        foreach (var (urgency, receipt) in receipts)
        {
            await _world.CompleteAsync(receipt, "propose", "c1.office", ("departments", new[] { "c1-a" }), ("mode", "all"));
            await _world.CompleteAsync(receipt, "instruct", "c1.mayor", ("decision", "approve"));
        }
        await AssertDeadlineAsync(receipts["特急"], "handle", "1wd", "1wh");
        await AssertDeadlineAsync(receipts["加急"], "handle", "3wd", "1wh");
        await AssertDeadlineAsync(receipts["平急"], "handle", "5wd", "1wd");
    }

    /// <summary>The open task's deadline and reminder are the ones <paramref name="due"/> and <paramref name="remindBefore"/> give from its creation.</summary>
    private async Task AssertDeadlineAsync(long instance, string step, string due, string remindBefore)
    {
        var task = await _world.Runtime.TaskAsync(instance, step);
        var calendar = await _world.Runtime.In(s => s.GetRequiredService<CalendarProvider>()
            .ForAgencyAsync(s.GetRequiredService<G2GDbContext>(), task.AgencyId, CancellationToken.None).AsTask());
        var expected = DeadlineSpec.Parse(due).DueFrom(task.CreatedAt, calendar);
        Assert.Equal((expected, DeadlineSpec.Parse(remindBefore).Negate().DueFrom(expected, calendar)), (task.DueAt!.Value, task.RemindAt!.Value));
    }
}

public sealed class SqliteUrgencyDeadlineScenarioTests(SqliteTestDatabase database) : UrgencyDeadlineScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresUrgencyDeadlineScenarioTests(PostgresTestDatabase database) : UrgencyDeadlineScenarioTests<PostgresTestDatabase>(database);

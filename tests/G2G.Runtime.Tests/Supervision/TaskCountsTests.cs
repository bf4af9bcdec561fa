using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Supervision;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Supervision;

/// <summary>
/// The maintained task counts against a full count of the rows, after random work: instances started in several agencies
/// and 密级, tasks completed through the runtime, and rows changed, added and deleted behind its back (the triggers count
/// whatever writes). Checked with changes pending, after a fold and after a rebuild from corrupted counts; and the
/// supervision reports that read them against the same reports computed from the rows.
/// </summary>
public abstract class TaskCountsTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "approval.bpmn")
    where TDatabase : TestDatabase
{
    private static readonly string[] Agencies = ["counts-a", "counts-b", "counts-c"];

    private Task<T> Counts<T>(Func<TaskCounts, Task<T>> work) => Runtime.In(s => work(s.GetRequiredService<TaskCounts>()));

    private Task<T> Supervision<T>(Func<SupervisionQueries, Task<T>> query) => Runtime.In(s => query(s.GetRequiredService<SupervisionQueries>()));

    [DatabaseFact]
    public async Task Counts_EqualAFullCount_AfterRandomWork_AFold_AndARebuild()
    {
        var random = new Random(20261206);
        var from = Runtime.Clock.GetUtcNow().AddHours(5); // not midnight: the range has part days at both ends
        for (var round = 0; round < 60; round++)
        {
            await RandomStepAsync(random);
            Runtime.Clock.Advance(TimeSpan.FromHours(random.Next(1, 20)));
            if (round == 30)
                await Counts(c => c.FoldAsync(CancellationToken.None));
        }
        await AssertCountsMatchRowsAsync();
        await AssertReportsMatchRowsAsync(from);

        Assert.True(await Counts(c => c.FoldAsync(CancellationToken.None)) > 0);
        Assert.Equal(0, await Runtime.Query(db => db.Set<TaskCountChangeRecord>().CountAsync()));
        await AssertCountsMatchRowsAsync();

        await Runtime.Query(async db =>
        {
            await db.Set<TaskCountRecord>().Where(c => c.AgencyId == Agencies[0]).ExecuteDeleteAsync();
            db.Add(new TaskCountRecord { Kind = TaskCountKind.OpenDue, AgencyId = "nowhere", Day = new DateOnly(2026, 1, 1), Tasks = 7 });
            return await db.SaveChangesAsync();
        });
        Assert.NotEqual(await ExpectedAsync(), Rounded(await Counts(c => c.AllAsync(CancellationToken.None))));
        await Counts(c => c.RebuildAsync(CancellationToken.None));
        await AssertCountsMatchRowsAsync();
        await AssertReportsMatchRowsAsync(from);
    }

    private async Task RandomStepAsync(Random random)
    {
        var agency = Agencies[random.Next(Agencies.Length)];
        var open = await Runtime.Query(db => db.Set<TaskRecord>().AsNoTracking().Where(t => t.State == TaskStates.Open && t.ProcessKey == "approval")
            .OrderBy(t => t.Id).ToListAsync());
        switch (random.Next(8))
        {
            case 0 or 1 or 2 or 3 when open.Count < 30 || random.Next(2) == 0:
                var id = await Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(new StartInstance("approval",
                    RuntimeHarness.Vars(("amount", random.Next(2) == 0 ? 100 : 20000)), Title: "计数", Initiator: $"user-{random.Next(5)}", AgencyId: agency,
                    Classification: (ClearanceLevel)random.Next(3))));
                // Past the applicant's own step, to a step with a due date.
                var apply = await Runtime.TaskAsync(id, "apply");
                await Runtime.CompleteAsync(apply.Id, apply.Assignee!);
                break;
            case 0 or 1 or 2 or 3 or 4 when open.Count > 0:
                var task = open[random.Next(open.Count)];
                try
                {
                    await Runtime.CompleteAsync(task.Id, task.Assignee ?? "wang.wu");
                }
                catch (RuntimeException)
                {
                    // refused (a group's task nobody claimed): nothing changed, which the counts must show too
                }
                break;
            case 5 when open.Count > 0:
                var moved = open[random.Next(open.Count)].Id;
                var due = Runtime.Clock.GetUtcNow().AddHours(random.Next(-400, 400));
                await Runtime.Query(db => db.Set<TaskRecord>().Where(t => t.Id == moved).ExecuteUpdateAsync(s => s
                    .SetProperty(t => t.DueAt, random.Next(5) == 0 ? null : due)
                    .SetProperty(t => t.AgencyId, random.Next(5) == 0 ? null : agency)
                    .SetProperty(t => t.Classification, (ClearanceLevel)random.Next(4))));
                break;
            case 6 when open.Count > 0:
                var instance = open[0].InstanceId;
                var created = Runtime.Clock.GetUtcNow().AddDays(-random.Next(1, 40));
                var completed = random.Next(2) == 0;
                await Runtime.Query(db =>
                {
                    db.Add(new TaskRecord
                    {
                        InstanceId = instance, EngineTaskId = 1_000_000 + random.Next(1_000_000), ElementId = "counted", ProcessKey = "counted", AgencyId = agency, Classification = (ClearanceLevel)random.Next(3),
                        State = completed ? TaskStates.Completed : TaskStates.Open, CreatedAt = created, DueAt = created.AddDays(random.Next(1, 30)),
                        CompletedAt = completed ? created.AddHours(random.Next(1, 900)) : null,
                    });
                    return db.SaveChangesAsync();
                });
                break;
            default:
                await Runtime.Query(async db =>
                {
                    var added = await db.Set<TaskRecord>().Where(t => t.ProcessKey == "counted").OrderBy(t => t.Id).Select(t => t.Id).FirstOrDefaultAsync();
                    return await db.Set<TaskRecord>().Where(t => t.Id == added).ExecuteDeleteAsync();
                });
                break;
        }
    }

    private async Task AssertCountsMatchRowsAsync() =>
        Assert.Equal(await ExpectedAsync(), Rounded(await Counts(c => c.AllAsync(CancellationToken.None))));

    /// <summary>The counts as the rows give them, counted here in memory by the rules of <see cref="TaskCountKind"/>.</summary>
    private async Task<SortedDictionary<string, string>> ExpectedAsync()
    {
        var tasks = await Runtime.Query(db => db.Set<TaskRecord>().AsNoTracking().ToListAsync());
        var facts = tasks.Where(t => t.State == TaskStates.Open && t.DueAt is not null)
            .Select(t => (TaskCountKind.OpenDue, t.AgencyId ?? "", t.Classification, DateOnly.FromDateTime(t.DueAt!.Value.UtcDateTime), new TaskCounts.Totals(1, 0, 0)))
            .Concat(tasks.Where(t => t.State == TaskStates.Completed && t.CompletedAt is not null)
                .Select(t => (TaskCountKind.Completed, t.AgencyId ?? "", t.Classification, DateOnly.FromDateTime(t.CompletedAt!.Value.UtcDateTime),
                    new TaskCounts.Totals(1, t.DueAt is null || t.CompletedAt <= t.DueAt ? 1 : 0, (t.CompletedAt.Value - t.CreatedAt).TotalSeconds))));
        return Rounded(facts.GroupBy(f => (f.Item1, f.Item2, f.Item3, f.Item4))
            .ToDictionary(g => g.Key, g => g.Aggregate(default(TaskCounts.Totals), (sum, f) => sum + f.Item5)));
    }

    /// <summary>Counts as comparable text, the seconds to the second (sums of floating-point differences).</summary>
    private static SortedDictionary<string, string> Rounded(Dictionary<(TaskCountKind Kind, string AgencyId, ClearanceLevel Classification, DateOnly Day), TaskCounts.Totals> counts) =>
        new(counts.ToDictionary(c => $"{c.Key.Kind} {c.Key.AgencyId} {c.Key.Classification} {c.Key.Day:yyyy-MM-dd}",
            c => FormattableString.Invariant($"{c.Value.Tasks} {c.Value.OnTime} {Math.Round(c.Value.Seconds):0}")), StringComparer.Ordinal);

    /// <summary>The province's aging, overdue total and performance by agency, read from the counts, against the same computed from the rows.</summary>
    private async Task AssertReportsMatchRowsAsync(DateTimeOffset from)
    {
        var now = Runtime.Clock.GetUtcNow();
        var to = now.AddHours(-3);
        var tasks = await Runtime.Query(db => db.Set<TaskRecord>().AsNoTracking().ToListAsync());
        foreach (var filter in new[] { new SupervisionFilter(), new SupervisionFilter([Agencies[0], Agencies[2]]) })
        {
            var inScope = tasks.Where(t => filter.Agencies is null || (t.AgencyId is not null && filter.Agencies.Contains(t.AgencyId))).ToList();
            var open = inScope.Where(t => t.State == TaskStates.Open && t.DueAt is not null).ToList();

            var aging = await Supervision(q => q.AgingAsync(filter, TimeSpan.FromDays(1)));
            Assert.Equal(open.Count(t => t.DueAt >= now && t.DueAt < now.AddDays(1)), aging[AgingBucket.DueSoon]);
            Assert.Equal(open.Count(t => t.DueAt < now && t.DueAt >= now.AddDays(-3)), aging[AgingBucket.UpTo3Days]);
            Assert.Equal(open.Count(t => t.DueAt < now.AddDays(-3) && t.DueAt >= now.AddDays(-7)), aging[AgingBucket.UpTo7Days]);
            Assert.Equal(open.Count(t => t.DueAt < now.AddDays(-7) && t.DueAt >= now.AddDays(-30)), aging[AgingBucket.UpTo30Days]);
            Assert.Equal(open.Count(t => t.DueAt < now.AddDays(-30)), aging[AgingBucket.Over30Days]);
            var overdue = await Supervision(q => q.OverdueAsync(filter, TimeSpan.FromDays(1), 1, 5));
            Assert.Equal(open.Count(t => t.DueAt < now.AddDays(1)), overdue.Total);
            Assert.True(open.Count > 0 && aging.Values.Sum() == overdue.Total);

            var rows = await Supervision(q => q.PerformanceAsync(filter, from, to, PerformanceDimension.Agency));
            var completed = inScope.Where(t => t.State == TaskStates.Completed && t.CompletedAt >= from && t.CompletedAt < to).ToList();
            var expected = completed.Select(t => t.AgencyId ?? "-").Concat(open.Where(t => t.DueAt < now).Select(t => t.AgencyId ?? "-")).Distinct()
                .Order(StringComparer.Ordinal).Select(key =>
                {
                    var mine = completed.Where(t => (t.AgencyId ?? "-") == key).ToList();
                    return (key, mine.Count, mine.Count(t => t.DueAt is null || t.CompletedAt <= t.DueAt),
                        mine.Count == 0 ? 0 : Math.Round(mine.Average(t => (t.CompletedAt!.Value - t.CreatedAt).TotalHours), 2),
                        open.Count(t => t.DueAt < now && (t.AgencyId ?? "-") == key));
                }).ToList();
            Assert.True(completed.Count > 0);
            Assert.Equal(expected.Select(e => (e.key, e.Item2, e.Item3, e.Item5)), rows.Select(r => (r.Key, r.Completed, r.OnTime, r.OpenOverdue)));
            foreach (var (row, hours) in rows.Zip(expected.Select(e => e.Item4)))
                Assert.Equal(hours, row.AverageHandlingHours, 0.011);
        }
    }
}

public sealed class SqliteTaskCountsTests(SqliteTestDatabase database) : TaskCountsTests<SqliteTestDatabase>(database);

public sealed class PostgresTaskCountsTests(PostgresTestDatabase database) : TaskCountsTests<PostgresTestDatabase>(database);

using G2G.Engine.Time;
using G2G.Runtime.Audit;
using G2G.Runtime.Calendar;
using G2G.Runtime.Instances;
using G2G.Runtime.Jobs;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>
/// The installation's working-day calendar: a year without a schedule never blocks a command (the deadline is
/// provisional), loading the year counts those deadlines again, agencies' overrides, warnings, the folder at start.
/// </summary>
public abstract class CalendarTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "deadline.bpmn")
    where TDatabase : TestDatabase
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset December21 = new(2026, 12, 21, 9, 0, 0, Cst);

    /// <summary>A test schedule for 2027 (not the official one, which is not announced): 元旦 off, one make-up Saturday after the deadlines.</summary>
    private const string Fixture2027 = """
        { "year": 2027, "papers": ["test fixture"], "days": [
          { "name": "元旦", "date": "2027-01-01", "isOffDay": true },
          { "name": "春节", "date": "2027-02-20", "isOffDay": false } ] }
        """;

    private static readonly WorkingCalendar Official2027 =
        new(HolidayCalendarData.LoadEmbedded().Merge(HolidayCalendarData.Parse(Fixture2027)));

    private static readonly WorkingCalendar WeekendRule2027 =
        new(HolidayCalendarData.LoadEmbedded().Merge(HolidayCalendarData.FromYears([new HolidayYear(2027, [], [])])));

    /// <summary>The class shares one database: every test starts with no loaded year, override or provisional task.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Runtime.Query(async db =>
        {
            await db.Set<CalendarYearRecord>().ExecuteDeleteAsync();
            await db.Set<CalendarOverrideRecord>().ExecuteDeleteAsync();
            await db.Set<AuditRecord>().Where(a => a.Chain == AuditLog.CalendarChain).ExecuteDeleteAsync();
            return await db.Set<TaskRecord>().ExecuteUpdateAsync(t => t.SetProperty(x => x.State, TaskStates.Cancelled));
        });
    }

    private async Task<TaskRecord> ReviewReachingInto2027Async(string agencyId = "agency-1")
    {
        Runtime.Clock.Set(December21);
        var id = await Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
            new StartInstance("deadline", null, Title: "时限", Initiator: "zhang.san", AgencyId: agencyId)));
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, "zhang.san");
        return await Runtime.TaskAsync(id, "review");
    }

    private Task<List<JobRecord>> JobsAsync(TaskRecord task) =>
        Runtime.Query(db => db.Set<JobRecord>().Where(j => j.InstanceId == task.InstanceId && j.TargetId == task.EngineTaskId)
            .OrderBy(j => j.Kind).ToListAsync());

    private Task<CalendarYearLoaded> LoadAsync(string json, RuntimeHarness? node = null) =>
        (node ?? Runtime).In(s => s.GetRequiredService<CalendarService>().LoadYearAsync(json, CalendarSources.Api, "zhou.wen", default));

    [DatabaseFact]
    public async Task Completing_BeforeAStepWhoseDeadlineReachesAMissingYear_Succeeds_WithAProvisionalDeadline()
    {
        var review = await ReviewReachingInto2027Async();

        Assert.True(review.DueProvisional);
        var due = WeekendRule2027.AddWorkingDays(December21, 30);
        Assert.Equal(due, review.DueAt);
        Assert.Equal(WeekendRule2027.AddWorkingDays(due, -1), review.RemindAt);
        var jobs = await JobsAsync(review);
        Assert.Equal([JobKinds.Escalation, JobKinds.Overdue, JobKinds.Reminder], jobs.Select(j => j.Kind));
        Assert.Equal(WeekendRule2027.AddWorkingDays(due, 2), jobs[0].DueAt);
    }

    [DatabaseFact]
    public async Task LoadingTheMissingYear_RecountsProvisionalDeadlines_MovesTheirJobs_AndIsAudited()
    {
        var review = await ReviewReachingInto2027Async();

        var loaded = await LoadAsync(Fixture2027);

        Assert.Equal(new CalendarYearLoaded(2027, CalendarLoadOutcomes.Created, 2, 1), loaded);
        var recounted = await Runtime.TaskAsync(review.InstanceId, "review");
        var due = Official2027.AddWorkingDays(December21, 30);
        Assert.NotEqual(review.DueAt, due); // 元旦 and the make-up Saturday move it
        Assert.Equal(due, recounted.DueAt);
        Assert.Equal(Official2027.AddWorkingDays(due, -1), recounted.RemindAt);
        Assert.False(recounted.DueProvisional);
        var jobs = await JobsAsync(review);
        Assert.Equal([Official2027.AddWorkingDays(due, 2), due, Official2027.AddWorkingDays(due, -1)], jobs.Select(j => j.DueAt));
        var audit = await Runtime.Query(db => db.Set<AuditRecord>().Where(a => a.Chain == AuditLog.CalendarChain).ToListAsync());
        var record = Assert.Single(audit);
        Assert.Equal(("zhou.wen", "calendar.year-loaded", "2027"), (record.Actor, record.Action, record.Comment));

        Assert.Equal(CalendarLoadOutcomes.Unchanged, (await LoadAsync(Fixture2027)).Outcome); // the same file again: nothing
        Assert.Single(await Runtime.Query(db => db.Set<AuditRecord>().Where(a => a.Chain == AuditLog.CalendarChain).ToListAsync()));
    }

    [DatabaseFact]
    public async Task AnUnannouncedOrMalformedYear_IsRefused_AndChangesNothing()
    {
        var review = await ReviewReachingInto2027Async();
        var empty = await Assert.ThrowsAsync<RuntimeException>(() => LoadAsync("""{ "year": 2027, "papers": [], "days": [] }"""));
        Assert.Equal(RuntimeErrorCode.Invalid, empty.Code);
        Assert.Contains("has not been published", empty.Message, StringComparison.Ordinal);
        var bad = await Assert.ThrowsAsync<RuntimeException>(() => LoadAsync("""{ "year": 2027, "days": [ { "name": "元旦", "date": "2027-13-01", "isOffDay": true } ] }"""));
        Assert.Contains("days[0].date", bad.Message, StringComparison.Ordinal);

        Assert.Empty(await Runtime.Query(db => db.Set<CalendarYearRecord>().ToListAsync()));
        Assert.True((await Runtime.TaskAsync(review.InstanceId, "review")).DueProvisional);
    }

    [DatabaseFact]
    public async Task AnAgencyClosure_MovesTheDeadlinesOfThatAgencyOnly()
    {
        await Runtime.Query(async db =>
        {
            db.AddRange(new AgencyRecord { Id = "agency-1", Name = "一局", Path = "/agency-1/" },
                new AgencyRecord { Id = "agency-2", Name = "二局", Path = "/agency-2/" });
            return await db.SaveChangesAsync();
        });
        var closure = new DateOnly(2026, 12, 23);
        await Runtime.In(s => s.GetRequiredService<CalendarService>().SetOverrideAsync("agency-1", closure, false, "停电检修", "zhou.wen", default));

        var closed = await ReviewReachingInto2027Async("agency-1");
        var open = await ReviewReachingInto2027Async("agency-2");

        var agency1 = WeekendRule2027.WithOverrides([new DayOverride(closure, false)]);
        Assert.Equal(agency1.AddWorkingDays(December21, 30), closed.DueAt);
        Assert.Equal(WeekendRule2027.AddWorkingDays(December21, 30), open.DueAt);
        Assert.NotEqual(closed.DueAt, open.DueAt);
        var listed = Assert.Single(await Runtime.In(s => s.GetRequiredService<CalendarService>().OverridesAsync(null, default)));
        Assert.Equal(("agency-1", closure, false, "停电检修"), (listed.AgencyId, listed.Date, listed.IsWorkingDay, listed.Reason));
        Assert.Equal(["calendar.override-set"], await Runtime.Query(db =>
            db.Set<AuditRecord>().Where(a => a.Chain == AuditLog.CalendarChain).Select(a => a.Action).ToListAsync()));

        var missing = await Assert.ThrowsAsync<RuntimeException>(() => Runtime.In(s =>
            s.GetRequiredService<CalendarService>().SetOverrideAsync("nowhere", closure, false, null, "zhou.wen", default)));
        Assert.Equal(RuntimeErrorCode.NotFound, missing.Code);
    }

    [DatabaseFact]
    public async Task Warnings_NameNextYear_FromTheFirstOfNovember_WithTheProvisionalDeadlines()
    {
        Runtime.Clock.Set(new DateTimeOffset(2026, 10, 31, 23, 0, 0, Cst));
        Assert.Empty(await Runtime.In(s => s.GetRequiredService<CalendarWarnings>().ListAsync(default)));

        await ReviewReachingInto2027Async();
        Runtime.Clock.Set(new DateTimeOffset(2026, 11, 1, 0, 30, 0, Cst)); // still 31 October in UTC
        var warning = Assert.Single(await Runtime.In(s => s.GetRequiredService<CalendarWarnings>().ListAsync(default)));
        Assert.Equal((2027, CalendarWarnings.NextYearMissing, 1), (warning.Year, warning.Code, warning.ProvisionalTasks));
        Assert.Contains("2027", warning.Message, StringComparison.Ordinal);

        Runtime.Clock.Set(new DateTimeOffset(2027, 1, 4, 9, 0, 0, Cst));
        var current = await Runtime.In(s => s.GetRequiredService<CalendarWarnings>().ListAsync(default));
        Assert.Equal([CalendarWarnings.YearMissing], current.Select(w => w.Code));

        await LoadAsync(Fixture2027);
        Assert.Empty(await Runtime.In(s => s.GetRequiredService<CalendarWarnings>().ListAsync(default)));
    }

    [DatabaseFact]
    public async Task TheFolder_LoadsAnnouncedYears_SkipsUnannouncedOnes_AndKeepsAnUpload()
    {
        var folder = Directory.CreateTempSubdirectory("g2g-calendar-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "2027.json"), Fixture2027);
            await File.WriteAllTextAsync(Path.Combine(folder, "2028.json"), """{ "year": 2028, "papers": [], "days": [] }""");
            await File.WriteAllTextAsync(Path.Combine(folder, "broken.json"), "{ not json");
            var review = await ReviewReachingInto2027Async();

            var first = await Runtime.In(s => s.GetRequiredService<CalendarFolderLoader>().LoadAsync(folder, default));
            Assert.Equal(new CalendarFolderLoad(1, 0, 1, 1), first);
            Assert.False((await Runtime.TaskAsync(review.InstanceId, "review")).DueProvisional);
            var again = await Runtime.In(s => s.GetRequiredService<CalendarFolderLoader>().LoadAsync(folder, default));
            Assert.Equal(new CalendarFolderLoad(0, 1, 1, 1), again);

            // An administrator's correction through the API is newer than the folder's file: a restart keeps it.
            var corrected = Fixture2027.Replace("2027-02-20", "2027-02-21", StringComparison.Ordinal);
            await LoadAsync(corrected);
            await Runtime.In(s => s.GetRequiredService<CalendarFolderLoader>().LoadAsync(folder, default));
            var stored = await Runtime.Query(db => db.Set<CalendarYearRecord>().SingleAsync());
            Assert.Equal((CalendarSources.Api, corrected), (stored.Source, stored.Content));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [DatabaseFact]
    public async Task AYearLoadedOnOneNode_ReachesAnother_WithinItsRefreshInterval()
    {
        await using var other = new RuntimeHarness(Database);
        other.Clock.Set(December21);
        var first = await ReviewReachingInto2027Async();
        Runtime.Clock.Set(December21);
        await LoadAsync(Fixture2027, other);

        // This node read the calendar before the load and trusts it for the refresh interval (30 s by default); its
        // sweep recounts what it counted meanwhile once it has read the new year.
        var stale = await ReviewReachingInto2027Async();
        Assert.True(stale.DueProvisional);
        var sweeper = Runtime.In(s => Task.FromResult(s.GetRequiredService<ProvisionalDeadlineSweeper>()));
        Runtime.Clock.Set(December21 + TimeSpan.FromSeconds(31));
        Assert.Equal(1, await (await sweeper).SweepAsync(default));
        Assert.Equal(0, await (await sweeper).SweepAsync(default)); // nothing new: no work
        var recounted = await Runtime.TaskAsync(stale.InstanceId, "review");
        Assert.Equal((Official2027.AddWorkingDays(December21, 30), false), (recounted.DueAt, recounted.DueProvisional));
        var id = await Runtime.StartAsync("deadline");
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, "zhang.san");
        var fresh = await Runtime.TaskAsync(id, "review");
        Assert.False(fresh.DueProvisional);
        Assert.Equal(Official2027.AddWorkingDays(December21 + TimeSpan.FromSeconds(31), 30), fresh.DueAt);
        Assert.False((await Runtime.TaskAsync(first.InstanceId, "review")).DueProvisional); // recounted by the load
    }
}

public sealed class SqliteCalendarTests(SqliteTestDatabase database) : CalendarTests<SqliteTestDatabase>(database);

public sealed class PostgresCalendarTests(PostgresTestDatabase database) : CalendarTests<PostgresTestDatabase>(database);

using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Queries;
using G2G.Runtime.Supervision;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

public abstract class InboxAndSupervisionTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "approval.bpmn", "operations.bpmn")
    where TDatabase : TestDatabase
{
    private Task<T> Inbox<T>(Func<InboxQueries, Task<T>> query) => Runtime.In(s => query(s.GetRequiredService<InboxQueries>()));

    [DatabaseFact]
    public async Task ToDo_HoldsAssignedAndCandidateTasks_Done_Started_AndCopies_WithCounts()
    {
        var user = $"u{Guid.NewGuid():N}"[..12];
        var mine = await Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(new StartInstance("approval", RuntimeHarness.Vars(("amount", 20000)), Title: "我的申请", Initiator: user, AgencyId: "agency-1")));
        var apply = await Runtime.TaskAsync(mine, "apply");
        await Runtime.CompleteAsync(apply.Id, user);                          // now at director: candidates group leader:agency-1
        var viewer = new Viewer(user, ["leader:agency-1"]);

        var toDo = await Inbox(q => q.ToDoAsync(viewer, new InboxFilter(), 1, 50));
        var done = await Inbox(q => q.DoneAsync(viewer, new InboxFilter(), 1, 50));
        var started = await Inbox(q => q.StartedAsync(viewer, new InboxFilter(Text: "我的"), 1, 50));

        Assert.Contains(toDo.Items, t => t.InstanceId == mine && t.ElementId == "director");
        Assert.Equal(apply.Id, Assert.Single(done.Items).Id);
        Assert.Equal(mine, Assert.Single(started.Items).Id);
        Assert.DoesNotContain((await Inbox(q => q.ToDoAsync(new Viewer(user, []), new InboxFilter(), 1, 50))).Items, t => t.InstanceId == mine);

        var other = await Runtime.StartAsync("handling");
        var handle = await Runtime.TaskAsync(other, "handle");
        await Runtime.In(s => s.GetRequiredService<InstanceService>().CopyAsync(handle.Id, "zhang.san", [user], "请阅"));
        var copies = await Inbox(q => q.CopiedToAsync(viewer, unread: true, 1, 50));
        Assert.Equal(other, Assert.Single(copies.Items).InstanceId);

        var counts = await Inbox(q => q.CountsAsync(viewer));
        Assert.Equal((1, 1, 1, 1), (counts.Done, counts.Started, counts.UnreadCopies, counts.ToDo >= 1 ? 1 : 0));
    }

    [DatabaseFact]
    public async Task Counts_AgreeWithTheLists_WhenAStartedInstanceHasEnded()
    {
        var user = $"u{Guid.NewGuid():N}"[..12];
        Task<long> Start() => Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
            new StartInstance("approval", RuntimeHarness.Vars(("amount", 100)), Title: "申请", Initiator: user, AgencyId: "agency-1")));
        var finished = await Start();
        await Start();
        await Runtime.CompleteAsync((await Runtime.TaskAsync(finished, "apply")).Id, user);
        await Runtime.CompleteAsync((await Runtime.TaskAsync(finished, "head")).Id, "wang.wu");
        var viewer = new Viewer(user, []);

        var counts = await Inbox(q => q.CountsAsync(viewer));
        var started = await Inbox(q => q.StartedAsync(viewer, new InboxFilter(), 1, 50));
        var running = await Inbox(q => q.StartedAsync(viewer, new InboxFilter(State: InstanceStatus.Running), 1, 50));

        Assert.Equal((2, 1), (started.Total, running.Total));
        Assert.Equal((started.Total, running.Total), (counts.Started, counts.Running));
    }

    /// <summary>
    /// The badge counts come from one statement of scalar subqueries; each must equal the total of its own list, counted on
    /// its own, within the viewer's clearance: assigned and offered 待办, the overdue one among them, 已办, 我发起的 and the
    /// running ones of them, unread copies. A classified instance's tasks count only for a viewer cleared for it.
    /// </summary>
    [DatabaseFact]
    public async Task Counts_InOneStatement_EqualTheListsCountedOneByOne_WithinClearance()
    {
        var tag = $"c{Guid.NewGuid():N}"[..12];
        var (user, agency) = ($"u-{tag}", $"ag-{tag}");
        Task<long> Start(string key, int amount, string initiator, ClearanceLevel classification) => Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
            new StartInstance(key, RuntimeHarness.Vars(("amount", amount)), Title: $"{tag} {amount}", Initiator: initiator, AgencyId: agency, Classification: classification)));
        var offered = await Start("approval", 20000, user, ClearanceLevel.Unclassified);    // 局长审批 offered to leader:{agency}, due in 3 working days
        var hidden = await Start("approval", 20000, user, ClearanceLevel.HighlySecret);     // the same, 机密
        var ended = await Start("approval", 100, user, ClearanceLevel.Unclassified);        // 处长审批 by wang.wu, then ended
        var waiting = await Start("approval", 100, user, ClearanceLevel.Unclassified);      // 填写申请 stays open, the initiator's
        foreach (var id in new[] { offered, hidden, ended })
            await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, user);
        await Runtime.CompleteAsync((await Runtime.TaskAsync(ended, "head")).Id, "wang.wu");
        for (var copy = 0; copy < 2; copy++)                                                 // (a classified copy goes only to people cleared for it)
        {
            var handle = await Runtime.TaskAsync(await Start("handling", 0, "zhang.san", ClearanceLevel.Unclassified), "handle");
            await Runtime.In(s => s.GetRequiredService<InstanceService>().CopyAsync(handle.Id, "zhang.san", [user], "请阅"));
        }
        var read = (await Inbox(q => q.CopiedToAsync(new Viewer(user, []), unread: true, 1, 1))).Items[0].Id;
        await Runtime.In(s => s.GetRequiredService<InstanceService>().MarkCopyReadAsync(read, user));
        Runtime.Clock.Advance(TimeSpan.FromDays(7));                                          // 局长审批 is overdue, 填写申请 has no due date
        async Task<InboxCounts> OneByOne(Viewer viewer) => new(
            (await Inbox(q => q.ToDoAsync(viewer, new InboxFilter(), 1, 1))).Total,
            (await Inbox(q => q.ToDoAsync(viewer, new InboxFilter(Overdue: true), 1, 1))).Total,
            (await Inbox(q => q.DoneAsync(viewer, new InboxFilter(), 1, 1))).Total,
            (await Inbox(q => q.StartedAsync(viewer, new InboxFilter(), 1, 1))).Total,
            (await Inbox(q => q.CopiedToAsync(viewer, unread: true, 1, 1))).Total,
            (await Inbox(q => q.StartedAsync(viewer, new InboxFilter(State: InstanceStatus.Running), 1, 1))).Total);
        var clerk = new Viewer(user, [$"leader:{agency}"], ClearanceLevel.Secret);
        var cleared = clerk with { Clearance = ClearanceLevel.TopSecret };

        Assert.Equal(new InboxCounts(ToDo: 2, Overdue: 1, Done: 2, Started: 3, UnreadCopies: 1, Running: 2), await OneByOne(clerk));
        Assert.Equal(new InboxCounts(ToDo: 3, Overdue: 2, Done: 3, Started: 4, UnreadCopies: 1, Running: 3), await OneByOne(cleared));
        foreach (var viewer in new[] { clerk, cleared })
        {
            var counts = await Inbox(q => q.CountsAsync(viewer));
            Assert.Equal(await OneByOne(viewer), counts);
            Assert.Equal((counts.ToDo, counts.UnreadCopies), await Inbox(q => q.BadgesAsync(viewer)));
        }
    }

    [DatabaseFact]
    public async Task Overdue_TaskDueInAMinute_HasZeroHours_NeverNegativeZero()
    {
        var agency = $"a{Guid.NewGuid():N}"[..12];
        var id = await Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
            new StartInstance("approval", RuntimeHarness.Vars(("amount", 100)), Title: "临期", Initiator: "zhang.san", AgencyId: agency)));
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, "zhang.san");
        var due = (await Runtime.TaskAsync(id, "head")).DueAt!.Value;
        Runtime.Clock.Advance(due - Runtime.Clock.GetUtcNow() - TimeSpan.FromMinutes(1));

        var item = Assert.Single((await Runtime.In(s => s.GetRequiredService<SupervisionQueries>()
            .OverdueAsync(new SupervisionFilter([agency]), TimeSpan.FromDays(1), 1, 50))).Items);

        Assert.Equal(0, item.OverdueHours);
        Assert.False(double.IsNegative(item.OverdueHours));
        Assert.Equal(AgingBucket.DueSoon, item.Bucket);
    }

    [DatabaseFact]
    public async Task Supervision_ListsOverdueByAge_AndComputesOnTimeRates_ThenExportsTheSame()
    {
        var agency = $"a{Guid.NewGuid():N}"[..12];
        async Task<long> Start(int amount) => await Runtime.In(s => s.GetRequiredService<InstanceService>()
            .StartAsync(new StartInstance("approval", RuntimeHarness.Vars(("amount", amount)), Title: $"申请 {amount}", Initiator: "zhang.san", AgencyId: agency)));
        var onTime = await Start(100);
        var late = await Start(200);
        var open = await Start(300);
        foreach (var id in new[] { onTime, late, open })
            await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, "zhang.san");
        Runtime.Clock.Advance(TimeSpan.FromMinutes(1));
        var from = Runtime.Clock.GetUtcNow();                                                     // the range starts after the applications
        await Runtime.CompleteAsync((await Runtime.TaskAsync(onTime, "head")).Id, "wang.wu");    // due in 2 working days: on time
        Runtime.Clock.Advance(TimeSpan.FromDays(5));                                              // Saturday: both others are overdue
        await Runtime.CompleteAsync((await Runtime.TaskAsync(late, "head")).Id, "wang.wu");
        var scope = new SupervisionFilter([agency]);

        var overdue = await Runtime.In(s => s.GetRequiredService<SupervisionQueries>().OverdueAsync(scope, TimeSpan.FromDays(1), 1, 50));
        var item = Assert.Single(overdue.Items);
        Assert.Equal((open, AgingBucket.UpTo7Days), (item.InstanceId, item.Bucket)); // due Wednesday 09:00, now Saturday 09:01
        var performance = await Runtime.In(s => s.GetRequiredService<SupervisionQueries>().PerformanceAsync(scope, from, Runtime.Clock.GetUtcNow().AddSeconds(1), PerformanceDimension.Step));
        var step = Assert.Single(performance);
        Assert.Equal(("approval/处长审批", "经费审批/处长审批", 2, 1, 0.5m, 1), (step.Key, step.Name, step.Completed, step.OnTime, step.OnTimeRate, step.OpenOverdue));
        var procedure = Assert.Single(await Runtime.In(s => s.GetRequiredService<SupervisionQueries>()
            .PerformanceAsync(scope, from, Runtime.Clock.GetUtcNow().AddSeconds(1), PerformanceDimension.Procedure)));
        Assert.Equal(("approval", "经费审批"), (procedure.Key, procedure.Name));
        Assert.Empty((await Runtime.In(s => s.GetRequiredService<SupervisionQueries>().OverdueAsync(new SupervisionFilter(["elsewhere"]), TimeSpan.FromDays(1), 1, 50))).Items);

        var report = Report.Performance(performance, PerformanceDimension.Step, from, Runtime.Clock.GetUtcNow());
        var csv = System.Text.Encoding.UTF8.GetString(ReportExport.ToCsv(report));
        Assert.StartsWith("\uFEFF环节 key,名称 name,办结 completed,按时 onTime,按时率 onTimeRate,平均办理小时 averageHandlingHours,当前超期 openOverdue\r\n"
            + "approval/处长审批,经费审批/处长审批,2,1,0.5", csv, StringComparison.Ordinal);
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(ReportExport.ToXlsx(report)), false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("approval/处长审批", rows[1].Elements<Cell>().First().InnerText);
        Assert.Equal("0.5", rows[1].Elements<Cell>().ElementAt(4).InnerText);
    }

    [DatabaseFact]
    public async Task PerformancePages_AreTheReportsRows_InTheOrderAskedFor_WithTheChartsLeadersAndTheRest()
    {
        // Four agencies: 4, 3 and 2 tasks completed in the range (C one of them late), D none but one overdue.
        var (a, b, c, d) = ($"a{Guid.NewGuid():N}"[..12], $"b{Guid.NewGuid():N}"[..12], $"c{Guid.NewGuid():N}"[..12], $"d{Guid.NewGuid():N}"[..12]);
        async Task<long> StartAndApply(string agency)
        {
            var id = await Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
                new StartInstance("approval", RuntimeHarness.Vars(("amount", 100)), Title: "申请", Initiator: "zhang.san", AgencyId: agency)));
            await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, "zhang.san");
            return id;
        }
        await StartAndApply(d);                                      // completed before the range; its 处长审批 becomes overdue
        Runtime.Clock.Advance(TimeSpan.FromMinutes(1));
        var from = Runtime.Clock.GetUtcNow();
        foreach (var (agency, starts) in new[] { (a, 4), (b, 3) })
        {
            for (var i = 0; i < starts; i++)
                await StartAndApply(agency);
        }
        var late = await StartAndApply(c);
        Runtime.Clock.Advance(TimeSpan.FromDays(5));                 // every 处长审批 is overdue
        await Runtime.CompleteAsync((await Runtime.TaskAsync(late, "head")).Id, "wang.wu");
        var to = Runtime.Clock.GetUtcNow().AddSeconds(1);
        var filter = new SupervisionFilter([a, b, c, d]);
        Task<PerformancePage> PageOf(PerformanceOrder order, bool descending, int page, int pageSize, int leaders = 0) => Runtime.In(s => s.GetRequiredService<SupervisionQueries>()
            .PerformancePageAsync(filter, new PerformanceQuery(from, to, PerformanceDimension.Agency, order, descending, page, pageSize, leaders)));
        var report = (await Runtime.In(s => s.GetRequiredService<SupervisionQueries>().PerformanceAsync(filter, from, to, PerformanceDimension.Agency)))
            .ToDictionary(r => r.Key);
        Assert.Equal(new[] { (a, 4, 4, 4), (b, 3, 3, 3), (c, 2, 1, 0), (d, 0, 0, 1) },
            new[] { a, b, c, d }.Select(k => (k, report[k].Completed, report[k].OnTime, report[k].OpenOverdue)));

        var first = await PageOf(PerformanceOrder.Completed, descending: true, page: 1, pageSize: 2, leaders: 2);
        var second = await PageOf(PerformanceOrder.Completed, descending: true, page: 2, pageSize: 2);
        var past = await PageOf(PerformanceOrder.Completed, descending: true, page: 3, pageSize: 2);

        Assert.Equal(new[] { report[a], report[b] }, first.Rows.Items);
        Assert.Equal((1, 2, 4), (first.Rows.PageNumber, first.Rows.PageSize, first.Rows.Total));
        Assert.Equal(new[] { report[c], report[d] }, second.Rows.Items);
        Assert.Equal((3, 4), (past.Rows.PageNumber, past.Rows.Total));
        Assert.Empty(past.Rows.Items);
        Assert.Equal(new[] { report[a], report[b] }, first.Leaders);
        Assert.Equal(new PerformanceRest(1, 2, 1, 0.5m), first.Rest);    // C; D completed nothing
        Assert.Empty(second.Leaders);
        Assert.Equal(new PerformanceRest(3, 9, 8, 0.8889m), second.Rest);

        string[] Keys(PerformancePage page) => [.. page.Rows.Items.Select(r => r.Key)];
        var (ab, ba) = string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a); // equal rates: by key
        Assert.Equal(new[] { c, ab, ba, d }, Keys(await PageOf(PerformanceOrder.OnTimeRate, descending: false, 1, 10))); // D has no rate: last either way
        Assert.Equal(new[] { ab, ba, c, d }, Keys(await PageOf(PerformanceOrder.OnTimeRate, descending: true, 1, 10)));
        Assert.Equal(new[] { a, b, d, c }, Keys(await PageOf(PerformanceOrder.OpenOverdue, descending: true, 1, 10)));
        Assert.Equal(new[] { d, c, b, a }, Keys(await PageOf(PerformanceOrder.Completed, descending: false, 1, 10)));
        var unknown = await Assert.ThrowsAsync<RuntimeException>(() => PageOf((PerformanceOrder)99, descending: true, 1, 10));
        Assert.Equal(RuntimeErrorCode.Invalid, unknown.Code);
    }
}

public sealed class SqliteInboxAndSupervisionTests(SqliteTestDatabase database) : InboxAndSupervisionTests<SqliteTestDatabase>(database);

public sealed class PostgresInboxAndSupervisionTests(PostgresTestDatabase database) : InboxAndSupervisionTests<PostgresTestDatabase>(database);

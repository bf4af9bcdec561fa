using System.Runtime.CompilerServices;
using System.Text.Json;
using G2G.Runtime.Audit;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Golden;

/// <summary>
/// Upgrades keep running instances: every golden state (<see cref="GoldenState"/>) — rows a release stored, with their engine
/// state and signed event log — loads into today's schema, its log verifies with today's code, and it continues with
/// its next command exactly as it did when it was written. A change of the state's or the log's format that breaks stored
/// instances fails here (docs/operations.md, "Changing the stored format").
/// </summary>
public abstract class GoldenStateTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, GoldenStateWriter.Workflows)
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task EveryGoldenState_LoadsVerifiesAndContinues()
    {
        var golden = GoldenState.All().ToList();
        Assert.True(golden.Count >= 8, $"golden states in {GoldenState.Folder}: {golden.Count}");
        // All rows first: ids the database hands out afterwards (SQLite continues from the largest) never meet a stored one.
        foreach (var instance in golden.SelectMany(g => g.State.Instances))
            await Runtime.Query(async db => { await instance.LoadAsync(db); return 0; });
        foreach (var (name, state) in golden)
            await AssertIntactAsync(name, state);

        foreach (var (name, state) in golden)
        {
            var id = state.Instance.Id;
            await state.Next.RunAsync(Runtime, id);

            Assert.Equal((name, state.Expect.Status), (name, (await Runtime.InstanceAsync(id)).Status));
            Assert.Equal(state.Expect.OpenTasks, (await Runtime.OpenTasksAsync(id)).Select(t => t.ElementId));
            var appended = await Runtime.Query(db => db.Set<InstanceEventRecord>().Where(e => e.InstanceId == id && e.Seq > state.Instance.EventSeq)
                .OrderBy(e => e.Seq).Select(e => e.Kind).ToListAsync());
            Assert.Equal(state.Expect.Appended, appended);
            await AssertIntactAsync(name, state);
        }
    }

    private async Task AssertIntactAsync(string name, GoldenState state)
    {
        foreach (var instance in state.Instances)
        {
            var report = await Runtime.In(s => s.GetRequiredService<AuditVerifier>().VerifyAsync(new AuditVerificationScope(InstanceId: instance.Instance.Id), null));
            Assert.True(report.Intact, $"{name}, instance {instance.Instance.Id}: {string.Join("; ", report.Breaks)}");
        }
    }
}

public sealed class SqliteGoldenStateTests(SqliteTestDatabase database) : GoldenStateTests<SqliteTestDatabase>(database);

public sealed class PostgresGoldenStateTests(PostgresTestDatabase database) : GoldenStateTests<PostgresTestDatabase>(database);

/// <summary>A fact that runs only when <c>G2G_WRITE_GOLDEN=1</c> asks for new golden files (a new stored format).</summary>
public sealed class GoldenWriterFactAttribute : FactAttribute
{
    public GoldenWriterFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("G2G_WRITE_GOLDEN") != "1")
            Skip = "writes golden states only when G2G_WRITE_GOLDEN=1";
    }
}

/// <summary>
/// Writes the golden states of the format stored today into the source folder, the files that are not there yet: for a new
/// scenario, or with new file names for a new format (the old files stay): <c>G2G_WRITE_GOLDEN=1 dotnet test tests/G2G.Runtime.Tests --filter GoldenStateWriter</c>.
/// Ids start at 900001 so that loading the files never collides with ids a test database hands out.
/// </summary>
public sealed class GoldenStateWriter(SqliteTestDatabase database) : IClassFixture<SqliteTestDatabase>
{
    public static readonly string[] Workflows = ["approval.bpmn", "deadline.bpmn", "operations.bpmn", "timer.bpmn", "reliability-approval.bpmn", "human-operations.bpmn", "call.bpmn", "messages.bpmn"];

    [GoldenWriterFact]
    public async Task WriteTodaysFormat()
    {
        await database.MigrateAsync();
        await using (var db = database.CreateContext())
            await db.Database.ExecuteSqlRawAsync("INSERT INTO sqlite_sequence (name, seq) VALUES ('process_instances', 900000), ('tasks', 900000)");
        await using var runtime = new RuntimeHarness(database);
        foreach (var file in Workflows)
            await runtime.DeployAsync(file);

        var approval = await runtime.StartAsync("approval", ("amount", 500));
        await runtime.CompleteAsync((await runtime.TaskAsync(approval, "apply")).Id, "zhang.san");
        await WriteAsync(runtime, approval, "approval.bpmn", "format1-approval-at-head",
            "经费审批 after 填写申请, the small amount routed to 处长审批 (a deadline job waiting)", new GoldenCommand("head", "wang.wu"));

        var deadline = await runtime.StartAsync("deadline");
        await runtime.CompleteAsync((await runtime.TaskAsync(deadline, "apply")).Id, "zhang.san");
        runtime.Clock.Advance(TimeSpan.FromDays(60));
        await runtime.RunJobsAsync();
        await WriteAsync(runtime, deadline, "deadline.bpmn", "format1-deadline-notified",
            "办理时限 at 审查 after its reminder, overdue notice and escalation (督办)", new GoldenCommand("review", "wang.wu"));

        var handling = await runtime.StartAsync("handling");
        var handle = await runtime.TaskAsync(handling, "handle");
        await runtime.In(s => s.GetRequiredService<InstanceService>().ClaimAsync(handle.Id, "li.si"));
        await runtime.In(s => s.GetRequiredService<InstanceService>().CopyAsync(handle.Id, "li.si", ["chen.qi"], "请阅"));
        await WriteAsync(runtime, handling, "operations.bpmn", "format1-handling-claimed-copied",
            "承办 claimed by one of its two candidates and copied (抄送) to a reader", new GoldenCommand("handle", "li.si"));

        var timeout = await runtime.StartAsync("timeout");
        await WriteAsync(runtime, timeout, "timer.bpmn", "format1-timer-waiting",
            "限时办理 at 办理 with its boundary timer (PT2H, to 督办) waiting as a job", new GoldenCommand("handle", "li.si"));

        var parallel = await runtime.StartAsync("reliabilityApproval");
        await runtime.CompleteAsync((await runtime.TaskAsync(parallel, "apply")).Id, "zhang.san");
        await WriteAsync(runtime, parallel, "reliability-approval.bpmn", "format1-parallel-two-open",
            "合同会签 after the parallel gateway: 法务审核 and 财务审核 both open, the join waiting for both", new GoldenCommand("legal", "fa.wu"));

        var countersign = await runtime.StartAsync("all-sign", ("signers", new[] { "li.si", "wang.wu", "zhao.liu" }));
        await WriteAsync(runtime, countersign, "human-operations.bpmn", "format1-countersign-open",
            "部门会签 (会签, multi-instance) with its three signers' tasks open", new GoldenCommand("countersign", "wang.wu", "approve"));

        var parent = await runtime.StartAsync("withArchive", ("docNo", "粤府办〔2027〕1号"));
        await runtime.RunJobsAsync();
        var child = await runtime.Query(db => db.Set<ProcessInstanceRecord>().Where(i => i.ParentInstanceId == parent).Select(i => i.Id).SingleAsync());
        await WriteAsync(runtime, parent, "call.bpmn", "format1-call-waiting-on-child",
            "办结归档 at its call activity, waiting on the 归档 child it started (the child at 归档 with the document number passed in)",
            new GoldenCommand("file", "archivist", InInstance: child, Variables: new() { ["archiveCode"] = "0001-WS·2027-Y-BGS-0001" }, RunJobs: true),
            related: [child]);

        var issuer = await runtime.StartAsync("issue", ("docNo", "粤府函〔2027〕2号"));
        await runtime.RunJobsAsync();
        var receiver = await runtime.Query(db => db.Set<ProcessInstanceRecord>().Where(i => i.ProcessKey == "receive").Select(i => i.Id).SingleAsync());
        await WriteAsync(runtime, issuer, "messages.bpmn", "format1-message-awaited",
            "发文 at 等待回执, subscribed to the 签收回执 message by document number; the 收文 its 公文分发 started at 签收",
            new GoldenCommand("signFor", "clerk", InInstance: receiver, RunJobs: true), related: [receiver]);
    }

    /// <summary>
    /// Captures the instance's rows, runs the next command on them and records what it did as the expectation, in a file of
    /// its own unless that file is there already (files of a format are written once; the command runs either way, so the
    /// ids of later scenarios stay as they were).
    /// </summary>
    private static async Task WriteAsync(RuntimeHarness runtime, long instanceId, string workflow, string name, string about, GoldenCommand next,
        long[]? related = null, [CallerFilePath] string source = "")
    {
        var captured = await runtime.Query(db => GoldenState.CaptureAsync(db, instanceId, related ?? [], about, workflow, next, new GoldenOutcome("", [], [])));
        await next.RunAsync(runtime, instanceId);
        var status = (await runtime.InstanceAsync(instanceId)).Status;
        var open = (await runtime.OpenTasksAsync(instanceId)).Select(t => t.ElementId).ToList();
        var appended = await runtime.Query(db => db.Set<InstanceEventRecord>().Where(e => e.InstanceId == instanceId && e.Seq > captured.Instance.EventSeq)
            .OrderBy(e => e.Seq).Select(e => e.Kind).ToListAsync());
        var file = Path.Combine(Path.GetDirectoryName(source)!, name + ".json");
        if (!File.Exists(file))
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(captured with { Expect = new GoldenOutcome(status, open, appended) }, GoldenState.Json) + "\n");
    }
}

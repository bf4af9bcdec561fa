using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Reliability;

/// <summary>
/// A definition or command with bad data returns a precise error and writes nothing — not a row anywhere
/// (<see cref="DatabaseSnapshot"/>). Complements InstanceTests (unknown process key, task already completed, variable
/// of the wrong type) and DeploymentTests (invalid definition) with the remaining refusals.
/// </summary>
public abstract class BadDataTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "approval.bpmn", "messages.bpmn")
    where TDatabase : TestDatabase
{
    /// <summary>Runs a refused operation: returns its error after checking that the database did not change at all.</summary>
    private async Task<RuntimeException> RefusedAsync(Func<Task> operation)
    {
        var before = await Runtime.Query(DatabaseSnapshot.TakeAsync);
        var error = await Assert.ThrowsAsync<RuntimeException>(operation);
        var after = await Runtime.Query(DatabaseSnapshot.TakeAsync);
        var changed = before.DifferencesFrom(after);
        Assert.True(changed.Length == 0, $"'{error.Message}' was refused, but the database changed:\n{changed}");
        return error;
    }

    [DatabaseFact]
    public async Task Snapshot_SeesAChangedColumn_AnAddedRowAndARemovedRow()
    {
        var id = await Runtime.StartAsync("approval", ("amount", 500));
        var before = await Runtime.Query(DatabaseSnapshot.TakeAsync);

        await Runtime.Query(db => db.Set<TaskRecord>().Where(t => t.InstanceId == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Assignee, "someone.else")));
        await Runtime.Query(db =>
        {
            db.Add(new JobRecord { Kind = "timer", InstanceId = id, State = "pending", DueAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        await Runtime.Query(db => db.Set<OutboxRecord>().Where(o => o.InstanceId == id).ExecuteDeleteAsync());
        var changed = before.DifferencesFrom(await Runtime.Query(DatabaseSnapshot.TakeAsync));

        Assert.Contains("TaskRecord:", changed, StringComparison.Ordinal);
        Assert.Contains("someone.else", changed, StringComparison.Ordinal);
        Assert.Contains("JobRecord:", changed, StringComparison.Ordinal);
        Assert.Contains("OutboxRecord:", changed, StringComparison.Ordinal);
        await Runtime.Query(db => db.Set<JobRecord>().Where(j => j.InstanceId == id).ExecuteDeleteAsync());
    }

    [DatabaseFact]
    public async Task Deploy_FileThatIsNotXml_IsRefusedWithTheReasonAndWritesNothing()
    {
        var error = await RefusedAsync(() => Runtime.In(s => s.GetRequiredService<DeploymentService>().DeployAsync("<bpmn:definitions 未闭合", "broken.bpmn")));

        Assert.Equal(RuntimeErrorCode.DefinitionInvalid, error.Code);
        Assert.Contains("broken.bpmn", error.Message, StringComparison.Ordinal);
        Assert.NotEmpty(error.Details);
    }

    [DatabaseFact]
    public async Task CorrelateMessage_NobodyWaitsForIt_IsNotFoundAndWritesNothing()
    {
        var error = await RefusedAsync(() => Runtime.In(s => s.GetRequiredService<InstanceService>().CorrelateMessageAsync("无此消息", "粤府函〔2026〕1号", actor: "clerk")));

        Assert.Equal(RuntimeErrorCode.NotFound, error.Code);
        Assert.Contains("'无此消息'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'粤府函〔2026〕1号'", error.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task CorrelateMessage_WithAKeyNoInstanceWaitsFor_IsNotFound_AndTheWaitingInstanceIsUntouched()
    {
        var docNo = $"粤府函〔2026〕{Guid.NewGuid():N}号";
        var issuer = await Runtime.StartAsync("issue", ("docNo", docNo));
        Assert.Single(await Runtime.Query(db => db.Set<EventSubscriptionRecord>().Where(s => s.InstanceId == issuer).ToListAsync()));

        var error = await RefusedAsync(() => Runtime.In(s => s.GetRequiredService<InstanceService>().CorrelateMessageAsync("签收回执", docNo + "-其他", actor: "clerk")));

        Assert.Equal(RuntimeErrorCode.NotFound, error.Code);
        Assert.Contains("'签收回执'", error.Message, StringComparison.Ordinal);
        Assert.Contains(docNo + "-其他", error.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task BroadcastSignal_NobodyWaitsForIt_ReachesNoneAndWritesNothing()
    {
        await Runtime.StartAsync("approval", ("amount", 500)); // something runs, but waits for no signal
        var before = await Runtime.Query(DatabaseSnapshot.TakeAsync);

        var reached = await Runtime.In(s => s.GetRequiredService<InstanceService>().BroadcastSignalAsync("无人等待的信号", actor: "admin"));

        Assert.Equal(0, reached);
        var changed = before.DifferencesFrom(await Runtime.Query(DatabaseSnapshot.TakeAsync));
        Assert.True(changed.Length == 0, $"The signal reached nobody, but the database changed:\n{changed}");
    }

    [DatabaseFact]
    public async Task CompleteTask_ThatDoesNotExist_IsNotFoundAndWritesNothing()
    {
        var error = await RefusedAsync(() => Runtime.CompleteAsync(987654321, "zhang.san"));

        Assert.Equal(RuntimeErrorCode.NotFound, error.Code);
        Assert.Contains("987654321", error.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Start_WhoseFirstStepWouldFail_IsRefusedWithTheStepAndReason_AndLeavesNoInstance()
    {
        var key = $"p{Guid.NewGuid():N}";
        await Runtime.In(s => s.GetRequiredService<DeploymentService>().DeployAsync($"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
              <bpmn:process id="{key}" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="route" />
                <bpmn:exclusiveGateway id="route" default="small" />
                <bpmn:sequenceFlow id="large" sourceRef="route" targetRef="big"><bpmn:conditionExpression>amount &gt; 10000</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="small" sourceRef="route" targetRef="little" />
                <bpmn:userTask id="big" g2g:assignee="user('ju.zhang')" /><bpmn:userTask id="little" g2g:assignee="user('wang.wu')" />
                <bpmn:sequenceFlow id="f2" sourceRef="big" targetRef="e" /><bpmn:sequenceFlow id="f3" sourceRef="little" targetRef="e" />
                <bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """, "route.bpmn"));

        var error = await RefusedAsync(() => Runtime.StartAsync(key, ("amount", "很多")));

        Assert.Equal(RuntimeErrorCode.Invalid, error.Code);
        Assert.Contains("'route'", error.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Withdraw_WithNothingToWithdraw_IsAConflictAndWritesNothing()
    {
        var id = await Runtime.StartAsync("approval", ("amount", 500));

        var error = await RefusedAsync(() => Runtime.In(s => s.GetRequiredService<InstanceService>().WithdrawAsync(id, "apply", "zhang.san")));

        Assert.Equal(RuntimeErrorCode.Conflict, error.Code);
        Assert.Contains("填写申请", error.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task CompleteTask_OfASuspendedInstance_IsAConflictAndWritesNothing()
    {
        var id = await Runtime.StartAsync("approval", ("amount", 500));
        await Runtime.In(s => s.GetRequiredService<InstanceService>().SuspendAsync(id, "admin", "核查中"));
        var apply = await Runtime.TaskAsync(id, "apply");

        var error = await RefusedAsync(() => Runtime.CompleteAsync(apply.Id, "zhang.san"));

        Assert.Equal(RuntimeErrorCode.Conflict, error.Code);
        Assert.Contains("suspended", error.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Cancel_AnInstanceThatDoesNotExist_IsNotFoundAndWritesNothing()
    {
        var error = await RefusedAsync(() => Runtime.In(s => s.GetRequiredService<InstanceService>().CancelAsync(987654321, "admin", "测试")));

        Assert.Equal(RuntimeErrorCode.NotFound, error.Code);
        Assert.Contains("987654321", error.Message, StringComparison.Ordinal);
    }
}

public sealed class SqliteBadDataTests(SqliteTestDatabase database) : BadDataTests<SqliteTestDatabase>(database);

public sealed class PostgresBadDataTests(PostgresTestDatabase database) : BadDataTests<PostgresTestDatabase>(database);

using G2G.Engine.Execution;
using G2G.Runtime.Audit;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Queries;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>
/// 退回 (both ways of resuming), 加签/减签 and 会签/或签/票签 through the runtime: the task rows, the inbox and the audit
/// trail they leave, on the database. The review process: 拟稿 (zhang.san) → 核稿 (li.si) → 签发 (wang.wu).
/// </summary>
public abstract class HumanOperationTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "human-operations.bpmn")
    where TDatabase : TestDatabase
{
    private Task Do(Func<InstanceService, Task> operation) => Runtime.In(s => operation(s.GetRequiredService<InstanceService>()));

    private Task<List<TaskRecord>> TasksAsync(long instanceId) =>
        Runtime.Query(db => db.Set<TaskRecord>().Where(t => t.InstanceId == instanceId).OrderBy(t => t.Id).ToListAsync());

    /// <summary>A review instance waiting at 签发, its draft and check done.</summary>
    private async Task<long> AtSignAsync()
    {
        var id = await Runtime.StartAsync("review");
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "draft")).Id, "zhang.san");
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "check")).Id, "li.si");
        return id;
    }

    [DatabaseFact]
    public async Task SendBack_FromTheTop_RepeatsEveryStepAfterTheTarget_AndTheSenderHasItDone()
    {
        var id = await AtSignAsync();
        var sign = await Runtime.TaskAsync(id, "sign");

        await Do(s => s.SendBackAsync(sign.Id, "wang.wu", "draft", ResumeMode.FromTop, "请修改第二段"));

        var sent = (await TasksAsync(id)).Single(t => t.Id == sign.Id);
        Assert.Equal((TaskStates.Completed, TaskOutcomes.SentBack, "wang.wu"), (sent.State, sent.Outcome, sent.CompletedBy));
        var done = await Runtime.In(s => s.GetRequiredService<InboxQueries>().DoneAsync(new Viewer("wang.wu", []), new InboxFilter(), 1, 50));
        Assert.Contains(done.Items, t => t.Id == sign.Id && t.Outcome == TaskOutcomes.SentBack);
        var redraft = await Runtime.TaskAsync(id, "draft");
        Assert.Equal("zhang.san", redraft.Assignee);

        await Runtime.CompleteAsync(redraft.Id, "zhang.san");
        Assert.Equal(["check"], (await Runtime.OpenTasksAsync(id)).Select(t => t.ElementId));
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "check")).Id, "li.si");
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "sign")).Id, "wang.wu");
        Assert.Equal(InstanceStatus.Completed, (await Runtime.InstanceAsync(id)).Status);
        var audit = await Runtime.Query(db => db.Set<InstanceEventRecord>().SingleAsync(a => a.InstanceId == id && a.Kind == "task.sent-back"));
        Assert.Equal(("draft", "请修改第二段", "FromTop"), (audit.Outcome, audit.Comment, audit.Data));
    }

    [DatabaseFact]
    public async Task SendBack_ReturnToSender_GoesFromTheCorrectedStepStraightBackToTheSender()
    {
        var id = await AtSignAsync();

        var sign = await Runtime.TaskAsync(id, "sign");
        await Do(s => s.SendBackAsync(sign.Id, "wang.wu", "draft", ResumeMode.ReturnToSender));
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "draft")).Id, "zhang.san");

        var open = Assert.Single(await Runtime.OpenTasksAsync(id));
        Assert.Equal(("sign", "wang.wu"), (open.ElementId, open.Assignee));
        Assert.Single(await TasksAsync(id), t => t.ElementId == "check");  // 核稿 is not repeated
    }

    [DatabaseFact]
    public async Task SendBack_ToAStepTheDefinitionDoesNotAllow_IsRefused_AndChangesNothing()
    {
        var id = await AtSignAsync();
        var sign = await Runtime.TaskAsync(id, "sign");
        var before = (await Runtime.InstanceAsync(id)).Version;

        var refused = await Assert.ThrowsAsync<RuntimeException>(() => Do(s => s.SendBackAsync(sign.Id, "wang.wu", "end")));

        Assert.Equal(RuntimeErrorCode.Invalid, refused.Code);
        Assert.Equal(before, (await Runtime.InstanceAsync(id)).Version);
        Assert.Equal(TaskStates.Open, (await Runtime.TaskAsync(id, "sign")).State);
    }

    [DatabaseFact]
    public async Task AddSigner_Before_TheSignerActsFirst_ThenTheAssigneeGetsTheStepBack()
    {
        var id = await Runtime.StartAsync("review");
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "draft")).Id, "zhang.san");
        var check = await Runtime.TaskAsync(id, "check");

        await Do(s => s.AddSignerAsync(check.Id, "li.si", "zhao.liu", SignerPosition.Before, "请赵六先核"));

        var signer = await Runtime.TaskAsync(id, "check");
        Assert.Equal(("zhao.liu", "zhao.liu"), (signer.Assignee, signer.AddedSigner));
        var replaced = (await TasksAsync(id)).Single(t => t.Id == check.Id);
        Assert.Equal((TaskStates.Cancelled, "signer-added"), (replaced.State, replaced.Outcome));
        await Runtime.CompleteAsync(signer.Id, "zhao.liu");
        var back = await Runtime.TaskAsync(id, "check");
        Assert.Equal(("li.si", (string?)null), (back.Assignee, back.AddedSigner));
        await Runtime.CompleteAsync(back.Id, "li.si");
        Assert.Equal(["sign"], (await Runtime.OpenTasksAsync(id)).Select(t => t.ElementId));
    }

    [DatabaseFact]
    public async Task AddSigner_After_SignsOnceTheAssigneeCompletes_AndARemovedSignerNeverGetsTheTask()
    {
        var id = await Runtime.StartAsync("review");
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "draft")).Id, "zhang.san");
        var check = await Runtime.TaskAsync(id, "check");

        await Do(s => s.AddSignerAsync(check.Id, "li.si", "zhao.liu", SignerPosition.After));
        await Do(s => s.AddSignerAsync(check.Id, "li.si", "sun.ba", SignerPosition.After));
        await Do(s => s.RemoveSignerAsync(check.Id, "li.si", "sun.ba"));
        await Runtime.CompleteAsync(check.Id, "li.si");

        var signer = await Runtime.TaskAsync(id, "check");
        Assert.Equal(("zhao.liu", "zhao.liu"), (signer.Assignee, signer.AddedSigner));
        await Runtime.CompleteAsync(signer.Id, "zhao.liu");
        Assert.Equal(["sign"], (await Runtime.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.DoesNotContain(await TasksAsync(id), t => t.Assignee == "sun.ba");
        var actions = await Runtime.Query(db => db.Set<InstanceEventRecord>().Where(a => a.InstanceId == id).AuditTrail().OrderBy(a => a.Seq).Select(a => a.Kind).ToListAsync());
        Assert.Equal(2, actions.Count(a => a == "task.signer-added"));
        Assert.Single(actions, "task.signer-removed");
    }

    [DatabaseFact]
    public async Task RemoveSigner_WhoIsNotAPendingSigner_IsRefused()
    {
        var id = await Runtime.StartAsync("review");
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "draft")).Id, "zhang.san");
        var check = await Runtime.TaskAsync(id, "check");

        var refused = await Assert.ThrowsAsync<RuntimeException>(() => Do(s => s.RemoveSignerAsync(check.Id, "li.si", "nobody")));

        Assert.Equal(RuntimeErrorCode.NotAllowed, refused.Code);
    }

    private Task<long> StartSigningAsync(string key) =>
        Runtime.StartAsync(key, ("signers", new[] { "li.si", "wang.wu", "zhao.liu" }));

    [DatabaseFact]
    public async Task Countersign_会签_WaitsForEverySigner()
    {
        var id = await StartSigningAsync("all-sign");
        var tasks = await Runtime.OpenTasksAsync(id);
        Assert.Equal(["li.si", "wang.wu", "zhao.liu"], tasks.Select(t => t.Assignee).Order());

        await Runtime.CompleteAsync(tasks[0].Id, tasks[0].Assignee!, "approve");
        await Runtime.CompleteAsync(tasks[1].Id, tasks[1].Assignee!, "reject");
        Assert.Equal(["countersign"], (await Runtime.OpenTasksAsync(id)).Select(t => t.ElementId));
        await Runtime.CompleteAsync(tasks[2].Id, tasks[2].Assignee!, "approve");

        Assert.Equal(["fileAll"], (await Runtime.OpenTasksAsync(id)).Select(t => t.ElementId));
    }

    [DatabaseFact]
    public async Task AnySign_或签_TheFirstDecisionEndsTheStep_TheOthersAreWithdrawnFromTheirInboxes()
    {
        var id = await StartSigningAsync("any-sign");
        var tasks = await Runtime.OpenTasksAsync(id);

        await Runtime.CompleteAsync(tasks.Single(t => t.Assignee == "wang.wu").Id, "wang.wu", "approve");

        Assert.Equal(["fileAny"], (await Runtime.OpenTasksAsync(id)).Select(t => t.ElementId));
        var others = (await TasksAsync(id)).Where(t => t.ElementId == "anySign" && t.Assignee != "wang.wu").ToList();
        Assert.Equal(2, others.Count);
        Assert.All(others, t => Assert.Equal((TaskStates.Cancelled, "completion-condition-met"), (t.State, t.Outcome)));
        var toDo = await Runtime.In(s => s.GetRequiredService<InboxQueries>().ToDoAsync(new Viewer("li.si", []), new InboxFilter(), 1, 200));
        Assert.DoesNotContain(toDo.Items, t => t.InstanceId == id);
    }

    [DatabaseFact]
    public async Task VoteSign_票签_EndsWhenMoreThanHalfApprove()
    {
        var id = await StartSigningAsync("vote-sign");
        var tasks = await Runtime.OpenTasksAsync(id);

        await Runtime.CompleteAsync(tasks[0].Id, tasks[0].Assignee!, "approve");
        await Runtime.CompleteAsync(tasks[1].Id, tasks[1].Assignee!, "reject");
        Assert.Equal(["vote"], (await Runtime.OpenTasksAsync(id)).Select(t => t.ElementId));  // 1 of 3 approved
        await Runtime.CompleteAsync(tasks[2].Id, tasks[2].Assignee!, "approve");

        Assert.Equal(["fileVote"], (await Runtime.OpenTasksAsync(id)).Select(t => t.ElementId));
        var variables = ProcessStateJson.Deserialize((await Runtime.InstanceAsync(id)).State).Variables;
        Assert.False(variables.ContainsKey("nrOfApproved"));  // loop variables stay inside the step
    }
}

public sealed class SqliteHumanOperationTests(SqliteTestDatabase database) : HumanOperationTests<SqliteTestDatabase>(database);

public sealed class PostgresHumanOperationTests(PostgresTestDatabase database) : HumanOperationTests<PostgresTestDatabase>(database);

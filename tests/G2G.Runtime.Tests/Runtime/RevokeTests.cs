using G2G.Runtime.Instances;
using G2G.Runtime.Jobs;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>
/// 撤销: the initiator (zhang.san) revokes their own request as far as <c>g2g:initiatorMayRevoke</c> allows — until someone
/// else acts by default, always, or never — everyone else is refused with nothing changed, and a revocation racing with an
/// approver's step has one winner.
/// </summary>
public abstract class RevokeTests<TDatabase>(TDatabase database)
    : RuntimeTestBase<TDatabase>(database, "revoke-until.bpmn", "revoke-always.bpmn", "revoke-never.bpmn")
    where TDatabase : TestDatabase
{
    private const string Initiator = "zhang.san";

    private static Caller Person(string id, string agency = "agency-1") =>
        new(id, agency, null, ClearanceLevel.Internal, [], [], [agency]);

    /// <summary>Runs an operation in its own scope for <paramref name="caller"/>, as one request would; its refusal, or null.</summary>
    private Task<RuntimeException?> AsAsync(Caller caller, Func<InstanceService, Task> operation) =>
        Runtime.In<RuntimeException?>(async s =>
        {
            s.GetRequiredService<CallerContext>().Current = caller;
            try
            {
                await operation(s.GetRequiredService<InstanceService>());
                return null;
            }
            catch (RuntimeException refused)
            {
                return refused;
            }
        });

    private Task<RuntimeException?> RevokeAsync(long id, string by = Initiator, string agency = "agency-1") =>
        AsAsync(Person(by, agency), i => i.RevokeAsync(id, by, "计划有变"));

    private Task<IReadOnlySet<long>> RevocableAsync(long id) =>
        Runtime.In(s =>
        {
            s.GetRequiredService<CallerContext>().Current = Person(Initiator);
            return s.GetRequiredService<InstanceService>().RevocableAsync([id]);
        });

    /// <summary>Started and submitted: the head's approval waits for wang.wu, with its reminder and overdue jobs.</summary>
    private async Task<long> SubmittedAsync(string process = "revoke-until")
    {
        var id = await Runtime.StartAsync(process);
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, Initiator);
        return id;
    }

    private async Task<(string Status, int Version, long EventSeq)> StateAsync(long id)
    {
        var instance = await Runtime.InstanceAsync(id);
        return (instance.Status, instance.Version, instance.EventSeq);
    }

    [DatabaseFact]
    public async Task TheInitiator_RevokesBeforeAnyoneActed_TasksAndTimersClose_AndTheHolderIsTold()
    {
        var id = await SubmittedAsync();
        var review = await Runtime.TaskAsync(id, "review");
        Assert.NotEmpty(await Runtime.Query(db => db.Set<JobRecord>().Where(j => j.InstanceId == id).ToListAsync()));
        Assert.Contains(id, await RevocableAsync(id));

        Assert.Null(await RevokeAsync(id));

        Assert.Equal(InstanceStatus.Cancelled, (await StateAsync(id)).Status);
        var closed = await Runtime.Query(db => db.Set<TaskRecord>().SingleAsync(t => t.Id == review.Id));
        Assert.Equal((TaskStates.Cancelled, "process-cancelled"), (closed.State, closed.Outcome));
        Assert.Empty(await Runtime.Query(db => db.Set<JobRecord>().Where(j => j.InstanceId == id).ToListAsync()));
        var record = await Runtime.Query(db => db.Set<InstanceEventRecord>().Where(e => e.InstanceId == id && e.Kind == InstanceService.RevokedAction).SingleAsync());
        Assert.Equal((Initiator, "计划有变"), (record.Actor, record.Comment));
        var notice = await Runtime.Query(db => db.Set<OutboxRecord>().SingleAsync(o => o.InstanceId == id && o.Kind == InstanceService.RevokedAction));
        Assert.Equal(("wang.wu", review.Id, "计划有变"), (notice.Recipient, notice.TaskId, notice.Body));
        Assert.Empty(await RevocableAsync(id));
        var again = Assert.IsType<RuntimeException>(await RevokeAsync(id));
        Assert.Equal(RuntimeErrorCode.Conflict, again.Code);
    }

    [DatabaseFact]
    public async Task SomeoneElse_IsRefused_AndNothingChanges()
    {
        var id = await SubmittedAsync();
        var before = await StateAsync(id);

        var colleague = Assert.IsType<RuntimeException>(await RevokeAsync(id, "wang.wu"));
        Assert.Equal(RuntimeErrorCode.NotAllowed, colleague.Code);
        Assert.Equal("Only the initiator (zhang.san) can revoke process instance " + id + ".", colleague.Message);
        Assert.NotNull(colleague.Refusal); // audited as a refused access
        var outsider = Assert.IsType<RuntimeException>(await RevokeAsync(id, "li.ming", "agency-2"));
        Assert.Equal(RuntimeErrorCode.NotFound, outsider.Code); // another agency's instance: as if it did not exist

        Assert.Equal(before, await StateAsync(id));
        Assert.Equal(TaskStates.Open, (await Runtime.TaskAsync(id, "review")).State);
    }

    [DatabaseFact]
    public async Task UntilActed_AfterAnApproverActed_IsRefusedNamingThem_UntilTheWorkIsBackWithTheInitiator()
    {
        var id = await SubmittedAsync();
        var review = await Runtime.TaskAsync(id, "review");
        await Runtime.In(s => s.GetRequiredService<InstanceService>().SendBackAsync(review.Id, "wang.wu", "apply", comment: "请补充"));
        // Sent back: every open step is the initiator's again, so they may still give the request up.
        Assert.Contains(id, await RevocableAsync(id));

        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, Initiator);
        Assert.Empty(await RevocableAsync(id));
        var before = await StateAsync(id);
        var refused = Assert.IsType<RuntimeException>(await RevokeAsync(id));

        Assert.Equal(RuntimeErrorCode.Conflict, refused.Code);
        Assert.StartsWith("wang.wu acted on process instance " + id + " at ", refused.Message, StringComparison.Ordinal);
        Assert.Contains("wang.wu 已于", refused.Text.In(System.Globalization.CultureInfo.GetCultureInfo("zh-CN")), StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(id));
    }

    [DatabaseFact]
    public async Task Always_AllowsAfterOthersActed_Never_AllowsNothing()
    {
        var always = await SubmittedAsync("revoke-always");
        await Runtime.CompleteAsync((await Runtime.TaskAsync(always, "review")).Id, "wang.wu");
        Assert.Contains(always, await RevocableAsync(always));
        Assert.Null(await RevokeAsync(always));
        Assert.Equal(InstanceStatus.Cancelled, (await StateAsync(always)).Status);

        var never = await Runtime.StartAsync("revoke-never");
        Assert.Empty(await RevocableAsync(never));
        var refused = Assert.IsType<RuntimeException>(await RevokeAsync(never));
        Assert.Equal(RuntimeErrorCode.NotAllowed, refused.Code);
        Assert.Contains("'Never' does not let its initiator revoke it", refused.Message, StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.Running, (await StateAsync(never)).Status);
    }

    [DatabaseFact]
    public async Task ARevocationRacingTheApprover_HasOneWinner_AndTheOtherIsAConflict()
    {
        for (var round = 0; round < 4; round++)
        {
            var id = await SubmittedAsync();
            var review = await Runtime.TaskAsync(id, "review");

            var outcomes = await Task.WhenAll(
                RevokeAsync(id),
                AsAsync(Person("wang.wu"), i => i.CompleteTaskAsync(review.Id, "wang.wu", comment: "同意")));

            var refused = Assert.Single(outcomes, o => o is not null)!;
            Assert.Equal(RuntimeErrorCode.Conflict, refused.Code);
            var (status, _, _) = await StateAsync(id);
            var reviewed = await Runtime.Query(db => db.Set<TaskRecord>().SingleAsync(t => t.Id == review.Id));
            if (outcomes[0] is null)
                Assert.Equal((InstanceStatus.Cancelled, TaskStates.Cancelled), (status, reviewed.State));
            else
                Assert.Equal((InstanceStatus.Running, TaskStates.Completed, "wang.wu"), (status, reviewed.State, reviewed.CompletedBy));
        }
    }
}

public sealed class SqliteRevokeTests(SqliteTestDatabase database) : RevokeTests<SqliteTestDatabase>(database);

public sealed class PostgresRevokeTests(PostgresTestDatabase database) : RevokeTests<PostgresTestDatabase>(database);

using G2G.Engine.Expressions;
using G2G.Runtime.Instances;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>A signal starts every published process with a top-level signal start event for it.</summary>
public abstract class SignalStartTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "signal-start.bpmn")
    where TDatabase : TestDatabase
{
    private Task<List<ProcessInstanceRecord>> ReceiversAsync() =>
        Runtime.Query(db => db.Set<ProcessInstanceRecord>().Where(i => i.ProcessKey == "circularReceive").ToListAsync());

    [DatabaseFact]
    public async Task SignalThrownByAnInstance_StartsTheReceivingProcessOnce_WithTheSignalVariables()
    {
        var before = (await ReceiversAsync()).Count;
        await Runtime.StartAsync("circularIssue", ("circularNo", "市府通报〔2026〕7号"));

        await Runtime.RunJobsAsync();
        await Runtime.RunJobsAsync();

        var started = Assert.Single((await ReceiversAsync()).Skip(before));
        Assert.Equal(["read"], (await Runtime.OpenTasksAsync(started.Id)).Select(t => t.ElementId));
        var variables = G2G.Engine.Execution.ProcessStateJson.Deserialize(started.State).Variables;
        Assert.Equal(Value.From("市府通报〔2026〕7号"), variables["circularNo"]);
        Assert.Empty(await Runtime.Query(db => db.Set<JobRecord>().Where(j => j.Kind == JobKinds.SignalStart).ToListAsync()));
    }

    [DatabaseFact]
    public async Task BroadcastSignal_StartsTheReceivingProcess_AndCountsIt()
    {
        var before = (await ReceiversAsync()).Count;

        var reached = await Runtime.In(s => s.GetRequiredService<InstanceService>().BroadcastSignalAsync("全市通报", actor: "admin"));

        Assert.Equal(1, reached);
        Assert.Equal(before + 1, (await ReceiversAsync()).Count);
    }
}

public sealed class SqliteSignalStartTests(SqliteTestDatabase database) : SignalStartTests<SqliteTestDatabase>(database);

public sealed class PostgresSignalStartTests(PostgresTestDatabase database) : SignalStartTests<PostgresTestDatabase>(database);

using G2G.Engine.Execution;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Tests.Golden;

/// <summary>
/// The stored state's format number: today's state names <see cref="ProcessStateJson.CurrentFormat"/>, and state a newer
/// release stored (a larger number) is refused with the runtime's conflict naming both formats, not misread, and nothing changes.
/// </summary>
public abstract class StateFormatTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, GoldenStateWriter.Workflows)
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task TodaysState_NamesTheCurrentFormat()
    {
        var id = await Runtime.StartAsync("handling");
        var stored = (await Runtime.InstanceAsync(id)).State;
        Assert.StartsWith($$"""{"format":{{ProcessStateJson.CurrentFormat}},""", stored);
        Assert.Equal(ProcessStateJson.CurrentFormat, ProcessStateJson.Deserialize(stored).Format);
    }

    [DatabaseFact]
    public async Task StateOfANewerFormat_IsRefusedNamingItsFormat_AndNothingChanges()
    {
        var state = GoldenState.All().Single(g => g.Name == "format1-handling-claimed-copied").State;
        var newer = ProcessStateJson.CurrentFormat + 1;
        state.State["format"] = newer;
        var id = state.Instance.Id;
        await Runtime.Query(async db => { await state.Instances.Single().LoadAsync(db); return 0; });

        var task = Assert.Single(await Runtime.OpenTasksAsync(id), t => t.ElementId == state.Next.Complete);
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => Runtime.CompleteAsync(task.Id, state.Next.Actor, state.Next.Outcome));
        Assert.Equal(RuntimeErrorCode.Conflict, refused.Code);
        Assert.Contains($"format {newer}", refused.Message);
        Assert.IsType<StateFormatException>(refused.InnerException);

        var instance = await Runtime.InstanceAsync(id);
        Assert.Equal((state.Instance.Version, state.Instance.EventSeq), (instance.Version, instance.EventSeq));
        Assert.Equal(TaskStates.Open, (await Runtime.Query(db => db.Set<TaskRecord>().SingleAsync(t => t.Id == task.Id))).State);
    }
}

public sealed class SqliteStateFormatTests(SqliteTestDatabase database) : StateFormatTests<SqliteTestDatabase>(database);

public sealed class PostgresStateFormatTests(PostgresTestDatabase database) : StateFormatTests<PostgresTestDatabase>(database);

using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Persistence;

/// <summary>
/// The commands' compiled loads serve every model in the process: SQLite and PostgreSQL build different models of
/// the context, and a query compiled once for all would refuse the second ("executed with a different model").
/// Runs where PostgreSQL is available (the fixture); the SQLite databases are made by the test.
/// </summary>
public abstract class CompiledQueryTests<TDatabase>(TDatabase postgres) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private const string Definition = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="urn:g2g:tests">
          <bpmn:process id="compiled" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
            <bpmn:userTask id="handle" name="办理" />
            <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    [DatabaseFact]
    public async Task SqliteThenPostgresThenSqlite_InOneProcess_EachCommandLoadsItsRows()
    {
        await OnFreshSqliteAsync();
        await CommandsAsync(postgres);
        await OnFreshSqliteAsync();
    }

    private static async Task OnFreshSqliteAsync()
    {
        var sqlite = new SqliteTestDatabase();
        await sqlite.InitializeAsync();
        try
        {
            await CommandsAsync(sqlite);
        }
        finally
        {
            await sqlite.DisposeAsync();
        }
    }

    /// <summary>A start (instance load not needed) and a complete (the compiled task-with-instance load).</summary>
    private static async Task CommandsAsync(TestDatabase database)
    {
        await database.MigrateAsync();
        await using var runtime = new RuntimeHarness(database);
        await runtime.In(s => s.GetRequiredService<DeploymentService>().DeployAsync(Definition, "compiled.bpmn"));
        var instanceId = await runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(new StartInstance("compiled", Initiator: "wang.fang")));
        var task = await runtime.TaskAsync(instanceId, "handle");

        await runtime.In(s => s.GetRequiredService<InstanceService>().CompleteTaskAsync(task.Id, "wang.fang"));

        Assert.Equal(TaskStates.Completed, await runtime.Query(db => db.Set<TaskRecord>().Where(t => t.Id == task.Id).Select(t => t.State).SingleAsync()));
        Assert.Equal(InstanceStatus.Completed, await runtime.Query(db => db.Set<ProcessInstanceRecord>().Where(i => i.Id == instanceId).Select(i => i.Status).SingleAsync()));
    }
}

public sealed class PostgresCompiledQueryTests(PostgresTestDatabase database) : CompiledQueryTests<PostgresTestDatabase>(database);

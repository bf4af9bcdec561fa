using G2G.Runtime.Definitions;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

public abstract class DeploymentTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static string Xml(string key, string taskName) => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
          <bpmn:process id="{key}" isExecutable="true">
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
            <bpmn:userTask id="t" name="{taskName}" /><bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private Task<IReadOnlyList<DeployedProcess>> Deploy(string xml) =>
        Runtime.In(s => s.GetRequiredService<DeploymentService>().DeployAsync(xml, "test.bpmn"));

    [DatabaseFact]
    public async Task Deploy_SameContentTwice_IsNotRedeployed_ChangedContentIsANewVersion()
    {
        var key = $"p{Guid.NewGuid():N}";
        var first = Assert.Single(await Deploy(Xml(key, "办理")));
        var again = Assert.Single(await Deploy(Xml(key, "办理")));
        var changed = Assert.Single(await Deploy(Xml(key, "审核")));

        Assert.Equal((1, DeploymentOutcome.Created), (first.Version, first.Outcome));
        Assert.Equal((1, DeploymentOutcome.Unchanged), (again.Version, again.Outcome));
        Assert.Equal((2, DeploymentOutcome.Created), (changed.Version, changed.Outcome));
        var versions = await Runtime.In(s => s.GetRequiredService<DeploymentService>().ListVersionsAsync(key));
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Contains("审核", await Runtime.In(s => s.GetRequiredService<DeploymentService>().GetXmlAsync(key, 2)));
    }

    [DatabaseFact]
    public async Task Deploy_InvalidFile_IsRefusedWithEveryErrorAndWritesNothing()
    {
        var key = $"p{Guid.NewGuid():N}";
        var broken = Xml(key, "办理").Replace("targetRef=\"e\"", "targetRef=\"nowhere\"", StringComparison.Ordinal);
        var before = await Runtime.Query(db => db.ProcessDefinitions.CountAsync());

        var error = await Assert.ThrowsAsync<RuntimeException>(() => Deploy(broken));

        Assert.Equal(RuntimeErrorCode.DefinitionInvalid, error.Code);
        Assert.Contains(error.Details, d => d.English.Contains("bpmn.dangling-flow", StringComparison.Ordinal) && d.English.Contains("f2", StringComparison.Ordinal));
        Assert.Equal(before, await Runtime.Query(db => db.ProcessDefinitions.CountAsync()));
    }

    [DatabaseFact]
    public async Task Retract_StopsNewInstances_Publish_AllowsThemAgain()
    {
        var key = $"p{Guid.NewGuid():N}";
        await Deploy(Xml(key, "办理"));
        await Runtime.In(s => s.GetRequiredService<DeploymentService>().RetractAsync(key, 1, "admin"));

        var refused = await Assert.ThrowsAsync<RuntimeException>(() => Runtime.StartAsync(key));
        Assert.Equal(RuntimeErrorCode.NotFound, refused.Code);

        await Runtime.In(s => s.GetRequiredService<DeploymentService>().PublishAsync(key, 1, "admin"));
        Assert.True(await Runtime.StartAsync(key) > 0);
    }

    [DatabaseFact]
    public async Task StartByKey_AfterThisNodeDeploysOrRetracts_SeesTheChangeAtOnce()
    {
        var key = $"p{Guid.NewGuid():N}";
        await Deploy(Xml(key, "办理"));
        var first = await Runtime.StartAsync(key); // the node now remembers version 1 as the latest published
        await Deploy(Xml(key, "审核"));
        var second = await Runtime.StartAsync(key);
        await Runtime.In(s => s.GetRequiredService<DeploymentService>().RetractAsync(key, 2, "admin"));
        var third = await Runtime.StartAsync(key);
        await Runtime.In(s => s.GetRequiredService<DeploymentService>().RetractAsync(key, 1, "admin"));

        var refused = await Assert.ThrowsAsync<RuntimeException>(() => Runtime.StartAsync(key));

        Assert.Equal(RuntimeErrorCode.NotFound, refused.Code);
        var versions = await Runtime.Query(db => db.Set<ProcessInstanceRecord>().Where(i => i.Id == first || i.Id == second || i.Id == third)
            .OrderBy(i => i.StartedAt).ThenBy(i => i.Id).Select(i => i.DefinitionVersion).ToListAsync());
        Assert.Equal([1, 2, 1], versions);
    }
}

public sealed class SqliteDeploymentTests(SqliteTestDatabase database) : DeploymentTests<SqliteTestDatabase>(database);

public sealed class PostgresDeploymentTests(PostgresTestDatabase database) : DeploymentTests<PostgresTestDatabase>(database);

using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Organisation.Import;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Organisation;

/// <summary>
/// A node remembers that the organisation exists only once it does: before the first user, rules resolve to the
/// names as written; the first import takes effect for the very next task, on the node that imported and on any
/// other, which had remembered the absence under the organisation's stamp.
/// </summary>
public abstract class OrganisationPresenceTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private const string Definition = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="urn:g2g:tests">
          <bpmn:process id="presence" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
            <bpmn:userTask id="handle" name="办理" g2g:assignee="user(handler)" />
            <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private RuntimeHarness _runtime = null!;

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        _runtime = new RuntimeHarness(database);
        await _runtime.In(s => s.GetRequiredService<DeploymentService>().DeployAsync(Definition, "presence.bpmn"));
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    private static Task<long> StartAsync(RuntimeHarness node, string handler) => node.In(s => s.GetRequiredService<InstanceService>().StartAsync(
        new StartInstance("presence", RuntimeHarness.Vars(("handler", handler)), Initiator: "zheng.kai")));

    [DatabaseFact]
    public async Task BeforeTheFirstUser_NamesAreTakenAsWritten_AfterTheImport_TheOrganisationDecidesAtOnce_OnEveryNode()
    {
        // A second node on the same database, with its own memory of the organisation's absence.
        await using var other = new RuntimeHarness(database);
        Assert.False(await _runtime.Query(db => db.Users.AnyAsync()));
        foreach (var node in new[] { _runtime, other, other })
        {
            var early = await StartAsync(node, "ghost");
            Assert.Equal("ghost", (await node.TaskAsync(early, "handle")).Assignee);
        }

        var report = await _runtime.In(s => s.GetRequiredService<OrganisationImporter>().ImportAsync(OrganisationSeed.DemoProvince(), ImportFormat.Json, "seed"));
        Assert.True(report.Applied, string.Join("\n", report.Problems));

        foreach (var node in new[] { _runtime, other })
        {
            var known = await StartAsync(node, "he.na");
            Assert.Equal("he.na", (await node.TaskAsync(known, "handle")).Assignee);
            var unknown = await StartAsync(node, "ghost");
            var incident = await node.Query(db => db.Set<IncidentRecord>().SingleAsync(i => i.InstanceId == unknown && i.ResolvedAt == null));
            Assert.Contains("ghost", incident.Message, StringComparison.Ordinal);
        }
    }
}

public sealed class SqliteOrganisationPresenceTests(SqliteTestDatabase database) : OrganisationPresenceTests<SqliteTestDatabase>(database);

public sealed class PostgresOrganisationPresenceTests(PostgresTestDatabase database) : OrganisationPresenceTests<PostgresTestDatabase>(database);

using System.Net;
using System.Net.Http.Json;
using G2G.Runtime.Audit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Security;

/// <summary>
/// The initiator of an instance is who starts it: assignment rules and access read it, so a person cannot name
/// someone else (in the request or as the <c>initiator</c> variable); only a system token listed in
/// <c>Api:StartOnBehalf</c> starts on behalf of a person, audited as itself.
/// </summary>
public abstract class StartOnBehalfTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private static readonly Uri Instances = new("/api/v1/instances", UriKind.Relative);

    [DatabaseFact]
    public async Task APerson_CannotNameAnotherInitiator_InTheRequestOrAsAVariable()
    {
        var clerk = await world.SessionAsync(FinClerk);
        var before = await InstancesAsync();

        using var asVariable = await clerk.PostAsJsonAsync("/api/v1/instances", new
        {
            processKey = world.ProcessKey,
            variables = new { initiator = new { id = EduClerk, department = "gd-edu", agency = "gd-edu" } },
        });
        using var asField = await clerk.PostAsJsonAsync("/api/v1/instances", new { processKey = world.ProcessKey, initiator = EduClerk });

        var detail = (await asVariable.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed")).GetProperty("detail").GetString();
        Assert.Contains("initiator", detail, StringComparison.Ordinal);
        await asField.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        Assert.Equal(before, await InstancesAsync());
    }

    [DatabaseFact]
    public async Task OnlyAListedSystemToken_StartsOnBehalfOfAPerson_AuditedAsItself()
    {
        using var crm = TokenClient(CrmToken);
        using var refused = await crm.PostAsJsonAsync(Instances, new { processKey = world.ProcessKey, initiator = FinClerk, agencyId = "gd-fin" });
        Assert.Contains("Api:StartOnBehalf", (await refused.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed")).GetProperty("detail").GetString()!,
            StringComparison.Ordinal);
        using var archive = TokenClient(ArchiveToken);
        using var nobody = await archive.PostAsJsonAsync(Instances, new { processKey = world.ProcessKey, initiator = "no.such.person" });
        await nobody.IsProblemAsync(HttpStatusCode.UnprocessableEntity, "invalid");

        using var started = await archive.PostAsJsonAsync(Instances, new { processKey = world.ProcessKey, initiator = FinClerk, agencyId = "gd-fin" });

        var instance = await started.IsAsync(HttpStatusCode.Created);
        Assert.Equal(FinClerk, instance.GetProperty("initiator").GetString());
        await using var db = world.Database.CreateContext();
        var id = instance.GetProperty("id").GetInt64();
        var audit = await db.Set<InstanceEventRecord>().SingleAsync(a => a.InstanceId == id && a.Kind == "instance.started");
        Assert.Equal(("archive", $"on behalf of {FinClerk}"), (audit.Actor, audit.Outcome));
        // The person it was started for finds it among their own.
        var clerk = await world.SessionAsync(FinClerk);
        using var seen = await clerk.GetAsync($"/api/v1/instances/{id}");
        await seen.IsAsync(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task AMessageNamesAnInitiator_OnlyFromASystemTokenAllowedToStartOnBehalf()
    {
        var message = $"m{Guid.NewGuid():N}";
        using var archive = TokenClient(ArchiveToken);
        await DeployMessageStartAsync(archive, message);
        var body = new { name = message, variables = new { initiator = FinClerk } };
        var before = await InstancesAsync();
        var admin = await world.SessionAsync(Admin);
        using var crm = TokenClient(CrmToken);

        using var byAdministrator = await admin.PostAsJsonAsync("/api/v1/messages", body);
        using var byOtherSystem = await crm.PostAsJsonAsync("/api/v1/messages", body);

        await byAdministrator.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        await byOtherSystem.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        Assert.Equal(before, await InstancesAsync());
        using var byArchive = await archive.PostAsJsonAsync("/api/v1/messages", body);
        Assert.Equal(1, (await byArchive.IsAsync(HttpStatusCode.OK)).GetProperty("count").GetInt32());
        await using var db = world.Database.CreateContext();
        Assert.Equal(FinClerk, await db.Set<ProcessInstanceRecord>().Where(i => i.ProcessKey == $"p{message}").Select(i => i.Initiator).SingleAsync());
    }

    [DatabaseFact]
    public async Task AMessageNamingAnAgencyAndClassification_StartsItsInstanceThere_AsItsSenderOrThePersonASystemNames()
    {
        var message = $"m{Guid.NewGuid():N}";
        using var archive = TokenClient(ArchiveToken);
        await DeployMessageStartAsync(archive, message);
        var admin = await world.SessionAsync(Admin);

        using (var bogus = await admin.PostAsJsonAsync("/api/v1/messages", new { name = message, agencyId = "gd-fin", classification = "Bogus" }))
            Assert.True((await bogus.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("classification", out _));
        using (var byAdministrator = await admin.PostAsJsonAsync("/api/v1/messages", new { name = message, agencyId = "gd-fin", classification = "Secret" }))
            Assert.Equal(1, (await byAdministrator.IsAsync(HttpStatusCode.OK)).GetProperty("count").GetInt32());
        using (var byArchive = await archive.PostAsJsonAsync("/api/v1/messages",
                   new { name = message, agencyId = "gd-edu", classification = "Internal", variables = new { initiator = FinClerk } }))
            Assert.Equal(1, (await byArchive.IsAsync(HttpStatusCode.OK)).GetProperty("count").GetInt32());
        using (var unnamed = await admin.PostAsJsonAsync("/api/v1/messages", new { name = message }))
            Assert.Equal(1, (await unnamed.IsAsync(HttpStatusCode.OK)).GetProperty("count").GetInt32());

        await using var db = world.Database.CreateContext();
        var started = await db.Set<ProcessInstanceRecord>().Where(i => i.ProcessKey == $"p{message}").OrderBy(i => i.Id)
            .Select(i => new { i.AgencyId, i.Classification, i.Initiator }).ToListAsync();
        Assert.Equal([("gd-fin", ClearanceLevel.Secret, Admin), ("gd-edu", ClearanceLevel.Internal, FinClerk), (null, ClearanceLevel.Unclassified, Admin)],
            started.Select(i => (i.AgencyId, i.Classification, i.Initiator)));
    }

    /// <summary>A process started by the message, whose one task goes to its initiator.</summary>
    private static async Task DeployMessageStartAsync(HttpClient archive, string message)
    {
        using (var content = new StringContent($"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
              <bpmn:message id="msg" name="{message}" />
              <bpmn:process id="p{message}" isExecutable="true">
                <bpmn:startEvent id="s"><bpmn:messageEventDefinition messageRef="msg" /></bpmn:startEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="handle" />
                <bpmn:userTask id="handle" name="办理" g2g:assignee="initiator()" />
                <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """, System.Text.Encoding.UTF8, "application/xml"))
        using (var deployed = await archive.PostAsync(new Uri("/api/v1/definitions", UriKind.Relative), content))
            await deployed.IsAsync(HttpStatusCode.OK);
    }

    private HttpClient TokenClient(string token) => world.Factory.CreateClient().WithToken(token);

    private async Task<int> InstancesAsync()
    {
        await using var db = world.Database.CreateContext();
        return await db.Set<ProcessInstanceRecord>().CountAsync();
    }
}

public sealed class SqliteStartOnBehalfTests(SecurityWorld<SqliteTestDatabase> world) : StartOnBehalfTests<SqliteTestDatabase>(world);

public sealed class PostgresStartOnBehalfTests(SecurityWorld<PostgresTestDatabase> world) : StartOnBehalfTests<PostgresTestDatabase>(world);

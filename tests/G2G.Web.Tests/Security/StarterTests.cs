using System.Net;
using System.Net.Http.Json;
using System.Text;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Security;

/// <summary>
/// Who may start a procedure (<c>g2g:starters</c>, docs/bpmn-extensions.md "Who may start"): a person whom no rule names
/// is refused (403 not-allowed, in their language, audited, nothing started) and does not find it in the catalog; a
/// procedure nobody starts is still started by trusted code and by a start-on-behalf token.
/// </summary>
public abstract class StarterTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    [DatabaseFact]
    public async Task OnlyThePeopleTheRulesName_StartTheProcedure_AndFindItInTheCatalog()
    {
        var group = $"g{Guid.NewGuid():N}"[..12];
        var key = await DeployAsync($"position('档案员'), group('{group}'), user('{EduClerk}')");
        var (holder, member, other) = ($"h{Guid.NewGuid():N}"[..12], $"m{Guid.NewGuid():N}"[..12], $"o{Guid.NewGuid():N}"[..12]);
        foreach (var user in new[] { holder, member, other })
            await world.CreateUserAsync(user, ClearanceLevel.Internal);
        await using (var scope = world.Factory.Services.CreateAsyncScope())
        {
            var org = scope.ServiceProvider.GetRequiredService<OrganisationService>();
            await org.AssignPositionAsync(holder, "档案员", "gd-fin-budget", "setup");
            await org.CreateGroupAsync(group, "档案工作组", "gd-fin", "setup");
            await org.AddGroupMemberAsync(group, member, "setup");
        }
        var before = await InstancesAsync(key);
        var refusalsBefore = await world.AccessRefusalsAsync(other);

        var refused = await world.SessionAsync(other);
        using var chinese = await refused.PostAsJsonAsync("/api/v1/instances", new { processKey = key });
        var detail = (await chinese.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed")).GetProperty("detail").GetString()!;
        Assert.Contains("您不能发起流程“档案销毁 Destroying”", detail, StringComparison.Ordinal);
        Assert.Contains("position('档案员')", detail, StringComparison.Ordinal);
        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/v1/instances") { Content = JsonContent.Create(new { processKey = key }) };
        english.Headers.Add("Accept-Language", "en");
        using var inEnglish = await refused.Client.SendAsync(english);
        Assert.Contains("You may not start the procedure", (await inEnglish.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed")).GetProperty("detail").GetString(),
            StringComparison.Ordinal);
        Assert.Equal(before, await InstancesAsync(key));
        Assert.Equal(refusalsBefore + 2, await world.AccessRefusalsAsync(other));

        foreach (var starter in new[] { holder, member, EduClerk })
        {
            var session = await world.SessionAsync(starter);
            using var started = await session.PostAsJsonAsync("/api/v1/instances", new { processKey = key });
            await started.IsAsync(HttpStatusCode.Created);
        }
        Assert.Equal(before + 3, await InstancesAsync(key));

        Assert.Contains(key, await CatalogOfAsync(holder));
        Assert.Contains(key, await CatalogOfAsync(member));
        Assert.DoesNotContain(key, await CatalogOfAsync(other));
        Assert.Contains(world.ProcessKey, await CatalogOfAsync(other)); // a procedure without starters: anyone's
    }

    [DatabaseFact]
    public async Task AProcedureNobodyStarts_IsRefusedEvenToAnAdministrator_ButTrustedCodeAndAStartOnBehalfTokenStartIt()
    {
        var key = await DeployAsync("none");
        var admin = await world.SessionAsync(Admin);

        using var refused = await admin.PostAsJsonAsync("/api/v1/instances", new { processKey = key, agencyId = "gd-fin" });

        Assert.Contains("不由人工发起", (await refused.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed")).GetProperty("detail").GetString(),
            StringComparison.Ordinal);
        Assert.DoesNotContain(key, await CatalogOfAsync(Admin));
        await using (var scope = world.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<InstanceService>().StartAsync(new StartInstance(key, Initiator: FinClerk, AgencyId: "gd-fin"));
        using var archive = world.Factory.CreateClient();
        archive.DefaultRequestHeaders.Authorization = new("Bearer", ArchiveToken);
        using var onBehalf = await archive.PostAsJsonAsync(new Uri("/api/v1/instances", UriKind.Relative), new { processKey = key, initiator = FinClerk, agencyId = "gd-fin" });
        await onBehalf.IsAsync(HttpStatusCode.Created);
        Assert.Equal(2, await InstancesAsync(key));
    }

    private async Task<string> DeployAsync(string starters)
    {
        var key = $"p{Guid.NewGuid():N}"[..16];
        var admin = await world.SessionAsync(Admin);
        using var content = new StringContent($"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="urn:g2g:workflows:documents">
              <bpmn:process id="{key}" name="档案销毁 Destroying" isExecutable="true" g2g:starters="{starters}">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="propose" />
                <bpmn:userTask id="propose" name="提出" g2g:assignee="initiator()" />
                <bpmn:sequenceFlow id="f2" sourceRef="propose" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """, Encoding.UTF8, "application/xml");
        using var deployed = await admin.PostAsync($"/api/v1/definitions?name={key}.bpmn", content);
        await deployed.IsAsync(HttpStatusCode.OK);
        return key;
    }

    private async Task<int> InstancesAsync(string key)
    {
        await using var db = world.Database.CreateContext();
        return await db.Set<ProcessInstanceRecord>().CountAsync(i => i.ProcessKey == key);
    }

    /// <summary>The catalog's process keys as <paramref name="user"/> sees them at /start.</summary>
    private async Task<List<string>> CatalogOfAsync(string user)
    {
        await using var scope = world.Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<CallerContext>().Current = await services.GetRequiredService<CallerDirectory>().FindAsync(user);
        return [.. (await services.GetRequiredService<ProcessCatalog>().StartableAsync()).Select(e => e.ProcessKey)];
    }
}

public sealed class SqliteStarterTests(SecurityWorld<SqliteTestDatabase> world) : StarterTests<SqliteTestDatabase>(world);

public sealed class PostgresStarterTests(SecurityWorld<PostgresTestDatabase> world) : StarterTests<PostgresTestDatabase>(world);

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using G2G.Runtime.Audit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Security;

/// <summary>
/// The security matrix: role × agency × operation, through the API with real sessions. Items of another agency
/// answer 404 (not 403), items above the caller's clearance do not exist for them, work on a task is its
/// assignee's and goes only to people cleared for it, steering an instance is for administrators, and every refusal
/// lands in the audit log.
/// </summary>
public abstract class SecurityMatrixTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    /// <summary>An item of 财政厅: 非密 (started by the clerk) or 秘密 (started by the chief).</summary>
    public enum Item { Open, Secret }

    public enum Operation { ViewTask, ViewInstance, History, Complete, Transfer, Claim, Urge, Cancel, Suspend, Reassign }

    // Expected status per caller for the 非密 item; the 秘密 item differs only for the clerk (内部 clearance), who cannot see it.
    private static readonly Dictionary<string, Dictionary<Operation, HttpStatusCode>> OpenItem = new()
    {
        [FinChief] = Row(view: HttpStatusCode.OK, work: HttpStatusCode.NoContent, urge: HttpStatusCode.Forbidden, steer: HttpStatusCode.Forbidden),
        [FinClerk] = Row(view: HttpStatusCode.OK, work: HttpStatusCode.Forbidden, urge: HttpStatusCode.NoContent, steer: HttpStatusCode.Forbidden),
        [EduClerk] = Row(view: HttpStatusCode.NotFound, work: HttpStatusCode.NotFound, urge: HttpStatusCode.NotFound, steer: HttpStatusCode.NotFound),
        [Supervisor] = Row(view: HttpStatusCode.OK, work: HttpStatusCode.Forbidden, urge: HttpStatusCode.NoContent, steer: HttpStatusCode.Forbidden),
        [Admin] = Row(view: HttpStatusCode.OK, work: HttpStatusCode.Forbidden, urge: HttpStatusCode.NoContent, steer: HttpStatusCode.NoContent),
    };

    private static Dictionary<Operation, HttpStatusCode> Row(HttpStatusCode view, HttpStatusCode work, HttpStatusCode urge, HttpStatusCode steer) => new()
    {
        [Operation.ViewTask] = view, [Operation.ViewInstance] = view, [Operation.History] = view,
        [Operation.Complete] = work, [Operation.Transfer] = work,
        // Nobody may claim a task that is assigned and offers no candidates; those who cannot see it get 404.
        [Operation.Claim] = view == HttpStatusCode.NotFound ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden,
        [Operation.Urge] = urge, [Operation.Cancel] = steer, [Operation.Suspend] = steer,
        // An administrator's 转办 (to the clerk); for anyone else it is an organisation change they may not make.
        [Operation.Reassign] = steer == HttpStatusCode.NoContent ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
    };

    /// <summary>Every cell of the matrix: caller × item × operation and the status it must get.</summary>
    private static IEnumerable<(string User, Item Item, Operation Operation, HttpStatusCode Expected)> Matrix()
    {
        foreach (var (user, row) in OpenItem)
        {
            foreach (var (operation, expected) in row)
            {
                yield return (user, Item.Open, operation, expected);
                var secret = user == FinClerk && operation != Operation.Reassign ? HttpStatusCode.NotFound
                    : user == FinChief && operation == Operation.Urge ? HttpStatusCode.NoContent // the chief started the 秘密 item
                    // Handing the 秘密 item to the 内部 clerk: not cleared for it.
                    : expected is HttpStatusCode.NoContent or HttpStatusCode.OK && operation is Operation.Transfer or Operation.Reassign
                        ? HttpStatusCode.UnprocessableEntity
                    : expected;
                yield return (user, Item.Secret, operation, secret);
            }
        }
    }

    [DatabaseFact]
    public async Task EveryRoleAgencyAndOperation_IsAllowedOrRefusedAsTheRulesSay()
    {
        var wrong = new List<string>();
        foreach (var (user, item, operation, expected) in Matrix())
        {
            var actual = await TryAsync(user, item, operation, expected);
            if (actual is not null)
                wrong.Add($"{user} × {item} × {operation}: {actual}");
        }
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {Matrix().Count()} cells differ:\n" + string.Join("\n", wrong));
    }

    /// <summary>Runs one cell on a fresh instance; null when it behaved as expected, else what happened.</summary>
    private async Task<string?> TryAsync(string user, Item item, Operation operation, HttpStatusCode expected)
    {
        var (instance, task) = item == Item.Open ? await world.StartAsync(FinClerk) : await world.StartAsync(FinChief, ClearanceLevel.Secret);
        var client = await world.SessionAsync(user);
        var auditBefore = await world.AccessRefusalsAsync(user);

        using var response = await SendAsync(client, operation, instance, task);

        if (response.StatusCode != expected)
            return $"expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
        var refusals = await world.AccessRefusalsAsync(user) - auditBefore;
        if (expected is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.UnprocessableEntity))
            return refusals == 0 ? null : $"allowed, yet {refusals} refusal(s) audited";
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var code = problem.GetProperty("code").GetString();
        if (code != expected switch { HttpStatusCode.NotFound => "not-found", HttpStatusCode.Forbidden => "not-allowed", _ => "not-cleared" })
            return $"problem code {code}";
        // 404 says no more than for an id that never existed.
        if (expected == HttpStatusCode.NotFound && problem.GetProperty("detail").GetString() is { } detail
            && (detail.Contains("密级", StringComparison.Ordinal) || detail.Contains("知悉范围", StringComparison.Ordinal)))
            return "the 404 mentions clearance";
        if (refusals != 1)
            return $"{refusals} refusals audited instead of 1";
        return await ChangedAsync(instance, task);
    }

    [DatabaseFact]
    public async Task Lists_Counts_AndSearches_LeaveOutOtherAgencies_AndItemsAboveClearance()
    {
        var (open, _) = await world.StartAsync(FinClerk);
        var (secret, _) = await world.StartAsync(FinChief, ClearanceLevel.Secret);

        async Task<IReadOnlyList<long>> InstancesOfTasksSeenBy(string user)
        {
            var client = await world.SessionAsync(user);
            var page = await client.Client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks?processKey={world.ProcessKey}&pageSize=200");
            return [.. page.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("instanceId").GetInt64())];
        }

        Assert.Contains(open, await InstancesOfTasksSeenBy(FinClerk));
        Assert.DoesNotContain(secret, await InstancesOfTasksSeenBy(FinClerk));
        Assert.Empty(await InstancesOfTasksSeenBy(EduClerk));
        Assert.Contains(secret, await InstancesOfTasksSeenBy(Supervisor));

        // The chief's inbox holds both; a lower clearance would hide the 秘密 one from list and badge alike.
        var chief = await world.SessionAsync(FinChief);
        var todo = await chief.Client.GetFromJsonAsync<JsonElement>($"/api/v1/inbox/todo?processKey={world.ProcessKey}&pageSize=200&text=预算");
        var ids = todo.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("instanceId").GetInt64()).ToList();
        Assert.Contains(open, ids);
        Assert.Contains(secret, ids);
        Assert.Equal("Secret", todo.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("instanceId").GetInt64() == secret)
            .GetProperty("classification").GetString());
        var clerk = await world.SessionAsync(FinClerk);
        var started = await clerk.Client.GetFromJsonAsync<JsonElement>("/api/v1/inbox/started?pageSize=200");
        Assert.All(started.GetProperty("items").EnumerateArray(), i => Assert.Equal("Unclassified", i.GetProperty("classification").GetString()));
    }

    [DatabaseFact]
    public async Task Starting_IsForOnesOwnAgency_UpToOnesClearance()
    {
        var clerk = await world.SessionAsync(FinClerk);
        using var otherAgency = await clerk.PostAsJsonAsync("/api/v1/instances", new { processKey = world.ProcessKey, agencyId = "gd-edu" });
        Assert.Equal(HttpStatusCode.Forbidden, otherAgency.StatusCode);
        using var aboveClearance = await clerk.PostAsJsonAsync("/api/v1/instances", new { processKey = world.ProcessKey, classification = "Secret" });
        Assert.Equal(HttpStatusCode.Forbidden, aboveClearance.StatusCode);
        Assert.Contains("超出您的知悉范围", (await aboveClearance.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!, StringComparison.Ordinal);

        using var own = await clerk.PostAsJsonAsync("/api/v1/instances", new { processKey = world.ProcessKey });
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var view = await own.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("gd-fin", view.GetProperty("agencyId").GetString());
        Assert.Equal(FinClerk, view.GetProperty("initiator").GetString());
    }

    [DatabaseFact]
    public async Task OnlyAdministrators_ChangeDefinitions_SendMessages_OrSeeIncidents()
    {
        var chief = await world.SessionAsync(FinChief);
        using var xml = new StringContent("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\"/>", System.Text.Encoding.UTF8, "application/xml");
        using var deploy = await chief.PostAsync("/api/v1/definitions", xml);
        Assert.Equal(HttpStatusCode.Forbidden, deploy.StatusCode);
        using var retract = await chief.PostAsync($"/api/v1/definitions/{world.ProcessKey}/versions/1/retract");
        Assert.Equal(HttpStatusCode.Forbidden, retract.StatusCode);
        using var message = await chief.PostAsJsonAsync("/api/v1/messages", new { name = "收文" });
        Assert.Equal(HttpStatusCode.Forbidden, message.StatusCode);
        using var incidents = await chief.GetAsync("/api/v1/incidents");
        Assert.Equal(HttpStatusCode.Forbidden, incidents.StatusCode);
        using var verification = await chief.GetAsync("/api/v1/audit/verification");
        Assert.Equal(HttpStatusCode.Forbidden, verification.StatusCode);

        var admin = await world.SessionAsync(Admin);
        using var adminIncidents = await admin.GetAsync("/api/v1/incidents");
        Assert.Equal(HttpStatusCode.OK, adminIncidents.StatusCode);
        var intact = await admin.Client.GetFromJsonAsync<JsonElement>("/api/v1/audit/verification");
        Assert.True(intact.GetProperty("intact").GetBoolean());
    }

    [DatabaseFact]
    public async Task Withdrawing_IsForWhoeverCompletedTheStep()
    {
        var (instance, task) = await world.StartAsync(FinClerk);
        var chief = await world.SessionAsync(FinChief);
        using var completed = await chief.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", new { outcome = "approve" });
        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);

        var clerk = await world.SessionAsync(FinClerk);
        using var notTheirs = await clerk.PostAsJsonAsync($"/api/v1/instances/{instance}/withdraw", new { elementId = "review" });
        Assert.Equal(HttpStatusCode.Forbidden, notTheirs.StatusCode);
        Assert.Contains(FinChief, (await notTheirs.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!, StringComparison.Ordinal);
        var edu = await world.SessionAsync(EduClerk);
        using var hidden = await edu.PostAsJsonAsync($"/api/v1/instances/{instance}/withdraw", new { elementId = "review" });
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        using var withdrawn = await chief.PostAsJsonAsync($"/api/v1/instances/{instance}/withdraw", new { elementId = "review" });
        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        var tasks = await chief.Client.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{instance}/tasks");
        Assert.Contains(tasks.GetProperty("items").EnumerateArray(), t => t.GetProperty("elementId").GetString() == "review" && t.GetProperty("state").GetString() == "open");
    }

    [DatabaseFact]
    public async Task ACookieRequest_WithoutTheCsrfToken_IsRefused_AndChangesNothing()
    {
        var (instance, task) = await world.StartAsync(FinClerk);
        using var chief = await SignedIn.SignInAsync(world.Factory, FinChief, Password);
        chief.Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");

        using var response = await chief.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", new { outcome = "approve" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("csrf", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        await AssertUnchangedAsync(instance, task);
    }

    [DatabaseFact]
    public async Task SignIn_RefusesWrongPasswords_LocksTheAccountOut_AndIsAudited()
    {
        await using (var scope = world.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OrganisationService>().CreateUserAsync(
                new NewUser("fin.temp", "临时用户", "gd-fin-budget", Password: Password), "setup");
        }
        using var client = world.Factory.CreateClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var wrong = await client.PostAsJsonAsync(new Uri("/api/v1/session", UriKind.Relative), new { userName = "fin.temp", password = "guess" + attempt });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using var locked = await client.PostAsJsonAsync(new Uri("/api/v1/session", UriKind.Relative), new { userName = "fin.temp", password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Equal("locked-out", (await locked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.True(await world.AccessRefusalsAsync("fin.temp") >= 6);

        using var unknown = await client.PostAsJsonAsync(new Uri("/api/v1/session", UriKind.Relative), new { userName = "nobody", password = Password });
        Assert.Equal("invalid-credentials", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        using var me = await client.GetAsync(new Uri("/api/v1/session", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
    }

    [DatabaseFact]
    public async Task ADeactivatedUsersSession_EndsWithTheirNextRequest()
    {
        await using (var scope = world.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<OrganisationService>().CreateUserAsync(
                new NewUser("fin.leaving", "调离人员", "gd-fin-budget", Password: Password), "setup");
        }
        using var session = await SignedIn.SignInAsync(world.Factory, "fin.leaving", Password);
        var me = await session.Client.GetFromJsonAsync<JsonElement>("/api/v1/session");
        Assert.Equal("gd-fin", me.GetProperty("agencyId").GetString());

        await using (var scope = world.Factory.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<OrganisationService>().DeactivateUserAsync("fin.leaving", "setup", "调离");

        using var after = await session.GetAsync("/api/v1/inbox/counts");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(SignedIn client, Operation operation, long instance, long task) => operation switch
    {
        Operation.ViewTask => client.GetAsync($"/api/v1/tasks/{task}"),
        Operation.ViewInstance => client.GetAsync($"/api/v1/instances/{instance}"),
        Operation.History => client.GetAsync($"/api/v1/instances/{instance}/history"),
        Operation.Complete => client.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", new { outcome = "approve", comment = "同意" }),
        Operation.Transfer => client.PostAsJsonAsync($"/api/v1/tasks/{task}/transfer", new { userId = FinClerk }),
        Operation.Claim => client.PostAsync($"/api/v1/tasks/{task}/claim"),
        Operation.Urge => client.PostAsJsonAsync($"/api/v1/tasks/{task}/urge", new { comment = "请尽快办理" }),
        Operation.Cancel => client.PostAsJsonAsync($"/api/v1/instances/{instance}/cancel", new { reason = "重复提交" }),
        Operation.Suspend => client.PostAsJsonAsync($"/api/v1/instances/{instance}/suspend", new { reason = "待核实" }),
        Operation.Reassign => client.PostAsJsonAsync($"/api/v1/tasks/{task}/reassign", new { userId = FinClerk }),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };

    private async Task AssertUnchangedAsync(long instance, long task) => Assert.Null(await ChangedAsync(instance, task));

    /// <summary>A refused operation leaves the instance running, the task open with its assignee, and no audit record but the start.</summary>
    private async Task<string?> ChangedAsync(long instance, long task)
    {
        await using var db = world.Database.CreateContext();
        var row = await db.Set<ProcessInstanceRecord>().SingleAsync(i => i.Id == instance);
        var taskRow = await db.Set<TaskRecord>().SingleAsync(t => t.Id == task);
        var audited = await db.Set<InstanceEventRecord>().Where(a => a.InstanceId == instance && a.Kind != "instance.started").AuditTrail().Select(a => a.Kind).ToListAsync();
        return row.Suspended || row.Status != "running" || taskRow.State != "open" || taskRow.Assignee != FinChief || audited.Count > 0
            ? $"the refused operation changed the item: instance {row.Status}{(row.Suspended ? " suspended" : "")}, task {taskRow.State} of {taskRow.Assignee}, audit [{string.Join(", ", audited)}]"
            : null;
    }
}

public sealed class SqliteSecurityMatrixTests(SecurityWorld<SqliteTestDatabase> world) : SecurityMatrixTests<SqliteTestDatabase>(world);

public sealed class PostgresSecurityMatrixTests(SecurityWorld<PostgresTestDatabase> world) : SecurityMatrixTests<PostgresTestDatabase>(world);

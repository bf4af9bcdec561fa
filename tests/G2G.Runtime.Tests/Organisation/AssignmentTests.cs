using System.Security;
using System.Security.Cryptography;
using System.Text;
using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Runtime.Audit;
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
/// Assignment rules end to end on the demo province: deploy a one-task process with the rule, start it as a user,
/// look at the task row. The initiator is 郑凯 (zheng.kai), 科员 of 预算一科 (sf-fin-ysc-1) in 省财政厅 (sf-fin),
/// unless a test says otherwise. Tests that change people create their own under a unique prefix.
/// </summary>
public abstract class AssignmentTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private RuntimeHarness _runtime = null!;

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        _runtime = new RuntimeHarness(database);
        var report = await _runtime.In(s => s.GetRequiredService<OrganisationImporter>().ImportAsync(OrganisationSeed.DemoProvince(), ImportFormat.Json, "seed"));
        Assert.True(report.Applied, string.Join("\n", report.Problems));
        if (!await _runtime.Query(db => db.Set<DepartmentRecord>().AnyAsync(d => d.Id == VacantDepartment)))
            await Org(o => o.CreateDepartmentAsync(new NewDepartment(VacantDepartment, "dc", "督查室"), "admin"));
    }

    /// <summary>A department of the demo's 东城市 without a head (every department of the demo itself has one).</summary>
    private const string VacantDepartment = "dc-dcs";

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    private Task<T> Org<T>(Func<OrganisationService, Task<T>> work) => _runtime.In(s => work(s.GetRequiredService<OrganisationService>()));

    private Task Org(Func<OrganisationService, Task> work) => _runtime.In(s => work(s.GetRequiredService<OrganisationService>()));

    /// <summary>Deploys a process whose only task has the rule (the key is derived from the rule unless given) and starts it.</summary>
    private async Task<(long Instance, TaskRecord Task)> StartAsync(string rule, string? initiator = "zheng.kai", string? key = null, string operations = "",
        ClearanceLevel classification = ClearanceLevel.Unclassified, params (string Name, object? Value)[] variables)
    {
        key ??= "rule-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rule + operations)))[..12];
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="urn:g2g:tests">
              <bpmn:process id="{key}" name="规则 {SecurityElement.Escape(rule)}" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
                <bpmn:userTask id="handle" name="办理" g2g:assignee="{SecurityElement.Escape(rule)}" g2g:operations="{operations}" />
                <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        await _runtime.In(s => s.GetRequiredService<DeploymentService>().DeployAsync(xml, key + ".bpmn"));
        var id = await _runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
            new StartInstance(key, RuntimeHarness.Vars(variables), Title: rule, Initiator: initiator, Classification: classification)));
        return (id, await _runtime.TaskAsync(id, "handle"));
    }

    private static IEnumerable<string> Candidates(TaskRecord task) => task.Candidates.Where(c => c.Kind == CandidateKinds.User).Select(c => c.Value).Order();

    private Task<List<IncidentRecord>> OpenIncidentsAsync(long instanceId) =>
        _runtime.Query(db => db.Set<IncidentRecord>().Where(i => i.InstanceId == instanceId && i.ResolvedAt == null).ToListAsync());

    [DatabaseTheory]
    [InlineData("user('he.na')", "he.na")]
    [InlineData("initiator()", "zheng.kai")]
    [InlineData("user(initiator)", "zheng.kai")]                          // the initiator record stands for its id
    [InlineData("position('科长')", "wu.fang")]                            // default unit: the initiator's department
    [InlineData("position('科长', initiator.department)", "wu.fang")]
    [InlineData("position('处长', 'sf-fin-ysc')", "huang.qiang")]           // a department
    [InlineData("position('收发员', 'sf-fin')", "zhang.min")]               // an agency: holders in any of its departments
    [InlineData("position('主要领导', initiator.agency)", "liu.cai")]
    [InlineData("leader()", "liu.cai")]                                   // default: the initiator's agency
    [InlineData("leader('dc')", "qian.dong")]
    [InlineData("departmentHead()", "wu.fang")]                           // default: the initiator's department
    [InlineData("departmentHead('sf-fin-ysc')", "huang.qiang")]
    public async Task RulesNamingOnePerson_AssignTheTask(string rule, string assignee)
    {
        var (id, task) = await StartAsync(rule);

        Assert.Equal(assignee, task.Assignee);
        Assert.Empty(task.Candidates);
        Assert.Null(task.OnBehalfOf);
        Assert.Empty(await OpenIncidentsAsync(id));
        var notified = await _runtime.Query(db => db.Set<OutboxRecord>().Where(o => o.InstanceId == id && o.Kind == "task.assigned").Select(o => o.Recipient).ToListAsync());
        Assert.Equal([assignee], notified);
    }

    [DatabaseTheory]
    [InlineData("users(['he.na', 'ma.lin'])", "he.na,ma.lin")]
    [InlineData("users(approvers)", "liu.cai,sun.li")]
    [InlineData("group('sf-fin-leaders')", "liu.cai,sun.li")]
    [InlineData("group('收文登记组')", "chen.jing,luo.yi,zhang.min")]       // by its unique name
    public async Task RulesNamingSeveralPeople_OfferTheTaskToCandidates(string rule, string candidates)
    {
        var (instance, task) = await StartAsync(rule, variables: ("approvers", new[] { "liu.cai", "sun.li", "no.such.user" }));

        Assert.Null(task.Assignee);
        Assert.Equal(candidates.Split(','), Candidates(task));
        // Each person is told on their own (a group is never addressed as a whole, so every member has a row to read).
        var told = await _runtime.Query(db => db.Set<OutboxRecord>().Where(o => o.InstanceId == instance && o.Kind == "task.assigned")
            .Select(o => o.Recipient).OrderBy(r => r).ToListAsync());
        Assert.Equal(candidates.Split(','), told);
    }

    [DatabaseFact]
    public async Task APositionWithSeveralHolders_OffersTheTaskToAllOfThem()
    {
        var p = "a" + Guid.NewGuid().ToString("N")[..8];
        await Org(async o =>
        {
            await o.CreateDepartmentAsync(new NewDepartment($"{p}-kc", "sf-fin", "会计科"), "admin");
            await o.CreateUserAsync(new NewUser($"{p}.one", "会计一", $"{p}-kc"), "admin");
            await o.CreateUserAsync(new NewUser($"{p}.two", "会计二", $"{p}-kc"), "admin");
            await o.AssignPositionAsync($"{p}.one", "会计", null, "admin");
            await o.AssignPositionAsync($"{p}.two", "会计", null, "admin");
        });

        var (_, task) = await StartAsync($"position('会计', '{p}-kc')");

        Assert.Null(task.Assignee);
        Assert.Equal([$"{p}.one", $"{p}.two"], Candidates(task));
    }

    [DatabaseFact]
    public async Task Initiator_IsARecordForAUser_AndStaysTextForAnyoneElse()
    {
        var (known, _) = await StartAsync("user('he.na')");
        var (unknown, _) = await StartAsync("user('he.na')", initiator: "system");

        var variables = await _runtime.Query(async db => (
            ProcessStateJson.Deserialize((await db.Set<ProcessInstanceRecord>().SingleAsync(i => i.Id == known)).State).Variables["initiator"],
            ProcessStateJson.Deserialize((await db.Set<ProcessInstanceRecord>().SingleAsync(i => i.Id == unknown)).State).Variables["initiator"]));

        var record = Assert.IsType<RecordValue>(variables.Item1);
        Assert.Equal(Value.From("zheng.kai"), record.Fields["id"]);
        Assert.Equal(Value.From("郑凯"), record.Fields["name"]);
        Assert.Equal(Value.From("sf-fin-ysc-1"), record.Fields["department"]);
        Assert.Equal(Value.From("sf-fin"), record.Fields["agency"]);
        Assert.Equal(Value.From("system"), variables.Item2);
    }

    [DatabaseFact]
    public async Task ADelegationInForce_RoutesToTheDelegate_OnBehalfOfTheHolder_OnlyForItsProceduresAndDates()
    {
        // 黄强 delegates to 吴芳 for 'leave' and 'travel', 2026-12-01 to 2026-12-15 (the seed); today is 2026-11-23.
        var (_, before) = await StartAsync("position('处长', 'sf-fin-ysc')", key: "leave");
        _runtime.Clock.Advance(TimeSpan.FromDays(9)); // 2026-12-02
        var (_, during) = await StartAsync("position('处长', 'sf-fin-ysc')", key: "leave");
        var (_, otherProcedure) = await StartAsync("position('处长', 'sf-fin-ysc')", key: "purchase");
        _runtime.Clock.Advance(TimeSpan.FromDays(14)); // 2026-12-16
        var (_, after) = await StartAsync("position('处长', 'sf-fin-ysc')", key: "leave");

        Assert.Equal(("huang.qiang", (string?)null), (before.Assignee, before.OnBehalfOf));
        Assert.Equal(("wu.fang", "huang.qiang"), (during.Assignee, during.OnBehalfOf));
        Assert.Equal(("huang.qiang", (string?)null), (otherProcedure.Assignee, otherProcedure.OnBehalfOf));
        Assert.Equal(("huang.qiang", (string?)null), (after.Assignee, after.OnBehalfOf));
    }

    [DatabaseFact]
    public async Task DelegationsChain_ReplaceCandidates_AndSkipADeactivatedDelegate()
    {
        var p = "d" + Guid.NewGuid().ToString("N")[..8];
        var today = new DateOnly(2026, 11, 23);
        await Org(async o =>
        {
            await o.CreateDepartmentAsync(new NewDepartment($"{p}-k", "sf-fin", "某科"), "admin");
            foreach (var name in new[] { "a", "b", "c", "d" })
                await o.CreateUserAsync(new NewUser($"{p}.{name}", name, $"{p}-k"), "admin");
            await o.CreateGroupAsync($"{p}-g", "某组", null, "admin");
            await o.AddGroupMemberAsync($"{p}-g", $"{p}.a", "admin");
            await o.AddGroupMemberAsync($"{p}-g", $"{p}.d", "admin");
            await o.CreateDelegationAsync(new NewDelegation($"{p}.a", $"{p}.b", today, today), "admin");
            await o.CreateDelegationAsync(new NewDelegation($"{p}.b", $"{p}.c", today, today.AddDays(1)), "admin");
        });

        var (_, single) = await StartAsync($"user('{p}.a')");
        var (_, group) = await StartAsync($"group('{p}-g')");
        await Org(o => o.DeactivateUserAsync($"{p}.c", "admin"));
        var (_, skipped) = await StartAsync($"user('{p}.a')", key: $"rule-{p}-skip");

        Assert.Equal(($"{p}.c", $"{p}.a"), (single.Assignee, single.OnBehalfOf));
        Assert.Equal([$"{p}.c", $"{p}.d"], Candidates(group));
        Assert.Equal(($"{p}.b", $"{p}.a"), (skipped.Assignee, skipped.OnBehalfOf));
        var overlap = await Assert.ThrowsAsync<RuntimeException>(() =>
            Org(o => o.CreateDelegationAsync(new NewDelegation($"{p}.a", $"{p}.d", today, today, ["leave"]), "admin")));
        Assert.Equal(RuntimeErrorCode.Conflict, overlap.Code);
    }

    [DatabaseTheory]
    [InlineData("departmentHead('dc-dcs')", "zheng.kai", "has no head")]
    [InlineData("user('no.such.user')", "zheng.kai", "user 'no.such.user' does not exist")]
    [InlineData("position('处长')", "zheng.kai", "no active user holds the position 处长 in 'sf-fin-ysc-1', the home department of the initiator 'zheng.kai'")]
    [InlineData("position('科长')", "robot", "the initiator 'robot' is not a user of the organisation")]
    [InlineData("leader('nowhere')", "zheng.kai", "the agency 'nowhere' does not exist")]
    [InlineData("group('empty-or-missing')", "zheng.kai", "no group with the id or name 'empty-or-missing'")]
    public async Task ARuleResolvingToNobody_CreatesTheTaskWithoutAnyone_AndAnIncidentNamingTheRuleAndTheContext(string rule, string initiator, string reason)
    {
        var (id, task) = await StartAsync(rule, initiator);

        Assert.Null(task.Assignee);
        Assert.Empty(task.Candidates);
        var incident = Assert.Single(await OpenIncidentsAsync(id));
        Assert.Equal("handle", incident.ElementId);
        Assert.Null(incident.EngineIncidentId);
        Assert.Contains("has nobody to work on it", incident.Message, StringComparison.Ordinal);
        Assert.Contains(rule.Replace("()", "", StringComparison.Ordinal), incident.Message, StringComparison.Ordinal);
        Assert.Contains(reason, incident.Message, StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.Running, (await _runtime.InstanceAsync(id)).Status);
    }

    [DatabaseFact]
    public async Task AClassifiedDocument_GoesOnlyToPeopleClearedForIt_AndToNobodyWhenNoneIs()
    {
        // 收文登记组: 陈静 and 张敏 hold 秘密, 罗怡 only 内部; 何娜 holds 内部.
        var (_, group) = await StartAsync("group('收文登记组')", classification: ClearanceLevel.Secret);
        var (alone, single) = await StartAsync("user('he.na')", classification: ClearanceLevel.Secret);
        var (_, open) = await StartAsync("user('he.na')", classification: ClearanceLevel.Internal);

        Assert.Equal(["chen.jing", "zhang.min"], Candidates(group));
        Assert.Equal("he.na", open.Assignee);
        Assert.Null(single.Assignee);
        var incident = Assert.Single(await OpenIncidentsAsync(alone));
        Assert.Contains("秘密", incident.Message, StringComparison.Ordinal);
        Assert.Contains("he.na", incident.Message, StringComparison.Ordinal);

        // 黄强 (秘密) delegates 'leave' to 吴芳 (内部) from 2026-12-01: a 秘密 leave request stays with him.
        _runtime.Clock.Advance(TimeSpan.FromDays(9));
        var (_, kept) = await StartAsync("position('处长', 'sf-fin-ysc')", key: "leave", classification: ClearanceLevel.Secret);
        var (_, delegated) = await StartAsync("position('处长', 'sf-fin-ysc')", key: "leave", classification: ClearanceLevel.Internal);
        Assert.Equal(("huang.qiang", (string?)null), (kept.Assignee, kept.OnBehalfOf));
        Assert.Equal(("wu.fang", "huang.qiang"), (delegated.Assignee, delegated.OnBehalfOf));
    }

    [DatabaseFact]
    public async Task RulesNamingAClosedDepartmentOrAgency_ResolveToNobody_UntilItIsReopened()
    {
        var p = "c" + Guid.NewGuid().ToString("N")[..8];
        await Org(async o =>
        {
            await o.CreateAgencyAsync(new NewAgency(p, "临时机构", "sf"), "admin");
            await o.CreateDepartmentAsync(new NewDepartment($"{p}-k", p, "某科"), "admin");
            await o.CreateUserAsync(new NewUser($"{p}.boss", "负责人", $"{p}-k"), "admin");
            await o.AssignPositionAsync($"{p}.boss", Positions.PrincipalLeader, p, "admin");
            await o.SetDepartmentHeadAsync($"{p}-k", $"{p}.boss", "admin");
            await o.SetDepartmentActiveAsync($"{p}-k", false, "admin");
            await o.SetAgencyActiveAsync(p, false, "admin");
        });

        foreach (var rule in new[] { $"departmentHead('{p}-k')", $"position('主要领导', '{p}')", $"leader('{p}')" })
        {
            var (id, task) = await StartAsync(rule);
            Assert.Null(task.Assignee);
            Assert.Contains("is closed", Assert.Single(await OpenIncidentsAsync(id)).Message, StringComparison.Ordinal);
        }
        await Org(async o =>
        {
            await o.SetDepartmentActiveAsync($"{p}-k", true, "admin");
            await o.SetAgencyActiveAsync(p, true, "admin");
        });
        Assert.Equal($"{p}.boss", (await StartAsync($"leader('{p}')", key: $"rule-{p}-open")).Task.Assignee);
        var actions = await _runtime.Query(db => db.Set<AuditRecord>().Where(a => a.Chain == AuditLog.OrganisationChain && a.Data!.Contains(p) && a.Action.EndsWith("ed") && (a.Action.Contains("closed") || a.Action.Contains("reopened")))
            .OrderBy(a => a.Seq).Select(a => a.Action).ToListAsync());
        Assert.Equal(["department.closed", "agency.closed", "department.reopened", "agency.reopened"], actions);
    }

    [DatabaseFact]
    public async Task ARuleResolvedOnAnotherNode_FollowsAChangeOfTheOrganisation_AtItsNextTask()
    {
        var p = "n" + Guid.NewGuid().ToString("N")[..8];
        await Org(async o =>
        {
            await o.CreateDepartmentAsync(new NewDepartment($"{p}-k", "sf-fin", "节点科"), "admin");
            await o.CreateUserAsync(new NewUser($"{p}.a", "甲", $"{p}-k"), "admin");
            await o.CreateUserAsync(new NewUser($"{p}.b", "乙", $"{p}-k"), "admin");
            await o.AssignPositionAsync($"{p}.a", "值班员", $"{p}-k", "admin");
        });
        // 拟稿 (no rule: nobody resolves anything at the start), then 值班 by the position's holder: that task is created
        // by a complete, whose load reads the organisation's stamp.
        await _runtime.In(s => s.GetRequiredService<DeploymentService>().DeployAsync($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="urn:g2g:tests">
              <bpmn:process id="rule-{p}" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="draft" />
                <bpmn:userTask id="draft" name="拟稿" />
                <bpmn:sequenceFlow id="f2" sourceRef="draft" targetRef="handle" />
                <bpmn:userTask id="handle" name="值班" g2g:assignee="position('值班员', '{p}-k')" />
                <bpmn:sequenceFlow id="f3" sourceRef="handle" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """, $"rule-{p}.bpmn"));

        // A second node on the same database, with its own cache of resolved rules: it resolves the rule once, …
        await using var other = new RuntimeHarness(database);
        async Task<(long Instance, string? Assignee)> HandleOnOtherNodeAsync()
        {
            var id = await other.In(s => s.GetRequiredService<InstanceService>().StartAsync(new StartInstance($"rule-{p}", Initiator: "zheng.kai")));
            await other.CompleteAsync((await other.TaskAsync(id, "draft")).Id, "zheng.kai");
            return (id, (await other.TaskAsync(id, "handle")).Assignee);
        }
        async Task<string?> AssigneeOnOtherNodeAsync() => (await HandleOnOtherNodeAsync()).Assignee;
        Task<string> StampAsync() => _runtime.Query(db => db.Set<OrganisationStampRecord>().Select(st => st.Stamp).SingleAsync());
        Assert.Equal($"{p}.a", await AssigneeOnOtherNodeAsync());
        Assert.Equal($"{p}.a", await AssigneeOnOtherNodeAsync());
        var stamp = await StampAsync();

        // … a change of a user that rules do not read (a failed sign-in) leaves the stamp, …
        await _runtime.In(async s =>
        {
            var db = s.GetRequiredService<G2GDbContext>();
            (await db.Users.SingleAsync(u => u.Id == $"{p}.a")).AccessFailedCount++;
            await db.SaveChangesAsync();
        });
        Assert.Equal(stamp, await StampAsync());

        // … and the position changing hands on the first node takes effect on the second at its next task.
        await Org(async o =>
        {
            await o.RemovePositionAsync($"{p}.a", "值班员", $"{p}-k", "admin");
            await o.AssignPositionAsync($"{p}.b", "值班员", $"{p}-k", "admin");
        });
        Assert.NotEqual(stamp, await StampAsync());
        Assert.Equal($"{p}.b", await AssigneeOnOtherNodeAsync());
        await Org(o => o.DeactivateUserAsync($"{p}.b", "admin"));
        var (instance, assignee) = await HandleOnOtherNodeAsync();
        Assert.Null(assignee);
        Assert.Single(await OpenIncidentsAsync(instance), i => i.Message.Contains("no active user holds the position", StringComparison.Ordinal));
    }

    [DatabaseFact]
    public async Task AnAdministratorReassignsAnUnresolvedTask_TheIncidentIsResolved_AndTheMoveAudited()
    {
        var (id, task) = await StartAsync("departmentHead('dc-dcs')");

        var move = await Org(o => o.ReassignTaskAsync(task.Id, "qian.dong", "admin", "办公室主任空缺"));

        Assert.Equal("qian.dong", move.To);
        Assert.Equal("qian.dong", (await _runtime.TaskAsync(id, "handle")).Assignee);
        Assert.Empty(await OpenIncidentsAsync(id));
        var audit = await _runtime.Query(db => db.Set<InstanceEventRecord>().Where(a => a.InstanceId == id).AuditTrail().OrderBy(a => a.Seq).ToListAsync());
        Assert.Equal(["instance.started", "task.reassigned"], audit.Select(a => a.Kind));
        Assert.Equal(("admin", "qian.dong", task.Id), (audit[1].Actor, audit[1].Outcome, audit[1].TaskId));
        Assert.Null(await _runtime.In(s => s.GetRequiredService<AuditVerifier>().VerifyAsync()));
        await _runtime.CompleteAsync(task.Id, "qian.dong");
        Assert.Equal(InstanceStatus.Completed, (await _runtime.InstanceAsync(id)).Status);
    }

    [DatabaseFact]
    public async Task DeactivatingAUser_MovesTheirTasksToTheirHead_RemovesThemAsACandidate_AndAuditsEveryMove()
    {
        var p = "x" + Guid.NewGuid().ToString("N")[..8];
        await Org(async o =>
        {
            await o.CreateDepartmentAsync(new NewDepartment($"{p}-k", "sf-fin", "某科"), "admin");
            await o.CreateUserAsync(new NewUser($"{p}.head", "科长", $"{p}-k"), "admin");
            await o.SetDepartmentHeadAsync($"{p}-k", $"{p}.head", "admin");
            await o.CreateUserAsync(new NewUser($"{p}.leaving", "调离者", $"{p}-k"), "admin");
            await o.CreateUserAsync(new NewUser($"{p}.staying", "留任者", $"{p}-k"), "admin");
            await o.CreateGroupAsync($"{p}-g", "某组", null, "admin");
            await o.AddGroupMemberAsync($"{p}-g", $"{p}.leaving", "admin");
            await o.AddGroupMemberAsync($"{p}-g", $"{p}.staying", "admin");
        });
        var (assignedInstance, assigned) = await StartAsync($"user('{p}.leaving')");
        var (sharedInstance, shared) = await StartAsync($"group('{p}-g')");
        var (aloneInstance, alone) = await StartAsync($"users(['{p}.leaving'])");

        var result = await Org(o => o.DeactivateUserAsync($"{p}.leaving", "admin", "调离"));

        Assert.Equal(3, result.Moves.Count);
        Assert.Equal(($"{p}.head", (string?)null), ((await _runtime.TaskAsync(assignedInstance, "handle")).Assignee, (await _runtime.TaskAsync(assignedInstance, "handle")).OnBehalfOf));
        var sharedNow = await _runtime.TaskAsync(sharedInstance, "handle");
        Assert.Null(sharedNow.Assignee);
        Assert.Equal([$"{p}.staying"], Candidates(sharedNow));
        var aloneNow = await _runtime.TaskAsync(aloneInstance, "handle");
        Assert.Equal($"{p}.head", aloneNow.Assignee);
        Assert.Empty(Candidates(aloneNow));
        foreach (var (instance, task) in new[] { (assignedInstance, assigned), (sharedInstance, shared), (aloneInstance, alone) })
        {
            var move = await _runtime.Query(db => db.Set<InstanceEventRecord>().SingleAsync(a => a.InstanceId == instance && a.Kind == "task.reassigned"));
            Assert.Equal(("admin", task.Id), (move.Actor, move.TaskId));
            Assert.Contains("调离", move.Comment, StringComparison.Ordinal);
        }
        var deactivated = await _runtime.Query(db => db.Set<AuditRecord>().SingleAsync(a => a.Chain == AuditLog.OrganisationChain && a.Action == "user.deactivated" && a.Data!.Contains(p)));
        Assert.Equal("admin", deactivated.Actor);
        Assert.Equal(2, await _runtime.Query(db => db.Set<OutboxRecord>().CountAsync(o => o.Recipient == $"{p}.head" && o.Kind == "task.assigned" && o.NotificationId.EndsWith(":v1"))));
        Assert.Null(await _runtime.In(s => s.GetRequiredService<AuditVerifier>().VerifyAsync()));
        Assert.False((await _runtime.Query(db => db.Users.SingleAsync(u => u.Id == $"{p}.leaving"))).IsActive);

        // Deactivated users receive no new work, and deactivating twice is refused.
        var (laterInstance, _) = await StartAsync($"user('{p}.leaving')", key: $"rule-{p}-later");
        Assert.Contains("is deactivated", Assert.Single(await OpenIncidentsAsync(laterInstance)).Message, StringComparison.Ordinal);
        Assert.Equal(RuntimeErrorCode.Conflict, (await Assert.ThrowsAsync<RuntimeException>(() => Org(o => o.DeactivateUserAsync($"{p}.leaving", "admin")))).Code);
    }

    [DatabaseFact]
    public async Task DeactivatingAUser_ReturnsTasksDelegatedToThemToTheOwner_AndTheirOwnDelegatedTasksToTheirSuccessor()
    {
        var p = "o" + Guid.NewGuid().ToString("N")[..8];
        await Org(async o =>
        {
            await o.CreateDepartmentAsync(new NewDepartment($"{p}-k", "sf-fin", "某科"), "admin");
            foreach (var name in new[] { "head", "a", "b", "c" })
                await o.CreateUserAsync(new NewUser($"{p}.{name}", name, $"{p}-k"), "admin");
            await o.SetDepartmentHeadAsync($"{p}-k", $"{p}.head", "admin");
        });
        var (ownInstance, own) = await StartAsync($"user('{p}.a')", operations: "delegate");
        var (heldInstance, held) = await StartAsync($"user('{p}.c')", operations: "delegate");
        await _runtime.In(async s =>
        {
            await s.GetRequiredService<InstanceService>().DelegateAsync(own.Id, $"{p}.a", $"{p}.b");   // a asks b to do a's task
            await s.GetRequiredService<InstanceService>().DelegateAsync(held.Id, $"{p}.c", $"{p}.a");  // c asks a to do c's task
        });

        await Org(o => o.DeactivateUserAsync($"{p}.a", "admin"));

        var ownNow = await _runtime.TaskAsync(ownInstance, "handle");
        Assert.Equal(($"{p}.b", $"{p}.head"), (ownNow.Assignee, ownNow.Owner));
        var heldNow = await _runtime.TaskAsync(heldInstance, "handle");
        Assert.Equal(($"{p}.c", (string?)null), (heldNow.Assignee, heldNow.Owner));
    }

    [DatabaseFact]
    public async Task DeactivatingAHead_MovesTheirTasksUpToThePrincipalLeader_OrLeavesAnIncidentWhenNobodyIsLeft()
    {
        var p = "h" + Guid.NewGuid().ToString("N")[..8];
        await Org(async o =>
        {
            await o.CreateDepartmentAsync(new NewDepartment($"{p}-k", "sf-fin", "某科"), "admin");
            await o.CreateUserAsync(new NewUser($"{p}.head", "科长", $"{p}-k"), "admin");
            await o.SetDepartmentHeadAsync($"{p}-k", $"{p}.head", "admin");
            await o.CreateAgencyAsync(new NewAgency($"{p}-lonely", "无人机关", "sf"), "admin");
            await o.CreateUserAsync(new NewUser($"{p}.only", "唯一的人", AgencyId: $"{p}-lonely"), "admin");
        });
        var (upInstance, _) = await StartAsync($"departmentHead('{p}-k')");
        var (lonelyInstance, _) = await StartAsync($"user('{p}.only')");

        await Org(o => o.DeactivateUserAsync($"{p}.head", "admin"));
        await Org(o => o.DeactivateUserAsync($"{p}.only", "admin"));

        Assert.Equal("liu.cai", (await _runtime.TaskAsync(upInstance, "handle")).Assignee);
        var lonely = await _runtime.TaskAsync(lonelyInstance, "handle");
        Assert.Null(lonely.Assignee);
        Assert.Contains("has nobody to work on it", Assert.Single(await OpenIncidentsAsync(lonelyInstance)).Message, StringComparison.Ordinal);
    }
}

public sealed class SqliteAssignmentTests(SqliteTestDatabase database) : AssignmentTests<SqliteTestDatabase>(database);

public sealed class PostgresAssignmentTests(PostgresTestDatabase database) : AssignmentTests<PostgresTestDatabase>(database);

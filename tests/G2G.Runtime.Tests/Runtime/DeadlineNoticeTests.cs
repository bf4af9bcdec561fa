using System.Security;
using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Jobs;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>
/// Reminders, repeated overdue notices (g2g:remindEvery) and escalation (督办) on the demo province, with the clock
/// moved by hand. Deadlines are calendar durations so the times are exact: due after a day, a reminder 4 h before,
/// overdue notices every 2 h, escalation 3 h after the due date. The task is 郑凯's (zheng.kai, 预算一科, head 吴芳).
/// </summary>
public abstract class DeadlineNoticeTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private RuntimeHarness _runtime = null!;

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        _runtime = new RuntimeHarness(database);
        await _runtime.SeedDemoProvinceAsync();
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    /// <summary>Deploys a one-task process with the deadlines (and the escalation rule, when given) and starts it as zheng.kai.</summary>
    private async Task<(long Instance, TaskRecord Task)> StartAsync(string? escalateTo = null)
    {
        var key = $"deadline-{Guid.NewGuid():N}"[..21];
        var escalation = escalateTo is null ? "" : $"g2g:escalateTo=\"{SecurityElement.Escape(escalateTo)}\"";
        var xml = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="urn:g2g:tests">
              <bpmn:process id="{key}" name="期限" isExecutable="true">
                <bpmn:startEvent id="start" />
                <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle" />
                <bpmn:userTask id="handle" name="办理" g2g:assignee="initiator()" g2g:due="P1D" g2g:remindBefore="PT4H"
                    g2g:remindEvery="PT2H" g2g:escalateAfter="PT3H" {escalation} />
                <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="end" />
                <bpmn:endEvent id="end" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        await _runtime.In(s => s.GetRequiredService<DeploymentService>().DeployAsync(xml, key + ".bpmn"));
        var id = await _runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(new StartInstance(key, Title: "期限测试", Initiator: "zheng.kai")));
        return (id, await _runtime.TaskAsync(id, "handle"));
    }

    /// <summary>Moves the clock on and runs what fell due.</summary>
    private async Task AfterAsync(TimeSpan by)
    {
        _runtime.Clock.Advance(by);
        await _runtime.RunJobsAsync();
    }

    private Task<List<OutboxRecord>> NoticesAsync(long instanceId, string kind) =>
        _runtime.Query(db => db.Set<OutboxRecord>().Where(o => o.InstanceId == instanceId && o.Kind == kind).OrderBy(o => o.Id).ToListAsync());

    [DatabaseFact]
    public async Task Reminder_ComesBeforeTheDueDate_ThenOverdueNotices_RepeatEveryRemindEvery()
    {
        var (id, task) = await StartAsync();

        await AfterAsync(TimeSpan.FromHours(19));
        Assert.Empty(await NoticesAsync(id, "task.reminder"));
        await AfterAsync(TimeSpan.FromHours(1));                             // 4 h before the due date
        var reminder = Assert.Single(await NoticesAsync(id, "task.reminder"));
        Assert.Equal(("zheng.kai", task.Id), (reminder.Recipient, reminder.TaskId));
        Assert.Empty(await NoticesAsync(id, "task.overdue"));

        await AfterAsync(TimeSpan.FromHours(4));                             // due
        Assert.Single(await NoticesAsync(id, "task.overdue"));
        await AfterAsync(TimeSpan.FromHours(1));
        Assert.Single(await NoticesAsync(id, "task.overdue"));
        await AfterAsync(TimeSpan.FromHours(1));                             // 2 h overdue
        await AfterAsync(TimeSpan.FromHours(2));                             // 4 h overdue
        var overdue = await NoticesAsync(id, "task.overdue");
        Assert.Equal(3, overdue.Count);
        Assert.All(overdue, o => Assert.Equal(("zheng.kai", task.Id), (o.Recipient, o.TaskId)));
        Assert.Equal(3, overdue.Select(o => o.NotificationId).Distinct().Count());
        Assert.Single(await NoticesAsync(id, "task.reminder"));
    }

    [DatabaseTheory]
    [InlineData("position('处长', 'sf-fin-ysc')", "huang.qiang")]
    [InlineData("departmentHead('sf-fin-ysc')", "huang.qiang")]
    [InlineData("departmentHead()", "wu.fang")]                        // the initiator's department
    [InlineData("leader()", "liu.cai")]
    [InlineData("group('sf-fin-leaders')", "liu.cai,sun.li")]
    [InlineData(null, "wu.fang")]                                        // default: the head of the holder's department
    public async Task Escalation_ReachesThePeopleItsRuleNames_InTheirNotificationInbox(string? escalateTo, string expected)
    {
        var (id, task) = await StartAsync(escalateTo);

        await AfterAsync(TimeSpan.FromHours(26));
        Assert.Empty(await NoticesAsync(id, "task.escalated"));
        await AfterAsync(TimeSpan.FromHours(1));                             // 3 h after the due date
        await _runtime.DispatchOutboxAsync();

        var escalated = await NoticesAsync(id, "task.escalated");
        Assert.Equal(expected.Split(','), escalated.Select(o => o.Recipient).Order());
        foreach (var recipient in expected.Split(','))
        {
            var inbox = await _runtime.Query(db => db.Set<NotificationRecord>().Where(n => n.UserId == recipient && n.InstanceId == id).ToListAsync());
            var notice = Assert.Single(inbox);
            Assert.Equal(("task.escalated", task.Id), (notice.Kind, notice.TaskId));
        }
        Assert.Empty(await _runtime.Query(db => db.Set<IncidentRecord>().Where(i => i.InstanceId == id).ToListAsync()));
    }

    [DatabaseFact]
    public async Task Escalation_AsksTheOrganisationWhenItFallsDue_NotWhenTheTaskWasCreated()
    {
        var department = $"esc-{Guid.NewGuid():N}"[..16];
        await _runtime.In(s => s.GetRequiredService<OrganisationService>().CreateDepartmentAsync(
            new NewDepartment(department, "sf-fin", "督办测试科", HeadUserId: "wu.fang"), "admin"));
        var (id, _) = await StartAsync($"departmentHead('{department}')");

        await _runtime.In(s => s.GetRequiredService<OrganisationService>().SetDepartmentHeadAsync(department, "huang.qiang", "admin"));
        await AfterAsync(TimeSpan.FromHours(27));

        Assert.Equal(["huang.qiang"], (await NoticesAsync(id, "task.escalated")).Select(o => o.Recipient));
    }

    [DatabaseFact]
    public async Task Escalation_ThatFindsNobody_IsAnIncidentNamingTheRule()
    {
        var (id, _) = await StartAsync("position('督察专员', 'sf-fin')");

        await AfterAsync(TimeSpan.FromHours(27));

        Assert.Empty(await NoticesAsync(id, "task.escalated"));
        var incident = Assert.Single(await _runtime.Query(db => db.Set<IncidentRecord>().Where(i => i.InstanceId == id).ToListAsync()));
        Assert.Contains("reached nobody", incident.Message, StringComparison.Ordinal);
        Assert.Contains("督察专员", incident.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task CompletingTheTask_StopsItsReminders_OverdueNotices_AndEscalation()
    {
        var (id, task) = await StartAsync("leader()");
        Assert.Equal(3, (await _runtime.Query(db => db.Set<JobRecord>().Where(j => j.InstanceId == id).ToListAsync())).Count);

        await AfterAsync(TimeSpan.FromHours(21));                            // after the reminder
        await _runtime.CompleteAsync(task.Id, "zheng.kai");
        await AfterAsync(TimeSpan.FromDays(3));

        Assert.Single(await NoticesAsync(id, "task.reminder"));
        Assert.Empty(await NoticesAsync(id, "task.overdue"));
        Assert.Empty(await NoticesAsync(id, "task.escalated"));
        Assert.Empty(await _runtime.Query(db => db.Set<JobRecord>().Where(j => j.InstanceId == id).ToListAsync()));
    }
}

public sealed class SqliteDeadlineNoticeTests(SqliteTestDatabase database) : DeadlineNoticeTests<SqliteTestDatabase>(database);

public sealed class PostgresDeadlineNoticeTests(PostgresTestDatabase database) : DeadlineNoticeTests<PostgresTestDatabase>(database);

using G2G.Office.Persistence;
using G2G.Office.Records;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>
/// Two judicial agencies for 司法档案调阅: a procuratorate that asks (clerk, its archive office head, its leader) and
/// a court that holds the file (archive office head, leader, a clerk); a third agency without an archive office.
/// The shipped workflows are deployed; every test starts with no requests.
/// </summary>
public sealed class RecordsWorld(TestDatabase database) : IScenarioWorld
{
    public const string Asking = "rq-proc", Holding = "rq-court", NoArchive = "rq-bureau";
    public const string Clerk = "rq.clerk", Head = "rq.head", Leader = "rq.leader";
    public const string Archivist = "rq.archivist", Judge = "rq.judge", CourtClerk = "rq.courtclerk";

    private readonly OfficeHost _host = new(database);

    public RuntimeHarness Runtime => _host.Runtime;

    public Task InitializeAsync() => _host.InitializeAsync(Asking, CreateOrganisationAsync, async s =>
    {
        var office = s.GetRequiredService<OfficeDbContext>();
        await office.RecordsAccesses.ExecuteDeleteAsync();
        await office.RecordsRequests.ExecuteDeleteAsync();
    });

    private static async Task CreateOrganisationAsync(OrganisationService org)
    {
        await org.CreateAgencyAsync(new NewAgency(Asking, "调阅测试检察院"), "setup");
        await org.CreateAgencyAsync(new NewAgency(Holding, "调阅测试法院"), "setup");
        await org.CreateAgencyAsync(new NewAgency(NoArchive, "调阅测试局"), "setup");
        await org.CreateDepartmentAsync(new NewDepartment("rq-proc-das", Asking, "档案室"), "setup");
        await org.CreateDepartmentAsync(new NewDepartment("rq-court-das", Holding, "档案室"), "setup");
        foreach (var (id, name, department, agency) in new[]
                 {
                     (Clerk, "白书记员", "rq-proc-das", (string?)null), (Head, "方主任", "rq-proc-das", null),
                     (Leader, "严检察长", null, Asking), (Archivist, "陆主任", "rq-court-das", null),
                     (CourtClerk, "许书记员", "rq-court-das", null), (Judge, "沈院长", null, Holding),
                 })
            await org.CreateUserAsync(new NewUser(id, name, department, agency), "setup");
        await org.SetDepartmentHeadAsync("rq-proc-das", Head, "setup");
        await org.SetDepartmentHeadAsync("rq-court-das", Archivist, "setup");
        await org.AssignPositionAsync(Head, SubmitRecordsRequest.ArchiveHead, "rq-proc-das", "setup");
        await org.AssignPositionAsync(Archivist, SubmitRecordsRequest.ArchiveHead, "rq-court-das", "setup");
        await org.AssignPositionAsync(Leader, "主要领导", Asking, "setup");
        await org.AssignPositionAsync(Judge, "主要领导", Holding, "setup");
    }

    public Task<long> StartAsync() =>
        Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
            new StartInstance("records-request", null, Title: "调阅案卷", Initiator: Clerk, AgencyId: Asking)));

    /// <summary>Completes the open task at <paramref name="step"/> as its assignee, checking who that is.</summary>
    public async Task CompleteAsync(long instance, string step, string actor, params (string Name, object? Value)[] values)
    {
        var task = await Runtime.TaskAsync(instance, step);
        Assert.Equal(actor, task.Assignee);
        await Runtime.In(s => s.GetRequiredService<InstanceService>()
            .CompleteTaskAsync(task.Id, actor, RuntimeHarness.Vars(values), null, "同意"));
    }

    public Task ApplyAsync(long instance, string from = "2027-01-05", string until = "2027-01-08",
        string holding = Holding, string caseNumber = "（2026）示刑终字第12号") =>
        CompleteAsync(instance, "apply", Clerk, ("caseNumber", caseNumber), ("holdingAgency", holding),
            ("reason", "审查起诉需要查阅原审卷宗"), ("fromDate", from), ("untilDate", until));

    public Task DecideAsync(long instance, string step, string actor, string decision = "approve") =>
        CompleteAsync(instance, step, actor, ("decision", decision));

    /// <summary>Applies and passes all four approvals: the requester holds a grant.</summary>
    public async Task GrantAsync(long instance)
    {
        await ApplyAsync(instance);
        await DecideAsync(instance, "head", Head);
        await DecideAsync(instance, "leader", Leader);
        await DecideAsync(instance, "archive", Archivist);
        await DecideAsync(instance, "holdingLeader", Judge);
    }

    public async Task<IReadOnlyList<string>> OpenStepsAsync(long instance) =>
        [.. (await Runtime.OpenTasksAsync(instance)).Select(t => t.ElementId)];

    public Task<RecordsRequestRecord> RequestAsync(long instance) =>
        Runtime.In(s => s.GetRequiredService<OfficeDbContext>().RecordsRequests.AsNoTracking()
            .SingleAsync(r => r.InstanceId == instance));

    public Task<RecordsAccessView> OpenFileAsync(long requestId, string actor) =>
        Runtime.In(s => s.GetRequiredService<RecordsService>().OpenAsync(requestId, actor, default));

    public Task<IReadOnlyList<RecordsAccessView>> AccessesAsync(long requestId) =>
        Runtime.In(s => s.GetRequiredService<RecordsService>().AccessesAsync(requestId, default));

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}

using G2G.Office.Budget;
using G2G.Office.Persistence;
using G2G.Office.Travel;
using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>
/// One bureau for 出差申请 and 差旅报销: a 处 with its head and two clerks, a deputy and a principal leader, a finance
/// officer (财务); the demo destinations and standards; the 差旅费 line 302-11 of the 处 with 10,000 yuan; the shipped
/// workflows deployed; the clock on Monday 4 January 2027, 09:00 China Standard Time.
/// </summary>
public sealed class TravelWorld(TestDatabase database) : IAsyncDisposable
{
    public const string Clerk = "tr.clerk", Clerk2 = "tr.clerk2", Head = "tr.head", Deputy = "tr.deputy",
        Leader = "tr.leader", Finance = "tr.finance", Department = "tr-ysc", Line = "302-11";
    public const int Year = 2027;

    public RuntimeHarness Runtime { get; } = new(database, modules: (services, configuration) => services.AddG2GOffice(configuration));

    public long LineId { get; private set; }

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        await Runtime.Services.MigrateG2GOfficeAsync();
        Runtime.Clock.Set(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(8)));
        await Runtime.In(async s =>
        {
            if (!await s.GetRequiredService<G2GDbContext>().Set<AgencyRecord>().AnyAsync(a => a.Id == "tr"))
                await CreateOrganisationAsync(s.GetRequiredService<OrganisationService>());
            var office = s.GetRequiredService<OfficeDbContext>();
            await office.Set<TravelClaimRecord>().ExecuteDeleteAsync();
            await office.Set<TravelRequestRecord>().ExecuteDeleteAsync();
            await office.Set<TravelStandardRecord>().ExecuteDeleteAsync();
            await office.Set<TravelCityRecord>().ExecuteDeleteAsync();
            await office.BudgetReservations.ExecuteDeleteAsync();
            await office.BudgetLines.ExecuteDeleteAsync();
            await TravelDemoData.SeedAsync(office, Runtime.Clock.GetUtcNow(), default);
            var deployed = await s.GetRequiredService<WorkflowDirectoryDeployer>()
                .DeployAsync(Path.Combine(AppContext.BaseDirectory, "workflows"));
            Assert.Equal(0, deployed.Refused);
        });
        LineId = (await Runtime.In(s => s.GetRequiredService<BudgetService>().CreateAsync(
            new BudgetLineInput(Department, Year, Line, "差旅费", 1_000_000), "setup", default))).Id;
    }

    private static async Task CreateOrganisationAsync(OrganisationService org)
    {
        await org.CreateAgencyAsync(new NewAgency("tr", "差旅测试厅"), "setup");
        await org.CreateDepartmentAsync(new NewDepartment(Department, "tr", "预算处"), "setup");
        await org.CreateDepartmentAsync(new NewDepartment("tr-fin", "tr", "财务处"), "setup");
        foreach (var (id, name, department) in new[]
                 {
                     (Clerk, "周科员", Department), (Clerk2, "吴科员", Department), (Head, "郑处长", Department),
                     (Finance, "冯会计", "tr-fin"), (Deputy, "陈副厅长", (string?)null), (Leader, "褚厅长", null),
                 })
            await org.CreateUserAsync(new NewUser(id, name, department, department is null ? "tr" : null), "setup");
        await org.SetDepartmentHeadAsync(Department, Head, "setup");
        await org.AssignPositionAsync(Deputy, "分管领导", "tr", "setup");
        await org.AssignPositionAsync(Leader, "主要领导", "tr", "setup");
        await org.AssignPositionAsync(Finance, "财务", "tr-fin", "setup");
    }

    public Task<long> StartAsync(string process, string user) =>
        Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
            new StartInstance(process, null, Title: process, Initiator: user, AgencyId: "tr")));

    /// <summary>Completes the instance's open task at <paramref name="elementId"/> as its assignee with form values.</summary>
    public async Task CompleteAsync(long instance, string elementId, string actor, params (string Name, object? Value)[] values)
    {
        var task = await Runtime.TaskAsync(instance, elementId);
        Assert.Equal(actor, task.Assignee);
        await Runtime.In(s => s.GetRequiredService<InstanceService>().CompleteTaskAsync(
            task.Id, actor, RuntimeHarness.Vars(values), null, "同意"));
    }

    /// <summary>A trip of <paramref name="user"/> from Monday 11 to Wednesday 13 January 2027 (3 days, 2 nights).</summary>
    public Task ApplyAsync(long instance, string user, string destination = "东城市", object? estimate = null,
        string from = "2027-01-11", string to = "2027-01-13", string? travellers = null) =>
        CompleteAsync(instance, "apply", user, ("destination", destination), ("startDate", from), ("endDate", to),
            ("purpose", "预算执行情况调研"), ("travellers", travellers), ("estimatedCost", estimate ?? 2_000m), ("budgetLine", Line));

    /// <summary>Starts a trip, applies and has the head approve it; the request's instance.</summary>
    public async Task<long> ApprovedTripAsync(string user = Clerk, string destination = "东城市", string? travellers = null)
    {
        var id = await StartAsync("travel", user);
        await ApplyAsync(id, user, destination, travellers: travellers);
        await CompleteAsync(id, "head", Head, ("decision", "approve"));
        return id;
    }

    public static (string, object?)[] Claim(long request, string destination, params Dictionary<string, object?>[] lines) =>
        [("travelRequest", request), ("destination", destination), ("lines", lines)];

    public static Dictionary<string, object?> Expense(string kind, string date, decimal amount, int? units = null,
        string? seat = null, string? traveller = null) =>
        new(StringComparer.Ordinal)
        {
            ["kind"] = kind, ["date"] = date, ["amount"] = amount, ["units"] = units, ["seat"] = seat, ["traveller"] = traveller,
        };

    public Task<BudgetLineView> LineAsync() => Runtime.In(s => s.GetRequiredService<BudgetService>().LineAsync(LineId, default));

    public Task<TravelRequestRecord> RequestAsync(long instance) =>
        Runtime.In(s => s.GetRequiredService<OfficeDbContext>().Set<TravelRequestRecord>().AsNoTracking()
            .SingleAsync(r => r.InstanceId == instance));

    public Task<TravelClaimRecord> ClaimAsync(long instance) =>
        Runtime.In(s => s.GetRequiredService<OfficeDbContext>().Set<TravelClaimRecord>().AsNoTracking().Include(c => c.Lines)
            .SingleAsync(c => c.InstanceId == instance));

    public async Task<IReadOnlyList<string>> OpenStepsAsync(long instance) =>
        [.. (await Runtime.OpenTasksAsync(instance)).Select(t => t.ElementId)];

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}

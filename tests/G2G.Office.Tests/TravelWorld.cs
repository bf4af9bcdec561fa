using G2G.Office.Budget;
using G2G.Office.Persistence;
using G2G.Office.Travel;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>
/// The bureau (FinanceBureau <c>tr</c>) for 出差申请 and 差旅报销, its 处 the 预算处 (<c>tr-ysc</c>): the demo destinations and
/// standards; the 差旅费 line 302-11 of the 处 with 10,000 yuan.
/// </summary>
public sealed class TravelWorld(TestDatabase database) : IScenarioWorld
{
    public const string Clerk = "tr.clerk", Clerk2 = "tr.clerk2", Head = "tr.head", Deputy = "tr.deputy",
        Leader = "tr.leader", Finance = "tr.finance", Department = "tr-ysc", Line = "302-11";
    public const int Year = 2027;

    private readonly FinanceBureau _bureau = new(database, "tr", "差旅测试厅", Department, "预算处");

    public RuntimeHarness Runtime => _bureau.Runtime;

    public long LineId { get; private set; }

    public async Task InitializeAsync()
    {
        await _bureau.InitializeAsync(async s =>
        {
            var office = s.GetRequiredService<OfficeDbContext>();
            await office.Set<TravelClaimRecord>().ExecuteDeleteAsync();
            await office.Set<TravelRequestRecord>().ExecuteDeleteAsync();
            await office.Set<TravelStandardRecord>().ExecuteDeleteAsync();
            await office.Set<TravelCityRecord>().ExecuteDeleteAsync();
            await office.BudgetReservations.ExecuteDeleteAsync();
            await office.BudgetLines.ExecuteDeleteAsync();
            await TravelDemoData.SeedAsync(office, Runtime.Clock.GetUtcNow(), default);
        });
        LineId = (await Runtime.In(s => s.GetRequiredService<BudgetService>().CreateAsync(
            new BudgetLineInput(Department, Year, Line, "差旅费", 1_000_000), "setup", default))).Id;
    }

    public Task<long> StartAsync(string process, string user) => _bureau.StartAsync(process, user, process);

    public Task CompleteAsync(long instance, string elementId, string actor, params (string Name, object? Value)[] values) =>
        _bureau.CompleteAsync(instance, elementId, actor, values);

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

    public Task<IReadOnlyList<string>> OpenStepsAsync(long instance) => _bureau.OpenStepsAsync(instance);

    public ValueTask DisposeAsync() => _bureau.DisposeAsync();
}

using G2G.Office.Persistence;
using G2G.Office.Supplies;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>The bureau of <see cref="BureauWorld"/> with a stock room of paper (10 packs) and pens (50), no
/// requests.</summary>
public sealed class SuppliesWorld(TestDatabase database) : IScenarioWorld
{
    public const string Paper = "A4", Pens = "PEN";

    public BureauWorld Bureau { get; } = new(database, "sp", "领用测试局");

    public Task InitializeAsync() => Bureau.InitializeAsync(async s =>
    {
        var office = s.GetRequiredService<OfficeDbContext>();
        await office.Set<SupplyRequestRecord>().ExecuteDeleteAsync();
        await office.Set<SupplyItemRecord>().Where(i => i.AgencyId == "sp").ExecuteDeleteAsync();
        office.AddRange(
            new SupplyItemRecord { AgencyId = "sp", Code = Paper, Name = "A4复印纸", Unit = "包", InStock = 10 },
            new SupplyItemRecord { AgencyId = "sp", Code = Pens, Name = "签字笔", Unit = "支", InStock = 50 });
        await office.SaveChangesAsync();
    });

    public Task<long> StartAsync() => Bureau.StartAsync("supplies", Bureau.Clerk);

    /// <summary>填写领用单 with lines of (item code, quantity).</summary>
    public Task ApplyAsync(long instance, params (string Item, object Quantity)[] lines) =>
        Bureau.CompleteAsync(instance, "apply", Bureau.Clerk, ("purpose", "日常办公"),
            ("lines", lines.Select(l => new Dictionary<string, object?> { ["item"] = l.Item,
                ["quantity"] = l.Quantity }).ToList()));

    public Task DecideAsync(long instance, string decision = "approve") =>
        Bureau.CompleteAsync(instance, "head", Bureau.Head, ("decision", decision));

    public Task HandOutAsync(long instance, string decision = "approve") =>
        Bureau.CompleteAsync(instance, "handOut", Bureau.OfficeDirector, ("decision", decision));

    /// <summary>(in stock, reserved) of an item.</summary>
    public Task<(int InStock, int Reserved)> StockAsync(string code) => Bureau.Runtime.In(async s =>
    {
        var item = await s.GetRequiredService<OfficeDbContext>().Set<SupplyItemRecord>().AsNoTracking()
            .SingleAsync(i => i.AgencyId == "sp" && i.Code == code);
        return (item.InStock, item.Reserved);
    });

    public Task<string> StateAsync(long instance) => Bureau.Runtime.In(s =>
        s.GetRequiredService<OfficeDbContext>().Set<SupplyRequestRecord>().Where(r => r.InstanceId == instance)
            .Select(r => r.State).SingleAsync());

    public ValueTask DisposeAsync() => Bureau.DisposeAsync();
}

using G2G.Office.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Supplies;

/// <summary>The stock rooms of the demo province: the same five supplies at each agency whose 办公室 issues
/// them.</summary>
internal static class SupplyDemoData
{
    private static readonly string[] Agencies = ["sf-fin", "sf-edu", "dc-fin"];

    private static readonly (string Code, string Name, string Unit, int Stock)[] Items =
    [
        ("A4", "A4复印纸", "包", 120), ("PEN", "黑色签字笔", "支", 300), ("FOLDER", "文件夹", "个", 80),
        ("STAPLER", "订书机", "个", 12), ("TONER", "硒鼓", "个", 4),
    ];

    /// <summary>Adds the items; does nothing when any item exists already.</summary>
    public static async Task<int> SeedAsync(OfficeDbContext office, CancellationToken cancellationToken)
    {
        if (await office.Set<SupplyItemRecord>().AnyAsync(cancellationToken).ConfigureAwait(false))
            return 0;
        foreach (var agency in Agencies)
        {
            foreach (var i in Items)
                office.Add(new SupplyItemRecord { AgencyId = agency, Code = i.Code, Name = i.Name, Unit = i.Unit,
                    InStock = i.Stock });
        }
        await office.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Agencies.Length * Items.Length;
    }
}

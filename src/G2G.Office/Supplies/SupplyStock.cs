using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Supplies;

/// <summary>
/// Stock changes as single conditional updates in the command's transaction: the database decides which of two
/// requests racing for the last packs gets them, and neither the stock nor its free part goes below zero.
/// </summary>
internal static class SupplyStock
{
    /// <summary>Holds <paramref name="quantity"/> of the item for a request, or refuses with what is free.</summary>
    public static void Reserve(OfficeDbContext office, SupplyItemRecord item, int quantity, string field)
    {
        var held = office.Set<SupplyItemRecord>().Where(i => i.Id == item.Id && i.InStock - i.Reserved >= quantity)
            .ExecuteUpdate(s => s.SetProperty(i => i.Reserved, i => i.Reserved + quantity));
        if (held == 1)
            return;
        var free = office.Set<SupplyItemRecord>().AsNoTracking().Where(i => i.Id == item.Id)
            .Select(i => i.InStock - i.Reserved).Single();
        throw new ServiceTaskRefusedException(OfficeMessages.SupplyShort(item.Name, free, item.Unit, quantity), field);
    }

    /// <summary>Gives a reserved request's quantities back (nothing when it holds none).</summary>
    public static void Release(OfficeDbContext office, SupplyRequestRecord request, DateTimeOffset now)
    {
        if (request.State != SupplyStates.Reserved)
            return;
        foreach (var line in request.Lines)
        {
            var quantity = line.Quantity;
            office.Set<SupplyItemRecord>().Where(i => i.Id == line.ItemId && i.Reserved >= quantity)
                .ExecuteUpdate(s => s.SetProperty(i => i.Reserved, i => i.Reserved - quantity));
        }
        (request.State, request.ChangedAt) = (SupplyStates.Released, now.ToUniversalTime());
    }

    /// <summary>Takes a reserved request's quantities off the shelf: the reservation becomes the issue.</summary>
    public static void Issue(OfficeDbContext office, SupplyRequestRecord request, DateTimeOffset now)
    {
        foreach (var line in request.Lines)
        {
            var quantity = line.Quantity;
            var taken = office.Set<SupplyItemRecord>()
                .Where(i => i.Id == line.ItemId && i.Reserved >= quantity && i.InStock >= quantity)
                .ExecuteUpdate(s => s.SetProperty(i => i.InStock, i => i.InStock - quantity)
                    .SetProperty(i => i.Reserved, i => i.Reserved - quantity));
            if (taken == 0) // only a stock count changed by hand behind the reservation's back gets here
                throw new InvalidOperationException(
                    $"Item {line.ItemId} no longer holds the {quantity} reserved for request {request.Id}.");
        }
        (request.State, request.ChangedAt) = (SupplyStates.Issued, now.ToUniversalTime());
    }

    public static SupplyRequestRecord? RequestOf(OfficeDbContext office, long instanceId) =>
        office.Set<SupplyRequestRecord>().Include(r => r.Lines).FirstOrDefault(r => r.InstanceId == instanceId);
}

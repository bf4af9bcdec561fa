using G2G.Office.Persistence;
using static G2G.Office.OfficeAdministration;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Supplies;

/// <summary>An item as the API shows it: the stock, what requests hold, and what is free.</summary>
public sealed record SupplyItemView(long Id, string AgencyId, string Code, string Name, string Unit,
    int InStock, int Reserved, int Available, bool IsActive);

/// <summary>An item or its changes (administrators); null keeps the current value. Stock changes by
/// restocking.</summary>
public sealed record SupplyItemChange(string? AgencyId, string? Code, string? Name, string? Unit, bool? IsActive);

/// <summary>
/// Office supplies: everyone signed in reads the items and their stock; administrators add and change items and
/// restock them (audited on the organisation chain). Requests change stock only through 办公用品领用's handlers.
/// </summary>
public sealed class SupplyService(OfficeDbContext office, G2GDbContext db, CallerContext callers, TimeProvider clock)
{
    public async Task<IReadOnlyList<SupplyItemView>> ItemsAsync(string? agencyId,
        CancellationToken cancellationToken) =>
        [.. (await office.Set<SupplyItemRecord>().AsNoTracking().Where(i => agencyId == null || i.AgencyId == agencyId)
            .OrderBy(i => i.AgencyId).ThenBy(i => i.Code).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(View)];

    /// <summary>Adds an item (<paramref name="id"/> null, with no stock) or changes one.</summary>
    public async Task<SupplyItemView> SaveAsync(long? id, SupplyItemChange change, string actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        AccessRefusals.RequireAdministrator(callers, "change office supplies");
        var item = await FindOrAddAsync(office, id, OfficeMessages.SupplyItemNotFound, () => new SupplyItemRecord
        {
            AgencyId = change.AgencyId ?? throw Invalid(RuntimeMessages.FieldRequired("agencyId")), Code = "", Name = "", Unit = "",
        }, cancellationToken).ConfigureAwait(false);
        await MoveToAgencyAsync(db, item, change.AgencyId, cancellationToken).ConfigureAwait(false);
        item.Code = Text(change.Code, item.Code, 40, OfficeMessages.LengthExpected("code", 40));
        item.Name = Text(change.Name, item.Name, 100, OfficeMessages.LengthExpected("name", 100));
        item.Unit = Text(change.Unit, item.Unit, 10, OfficeMessages.LengthExpected("unit", 10));
        item.IsActive = change.IsActive ?? item.IsActive;
        await SaveUniqueAsync(office, item, OfficeMessages.SupplyItemExists, cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, "supplies.item-saved", item.Code, $"{item.AgencyId} {item.Name} ({item.Unit})",
            cancellationToken).ConfigureAwait(false);
        return View(item);
    }

    /// <summary>Adds delivered quantities to the stock in one update (requests reserving meanwhile are not
    /// lost).</summary>
    public async Task<SupplyItemView> RestockAsync(long id, int quantity, string actor,
        CancellationToken cancellationToken)
    {
        AccessRefusals.RequireAdministrator(callers, "restock office supplies");
        if (quantity is < 1 or > 100_000)
            throw Invalid(OfficeMessages.WholeNumberExpected("quantity", 1, 100000));
        var added = await office.Set<SupplyItemRecord>().Where(i => i.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.InStock, i => i.InStock + quantity), cancellationToken)
                .ConfigureAwait(false);
        if (added == 0)
            throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.SupplyItemNotFound(id));
        var item = await office.Set<SupplyItemRecord>().AsNoTracking().SingleAsync(i => i.Id == id, cancellationToken)
            .ConfigureAwait(false);
        await AuditAsync(actor, "supplies.restocked", item.Code, $"{item.AgencyId} +{quantity} → {item.InStock}",
            cancellationToken).ConfigureAwait(false);
        return View(item);
    }

    private Task AuditAsync(string actor, string action, string outcome, string comment, CancellationToken cancellationToken) =>
        OfficeAdministration.AuditAsync(db, clock, actor, action, outcome, comment, cancellationToken);

    private static SupplyItemView View(SupplyItemRecord i) =>
        new(i.Id, i.AgencyId, i.Code, i.Name, i.Unit, i.InStock, i.Reserved, i.InStock - i.Reserved, i.IsActive);
}

using G2G.Office.Persistence;

namespace G2G.Office.Supplies;

/// <summary>An aborted 办公用品领用 (撤销 by the requester, 终止 by an administrator) before 发放 gives its reserved quantities back.</summary>
internal sealed class SuppliesAborted() : ProcedureAborted("supplies")
{
    protected override void GiveBack(OfficeDbContext office, long instanceId, DateTimeOffset now)
    {
        if (SupplyStock.RequestOf(office, instanceId) is not { } request)
            return;
        SupplyStock.Release(office, request, now);
        office.SaveChanges();
    }
}

using G2G.Engine.Expressions;
using G2G.Office.Persistence;
using G2G.Runtime.Handlers;

namespace G2G.Office.Supplies;

/// <summary>
/// <c>supplies.reserve</c>: checks the request's lines (<c>lines</c>: <c>item</c> code, whole <c>quantity</c>) against
/// the agency's items and reserves each quantity, so two requests cannot both be promised the last packs. A request
/// sent back and sent again first gives its earlier reservation back.
/// </summary>
public sealed class ReserveSupplies : IServiceTaskHandler
{
    public const int MaxLines = 20, MaxQuantity = 1000;

    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var asked = SupplyLines.Read(context, MaxLines, MaxQuantity);
        using var office = OfficeDbContext.Joining(context.Db);
        var agency = context.Instance.AgencyId!;
        var request = SupplyStock.RequestOf(office, context.Instance.Id);
        if (request is not null)
        {
            SupplyStock.Release(office, request, context.Now);
            office.RemoveRange(request.Lines);
            request.Lines.Clear();
        }
        else
        {
            request = new SupplyRequestRecord
            {
                InstanceId = context.Instance.Id, AgencyId = agency, RequesterId = context.Instance.Initiator!,
                    State = SupplyStates.Reserved,
            };
            office.Add(request);
        }
        var codes = asked.Select(l => l.Code).ToList();
        var items = office.Set<SupplyItemRecord>().Where(i => i.AgencyId == agency && codes.Contains(i.Code)
            && i.IsActive)
            .ToDictionary(i => i.Code, StringComparer.Ordinal);
        var summary = new List<string>();
        foreach (var (code, quantity, index) in asked)
        {
            if (!items.TryGetValue(code, out var item))
            {
                throw new ServiceTaskRefusedException(OfficeMessages.SupplyNoItem(code), $"lines[{index}].item");
            }
            SupplyStock.Reserve(office, item, quantity, $"lines[{index}].quantity");
            request.Lines.Add(new SupplyLineRecord { ItemId = item.Id, Quantity = quantity });
            summary.Add($"{item.Name} {quantity}{item.Unit}");
        }
        (request.State, request.CreatedAt) = (SupplyStates.Reserved, context.Now.ToUniversalTime());
        office.SaveChanges();
        var text = string.Join("，", summary);
        return new Dictionary<string, Value>(StringComparer.Ordinal) { ["summary"] = Value.From(text) };
    }
}

/// <summary><c>supplies.release</c>: a rejected request gives its reserved quantities back.</summary>
public sealed class ReleaseSupplies : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        if (SupplyStock.RequestOf(office, context.Instance.Id) is { } request)
        {
            SupplyStock.Release(office, request, context.Now);
            office.SaveChanges();
        }
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}

/// <summary><c>supplies.issue</c> (发放): the office hands the supplies out; the reserved quantities leave the
/// stock.</summary>
public sealed class IssueSupplies : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        var request = SupplyStock.RequestOf(office, context.Instance.Id)
            ?? throw new InvalidOperationException(
                $"Instance {context.Instance.Id} has no supply request; 填写领用单 records it.");
        if (request.State == SupplyStates.Reserved)
        {
            SupplyStock.Issue(office, request, context.Now);
            office.SaveChanges();
        }
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}

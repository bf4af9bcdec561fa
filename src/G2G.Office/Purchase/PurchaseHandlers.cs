using System.Globalization;
using G2G.Engine.Expressions;
using G2G.Office.Budget;
using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using G2G.Runtime.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static G2G.Office.Leave.LeaveVariables;

namespace G2G.Office.Purchase;

/// <summary>
/// <c>purchase.reserve</c>: checks the request (<c>item</c>, <c>budgetLine</c>, <c>amount</c> in yuan), reserves the
/// amount on the department's budget line of this year (one conditional update: two requests racing for the last
/// money cannot both get it) and sets <c>method</c>, <c>methodName</c>, <c>approvalLevel</c> (1 head, 2 + deputy,
/// 3 + principal leader, 4 + the leadership's collective decision), <c>leadershipTeam</c> (who votes at level 4: the
/// agency's principal and deputy leaders), <c>skipHead</c> and <c>budgetAvailable</c>. A send-back and resubmission
/// replaces the hold.
/// </summary>
public sealed class ReservePurchase(IOptions<PurchaseOptions> options) : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.Instance.Initiator ?? throw new InvalidOperationException("A purchase needs an initiator.");
        var item = Text(context, "item");
        if (item.Length > 200)
            throw new ServiceTaskRefusedException(OfficeMessages.PurchaseItemTooLong(), "item");
        var amount = PurchaseForm.Fen(context, "amount");
        var department = context.Db.Users.AsNoTracking().Where(u => u.Id == user).Select(u => u.DepartmentId).FirstOrDefault()
            ?? throw new ServiceTaskRefusedException(OfficeMessages.PurchaseNeedsDepartment(), "budgetLine");
        var year = context.Now.ToOffset(TimeSpan.FromHours(8)).Year;
        var now = context.Now.ToUniversalTime();

        using var office = OfficeDbContext.Joining(context.Db);
        var line = BudgetLedger.Line(office, department, year, Text(context, "budgetLine"), "budgetLine");
        BudgetLedger.Reserve(office, context.Instance.Id, "purchase", line, amount, now, "amount");
        var o = options.Value;
        var method = amount >= o.PublicTenderFrom * 100 ? PurchaseMethods.PublicTender
            : amount >= o.CompetitiveFrom * 100 ? PurchaseMethods.Competitive : PurchaseMethods.Inquiry;
        var purchase = office.Purchases.FirstOrDefault(p => p.InstanceId == context.Instance.Id);
        if (purchase is null)
        {
            purchase = new PurchaseRecord
            {
                InstanceId = context.Instance.Id, Requester = user, DepartmentId = department, Item = item,
                Method = method, State = PurchaseStates.Requested, CreatedAt = now,
            };
            office.Add(purchase);
        }
        (purchase.Item, purchase.AmountFen, purchase.Method, purchase.State) = (item, amount, method, PurchaseStates.Requested);
        office.SaveChanges();
        var left = office.BudgetLines.AsNoTracking().Where(l => l.Id == line.Id)
            .Select(l => l.AmountFen - l.ReservedFen - l.SpentFen).First();
        var level = amount >= o.CollectiveFrom * 100 ? 4 : amount >= o.PrincipalFrom * 100 ? 3 : amount >= o.DeputyFrom * 100 ? 2 : 1;
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["method"] = Value.From(method),
            ["methodName"] = Value.From(PurchaseMethods.Name(method)),
            ["approvalLevel"] = Value.From(level),
            ["leadershipTeam"] = Value.From((level == 4 ? LeadershipTeam(context, context.Instance.AgencyId) : []).Select(Value.From)),
            ["skipHead"] = Value.From(context.Db.Set<DepartmentRecord>().AsNoTracking().Any(d => d.HeadUserId == user)),
            ["budgetAvailable"] = Value.From(left / 100m),
        };
    }

    /// <summary>Who votes on a purchase decided collectively: the agency's active principal and deputy leaders.</summary>
    private static List<string> LeadershipTeam(ServiceTaskContext context, string? agency)
    {
        var team = context.Db.Set<UserPositionRecord>().AsNoTracking()
            .Where(p => p.AgencyId == agency && (p.Name == Positions.PrincipalLeader || p.Name == Positions.DeputyLeader))
            .Join(context.Db.Users.Where(u => u.IsActive), p => p.UserId, u => u.Id, (p, u) => u.Id)
            .Distinct().OrderBy(id => id).ToList();
        return team.Count > 0 ? team : throw new ServiceTaskRefusedException(OfficeMessages.NoLeadershipTeam(), "amount");
    }
}

/// <summary><c>purchase.release</c>: a rejected request gives its budget back.</summary>
public sealed class ReleasePurchase : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        BudgetLedger.Release(office, context.Instance.Id, context.Now.ToUniversalTime());
        var purchase = PurchaseForm.Of(office, context.Instance.Id);
        (purchase.State, purchase.ChangedAt) = (PurchaseStates.Rejected, context.Now.ToUniversalTime());
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}

/// <summary>Reads the 采购 forms' values and the instance's purchase.</summary>
internal static class PurchaseForm
{
    /// <summary>An amount in yuan (at most two decimals, above zero, below ten billion) as fen.</summary>
    public static long Fen(ServiceTaskContext context, string name) => Fen(context.Variable(name), name);

    /// <summary>A value in yuan (a form's number, or its text) as fen; refused on <paramref name="field"/>.</summary>
    public static long Fen(Value? value, string field)
    {
        decimal? yuan = value switch
        {
            NumberValue number => number.Value,
            StringValue text when decimal.TryParse(text.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var v) => v,
            _ => null,
        };
        if (yuan is not { } y || y <= 0 || y >= 10_000_000_000m || y * 100 != decimal.Truncate(y * 100))
        {
            throw new ServiceTaskRefusedException(OfficeMessages.AmountInYuan(), field);
        }
        return (long)(y * 100);
    }

    public static PurchaseRecord Of(OfficeDbContext office, long instanceId) =>
        office.Purchases.FirstOrDefault(p => p.InstanceId == instanceId)
        ?? throw new InvalidOperationException($"Instance {instanceId} has no purchase; purchase.reserve runs first.");
}

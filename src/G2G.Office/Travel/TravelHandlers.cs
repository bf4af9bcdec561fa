using G2G.Engine.Expressions;
using G2G.Office.Budget;
using G2G.Office.Leave;
using G2G.Office.Persistence;
using G2G.Office.Purchase;
using G2G.Office.Vehicles;
using G2G.Runtime.Handlers;
using G2G.Runtime.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace G2G.Office.Travel;

/// <summary>
/// <c>travel.submit</c> (出差申请): checks <c>destination</c>, <c>startDate</c>, <c>endDate</c>, <c>purpose</c>,
/// <c>travellers</c> (colleagues besides the requester, optional), <c>estimatedCost</c> and <c>budgetLine</c>; holds
/// the estimate on the department's line of this year (one conditional update: two requests racing for the last money
/// cannot both get it; a resubmission replaces the hold) and sets <c>cityClass</c>, <c>cityClassName</c>,
/// <c>inProvince</c>, <c>days</c>, <c>leaderNeeded</c>, <c>skipHead</c> and <c>budgetAvailable</c>.
/// </summary>
public sealed class SubmitTravel(IOptions<TravelOptions> options) : IServiceTaskHandler
{
    public const int MaxDays = 60, MaxTravellers = 10;

    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.Instance.Initiator ?? throw new InvalidOperationException("A travel request needs an initiator.");
        var destination = FormValues.Text(context, "destination", 50);
        var (start, end) = (LeaveVariables.Date(context, "startDate"), LeaveVariables.Date(context, "endDate"));
        if (end < start)
            throw new ServiceTaskRefusedException(OfficeMessages.TravelEndsBeforeStart(), "endDate");
        var days = end.DayNumber - start.DayNumber + 1;
        if (days > MaxDays)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.TravelTooLong(MaxDays), "endDate");
        }
        var purpose = FormValues.Text(context, "purpose", 500);
        var estimate = PurchaseForm.Fen(context, "estimatedCost");
        var department = context.Db.Users.AsNoTracking().Where(u => u.Id == user).Select(u => u.DepartmentId).FirstOrDefault()
            ?? throw new ServiceTaskRefusedException(OfficeMessages.TravelNoDepartment(), "budgetLine");
        var travellers = Travellers(context, user);
        var year = context.Now.ToOffset(FormValues.ChinaTime).Year;
        var now = context.Now.ToUniversalTime();

        using var office = OfficeDbContext.Joining(context.Db);
        var (cityClass, inProvince) = TravelRules.City(office, destination);
        var code = LeaveVariables.Text(context, "budgetLine").Trim();
        var line = BudgetLedger.Line(office, department, year, code, "budgetLine");
        BudgetLedger.Reserve(office, context.Instance.Id, "travel", line, estimate, now, "estimatedCost");
        var request = office.Set<TravelRequestRecord>().FirstOrDefault(r => r.InstanceId == context.Instance.Id);
        if (request is null)
        {
            request = new TravelRequestRecord
            {
                InstanceId = context.Instance.Id, Requester = user, AgencyId = context.Instance.AgencyId ?? "",
                DepartmentId = department, Destination = "", Purpose = "", Travellers = "", BudgetLine = "",
                State = TravelStates.Requested, CreatedAt = now,
            };
            office.Add(request);
        }
        (request.Destination, request.CityClass, request.InProvince) = (destination, cityClass, inProvince);
        (request.StartsOn, request.EndsOn, request.Purpose) = (start, end, purpose);
        (request.Travellers, request.EstimatedFen, request.BudgetLine) = (string.Join(',', travellers), estimate, code);
        (request.State, request.ChangedAt) = (TravelStates.Requested, now);
        office.SaveChanges();

        var o = options.Value;
        var left = office.BudgetLines.AsNoTracking().Where(l => l.Id == line.Id)
            .Select(l => l.AmountFen - l.ReservedFen - l.SpentFen).First();
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["cityClass"] = Value.From(cityClass),
            ["cityClassName"] = Value.From(TravelRules.ClassName(cityClass) + (inProvince ? "（省内）" : "（省外）")),
            ["inProvince"] = Value.From(inProvince),
            ["days"] = Value.From(days),
            ["leaderNeeded"] = Value.From(estimate >= o.LeaderFrom * 100 || (!inProvince && o.LeaderOutOfProvince)),
            ["skipHead"] = Value.From(context.Db.Set<DepartmentRecord>().AsNoTracking().Any(d => d.HeadUserId == user)),
            ["budgetAvailable"] = Value.From(left / 100m),
        };
    }

    /// <summary>The requester, then the colleagues <c>travellers</c> names (user ids separated by commas, 、 or spaces),
    /// each an active person of the same agency, at most <see cref="MaxTravellers"/> in all.</summary>
    private static List<string> Travellers(ServiceTaskContext context, string user)
    {
        var named = LeaveVariables.OptionalText(context, "travellers")?
            .Split([',', '，', '、', ' ', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        var all = new List<string> { user };
        all.AddRange(named.Where(n => n != user).Distinct(StringComparer.Ordinal));
        if (all.Count > MaxTravellers)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.TravelTooManyTravellers(MaxTravellers), "travellers");
        }
        var agency = context.Instance.AgencyId;
        var colleagues = context.Db.Users.AsNoTracking().Where(u => all.Contains(u.Id) && u.IsActive && u.AgencyId == agency)
            .Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        if (all.Skip(1).FirstOrDefault(n => !colleagues.Contains(n)) is { } stranger)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.TravelNotAColleague(stranger), "travellers");
        }
        return all;
    }
}

/// <summary><c>travel.release</c>: a rejected request gives its hold back.</summary>
public sealed class ReleaseTravel : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context) =>
        TravelSteps.Mark(context, TravelStates.Rejected, release: true);
}

/// <summary><c>travel.approve</c>: the request is approved; the estimate stays held for the reimbursement.</summary>
public sealed class ApproveTravel : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context) =>
        TravelSteps.Mark(context, TravelStates.Approved, release: false);
}

/// <summary>
/// <c>travel.settle</c> (after each daily timer of an approved request): whether the trip's hold is settled — paid by
/// its reimbursement (<c>reimbursed</c>) or given back (<c>cancelled</c>). An approved trip not claimed within
/// <see cref="TravelOptions.ClaimWithinDays"/> calendar days after its last day, with no reimbursement under way, lapses:
/// its hold goes back to the budget line and it becomes <c>lapsed</c> (a claim for it is then refused). Sets
/// <c>settled</c>.
/// </summary>
public sealed class SettleTravel(IOptions<TravelOptions> options) : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        var request = TravelRules.RequestOf(office, context.Instance.Id);
        var today = DateOnly.FromDateTime(context.Now.ToOffset(FormValues.ChinaTime).DateTime);
        if (request.State == TravelStates.Approved && today > request.EndsOn.AddDays(options.Value.ClaimWithinDays)
            && !office.Set<TravelClaimRecord>().Any(c => c.RequestInstanceId == request.InstanceId && c.State == ClaimStates.Claimed))
        {
            var now = context.Now.ToUniversalTime();
            BudgetLedger.Release(office, request.InstanceId, now);
            (request.State, request.ChangedAt) = (TravelStates.Lapsed, now);
            office.SaveChanges();
        }
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["settled"] = Value.From(request.State != TravelStates.Approved),
        };
    }
}

internal static class TravelSteps
{
    public static IReadOnlyDictionary<string, Value> Mark(ServiceTaskContext context, string state, bool release)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = context.Now.ToUniversalTime();
        using var office = OfficeDbContext.Joining(context.Db);
        if (release)
            BudgetLedger.Release(office, context.Instance.Id, now);
        var request = TravelRules.RequestOf(office, context.Instance.Id);
        (request.State, request.ChangedAt) = (state, now);
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}

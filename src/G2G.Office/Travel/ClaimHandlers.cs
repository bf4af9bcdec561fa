using System.Globalization;
using G2G.Engine.Expressions;
using G2G.Office.Budget;
using G2G.Office.Leave;
using G2G.Office.Persistence;
using G2G.Office.Purchase;
using G2G.Office.Vehicles;
using G2G.Runtime.Handlers;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Travel;

/// <summary>
/// <c>reimbursement.claim</c> (差旅报销): <c>travelRequest</c> names the claimant's own approved 出差申请 (its instance
/// number) with no other reimbursement under way; <c>destination</c> is the approved one; every expense line lies in
/// the approved period, names a traveller of the request and keeps to the standard of the destination's class and
/// the traveller's rank; the total stays within the estimate held on the budget line. Sets <c>claimTotal</c>,
/// <c>approvedEstimate</c> and <c>summary</c>. A claim sent back and sent again replaces its lines.
/// </summary>
public sealed class SubmitClaim : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claimant = context.Instance.Initiator ?? throw new InvalidOperationException("A reimbursement needs an initiator.");
        var number = context.Variable("travelRequest") switch
        {
            NumberValue n when n.Value == decimal.Truncate(n.Value) && n.Value is > 0 and < long.MaxValue => (long)n.Value,
            StringValue t when long.TryParse(t.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var v) => v,
            _ => throw new ServiceTaskRefusedException(OfficeMessages.ClaimRequestNumberRequired(), "travelRequest"),
        };
        using var office = OfficeDbContext.Joining(context.Db);
        var request = Approved(office, number, claimant, context.Instance.Id);
        var destination = FormValues.Text(context, "destination", 50);
        if (destination != request.Destination)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.ClaimWrongDestination(request.Destination, destination), "destination");
        }
        var standards = new Dictionary<string, TravelStandardRecord>(StringComparer.Ordinal);
        var lines = new ClaimLines(request, traveller =>
        {
            if (!standards.TryGetValue(traveller, out var standard))
                standards[traveller] = standard = TravelRules.Standard(office, request.CityClass,
                    TravelRules.Rank(context.Db, traveller), "lines");
            return standard;
        }).Read(context, claimant);
        var total = lines.Sum(l => l.AmountFen);
        var held = office.BudgetReservations.AsNoTracking()
            .Where(r => r.InstanceId == request.InstanceId && r.State == BudgetReservationStates.Reserved)
            .Select(r => (long?)r.AmountFen).FirstOrDefault() ?? 0;
        if (total > held)
        {
            throw new ServiceTaskRefusedException(
                OfficeMessages.ClaimAboveApproved(BudgetLedger.Yuan(total), BudgetLedger.Yuan(held)), "lines");
        }

        var now = context.Now.ToUniversalTime();
        var claim = office.Set<TravelClaimRecord>().Include(c => c.Lines).FirstOrDefault(c => c.InstanceId == context.Instance.Id);
        if (claim is null)
        {
            claim = new TravelClaimRecord
            {
                InstanceId = context.Instance.Id, Claimant = claimant, State = ClaimStates.Claimed, CreatedAt = now,
            };
            office.Add(claim);
        }
        office.RemoveRange(claim.Lines);
        claim.Lines.Clear();
        claim.Lines.AddRange(lines);
        (claim.RequestInstanceId, claim.ClaimedFen, claim.State, claim.ChangedAt) = (request.InstanceId, total, ClaimStates.Claimed, now);
        office.SaveChanges();
        var summary = string.Join("；", ExpenseKinds.All.Select(k => (k, lines.Where(l => l.Kind == k).Sum(l => l.AmountFen)))
            .Where(s => s.Item2 > 0).Select(s => $"{KindName(s.k)} {BudgetLedger.Yuan(s.Item2)} 元"));
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["claimTotal"] = Value.From(total / 100m),
            ["approvedEstimate"] = Value.From(held / 100m),
            ["summary"] = Value.From($"{request.Destination} {request.StartsOn:yyyy-MM-dd}–{request.EndsOn:yyyy-MM-dd}：{summary}"),
        };
    }

    /// <summary>The claimant's approved request of that number, with no other reimbursement running or paid.</summary>
    private static TravelRequestRecord Approved(OfficeDbContext office, long number, string claimant, long instanceId)
    {
        var request = office.Set<TravelRequestRecord>().AsNoTracking().FirstOrDefault(r => r.InstanceId == number)
            ?? throw new ServiceTaskRefusedException(OfficeMessages.ClaimRequestNotFound(number), "travelRequest");
        if (request.Requester != claimant)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.ClaimSomeoneElses(number), "travelRequest");
        }
        if (request.State != TravelStates.Approved)
        {
            throw new ServiceTaskRefusedException(
                OfficeMessages.ClaimRequestNotApproved(number, TravelStates.Text(request.State)), "travelRequest");
        }
        var other = office.Set<TravelClaimRecord>().AsNoTracking()
            .Where(c => c.RequestInstanceId == number && c.InstanceId != instanceId && c.State == ClaimStates.Claimed)
            .Select(c => (long?)c.InstanceId).FirstOrDefault();
        if (other is { } running)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.ClaimUnderWay(running), "travelRequest");
        }
        return request;
    }

    private static string KindName(string kind) => kind switch
    {
        ExpenseKinds.Transport => "交通费",
        ExpenseKinds.Accommodation => "住宿费",
        _ => "伙食及市内交通补助",
    };
}

/// <summary><c>reimbursement.reject</c>: finance refused the claim; the trip's estimate stays held for a new one.</summary>
public sealed class RejectClaim : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        var claim = TravelRules.ClaimOf(office, context.Instance.Id);
        (claim.State, claim.ChangedAt) = (ClaimStates.Rejected, context.Now.ToUniversalTime());
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}

/// <summary>
/// <c>reimbursement.pay</c> (付款登记): <c>paidAmount</c> (at most the claim), <c>paidOn</c> (not after today) and
/// <c>reference</c>; the trip's hold becomes spending on its budget line and the rest goes back to the line.
/// </summary>
public sealed class PayClaim : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var paid = PurchaseForm.Fen(context, "paidAmount");
        var paidOn = LeaveVariables.Date(context, "paidOn");
        if (paidOn > DateOnly.FromDateTime(context.Now.ToOffset(FormValues.ChinaTime).DateTime))
            throw new ServiceTaskRefusedException(OfficeMessages.PaymentDateAfterToday(), "paidOn");
        var reference = FormValues.Text(context, "reference", 60);
        using var office = OfficeDbContext.Joining(context.Db);
        var claim = TravelRules.ClaimOf(office, context.Instance.Id);
        if (paid > claim.ClaimedFen)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.PaymentAboveClaim(BudgetLedger.Yuan(claim.ClaimedFen)), "paidAmount");
        }
        var now = context.Now.ToUniversalTime();
        BudgetLedger.Spend(office, claim.RequestInstanceId, paid, now, "paidAmount");
        (claim.PaidFen, claim.PaidOn, claim.PaymentReference) = (paid, paidOn, reference);
        (claim.State, claim.ChangedAt) = (ClaimStates.Paid, now);
        var request = TravelRules.RequestOf(office, claim.RequestInstanceId);
        (request.State, request.ChangedAt) = (TravelStates.Reimbursed, now);
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}

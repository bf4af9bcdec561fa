using G2G.Engine.Expressions;
using G2G.Office.Budget;
using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using static G2G.Office.Leave.LeaveVariables;

namespace G2G.Office.Purchase;

/// <summary>
/// <c>purchase.contract</c> (合同登记): <c>supplier</c>, <c>contractNumber</c>, <c>contractAmount</c> (at most the amount
/// approved) and the <c>acceptor</c> who will accept the goods: an active colleague of the agency, not the requester.
/// </summary>
public sealed class RecordContract : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (supplier, number) = (Text(context, "supplier"), Text(context, "contractNumber"));
        if (supplier.Length > 200)
            throw new ServiceTaskRefusedException(OfficeMessages.AtMostCharacters(200), "supplier");
        if (number.Length > 60)
            throw new ServiceTaskRefusedException(OfficeMessages.AtMostCharacters(60), "contractNumber");
        var amount = PurchaseForm.Fen(context, "contractAmount");
        var acceptor = Text(context, "acceptor");
        using var office = OfficeDbContext.Joining(context.Db);
        var purchase = PurchaseForm.Of(office, context.Instance.Id);
        if (amount > purchase.AmountFen)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.ContractAboveApproved(BudgetLedger.Yuan(purchase.AmountFen)), "contractAmount");
        }
        if (acceptor == purchase.Requester)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.AcceptorNotRequester(), "acceptor");
        }
        var colleague = context.Db.Users.AsNoTracking().Where(u => u.Id == acceptor)
            .Select(u => new { u.IsActive, u.AgencyId }).FirstOrDefault();
        if (colleague is not { IsActive: true } || colleague.AgencyId != context.Instance.AgencyId)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.NotAColleague(acceptor), "acceptor");
        }
        (purchase.Supplier, purchase.ContractNumber, purchase.ContractAmountFen) = (supplier, number, amount);
        (purchase.Acceptor, purchase.State, purchase.ChangedAt) = (acceptor, PurchaseStates.Contracted, context.Now.ToUniversalTime());
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}

/// <summary>
/// <c>purchase.accept</c> (验收): whoever completes the acceptance step must not be the requester, even when the task
/// was transferred or delegated to them; <c>acceptance</c> = <c>pass</c> records it, <c>fail</c> goes back to the contract.
/// </summary>
public sealed class AcceptPurchase : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = Text(context, "acceptance");
        using var office = OfficeDbContext.Joining(context.Db);
        var purchase = PurchaseForm.Of(office, context.Instance.Id);
        // The acceptance task is still open while its completion runs this step: its assignee is who accepts.
        var acceptedBy = context.Db.Set<TaskRecord>().AsNoTracking()
            .Where(t => t.InstanceId == context.Instance.Id && t.ElementId == "accept" && t.State == TaskStates.Open)
            .Select(t => t.Assignee).FirstOrDefault();
        if (acceptedBy == purchase.Requester)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.RequesterCannotAccept(), "acceptance");
        }
        if (result == "pass")
        {
            (purchase.State, purchase.AcceptedAt) = (PurchaseStates.Accepted, context.Now.ToUniversalTime());
            office.SaveChanges();
        }
        return new Dictionary<string, Value>(StringComparer.Ordinal) { ["acceptedBy"] = Value.From(acceptedBy ?? "") };
    }
}

/// <summary>
/// <c>purchase.pay</c> (付款): <c>paidAmount</c> (at most the contract) and <c>voucher</c>; the reservation becomes
/// spending on the budget line and what the contract did not use goes back to the line.
/// </summary>
public sealed class PayPurchase : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var paid = PurchaseForm.Fen(context, "paidAmount");
        var voucher = Text(context, "voucher");
        using var office = OfficeDbContext.Joining(context.Db);
        var purchase = PurchaseForm.Of(office, context.Instance.Id);
        if (paid > purchase.ContractAmountFen)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.PaymentAboveContract(BudgetLedger.Yuan(purchase.ContractAmountFen ?? 0)), "paidAmount");
        }
        var now = context.Now.ToUniversalTime();
        BudgetLedger.Spend(office, context.Instance.Id, paid, now, "paidAmount");
        (purchase.PaidFen, purchase.Voucher, purchase.State, purchase.ChangedAt) = (paid, voucher, PurchaseStates.Paid, now);
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}

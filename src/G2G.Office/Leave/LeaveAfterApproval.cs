using G2G.Engine.Expressions;
using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using G2G.Runtime.Organisation;
using Microsoft.EntityFrameworkCore;
using static G2G.Office.Leave.LeaveVariables;

namespace G2G.Office.Leave;

/// <summary>
/// <c>leave.delegate</c>: when the requester named a colleague (<c>delegateTo</c>) at 委托安排, their work during the
/// leave goes to that colleague (a standing delegation, 委托, for the leave's dates). Nobody named: nothing changes.
/// </summary>
public sealed class DelegateDuringLeave : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (OptionalText(context, "delegateTo") is not { } to)
            return new Dictionary<string, Value>(StringComparer.Ordinal) { ["delegated"] = Value.False };
        var from = context.Instance.Initiator!;
        var colleague = context.Db.Users.AsNoTracking().Where(u => u.Id == to).Select(u => new { u.IsActive, u.AgencyId }).FirstOrDefault();
        if (colleague is not { IsActive: true } || colleague.AgencyId != context.Instance.AgencyId || to == from)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.NotAColleague(to), "delegateTo");
        }
        using var office = OfficeDbContext.Joining(context.Db);
        var request = LeaveBalances.RequestOf(office, context.Instance.Id);
        context.Db.Add(new DelegationRecord
        {
            FromUserId = from, ToUserId = to, StartsOn = request.StartsOn, EndsOn = request.EndsOn,
            Reason = $"请假 {LeaveTypes.Name(request.LeaveType)}", CreatedAt = context.Now, CreatedBy = from,
        });
        return new Dictionary<string, Value>(StringComparer.Ordinal) { ["delegated"] = Value.True };
    }
}

/// <summary>
/// <c>leave.report-back</c> (销假): the requester gives the day they came back to work (<c>returnDate</c>); working days
/// not taken go back to the balance. Returning before the leave started cancels it entirely.
/// </summary>
public sealed class ReportBack : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var returned = Date(context, "returnDate");
        using var office = OfficeDbContext.Joining(context.Db);
        var request = LeaveBalances.RequestOf(office, context.Instance.Id);
        if (returned > request.EndsOn.AddDays(1) && context.Calendar.IsWorkingDay(request.EndsOn.AddDays(1)))
        {
            throw new ServiceTaskRefusedException(OfficeMessages.ReturnAfterLeave(), "returnDate");
        }
        var taken = 0;
        for (var day = request.StartsOn; day < returned && day <= request.EndsOn; day = day.AddDays(1))
        {
            if (context.Calendar.IsWorkingDay(day)) taken += 2;
        }
        if (request.State == LeaveStates.Approved)
        {
            LeaveBalances.Restore(office, request, request.HalfDays - taken);
            (request.State, request.ActualHalfDays, request.ChangedAt) = (LeaveStates.ReportedBack, taken, context.Now.ToUniversalTime());
            office.SaveChanges();
        }
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["actualDays"] = Value.From(taken / 2m),
            ["restoredDays"] = Value.From((request.HalfDays - taken) / 2m),
        };
    }
}

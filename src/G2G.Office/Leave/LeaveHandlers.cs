using G2G.Engine.Expressions;
using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using G2G.Runtime.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using static G2G.Office.Leave.LeaveVariables;

namespace G2G.Office.Leave;

/// <summary>
/// <c>leave.reserve</c>: counts the working days of the request on the agency's calendar, reserves them from the
/// balance (one conditional update, so two requests racing for the last days cannot both get them) and says who
/// approves: <c>days</c>, <c>approvalLevel</c> (1 head, 2 + deputy leader, 3 + principal leader), <c>skipHead</c> (the
/// requester heads the department), <c>balanceLeft</c>. Above the balance the step is refused with the balance.
/// </summary>
public sealed class ReserveLeave(IOptions<LeaveOptions> options) : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.Instance.Initiator ?? throw new InvalidOperationException("A leave request needs an initiator.");
        var type = Text(context, "leaveType");
        if (!LeaveTypes.Exists(type))
            throw new ServiceTaskRefusedException(OfficeMessages.UnknownLeaveType(type), "leaveType");
        var (start, end) = (Date(context, "startDate"), Date(context, "endDate"));
        if (end < start)
            throw new ServiceTaskRefusedException(OfficeMessages.LeaveEndsBeforeStart(), "endDate");
        if (end.Year != start.Year)
            throw new ServiceTaskRefusedException(OfficeMessages.LeaveAcrossYears(), "endDate");
        var halfDays = 2 * CountWorkingDays(context, start, end);
        if (halfDays == 0)
            throw new ServiceTaskRefusedException(OfficeMessages.NoWorkingDay(), "startDate");

        using var office = OfficeDbContext.Joining(context.Db);
        var existing = office.LeaveRequests.FirstOrDefault(r => r.InstanceId == context.Instance.Id);
        if (existing is not null) // a step that returns here after a send-back asks again: give the earlier hold back
            LeaveBalances.Release(office, existing);
        var left = LeaveTypes.HasBalance(type) ? LeaveBalances.Reserve(office, user, start.Year, type, halfDays) : (int?)null;
        if (existing is null)
        {
            existing = new LeaveRequestRecord { UserId = user, LeaveType = type, State = LeaveStates.Reserved, InstanceId = context.Instance.Id };
            office.Add(existing);
        }
        (existing.LeaveType, existing.StartsOn, existing.EndsOn, existing.HalfDays) = (type, start, end, halfDays);
        (existing.State, existing.CreatedAt) = (LeaveStates.Reserved, context.Now.ToUniversalTime());
        office.SaveChanges();

        var days = halfDays / 2m;
        var level = days <= options.Value.HeadAloneUpToDays ? 1 : days <= options.Value.DeputyUpToDays ? 2 : 3;
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["days"] = Value.From(days),
            ["approvalLevel"] = Value.From(level),
            ["skipHead"] = Value.From(HeadsOwnDepartment(context, user)),
            ["balanceLeft"] = left is { } l ? Value.From(l / 2m) : Value.Null,
        };
    }

    private static int CountWorkingDays(ServiceTaskContext context, DateOnly start, DateOnly end)
    {
        var count = 0;
        for (var day = start; day <= end; day = day.AddDays(1))
        {
            if (context.Calendar.IsWorkingDay(day)) count++;
        }

        return count;
    }

    private static bool HeadsOwnDepartment(ServiceTaskContext context, string user) =>
        context.Db.Set<DepartmentRecord>().AsNoTracking().Any(d => d.HeadUserId == user);
}

/// <summary><c>leave.approve</c>: the reserved days become used days.</summary>
public sealed class ApproveLeave : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        var request = LeaveBalances.RequestOf(office, context.Instance.Id);
        if (request.State == LeaveStates.Reserved)
        {
            if (LeaveTypes.HasBalance(request.LeaveType))
                LeaveBalances.Use(office, request);
            (request.State, request.ChangedAt) = (LeaveStates.Approved, context.Now.ToUniversalTime());
            office.SaveChanges();
        }
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}

/// <summary><c>leave.release</c>: a rejected request gives its reserved days back.</summary>
public sealed class ReleaseLeave : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        var request = LeaveBalances.RequestOf(office, context.Instance.Id);
        if (request.State == LeaveStates.Reserved)
        {
            LeaveBalances.Release(office, request);
            (request.State, request.ChangedAt) = (LeaveStates.Rejected, context.Now.ToUniversalTime());
            office.SaveChanges();
        }
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}

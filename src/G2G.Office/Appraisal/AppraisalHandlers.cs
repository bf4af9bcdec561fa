using G2G.Engine.Expressions;
using G2G.Office.Leave;
using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using G2G.Runtime.Organisation;
using G2G.Runtime.Supervision;
using Microsoft.EntityFrameworkCore;
using static G2G.Office.Vehicles.FormValues;

namespace G2G.Office.Appraisal;

/// <summary>
/// <c>appraisal.measure</c> (业绩评价, when it starts): the appraisal year (started in December, this year so far; else
/// the year before), and the figures of the engine's own history for it, measured as the supervision reports measure
/// them (<see cref="SupervisionQueries.MeasurePerson"/>, <see cref="SupervisionQueries.MeasureDepartment"/>): the
/// person's completed tasks, on time, on-time rate, average handling hours and open overdue tasks, and the same for
/// their department. Records the appraisal (one per person and year) and sets the variables the forms show:
/// <c>appraisalYear</c>, <c>period</c>, <c>completed</c>, <c>onTime</c>, <c>onTimeRate</c> (per cent),
/// <c>averageHours</c>, <c>openOverdue</c>, <c>departmentName</c>, <c>departmentCompleted</c>,
/// <c>departmentOnTimeRate</c>, <c>departmentAverageHours</c>.
/// </summary>
public sealed class MeasureAppraisal : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.Instance.Initiator ?? throw new InvalidOperationException("An appraisal needs an initiator.");
        var person = context.Db.Users.AsNoTracking().Where(u => u.Id == user)
            .Select(u => new { u.DepartmentId, u.AgencyId }).FirstOrDefault();
        if (person?.DepartmentId is not { } departmentId)
            throw new ServiceTaskRefusedException(OfficeMessages.AppraisalNoDepartment());
        var department = context.Db.Set<DepartmentRecord>().AsNoTracking().Where(d => d.Id == departmentId)
            .Select(d => new { d.Name, d.AgencyId }).Single();
        var (year, from, to) = Period(context.Now);

        using var office = OfficeDbContext.Joining(context.Db);
        if (office.Set<AppraisalRecord>().AsNoTracking().FirstOrDefault(a => a.UserId == user && a.Year == year
                && a.InstanceId != context.Instance.Id) is { } other)
            throw new ServiceTaskRefusedException(OfficeMessages.AppraisalExists(year, other.InstanceId));
        var mine = SupervisionQueries.MeasurePerson(context.Db, user, from, to, context.Now);
        var theirs = SupervisionQueries.MeasureDepartment(context.Db, departmentId, from, to, context.Now);
        office.Add(new AppraisalRecord
        {
            InstanceId = context.Instance.Id, UserId = user, AgencyId = department.AgencyId, DepartmentId = departmentId,
            Year = year, State = AppraisalStates.Open, Completed = mine.Completed, OnTime = mine.OnTime,
            OnTimeRate = Percent(mine), AverageHours = mine.AverageHandlingHours, OpenOverdue = mine.OpenOverdue,
            DepartmentCompleted = theirs.Completed, DepartmentOnTimeRate = Percent(theirs),
            DepartmentAverageHours = theirs.AverageHandlingHours, MeasuredAt = context.Now.ToUniversalTime(),
        });
        try
        {
            office.SaveChanges();
        }
        catch (DbUpdateException)
        {
            // Another appraisal of the person for the year was recorded at the same moment (the unique index).
            throw new ServiceTaskRefusedException(OfficeMessages.AppraisalStartedAtOnce(year));
        }
        var last = to.ToOffset(ChinaTime).AddTicks(-1);
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["appraisalYear"] = Value.From(year),
            ["period"] = Value.From($"{year}-01-01 — {last:yyyy-MM-dd}"),
            ["completed"] = Value.From(mine.Completed),
            ["onTime"] = Value.From(mine.OnTime),
            ["onTimeRate"] = Value.From(Percent(mine)),
            ["averageHours"] = Value.From((decimal)mine.AverageHandlingHours),
            ["openOverdue"] = Value.From(mine.OpenOverdue),
            ["departmentName"] = Value.From(department.Name),
            ["departmentCompleted"] = Value.From(theirs.Completed),
            ["departmentOnTimeRate"] = Value.From(Percent(theirs)),
            ["departmentAverageHours"] = Value.From((decimal)theirs.AverageHandlingHours),
        };
    }

    /// <summary>
    /// The year appraised and its span in UTC: from 1 January (China Standard Time) to the next 1 January, or to
    /// <paramref name="now"/> when the appraisal starts in December of the year itself.
    /// </summary>
    public static (int Year, DateTimeOffset From, DateTimeOffset To) Period(DateTimeOffset now)
    {
        var local = now.ToOffset(ChinaTime);
        var year = local.Month == 12 ? local.Year : local.Year - 1;
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, ChinaTime);
        var end = from.AddYears(1);
        return (year, from.ToUniversalTime(), (end < now ? end : now).ToUniversalTime());
    }

    /// <summary>The on-time rate in per cent with two decimals; 100 when nothing was completed (nothing late).</summary>
    private static decimal Percent(PerformanceRow row) => row.Completed == 0 ? 100m : Math.Round(row.OnTimeRate * 100, 2);

    internal static AppraisalRecord Of(OfficeDbContext office, long instanceId) =>
        office.Set<AppraisalRecord>().FirstOrDefault(a => a.InstanceId == instanceId)
        ?? throw new InvalidOperationException($"Instance {instanceId} has no appraisal; its start records it.");
}

/// <summary>
/// <c>appraisal.record</c> (after 领导审定): keeps the grades, the person's (<c>selfGrade</c>), the head's
/// (<c>proposedGrade</c>) and the leader's (<c>grade</c>), and marks the appraisal decided. Sets <c>gradeName</c>.
/// </summary>
public sealed class RecordAppraisal : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var grade = Grade(context, "grade");
        using var office = OfficeDbContext.Joining(context.Db);
        var appraisal = MeasureAppraisal.Of(office, context.Instance.Id);
        (appraisal.SelfGrade, appraisal.ProposedGrade, appraisal.Grade) =
            (Grade(context, "selfGrade"), Grade(context, "proposedGrade"), grade);
        (appraisal.State, appraisal.DecidedAt) = (AppraisalStates.Decided, context.Now.ToUniversalTime());
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal) { ["gradeName"] = Value.From(AppraisalGrades.Name(grade)) };
    }

    private static string Grade(ServiceTaskContext context, string field) =>
        LeaveVariables.Text(context, field) is var code && AppraisalGrades.IsGrade(code) ? code
            : throw new ServiceTaskRefusedException(OfficeMessages.AppraisalGradeUnknown(), field);
}

/// <summary>An appraisal whose instance is terminated or cancelled is removed: the person may be appraised for the year
/// again.</summary>
internal sealed class AppraisalAborted() : ProcedureAborted("appraisal")
{
    protected override void GiveBack(OfficeDbContext office, long instanceId, DateTimeOffset now) =>
        office.Set<AppraisalRecord>().Where(a => a.InstanceId == instanceId && a.State == AppraisalStates.Open).ExecuteDelete();
}

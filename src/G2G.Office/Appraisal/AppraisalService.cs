using G2G.Office.Persistence;
using G2G.Runtime;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Appraisal;

/// <summary>An appraisal as the API shows it: the year's figures (rates in per cent), the grades and their state.</summary>
public sealed record AppraisalView(long InstanceId, string UserId, string AgencyId, string DepartmentId, int Year, string State,
    int Completed, int OnTime, decimal OnTimeRate, double AverageHours, int OpenOverdue, int DepartmentCompleted,
    decimal DepartmentOnTimeRate, double DepartmentAverageHours, string? SelfGrade, string? ProposedGrade, string? Grade,
    DateTimeOffset MeasuredAt, DateTimeOffset? DecidedAt);

/// <summary>
/// The results of 业绩评价: everyone reads their own appraisals; supervisors (their agency subtree) and administrators
/// read an agency's for a year, with how many had each grade. Appraisals change only through the procedure.
/// </summary>
public sealed class AppraisalService(OfficeDbContext office, G2GDbContext db, CallerContext callers)
{
    public async Task<IReadOnlyList<AppraisalView>> MineAsync(string userId, CancellationToken ct) =>
        [.. (await office.Set<AppraisalRecord>().AsNoTracking().Where(a => a.UserId == userId).OrderByDescending(a => a.Year)
            .ToListAsync(ct).ConfigureAwait(false)).Select(View)];

    /// <summary>An agency's appraisals of a year, by department and person. Only supervisors and administrators; an agency
    /// outside a supervisor's scope is refused as not found.</summary>
    public async Task<IReadOnlyList<AppraisalView>> AgencyAsync(string agencyId, int year, CancellationToken ct)
    {
        if (callers.Current is { } caller)
        {
            if (!caller.IsSupervisor)
                throw AccessRefusals.Forbidden(caller, RuntimeMessages.OnlySupervisorsReadReports(), $"appraisals {agencyId}", "appraisals");
            if (!caller.InScope(agencyId))
                throw AccessRefusals.Hidden(caller, RuntimeMessages.AgencyNotFound(agencyId), $"agency {agencyId}", "appraisals");
        }
        var rows = await office.Set<AppraisalRecord>().AsNoTracking().Where(a => a.AgencyId == agencyId && a.Year == year)
            .OrderBy(a => a.DepartmentId).ThenBy(a => a.UserId).ToListAsync(ct).ConfigureAwait(false);
        if (rows.Count == 0 && !await db.Set<AgencyRecord>().AnyAsync(a => a.Id == agencyId, ct).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.AgencyNotFound(agencyId));
        return [.. rows.Select(View)];
    }

    private static AppraisalView View(AppraisalRecord a) => new(a.InstanceId, a.UserId, a.AgencyId, a.DepartmentId, a.Year,
        a.State, a.Completed, a.OnTime, a.OnTimeRate, a.AverageHours, a.OpenOverdue, a.DepartmentCompleted,
        a.DepartmentOnTimeRate, a.DepartmentAverageHours, a.SelfGrade, a.ProposedGrade, a.Grade,
        a.MeasuredAt, a.DecidedAt);
}

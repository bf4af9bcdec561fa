using System.Linq.Expressions;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;

namespace G2G.Runtime.Security;

/// <summary>
/// The access rules of <see cref="TaskAccess"/> and <see cref="InstanceAccess"/> as query filters, so every list,
/// count, search and export leaves out what the caller may not see, in the database.
/// </summary>
public static class AccessFilters
{
    /// <summary>Tasks the caller may see; everything when <paramref name="caller"/> is null (trusted code).</summary>
    public static IQueryable<TaskRecord> VisibleTo(this IQueryable<TaskRecord> tasks, G2GDbContext db, Caller? caller)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (caller is null)
            return tasks;
        var clearance = caller.Clearance;
        tasks = tasks.Where(t => t.Classification <= clearance);
        if (caller.Agencies is null)
            return tasks;
        var user = caller.UserId;
        var agencies = caller.Agencies.ToList();
        var groups = caller.Groups.ToList();
        var offered = db.Set<TaskCandidateRecord>()
            .Where(c => (c.Kind == CandidateKinds.User && c.Value == user) || (c.Kind == CandidateKinds.Group && groups.Contains(c.Value)))
            .Select(c => c.TaskId);
        var initiated = db.Set<ProcessInstanceRecord>().Where(i => i.Initiator == user).Select(i => i.Id);
        return tasks.Where(t => (t.AgencyId != null && agencies.Contains(t.AgencyId))
            || t.Assignee == user || t.Owner == user || t.OnBehalfOf == user || t.CompletedBy == user
            || offered.Contains(t.Id) || initiated.Contains(t.InstanceId));
    }

    /// <summary>Instances the caller may see; everything when <paramref name="caller"/> is null.</summary>
    public static IQueryable<ProcessInstanceRecord> VisibleTo(this IQueryable<ProcessInstanceRecord> instances, G2GDbContext db, Caller? caller)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (caller is null)
            return instances;
        var clearance = caller.Clearance;
        instances = instances.Where(i => i.Classification <= clearance);
        if (caller.Agencies is null)
            return instances;
        var user = caller.UserId;
        var agencies = caller.Agencies.ToList();
        var involved = db.Set<TaskRecord>().VisibleTo(db, caller with { Agencies = [] }).Select(t => t.InstanceId);
        var copied = db.Set<TaskCopyRecord>().Where(c => c.UserId == user).Select(c => c.InstanceId);
        return instances.Where(i => (i.AgencyId != null && agencies.Contains(i.AgencyId))
            || i.Initiator == user || involved.Contains(i.Id) || copied.Contains(i.Id));
    }

    /// <summary>Only what is within the caller's clearance: for views of the caller's own work (inbox).</summary>
    public static Expression<Func<TaskRecord, bool>> WithinClearance(Queries.Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var clearance = viewer.Clearance;
        return t => t.Classification <= clearance;
    }
}

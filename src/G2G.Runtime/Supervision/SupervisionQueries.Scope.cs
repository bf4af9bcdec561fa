using System.Linq.Expressions;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Supervision;

public sealed partial class SupervisionQueries
{
    /// <summary>
    /// The tasks a report may read, resolved once per report: the highest 密级 shown (null: any), the agencies
    /// (null: every agency), and the department and procedure filters.
    /// </summary>
    private sealed record ResolvedScope(ClearanceLevel? Clearance, IReadOnlyList<string>? Agencies, string? DepartmentId, string? ProcessKey);

    /// <summary>A task with the home department of the person it is measured against (assignee or completer).</summary>
    private sealed class TaskFact
    {
        public required TaskRecord Task { get; init; }
        public string? DepartmentId { get; init; }
    }

    /// <summary>
    /// Checks that the caller may read supervision reports (supervisors and administrators; trusted code when
    /// there is no caller) and that every agency and department named is inside their scope. A caller without
    /// the role is refused (403); an agency or department outside the scope is refused as not found (404), as one
    /// that does not exist, so its existence is not revealed. Both refusals carry the audit record. Trusted code
    /// names what it likes: an unknown agency or department simply matches nothing.
    /// </summary>
    private async Task<ResolvedScope> ResolveAsync(SupervisionFilter filter, string operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var caller = callers.Current;
        if (caller is { IsSupervisor: false })
            throw AccessRefusals.Forbidden(caller, RuntimeMessages.OnlySupervisorsReadReports(), "supervision", operation);
        var agencies = filter.Agencies is { Count: > 0 } named
            ? await NamedAgenciesAsync(caller, named, filter.Subtree, operation, cancellationToken).ConfigureAwait(false)
            : caller?.Agencies?.ToList();
        if (filter.DepartmentId is { } department && caller is not null)
            await RequireDepartmentAsync(caller, department, operation, cancellationToken).ConfigureAwait(false);
        return new ResolvedScope(caller?.Clearance, agencies, filter.DepartmentId, filter.ProcessKey);
    }

    /// <summary>The agencies named, each in the caller's scope, with their subtrees when asked (kept inside the scope).</summary>
    private async Task<List<string>> NamedAgenciesAsync(Caller? caller, IReadOnlyList<string> named, bool subtree, string operation, CancellationToken cancellationToken)
    {
        var paths = await db.Set<AgencyRecord>().AsNoTracking().Where(a => named.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Path, cancellationToken).ConfigureAwait(false);
        if (caller is not null && named.FirstOrDefault(id => !paths.ContainsKey(id) || !caller.InScope(id)) is { } hidden)
            throw AccessRefusals.Hidden(caller, RuntimeMessages.AgencyNotFound(hidden), $"agency {hidden}", operation);
        if (!subtree)
            return [.. named.Distinct()];
        var agencies = new HashSet<string>();
        foreach (var path in paths.Values)
        {
            agencies.UnionWith(await db.Set<AgencyRecord>().AsNoTracking().Where(a => a.Path.StartsWith(path)).Select(a => a.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false));
        }
        return [.. agencies.Where(id => caller?.InScope(id) != false)];
    }

    private async Task RequireDepartmentAsync(Caller caller, string departmentId, string operation, CancellationToken cancellationToken)
    {
        var agency = await db.Set<DepartmentRecord>().AsNoTracking().Where(d => d.Id == departmentId).Select(d => d.AgencyId)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (agency is null || !caller.InScope(agency))
            throw AccessRefusals.Hidden(caller, RuntimeMessages.DepartmentNotFound(departmentId), $"department {departmentId}", operation);
    }

    /// <summary>
    /// The tasks in scope, each with the home department of <paramref name="worker"/> (a left join on users), with
    /// every filter of the scope applied in the query: clearance, agencies, procedure, department.
    /// </summary>
    private IQueryable<TaskFact> Tasks(ResolvedScope scope, Expression<Func<TaskRecord, string?>> worker) => Tasks(db, scope, worker);

    private static IQueryable<TaskFact> Tasks(G2GDbContext db, ResolvedScope scope, Expression<Func<TaskRecord, string?>> worker)
    {
        var tasks = db.Set<TaskRecord>().AsNoTracking();
        if (scope.Clearance is { } clearance)
            tasks = tasks.Where(t => t.Classification <= clearance);
        if (scope.Agencies is { } agencies)
            tasks = tasks.Where(t => t.AgencyId != null && agencies.Contains(t.AgencyId));
        if (scope.ProcessKey is { } key)
            tasks = tasks.Where(t => t.ProcessKey == key);
        var facts = tasks.GroupJoin(db.Set<G2GUser>(), worker, u => u.Id, (t, users) => new { t, users })
            .SelectMany(x => x.users.DefaultIfEmpty(), (x, u) => new TaskFact { Task = x.t, DepartmentId = u == null ? null : u.DepartmentId });
        return scope.DepartmentId is { } department ? facts.Where(f => f.DepartmentId == department) : facts;
    }

    /// <summary>Open tasks in scope, measured against their assignee.</summary>
    private IQueryable<TaskFact> OpenTasks(ResolvedScope scope) => OpenTasks(db, scope);

    private static IQueryable<TaskFact> OpenTasks(G2GDbContext db, ResolvedScope scope) =>
        Tasks(db, scope, t => t.Assignee).Where(f => f.Task.State == TaskStates.Open);
}

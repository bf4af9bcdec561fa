using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Runtime.Audit;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Queries;


public sealed record InstanceView(
    long Id, string ProcessKey, int DefinitionVersion, string? BusinessKey, string? Title, string Status, bool Suspended,
    string? Initiator, string? AgencyId, long? ParentInstanceId, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, int Version,
    IReadOnlyDictionary<string, Value> Variables, ClearanceLevel Classification);

public sealed record TaskView(
    long Id, long InstanceId, string ElementId, string? Name, string ProcessKey, string? Title, string? FormKey, string? Assignee,
    IReadOnlyList<string> CandidateUsers, IReadOnlyList<string> CandidateGroups, string? AgencyId, string State, string? Outcome,
    DateTimeOffset CreatedAt, DateTimeOffset? DueAt, DateTimeOffset? CompletedAt, string? CompletedBy, string? AddedSigner, int InstanceVersion,
    ClearanceLevel Classification, bool DueProvisional);

/// <summary>One step of an instance's path (a view of its event log): an element started, completed or cancelled, a flow taken, a deadline notice.</summary>
public sealed record HistoryView(string ElementId, string ElementKind, string Phase, long TokenId, DateTimeOffset OccurredAt);

/// <summary>One record of an instance's audit trail (a view of its event log): who did what, when, to which task, with which outcome and opinion (审批意见).</summary>
public sealed record AuditView(long Seq, DateTimeOffset OccurredAt, string? Actor, string Action, long? TaskId, string? ElementId, string? Outcome, string? Comment);

/// <summary>
/// One fact of an instance's event log, as the timeline shows it: every kind (<see cref="Audit.EventKinds"/> and the commands'
/// actions), in sequence order. <c>task.created</c> names the engine's task id as <see cref="TokenId"/>.
/// </summary>
public sealed record EventView(long Seq, DateTimeOffset OccurredAt, string Kind, string? ElementId, string? ElementKind, long? TokenId, long? TaskId,
    string? Actor, string? OnBehalfOf, string? Outcome, string? Comment);

public sealed record IncidentView(long Id, long InstanceId, long? EngineIncidentId, long? JobId, string? ElementId, string Message, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt);

/// <summary>Filters for task lists; null means "any".</summary>
public sealed record TaskFilter(string? Assignee = null, string? State = null, string? ProcessKey = null, long? InstanceId = null, bool? Overdue = null);

/// <summary>
/// Read side of the runtime: instances, tasks, history and incidents, for the API and the UI. With a caller in the
/// <see cref="CallerContext"/>, everything is filtered by the access rules: what they may not see does not exist.
/// </summary>
public sealed class RuntimeQueries(G2GDbContext db, CallerContext callers, TimeProvider clock)
{
    public async Task<InstanceView> GetInstanceAsync(long id, CancellationToken cancellationToken = default)
    {
        var row = await Instances().FirstOrDefaultAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw InstanceNotFound(id);
        return View(row);
    }

    /// <summary>The view of an instance row the caller may see.</summary>
    internal static InstanceView View(ProcessInstanceRecord row) =>
        new(row.Id, row.ProcessKey, row.DefinitionVersion, row.BusinessKey, row.Title, row.Status, row.Suspended,
            row.Initiator, row.AgencyId, row.ParentInstanceId, row.StartedAt, row.EndedAt, row.Version, StoredState.Read(row.Id, row.State).Variables,
            row.Classification);

    public async Task<TaskView> GetTaskAsync(long id, CancellationToken cancellationToken = default) =>
        (await TaskViews(Tasks().Where(t => t.Id == id), cancellationToken).ConfigureAwait(false)).FirstOrDefault()
        ?? throw (callers.Current is { } caller
            ? AccessRefusals.Hidden(caller, RuntimeMessages.TaskNotFound(id), $"task {id}", "view")
            : new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.TaskNotFound(id)));

    /// <summary>Several tasks in one round of queries, in the order of the ids given.</summary>
    public async Task<IReadOnlyList<TaskView>> GetTasksAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        var views = await TaskViews(Tasks().Where(t => ids.Contains(t.Id)), cancellationToken).ConfigureAwait(false);
        var byId = views.ToDictionary(v => v.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    /// <summary>Several instances in one query, in the order of the ids given.</summary>
    public async Task<IReadOnlyList<InstanceView>> GetInstancesAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken = default)
    {
        var rows = await Instances().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken).ConfigureAwait(false);
        return [.. ids.Where(rows.ContainsKey).Select(id => View(rows[id]))];
    }

    /// <summary>Tasks matching the filter, open ones by due date (no due date last), others newest first.</summary>
    public async Task<Page<TaskView>> ListTasksAsync(TaskFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = Tasks();
        if (filter.Assignee is { } assignee)
            query = query.Where(t => t.Assignee == assignee);
        if (filter.State is { } state)
            query = query.Where(t => t.State == state);
        if (filter.ProcessKey is { } key)
            query = query.Where(t => t.ProcessKey == key);
        if (filter.InstanceId is { } instance)
            query = query.Where(t => t.InstanceId == instance);
        if (filter.Overdue is true)
        {
            var now = clock.GetUtcNow();
            query = query.Where(t => t.State == TaskStates.Open && t.DueAt != null && t.DueAt < now);
        }
        var ordered = filter.State == TaskStates.Open
            ? query.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id)
            : query.OrderByDescending(t => t.Id);
        var slice = await ordered.SliceAsync(page, pageSize, cancellationToken).ConfigureAwait(false);
        return slice.With(await TaskViews(slice.Rows, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The path an instance took, from its event log: element and flow facts and deadline notices; visible when the instance is.</summary>
    public async Task<IReadOnlyList<HistoryView>> HistoryAsync(long instanceId, CancellationToken cancellationToken = default)
    {
        await EnsureInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var rows = await Events(instanceId).PathSteps()
            .Select(e => new { e.ElementId, e.ElementKind, e.Kind, e.TokenId, e.OccurredAt }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(e => new HistoryView(e.ElementId!, e.ElementKind!, EventKinds.Phase(e.Kind), e.TokenId ?? 0, e.OccurredAt))];
    }

    /// <summary>The audit trail of an instance, from its event log: every fact but the engine's path; visible when the instance is.</summary>
    public async Task<IReadOnlyList<AuditView>> AuditAsync(long instanceId, CancellationToken cancellationToken = default)
    {
        await EnsureInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return await Events(instanceId).AuditTrail()
            .Select(e => new AuditView(e.Seq, e.OccurredAt, e.Actor, e.Kind, e.TaskId, e.ElementId, e.Outcome, e.Comment)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every fact of an instance's event log in order, for its timeline; visible when the instance is.</summary>
    public async Task<IReadOnlyList<EventView>> TimelineAsync(long instanceId, CancellationToken cancellationToken = default)
    {
        await EnsureInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return await Events(instanceId)
            .Select(e => new EventView(e.Seq, e.OccurredAt, e.Kind, e.ElementId, e.ElementKind, e.TokenId, e.TaskId, e.Actor, e.OnBehalfOf, e.Outcome, e.Comment))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private IQueryable<InstanceEventRecord> Events(long instanceId) =>
        db.Set<InstanceEventRecord>().AsNoTracking().Where(e => e.InstanceId == instanceId).OrderBy(e => e.Seq);

    /// <summary>Open incidents (administrators).</summary>
    public async Task<IReadOnlyList<IncidentView>> OpenIncidentsAsync(long? instanceId, CancellationToken cancellationToken = default)
    {
        AccessRefusals.RequireAdministrator(callers, "list incidents");
        return await db.Set<IncidentRecord>().AsNoTracking().Where(i => i.ResolvedAt == null && (instanceId == null || i.InstanceId == instanceId)).OrderBy(i => i.Id)
            .Select(i => new IncidentView(i.Id, i.InstanceId, i.EngineIncidentId, i.JobId, i.ElementId, i.Message, i.CreatedAt, i.ResolvedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IncidentView> GetIncidentAsync(long id, CancellationToken cancellationToken = default)
    {
        AccessRefusals.RequireAdministrator(callers, "read incidents");
        return await db.Set<IncidentRecord>().AsNoTracking().Where(i => i.Id == id)
            .Select(i => new IncidentView(i.Id, i.InstanceId, i.EngineIncidentId, i.JobId, i.ElementId, i.Message, i.CreatedAt, i.ResolvedAt))
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
        ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.IncidentNotFound(id));
    }

    private async Task EnsureInstanceAsync(long id, CancellationToken cancellationToken)
    {
        if (!await Instances().AnyAsync(i => i.Id == id, cancellationToken).ConfigureAwait(false))
            throw InstanceNotFound(id);
    }

    /// <summary>The tasks the caller may see.</summary>
    private IQueryable<TaskRecord> Tasks() => db.Set<TaskRecord>().AsNoTracking().VisibleTo(db, callers.Current);

    /// <summary>The instances the caller may see.</summary>
    private IQueryable<ProcessInstanceRecord> Instances() => db.Set<ProcessInstanceRecord>().AsNoTracking().VisibleTo(db, callers.Current);

    private RuntimeException InstanceNotFound(long id) => callers.Current is { } caller
        ? AccessRefusals.Hidden(caller, RuntimeMessages.InstanceNotFound(id), $"instance {id}", "view")
        : new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.InstanceNotFound(id));

    /// <summary>The tasks of <paramref name="query"/> as views: with their candidates and their instance's version, in one statement.</summary>
    private async Task<List<TaskView>> TaskViews(IQueryable<TaskRecord> query, CancellationToken cancellationToken)
    {
        var rows = await query.AsNoTracking().Select(t => new
        {
            Task = t,
            t.Candidates,
            InstanceVersion = db.Set<ProcessInstanceRecord>().Where(i => i.Id == t.InstanceId).Select(i => i.Version).First(),
        }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => View(r.Task, r.Candidates, r.InstanceVersion))];
    }

    private static TaskView View(TaskRecord t, IEnumerable<TaskCandidateRecord> candidates, int instanceVersion) =>
        new(t.Id, t.InstanceId, t.ElementId, t.Name, t.ProcessKey, t.Title, t.FormKey, t.Assignee,
            [.. candidates.Where(c => c.Kind == CandidateKinds.User).Select(c => c.Value)],
            [.. candidates.Where(c => c.Kind == CandidateKinds.Group).Select(c => c.Value)],
            t.AgencyId, t.State, t.Outcome, t.CreatedAt, t.DueAt, t.CompletedAt, t.CompletedBy, t.AddedSigner, instanceVersion, t.Classification,
            t.DueProvisional);
}

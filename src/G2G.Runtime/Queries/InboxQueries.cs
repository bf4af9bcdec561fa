using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Queries;

/// <summary>Who is asking: the user, the candidate groups they belong to, and the highest 密级 they may see.</summary>
public sealed record Viewer(string UserId, IReadOnlyCollection<string> Groups, ClearanceLevel Clearance = ClearanceLevel.Unclassified);

/// <summary>
/// Filters shared by the inbox views; null means "any". <see cref="State"/> is an instance status (我发起的 only);
/// <see cref="Sort"/> names one of the view's orders (null: its default).
/// </summary>
public sealed record InboxFilter(string? ProcessKey = null, string? AgencyId = null, bool? Overdue = null, DateTimeOffset? DueBefore = null, string? Text = null,
    string? State = null, string? Sort = null);

/// <summary>
/// Counts for the inbox badges, each the total of its list: <see cref="Started"/> every instance of 我发起的 (as the
/// list shows them, whatever their state), <see cref="Running"/> those of them still running.
/// </summary>
public sealed record InboxCounts(int ToDo, int Overdue, int Done, int Started, int UnreadCopies, int Running);

public sealed record CopyView(long Id, long InstanceId, long? TaskId, string? Title, string CopiedBy, string? Comment, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>
/// The four inbox views: 待办 (open tasks assigned to the viewer or offered to them as a candidate),
/// 已办 (tasks they completed), 我发起的 (instances they started) and 抄送我的 (copies sent to them).
/// </summary>
public sealed class InboxQueries(G2GDbContext db, RuntimeQueries views, TimeProvider clock)
{
    /// <summary>The orders 待办 offers; the first is the default. Undated tasks come after dated ones either way.</summary>
    public static InboxOrders<TaskRecord> ToDoOrders { get; } = new(
        ("due", q => q.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id)),
        ("-due", q => q.OrderBy(t => t.DueAt == null).ThenByDescending(t => t.DueAt).ThenByDescending(t => t.Id)),
        ("created", q => q.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)),
        ("-created", q => q.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)));

    /// <summary>The orders 已办 offers; the first (newest completed first) is the default.</summary>
    public static InboxOrders<TaskRecord> DoneOrders { get; } = new(
        ("-completed", q => q.OrderByDescending(t => t.CompletedAt).ThenByDescending(t => t.Id)),
        ("completed", q => q.OrderBy(t => t.CompletedAt).ThenBy(t => t.Id)),
        ("-created", q => q.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)),
        ("created", q => q.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id)));

    /// <summary>The orders 我发起的 offers; the first (newest first) is the default.</summary>
    public static InboxOrders<ProcessInstanceRecord> StartedOrders { get; } = new(
        ("-started", q => q.OrderByDescending(i => i.StartedAt).ThenByDescending(i => i.Id)),
        ("started", q => q.OrderBy(i => i.StartedAt).ThenBy(i => i.Id)));

    public Task<Page<TaskView>> ToDoAsync(Viewer viewer, InboxFilter filter, int page, int pageSize, CancellationToken cancellationToken = default) =>
        ToDoAsync(viewer, filter, page, pageSize, total: null, cancellationToken);

    /// <summary>
    /// A page of 待办; <paramref name="total"/>, when given, is how many items the list holds as the caller counted them a moment
    /// ago with <see cref="CountsAsync"/> (the inbox page's tab badge, for its filter), and the page is cut without counting again.
    /// </summary>
    public async Task<Page<TaskView>> ToDoAsync(Viewer viewer, InboxFilter filter, int page, int pageSize, int? total, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(total ?? 0, nameof(total));
        var ordered = ToDoOrders.Apply(ToDoQuery(viewer, filter), filter.Sort);
        var slice = total is { } counted ? ordered.Slice(page, pageSize, counted) : await ordered.SliceAsync(page, pageSize, cancellationToken).ConfigureAwait(false);
        return await PageAsync(slice, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<TaskView>> DoneAsync(Viewer viewer, InboxFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var query = Filter(DoneQuery(viewer), filter);
        var slice = await DoneOrders.Apply(query, filter.Sort).SliceAsync(page, pageSize, cancellationToken).ConfigureAwait(false);
        return await PageAsync(slice, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Page<InstanceView>> StartedAsync(Viewer viewer, InboxFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(filter);
        var query = StartedQuery(viewer);
        if (filter.ProcessKey is { } key)
            query = query.Where(i => i.ProcessKey == key);
        if (filter.AgencyId is { } agency)
            query = query.Where(i => i.AgencyId == agency);
        if (filter.State is { } state)
            query = query.Where(i => i.Status == state);
        if (filter.Text is { Length: > 0 } text)
            query = query.Where(i => (i.Title != null && i.Title.Contains(text)) || (i.BusinessKey != null && i.BusinessKey.Contains(text)));
        // The page's rows are the views: the viewer started them and sees them within their clearance (StartedQuery), so the
        // instance access filter has nothing to add. Read by id through it, PostgreSQL planned a subquery over every task for
        // them (cost 1.8 million) and JIT-compiled each page, 0.9 s on a loaded machine (docs/benchmarks.md, "HTTP").
        var slice = await StartedOrders.Apply(query, filter.Sort).SliceAsync(page, pageSize, cancellationToken).ConfigureAwait(false);
        var rows = await slice.Rows.ToListAsync(cancellationToken).ConfigureAwait(false);
        return slice.With<InstanceView>([.. rows.Select(RuntimeQueries.View)]);
    }

    public async Task<Page<CopyView>> CopiedToAsync(Viewer viewer, bool? unread, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var query = CopiesQuery(viewer);
        if (unread is true)
            query = query.Where(c => c.ReadAt == null);
        var slice = await query.OrderByDescending(c => c.Id).SliceAsync(page, pageSize, cancellationToken).ConfigureAwait(false);
        var items = await slice.Rows.Join(db.Set<ProcessInstanceRecord>(), c => c.InstanceId, i => i.Id,
            (c, i) => new CopyView(c.Id, c.InstanceId, c.TaskId, i.Title, c.CopiedBy, c.Comment, c.CreatedAt, c.ReadAt)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return slice.With<CopyView>([.. items.OrderByDescending(c => c.Id)]);
    }

    /// <summary>
    /// The six counts in one statement: each a scalar subquery of the list it counts, so a badge refresh costs the
    /// database one round trip and one (automatically prepared) statement instead of six.
    /// </summary>
    public async Task<InboxCounts> CountsAsync(Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var now = clock.GetUtcNow();
        var toDo = ToDoQuery(viewer);
        var overdue = toDo.Where(t => t.DueAt != null && t.DueAt < now);
        var done = DoneQuery(viewer);
        var started = StartedQuery(viewer);
        var running = started.Where(i => i.Status == InstanceStatus.Running);
        var unreadCopies = CopiesQuery(viewer).Where(c => c.ReadAt == null);
        return await OneRow()
            .Select(_ => new InboxCounts(toDo.Count(), overdue.Count(), done.Count(), started.Count(), unreadCopies.Count(), running.Count()))
            .SingleAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The two counts the page header shows and refreshes every few seconds: open tasks (待办) and unread copies (抄送我的).
    /// Only these two of <see cref="CountsAsync"/>'s six, each answered from an index, in one statement.
    /// </summary>
    public async Task<(int ToDo, int UnreadCopies)> BadgesAsync(Viewer viewer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var toDo = ToDoQuery(viewer);
        var unreadCopies = CopiesQuery(viewer).Where(c => c.ReadAt == null);
        var badges = await OneRow().Select(_ => new { ToDo = toDo.Count(), UnreadCopies = unreadCopies.Count() })
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        return (badges.ToDo, badges.UnreadCopies);
    }

    /// <summary>A query of one row (<c>SELECT 1</c>) to select several counts from as scalar subqueries, on both databases.</summary>
    private IQueryable<int> OneRow() => db.Database.SqlQuery<int>($"SELECT 1 AS \"Value\"");

    /// <summary>
    /// <see cref="BadgesAsync(Viewer, CancellationToken)"/> of many viewers at once (a node's poll of the page header's badges),
    /// by user id: three grouped counts for all of them, open tasks by assignee, unassigned open tasks by candidate and unread
    /// copies by reader, each by 密级, instead of two counts per viewer. A task offered to two of one viewer's candidacies (to
    /// them and to one of their groups, or to two of their groups) counts once for them, so a viewer with offered tasks under
    /// more than one candidacy is counted on their own.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (int ToDo, int UnreadCopies)>> BadgesAsync(IReadOnlyCollection<Viewer> viewers,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewers);
        var users = viewers.Select(v => v.UserId).Distinct().ToList();
        var groups = viewers.SelectMany(v => v.Groups).Distinct().ToList();
        var open = db.Set<TaskRecord>().AsNoTracking().Where(t => t.State == TaskStates.Open);
        var assigned = await open.Where(t => t.Assignee != null && users.Contains(t.Assignee))
            .GroupBy(t => new { t.Assignee, t.Classification })
            .Select(g => new { g.Key.Assignee, g.Key.Classification, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var offered = await db.Set<TaskCandidateRecord>()
            .Where(c => (c.Kind == CandidateKinds.User && users.Contains(c.Value)) || (c.Kind == CandidateKinds.Group && groups.Contains(c.Value)))
            .Join(open.Where(t => t.Assignee == null), c => c.TaskId, t => t.Id, (c, t) => new { c.Kind, c.Value, t.Classification })
            .GroupBy(o => new { o.Kind, o.Value, o.Classification })
            .Select(g => new { g.Key.Kind, g.Key.Value, g.Key.Classification, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var copies = await db.Set<TaskCopyRecord>().AsNoTracking().Where(c => c.ReadAt == null && users.Contains(c.UserId))
            .Join(db.Set<ProcessInstanceRecord>(), c => c.InstanceId, i => i.Id, (c, i) => new { c.UserId, i.Classification })
            .GroupBy(c => new { c.UserId, c.Classification })
            .Select(g => new { g.Key.UserId, g.Key.Classification, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var badges = new Dictionary<string, (int ToDo, int UnreadCopies)>(StringComparer.Ordinal);
        foreach (var viewer in viewers)
        {
            var offeredToThem = offered.Where(o => o.Classification <= viewer.Clearance
                && (o.Kind == CandidateKinds.User ? o.Value == viewer.UserId : viewer.Groups.Contains(o.Value))).ToList();
            if (offeredToThem.Select(o => (o.Kind, o.Value)).Distinct().Count() > 1)
            {
                badges[viewer.UserId] = await BadgesAsync(viewer, cancellationToken).ConfigureAwait(false);
                continue;
            }
            badges[viewer.UserId] = (
                assigned.Where(a => a.Assignee == viewer.UserId && a.Classification <= viewer.Clearance).Sum(a => a.Count) + offeredToThem.Sum(o => o.Count),
                copies.Where(c => c.UserId == viewer.UserId && c.Classification <= viewer.Clearance).Sum(c => c.Count));
        }
        return badges;
    }

    /// <summary>
    /// The procedures the viewer started most often, most first (ties by key), at most <paramref name="take"/>: the
    /// workbench's shortcuts. Counts every instance of 我发起的, whatever its state.
    /// </summary>
    public async Task<IReadOnlyList<string>> MostStartedAsync(Viewer viewer, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        return await StartedQuery(viewer).GroupBy(i => i.ProcessKey).Select(g => new { Key = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(take).Select(g => g.Key).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Open tasks assigned to the viewer, then (UNION ALL) unassigned ones offered to the viewer or one of their groups;
    /// <paramref name="filter"/>, when given, narrows each half. Two halves rather than one "assigned OR offered" condition: the OR
    /// made PostgreSQL read every unassigned open task (116 ms at 1,000,000 tasks), the halves start from
    /// ix_tasks_assignee_state_due_at_classification_id and ix_task_candidates_kind_value_task_id (under 2 ms) on both databases.
    /// The halves cannot overlap: one has an assignee, the other none.
    /// </summary>
    private IQueryable<TaskRecord> ToDoQuery(Viewer viewer, InboxFilter? filter = null)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var user = viewer.UserId;
        var groups = viewer.Groups.ToList();
        var open = db.Set<TaskRecord>().AsNoTracking().Where(t => t.State == TaskStates.Open).Where(AccessFilters.WithinClearance(viewer));
        // "id in (candidate rows)", not Candidates.Any(...): SQLite would otherwise test every unassigned open task.
        var offeredIds = db.Set<TaskCandidateRecord>()
            .Where(c => (c.Kind == CandidateKinds.User && c.Value == user) || (c.Kind == CandidateKinds.Group && groups.Contains(c.Value)))
            .Select(c => c.TaskId);
        var assigned = open.Where(t => t.Assignee == user);
        var offered = open.Where(t => t.Assignee == null && offeredIds.Contains(t.Id));
        if (filter is not null)
            (assigned, offered) = (Filter(assigned, filter), Filter(offered, filter));
        return assigned.Concat(offered);
    }

    // The views below are the viewer's own work; of the access rules only clearance can hide something there.

    private IQueryable<TaskRecord> DoneQuery(Viewer viewer) =>
        db.Set<TaskRecord>().AsNoTracking().Where(t => t.State == TaskStates.Completed && t.CompletedBy == viewer.UserId).Where(AccessFilters.WithinClearance(viewer));

    private IQueryable<ProcessInstanceRecord> StartedQuery(Viewer viewer) =>
        db.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => i.Initiator == viewer.UserId && i.Classification <= viewer.Clearance);

    private IQueryable<TaskCopyRecord> CopiesQuery(Viewer viewer)
    {
        var withinClearance = db.Set<ProcessInstanceRecord>().Where(i => i.Classification <= viewer.Clearance).Select(i => i.Id);
        return db.Set<TaskCopyRecord>().AsNoTracking().Where(c => c.UserId == viewer.UserId && withinClearance.Contains(c.InstanceId));
    }

    private IQueryable<TaskRecord> Filter(IQueryable<TaskRecord> query, InboxFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.ProcessKey is { } key)
            query = query.Where(t => t.ProcessKey == key);
        if (filter.AgencyId is { } agency)
            query = query.Where(t => t.AgencyId == agency);
        if (filter.Overdue is true)
        {
            var now = clock.GetUtcNow();
            query = query.Where(t => t.DueAt != null && t.DueAt < now);
        }
        if (filter.DueBefore is { } before)
            query = query.Where(t => t.DueAt != null && t.DueAt < before);
        if (filter.Text is { Length: > 0 } text)
            query = query.Where(t => (t.Title != null && t.Title.Contains(text)) || (t.Name != null && t.Name.Contains(text)));
        return query;
    }

    private async Task<Page<TaskView>> PageAsync(PageSlice<TaskRecord> slice, CancellationToken cancellationToken)
    {
        var ids = await slice.Rows.Select(t => t.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return slice.With(await views.GetTasksAsync(ids, cancellationToken).ConfigureAwait(false));
    }
}

/// <summary>
/// The named orders of one inbox view ("due", "-due" for descending, …); the first is the default. An unknown name is
/// the caller's mistake: <see cref="Apply"/> refuses it with the names it knows.
/// </summary>
public sealed class InboxOrders<T>(params (string Name, Func<IQueryable<T>, IOrderedQueryable<T>> Order)[] orders)
{
    public IReadOnlyList<string> Names { get; } = [.. orders.Select(o => o.Name)];

    public bool IsKnown(string? name) => name is null || Names.Contains(name, StringComparer.Ordinal);

    public IOrderedQueryable<T> Apply(IQueryable<T> query, string? name)
    {
        if (!IsKnown(name))
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.UnknownSort(name ?? "", string.Join(", ", Names)));
        return orders.First(o => name is null || o.Name == name).Order(query);
    }
}

using System.Linq.Expressions;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Queries;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Supervision;

public sealed partial class SupervisionQueries
{
    /// <summary>The longest date range a performance report covers.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    /// <summary>
    /// On-time rate and average handling time of the tasks completed in [from, to), grouped by the dimension,
    /// with the open tasks overdue now counted alongside. A task without a due date counts as on time. Both are
    /// GROUP BY queries; the average is <c>AVG</c> over <see cref="SqlDates.SecondsBetween"/>.
    /// </summary>
    public async Task<IReadOnlyList<PerformanceRow>> PerformanceAsync(SupervisionFilter filter, DateTimeOffset from, DateTimeOffset to,
        PerformanceDimension dimension, CancellationToken cancellationToken = default)
    {
        var rows = await MeasureAsync(filter, from, to, dimension, cancellationToken).ConfigureAwait(false);
        return [.. (await NamedAsync(dimension, rows, cancellationToken).ConfigureAwait(false)).OrderBy(r => r.Key, StringComparer.Ordinal)];
    }

    /// <summary>
    /// One page of the rows of <see cref="PerformanceAsync"/> in the order asked for, with the chart's leaders and the rest.
    /// The rows are measured as there (two GROUP BY queries) and ordered here; only the rows returned are named, so a
    /// scope with two thousand departments reads the names of a page, not of all of them.
    /// </summary>
    public async Task<PerformancePage> PerformancePageAsync(SupervisionFilter filter, PerformanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!Enum.IsDefined(query.Order))
            throw RuntimeException.ForField("order", RuntimeMessages.UnknownSort(query.Order.ToString(), string.Join(", ", Enum.GetNames<PerformanceOrder>())));
        var rows = await MeasureAsync(filter, query.From, query.To, query.Dimension, cancellationToken).ConfigureAwait(false);
        var (page, pageSize) = Paging.Clamp(query.Page, query.PageSize);
        var offset = (long)(page - 1) * pageSize;
        List<PerformanceRow> shown = offset >= rows.Count ? [] : [.. Ordered(rows, query.Order, query.Descending).Skip((int)offset).Take(pageSize)];
        var working = rows.Where(r => r.Completed > 0).OrderByDescending(r => r.Completed).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
        var leaders = working.Take(Math.Max(query.Leaders, 0)).ToList();
        var rest = working.Skip(leaders.Count).ToList();
        var named = (await NamedAsync(query.Dimension, [.. shown.Union(leaders)], cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Key);
        return new PerformancePage(new Page<PerformanceRow>([.. shown.Select(r => named[r.Key])], page, pageSize, rows.Count),
            [.. leaders.Select(r => named[r.Key])], rest.Count == 0 ? null : Rest(rest));
    }

    /// <summary>The rows of a report unnamed: completed totals per key, with the open tasks overdue now (keys with only those too).</summary>
    private async Task<List<PerformanceRow>> MeasureAsync(SupervisionFilter filter, DateTimeOffset from, DateTimeOffset to,
        PerformanceDimension dimension, CancellationToken cancellationToken)
    {
        var scope = await ResolveAsync(filter, "supervision performance", cancellationToken).ConfigureAwait(false);
        RequireRange(from, to);
        var key = KeyOf(dimension);
        var now = clock.GetUtcNow();
        var counted = dimension == PerformanceDimension.Agency && IsCounted(scope);
        var completed = counted
            ? await CountedCompletedByAgencyAsync(scope, from, to, cancellationToken).ConfigureAwait(false)
            : await CompletedTotals(Tasks(scope, t => t.CompletedBy), from, to, key).ToListAsync(cancellationToken).ConfigureAwait(false);
        var overdue = counted
            ? await CountedOverdueByAgencyAsync(scope, now, cancellationToken).ConfigureAwait(false)
            : await OpenTasks(scope).Where(f => f.Task.DueAt != null && f.Task.DueAt < now).GroupBy(key)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key ?? NoKey, g => g.Count, cancellationToken).ConfigureAwait(false);
        var rows = completed.Select(g => Row(g, overdue.GetValueOrDefault(g.Key ?? NoKey))).ToList();
        var measured = rows.Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        rows.AddRange(overdue.Where(o => !measured.Contains(o.Key)).Select(o => new PerformanceRow(o.Key, null, 0, 0, 0, 0, o.Value)));
        return rows;
    }

    private async Task<IEnumerable<PerformanceRow>> NamedAsync(PerformanceDimension dimension, List<PerformanceRow> rows, CancellationToken cancellationToken)
    {
        var names = await NamesAsync(dimension, [.. rows.Select(r => r.Key)], cancellationToken).ConfigureAwait(false);
        return rows.Select(r => r with { Name = names.GetValueOrDefault(r.Key) });
    }

    /// <summary>The rows in <paramref name="order"/>, ties by key; rows without completed work last in the rate and handling-time orders.</summary>
    private static IEnumerable<PerformanceRow> Ordered(List<PerformanceRow> rows, PerformanceOrder order, bool descending)
    {
        Func<PerformanceRow, double> value = order switch
        {
            PerformanceOrder.Completed => r => r.Completed,
            PerformanceOrder.OnTime => r => r.OnTime,
            PerformanceOrder.OnTimeRate => r => (double)r.OnTimeRate,
            PerformanceOrder.AverageHandlingHours => r => r.AverageHandlingHours,
            _ => r => r.OpenOverdue,
        };
        var unmeasuredLast = rows.OrderBy(r => order is PerformanceOrder.OnTimeRate or PerformanceOrder.AverageHandlingHours && r.Completed == 0);
        return (descending ? unmeasuredLast.ThenByDescending(value) : unmeasuredLast.ThenBy(value)).ThenBy(r => r.Key, StringComparer.Ordinal);
    }

    private static PerformanceRest Rest(List<PerformanceRow> rows)
    {
        var (completed, onTime) = (rows.Sum(r => r.Completed), rows.Sum(r => r.OnTime));
        return new PerformanceRest(rows.Count, completed, onTime, Math.Round((decimal)onTime / completed, 4));
    }

    /// <summary>
    /// The work one person completed in [from, to) (by who completed each task), measured as a row of
    /// <see cref="PerformanceAsync"/>, with their open tasks overdue at <paramref name="now"/>. For trusted code inside a
    /// command (a service task pre-filling a form, such as 业绩评价's), synchronously on the command's own context: no
    /// caller scope, and the figures are counts, never the items. <see cref="PerformanceRow.Key"/> is the user id.
    /// </summary>
    public static PerformanceRow MeasurePerson(G2GDbContext db, string userId, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        RequireRange(from, to);
        var everything = new ResolvedScope(null, null, null, null);
        return Measure(userId,
            CompletedTotals(Tasks(db, everything, t => t.CompletedBy).Where(f => f.Task.CompletedBy == userId), from, to, f => f.Task.CompletedBy),
            OpenTasks(db, everything).Where(f => f.Task.Assignee == userId), now);
    }

    /// <summary>As <see cref="MeasurePerson"/>, for the work of one department's people (the department of who completed
    /// each task, of the assignee for open ones). <see cref="PerformanceRow.Key"/> is the department id.</summary>
    public static PerformanceRow MeasureDepartment(G2GDbContext db, string departmentId, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        RequireRange(from, to);
        var department = new ResolvedScope(null, null, departmentId, null);
        return Measure(departmentId, CompletedTotals(Tasks(db, department, t => t.CompletedBy), from, to, f => f.DepartmentId),
            OpenTasks(db, department), now);
    }

    private static PerformanceRow Measure(string key, IQueryable<Totals> completed, IQueryable<TaskFact> open, DateTimeOffset now)
    {
        var overdue = open.Count(f => f.Task.DueAt != null && f.Task.DueAt < now);
        return completed.ToList() is [var totals] ? Row(totals, overdue) with { Key = key } : new PerformanceRow(key, null, 0, 0, 0, 0, overdue);
    }

    /// <summary>Tasks completed in [from, to) per key: how many, how many by their due date (or without one), and the
    /// average seconds from creation to completion, grouped in the database.</summary>
    private static IQueryable<Totals> CompletedTotals(IQueryable<TaskFact> facts, DateTimeOffset from, DateTimeOffset to,
        Expression<Func<TaskFact, string?>> key) =>
        facts.Where(f => f.Task.State == TaskStates.Completed && f.Task.CompletedAt >= from && f.Task.CompletedAt < to)
            .GroupBy(key).Select(g => new Totals
            {
                Key = g.Key,
                Completed = g.Count(),
                OnTime = g.Count(f => f.Task.DueAt == null || f.Task.CompletedAt <= f.Task.DueAt),
                Seconds = g.Average(f => SqlDates.SecondsBetween(f.Task.CreatedAt, f.Task.CompletedAt!.Value)),
            });

    private static PerformanceRow Row(Totals totals, int openOverdue) => new(totals.Key ?? NoKey, null, totals.Completed, totals.OnTime,
        Math.Round((decimal)totals.OnTime / totals.Completed, 4), Math.Round(totals.Seconds / 3600, 2), openOverdue);

    private sealed class Totals
    {
        public string? Key { get; init; }
        public int Completed { get; init; }
        public int OnTime { get; init; }
        public double Seconds { get; init; }
    }

    /// <summary>What people call each key: the department's name with its agency's (办公室 · 示范省财政厅), the agency's name, the procedure's (latest version's) name.</summary>
    private async Task<Dictionary<string, string?>> NamesAsync(PerformanceDimension dimension, List<string> keys,
        CancellationToken cancellationToken)
    {
        switch (dimension)
        {
            case PerformanceDimension.Department:
                // With its agency: every agency has its 办公室, and the rows must be told apart.
                return await (
                        from d in db.Set<Organisation.DepartmentRecord>().AsNoTracking()
                        where keys.Contains(d.Id)
                        join a in db.Set<Organisation.AgencyRecord>().AsNoTracking() on d.AgencyId equals a.Id
                        select new { d.Id, Name = d.Name + " · " + a.Name })
                    .ToDictionaryAsync(d => d.Id, d => (string?)d.Name, cancellationToken).ConfigureAwait(false);
            case PerformanceDimension.Agency:
                return await db.Set<Organisation.AgencyRecord>().AsNoTracking().Where(a => keys.Contains(a.Id))
                    .ToDictionaryAsync(a => a.Id, a => (string?)a.Name, cancellationToken).ConfigureAwait(false);
        }
        // A step's key is "<process key>/<step name>": the procedure's name stands for its key.
        var processKeys = keys.Select(k => k.Split('/', 2)[0]).Distinct().ToList();
        var versions = await db.ProcessDefinitions.AsNoTracking().Where(d => processKeys.Contains(d.ProcessKey))
            .Select(d => new { d.ProcessKey, d.Version, d.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var procedures = versions.GroupBy(v => v.ProcessKey)
            .ToDictionary(g => g.Key, g => g.MaxBy(v => v.Version)!.Name ?? g.Key);
        return keys.ToDictionary(k => k, k =>
        {
            var parts = k.Split('/', 2);
            return procedures.TryGetValue(parts[0], out var name) ? (parts.Length == 2 ? $"{name}/{parts[1]}" : name) : null;
        });
    }

    /// <summary>The key of tasks without a department or agency.</summary>
    private const string NoKey = "-";

    private static Expression<Func<TaskFact, string?>> KeyOf(PerformanceDimension dimension) => dimension switch
    {
        PerformanceDimension.Department => f => f.DepartmentId,
        PerformanceDimension.Agency => f => f.Task.AgencyId,
        PerformanceDimension.Procedure => f => f.Task.ProcessKey,
        _ => f => f.Task.ProcessKey + "/" + (f.Task.Name ?? f.Task.ElementId),
    };

    /// <summary>[from, to) must be a forward range of at most <see cref="MaxRange"/>; refused with field errors.</summary>
    private static void RequireRange(DateTimeOffset from, DateTimeOffset to)
    {
        var problem = from >= to ? RuntimeMessages.RangeNotForward()
            : to - from > MaxRange ? RuntimeMessages.RangeTooLong((int)MaxRange.TotalDays) : null;
        if (problem is not null)
            throw RuntimeException.ForField("to", problem);
    }
}

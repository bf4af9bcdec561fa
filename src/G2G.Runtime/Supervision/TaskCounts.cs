using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Runtime.Supervision;

/// <summary>What a row of the task counts counts.</summary>
public enum TaskCountKind
{
    /// <summary>Open tasks with a due date, by the UTC day they are due.</summary>
    OpenDue = 0,

    /// <summary>Completed tasks, by the UTC day they were completed: how many, how many on time (by their due date, or without one), and their handling seconds summed.</summary>
    Completed = 1,
}

/// <summary>
/// The maintained summary of tasks that supervision reads instead of counting the rows of a province: per kind, agency
/// (<c>""</c> for none), 密级 and UTC day. Triggers on <c>tasks</c> append each change as a row of
/// <see cref="TaskCountChangeRecord"/> in the task's own transaction (migration MaintainedTaskCounts); the job executor folds them
/// into these rows now and then (<see cref="TaskCounts.FoldAsync"/>). The counts are the two tables added up.
/// </summary>
public class TaskCountRecord
{
    public TaskCountKind Kind { get; set; }
    public string AgencyId { get; set; } = "";
    public ClearanceLevel Classification { get; set; }
    public DateOnly Day { get; set; }
    public long Tasks { get; set; }
    public long OnTime { get; set; }
    public double Seconds { get; set; }
}

/// <summary>
/// One change to the counts, appended by the triggers: +1 for a task that now counts, −1 for one that no longer does.
/// Appending rather than updating a shared row lets concurrent commands of one agency commit without waiting for each other.
/// </summary>
public sealed class TaskCountChangeRecord : TaskCountRecord
{
    public long Id { get; set; }
}

internal sealed class TaskCountConfiguration : IEntityTypeConfiguration<TaskCountRecord>
{
    public void Configure(EntityTypeBuilder<TaskCountRecord> builder)
    {
        builder.ToTable("task_counts");
        builder.HasKey(c => new { c.Kind, c.AgencyId, c.Classification, c.Day }).HasName("pk_task_counts");
        builder.Property(c => c.AgencyId).HasMaxLength(100);
        Persistence.Configurations.SnakeCase.NameColumns(builder);
    }
}

internal sealed class TaskCountChangeConfiguration : IEntityTypeConfiguration<TaskCountChangeRecord>
{
    public void Configure(EntityTypeBuilder<TaskCountChangeRecord> builder)
    {
        builder.HasBaseType((Type?)null);
        builder.ToTable("task_count_changes");
        builder.HasKey(c => c.Id).HasName("pk_task_count_changes");
        builder.Property(c => c.Id).ValueGeneratedOnAdd();
        builder.Property(c => c.AgencyId).HasMaxLength(100);
        Persistence.Configurations.SnakeCase.NameColumns(builder);
    }
}

/// <summary>
/// Reads, folds and rebuilds the maintained task counts (<see cref="TaskCountRecord"/>). Reads add the folded counts and
/// the changes not yet folded, each grouped in the database; a fold moves the changes into the counts in one transaction,
/// so a reader never sees a change twice or not at all.
/// </summary>
public sealed class TaskCounts(G2GDbContext db, SqliteWriteGate writeGate)
{
    /// <summary>Per agency (<c>""</c>: none), the totals of <paramref name="kind"/> on the days in [<paramref name="from"/>, <paramref name="to"/>) (null: unbounded).</summary>
    public async Task<Dictionary<string, Totals>> ByAgencyAsync(TaskCountKind kind, ClearanceLevel? clearance, IReadOnlyList<string>? agencies,
        DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var folded = await Sum(Rows(db.Set<TaskCountRecord>(), kind, clearance, agencies, from, to).GroupBy(c => c.AgencyId), cancellationToken).ConfigureAwait(false);
        var pending = await Sum(Rows(db.Set<TaskCountChangeRecord>(), kind, clearance, agencies, from, to).GroupBy(c => c.AgencyId), cancellationToken).ConfigureAwait(false);
        return Add(folded, pending);
    }

    /// <summary>Per day, the totals of <paramref name="kind"/> before <paramref name="to"/>, over the agencies (null: all).</summary>
    public async Task<Dictionary<DateOnly, Totals>> ByDayAsync(TaskCountKind kind, ClearanceLevel? clearance, IReadOnlyList<string>? agencies,
        DateOnly to, CancellationToken cancellationToken)
    {
        var folded = await Sum(Rows(db.Set<TaskCountRecord>(), kind, clearance, agencies, null, to).GroupBy(c => c.Day), cancellationToken).ConfigureAwait(false);
        var pending = await Sum(Rows(db.Set<TaskCountChangeRecord>(), kind, clearance, agencies, null, to).GroupBy(c => c.Day), cancellationToken).ConfigureAwait(false);
        return Add(folded, pending);
    }

    /// <summary>Every count as it stands (folded and pending added up), without rows that add up to nothing; for checks and tests.</summary>
    public async Task<Dictionary<(TaskCountKind Kind, string AgencyId, ClearanceLevel Classification, DateOnly Day), Totals>> AllAsync(CancellationToken cancellationToken)
    {
        var folded = await db.Set<TaskCountRecord>().AsNoTracking().Select(c => new { c.Kind, c.AgencyId, c.Classification, c.Day, c.Tasks, c.OnTime, c.Seconds })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var pending = await db.Set<TaskCountChangeRecord>().AsNoTracking()
            .GroupBy(c => new { c.Kind, c.AgencyId, c.Classification, c.Day })
            .Select(g => new { g.Key.Kind, g.Key.AgencyId, g.Key.Classification, g.Key.Day, Tasks = g.Sum(c => c.Tasks), OnTime = g.Sum(c => c.OnTime), Seconds = g.Sum(c => c.Seconds) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var all = new Dictionary<(TaskCountKind, string, ClearanceLevel, DateOnly), Totals>();
        foreach (var row in folded.Concat(pending))
            all[(row.Kind, row.AgencyId, row.Classification, row.Day)] = all.GetValueOrDefault((row.Kind, row.AgencyId, row.Classification, row.Day)) + new Totals(row.Tasks, row.OnTime, row.Seconds);
        return all.Where(c => c.Value.Tasks != 0 || c.Value.OnTime != 0).ToDictionary();
    }

    /// <summary>
    /// Moves the changes appended so far into the counts and drops counts that fell to zero, in one transaction; returns
    /// how many changes it moved. Safe on several nodes at once: on PostgreSQL each change is moved by the fold that deletes
    /// it, on SQLite writers take turns.
    /// </summary>
    public async Task<int> FoldAsync(CancellationToken cancellationToken)
    {
        using var pass = await writeGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        int moved;
        if (db.Database.IsNpgsql())
        {
            moved = await db.Database.ExecuteSqlRawAsync($"""
                WITH moved AS (DELETE FROM task_count_changes RETURNING {Columns})
                INSERT INTO task_counts AS c ({Columns})
                SELECT kind, agency_id, classification, day, sum(tasks), sum(on_time), sum(seconds) FROM moved GROUP BY kind, agency_id, classification, day
                {Upsert}
                """, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var last = await db.Set<TaskCountChangeRecord>().MaxAsync(c => (long?)c.Id, cancellationToken).ConfigureAwait(false) ?? 0;
            moved = await db.Database.ExecuteSqlRawAsync($$"""
                INSERT INTO task_counts AS c ({{Columns}})
                SELECT kind, agency_id, classification, day, sum(tasks), sum(on_time), sum(seconds) FROM task_count_changes WHERE id <= {0}
                GROUP BY kind, agency_id, classification, day
                {{Upsert}}
                """, [last], cancellationToken).ConfigureAwait(false);
            await db.Database.ExecuteSqlRawAsync("DELETE FROM task_count_changes WHERE id <= {0}", [last], cancellationToken).ConfigureAwait(false);
        }
        await db.Database.ExecuteSqlRawAsync("DELETE FROM task_counts WHERE tasks = 0 AND on_time = 0", cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return moved;
    }

    /// <summary>
    /// Counts every task again into empty tables, for a database whose counts are missing or in doubt (the operator's
    /// <c>counts rebuild</c>). On PostgreSQL it holds writes to <c>tasks</c> back until it commits (SHARE lock), so no
    /// change slips between the count and the emptied tables; returns how many count rows it wrote.
    /// </summary>
    public async Task<int> RebuildAsync(CancellationToken cancellationToken)
    {
        using var pass = await writeGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var postgres = db.Database.IsNpgsql();
        if (postgres)
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE tasks IN SHARE MODE", cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM task_count_changes", cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync("DELETE FROM task_counts", cancellationToken).ConfigureAwait(false);
        var written = await db.Database.ExecuteSqlRawAsync(TaskCountSql.CountAll(postgres), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return written;
    }

    private const string Columns = "kind, agency_id, classification, day, tasks, on_time, seconds";

    private const string Upsert = """
        ON CONFLICT (kind, agency_id, classification, day) DO UPDATE
        SET tasks = c.tasks + excluded.tasks, on_time = c.on_time + excluded.on_time, seconds = c.seconds + excluded.seconds
        """;

    private static IQueryable<T> Rows<T>(IQueryable<T> rows, TaskCountKind kind, ClearanceLevel? clearance, IReadOnlyList<string>? agencies,
        DateOnly? from, DateOnly? to)
        where T : TaskCountRecord
    {
        rows = rows.AsNoTracking().Where(c => c.Kind == kind);
        if (clearance is { } level)
            rows = rows.Where(c => c.Classification <= level);
        if (agencies is not null)
            rows = rows.Where(c => agencies.Contains(c.AgencyId));
        if (from is { } first)
            rows = rows.Where(c => c.Day >= first);
        if (to is { } end)
            rows = rows.Where(c => c.Day < end);
        return rows;
    }

    private static async Task<Dictionary<TKey, Totals>> Sum<TKey, T>(IQueryable<IGrouping<TKey, T>> groups, CancellationToken cancellationToken)
        where TKey : notnull
        where T : TaskCountRecord
    {
        var rows = await groups.Select(g => new { g.Key, Tasks = g.Sum(c => c.Tasks), OnTime = g.Sum(c => c.OnTime), Seconds = g.Sum(c => c.Seconds) })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Key, r => new Totals(r.Tasks, r.OnTime, r.Seconds));
    }

    private static Dictionary<TKey, Totals> Add<TKey>(Dictionary<TKey, Totals> folded, Dictionary<TKey, Totals> pending)
        where TKey : notnull
    {
        foreach (var (key, totals) in pending)
            folded[key] = folded.GetValueOrDefault(key) + totals;
        return folded;
    }

    /// <summary>Tasks counted, of them on time, and their handling seconds summed (the last two for completed tasks only).</summary>
    public readonly record struct Totals(long Tasks, long OnTime, double Seconds)
    {
        public static Totals operator +(Totals a, Totals b) => new(a.Tasks + b.Tasks, a.OnTime + b.OnTime, a.Seconds + b.Seconds);
    }
}

/// <summary>
/// The SQL that turns a task row into its counts, shared by the triggers (migration MaintainedTaskCounts) and
/// <see cref="TaskCounts.RebuildAsync"/> so both count alike: an open task with a due date counts on its due day, a completed
/// one on its completion day, on time when it has no due date or was completed by it, with the seconds
/// <see cref="SqlDates.SecondsBetween"/> gives. Days are UTC: on SQLite the first ten characters of the stored instant
/// (<c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>), on PostgreSQL the <c>timestamptz</c> at UTC.
/// </summary>
internal static class TaskCountSql
{
    /// <summary>An INSERT of every task's counts into <c>task_counts</c> (empty before).</summary>
    public static string CountAll(bool postgres) => $"""
        INSERT INTO task_counts (kind, agency_id, classification, day, tasks, on_time, seconds)
        SELECT kind, agency_id, classification, day, sum(tasks), sum(on_time), sum(seconds)
        FROM ({Facts(postgres, "t", 1, "FROM tasks t")}) f
        GROUP BY kind, agency_id, classification, day
        """;

    /// <summary>A SELECT of (kind, agency_id, classification, day, tasks, on_time, seconds) for the row <paramref name="row"/>, each number times <paramref name="sign"/>.</summary>
    public static string Facts(bool postgres, string row, int sign, string from = "")
    {
        string Day(string column) => postgres ? $"({row}.{column} AT TIME ZONE 'UTC')::date" : $"substr({row}.{column}, 1, 10)";
        var seconds = postgres
            ? $"date_part('epoch', {row}.completed_at) - date_part('epoch', {row}.created_at)"
            : $"(julianday({row}.completed_at) - julianday({row}.created_at)) * 86400.0";
        return $"""
            SELECT {(int)TaskCountKind.OpenDue} AS kind, COALESCE({row}.agency_id, '') AS agency_id, {row}.classification AS classification,
              {Day("due_at")} AS day, {sign} AS tasks, 0 AS on_time, 0.0 AS seconds
            {from} WHERE {row}.state = '{TaskStates.Open}' AND {row}.due_at IS NOT NULL
            UNION ALL
            SELECT {(int)TaskCountKind.Completed}, COALESCE({row}.agency_id, ''), {row}.classification, {Day("completed_at")}, {sign},
              CASE WHEN {row}.due_at IS NULL OR {row}.completed_at <= {row}.due_at THEN {sign} ELSE 0 END, {sign} * ({seconds})
            {from} WHERE {row}.state = '{TaskStates.Completed}' AND {row}.completed_at IS NOT NULL
            """;
    }
}

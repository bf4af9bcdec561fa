using System.Text.Json;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Tests.Reliability;

/// <summary>
/// Every row of every runtime table, serialised, to prove that a refused command wrote nothing: not a row added,
/// removed or changed anywhere. Meant for the small databases of scenario tests.
/// </summary>
public sealed class DatabaseSnapshot
{
    private readonly Dictionary<string, List<string>> _tables = new(StringComparer.Ordinal);

    private DatabaseSnapshot()
    {
    }

    public static async Task<DatabaseSnapshot> TakeAsync(G2GDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var snapshot = new DatabaseSnapshot();
        await snapshot.AddAsync<ProcessDefinitionRecord>(db);
        await snapshot.AddAsync<FormDefinitionRecord>(db);
        await snapshot.AddAsync<ProcessInstanceRecord>(db);
        await snapshot.AddAsync<TaskRecord>(db);
        await snapshot.AddAsync<TaskCandidateRecord>(db);
        await snapshot.AddAsync<JobRecord>(db);
        await snapshot.AddAsync<HistoryRecord>(db);
        await snapshot.AddAsync<AuditRecord>(db);
        await snapshot.AddAsync<OutboxRecord>(db);
        await snapshot.AddAsync<NotificationRecord>(db);
        await snapshot.AddAsync<EventSubscriptionRecord>(db);
        await snapshot.AddAsync<IncidentRecord>(db);
        await snapshot.AddAsync<TaskCopyRecord>(db);
        var unknown = db.Model.GetEntityTypes().Select(e => e.ClrType.Name).Where(name => !snapshot._tables.ContainsKey(name)).ToList();
        if (unknown.Count > 0)
            throw new InvalidOperationException($"DatabaseSnapshot does not read {string.Join(", ", unknown)}; add the new tables to it.");
        return snapshot;
    }

    /// <summary>What differs from <paramref name="later"/>, table by table; empty when nothing does.</summary>
    public string DifferencesFrom(DatabaseSnapshot later)
    {
        ArgumentNullException.ThrowIfNull(later);
        var differences = new List<string>();
        foreach (var (table, rows) in _tables)
        {
            var after = later._tables[table];
            var removed = rows.Except(after, StringComparer.Ordinal).ToList();
            var added = after.Except(rows, StringComparer.Ordinal).ToList();
            if (removed.Count > 0 || added.Count > 0)
                differences.Add($"{table}: {rows.Count} rows before, {after.Count} after; now {string.Join(" | ", added.Take(3))}; was {string.Join(" | ", removed.Take(3))}");
        }
        return string.Join('\n', differences);
    }

    private async Task AddAsync<T>(G2GDbContext db) where T : class
    {
        var rows = await db.Set<T>().AsNoTracking().ToListAsync();
        _tables[typeof(T).Name] = [.. rows.Select(r => JsonSerializer.Serialize(r)).Order(StringComparer.Ordinal)];
    }
}

using System.Text.Json;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Tests.Reliability;

/// <summary>
/// Every row of every table of the model, serialised, to prove that a refused command wrote nothing: not a row added,
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
        // Every table of the model, so a table added later is compared too (the organisation's, Identity's, …).
        var add = typeof(DatabaseSnapshot).GetMethod(nameof(AddAsync), System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!;
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned()).OrderBy(e => e.Name, StringComparer.Ordinal))
            await (Task)add.MakeGenericMethod(entity.ClrType).Invoke(snapshot, [db])!;
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

using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace G2G.Runtime.Persistence;

/// <summary>
/// Writes the context's tracked changes into a <see cref="WriteBatch"/>, in place of SaveChanges, so a command's
/// tracked rows and its untracked writes go to the database together (one round trip on PostgreSQL). SQL comes from
/// the EF model (tables, columns, type mappings and converters), so it is what SaveChanges would write: inserts
/// with every column, updates of the modified columns, deletes; updates and deletes by key, with the original
/// value of every concurrency token (the instance's and the task's version), each required to change one row.
/// Order: deletes (dependents first), updates, inserts (principals first). A row whose key the database
/// assigns (SQLite AUTOINCREMENT, identity columns) is inserted on its own with <c>RETURNING</c> and its key set
/// in the context, which passes it on to its dependents' foreign keys before they are written.
/// </summary>
internal static class TrackedChanges
{
    /// <summary>Adds the statements of every added, modified and deleted entity (inserting those whose key the database assigns at once).</summary>
    public static async Task AddToAsync(WriteBatch batch, DbContext db, CancellationToken cancellationToken)
    {
        var changed = db.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        if (changed.Count == 0)
            return;
        foreach (var entry in changed.Where(e => e.State == EntityState.Deleted).OrderByDescending(e => Rank(e.Metadata)))
            Delete(batch, entry);
        foreach (var entry in changed.Where(e => e.State == EntityState.Modified).OrderBy(e => Rank(e.Metadata)))
            Update(batch, entry);
        foreach (var entry in changed.Where(e => e.State == EntityState.Added).OrderBy(e => Rank(e.Metadata)))
            await InsertAsync(batch, entry, cancellationToken).ConfigureAwait(false);
    }

    private static async Task InsertAsync(WriteBatch batch, EntityEntry entry, CancellationToken cancellationToken)
    {
        var type = entry.Metadata;
        var columns = new List<string>();
        var values = new List<string>();
        IProperty? generated = null;
        foreach (var column in ColumnsOf(type))
        {
            var value = entry.Property(column.Property);
            if (value.IsTemporary)
            {
                generated = column.Property;
                continue;
            }
            columns.Add(column.Name);
            values.Add(batch.Value(value.CurrentValue, column.Mapping, column.Nullable));
        }
        batch.Sql("INSERT INTO ").Sql(type.GetTableName()!).Sql(" (").Sql(string.Join(", ", columns)).Sql(") VALUES (").Sql(string.Join(", ", values)).Sql(")");
        if (generated is null)
        {
            batch.End();
            return;
        }
        batch.Sql(" RETURNING ").Sql(generated.GetColumnName());
        var key = await batch.ScalarAsync(cancellationToken).ConfigureAwait(false);
        entry.Property(generated).CurrentValue = Convert.ChangeType(key, generated.ClrType, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Update(WriteBatch batch, EntityEntry entry)
    {
        var type = entry.Metadata;
        var set = entry.Properties.Where(p => p.IsModified).Select(p =>
            p.Metadata.GetColumnName() + " = " + batch.Value(p.CurrentValue, p.Metadata.GetRelationalTypeMapping(), p.Metadata.IsNullable)).ToList();
        if (set.Count == 0)
            return;
        batch.Sql("UPDATE ").Sql(type.GetTableName()!).Sql(" SET ").Sql(string.Join(", ", set));
        Where(batch, entry);
    }

    private static void Delete(WriteBatch batch, EntityEntry entry)
    {
        batch.Sql("DELETE FROM ").Sql(entry.Metadata.GetTableName()!);
        Where(batch, entry);
    }

    /// <summary>WHERE key = original key AND token = original token …; the statement must change exactly this row.</summary>
    private static void Where(WriteBatch batch, EntityEntry entry)
    {
        var type = entry.Metadata;
        var conditions = type.FindPrimaryKey()!.Properties.Concat(type.GetProperties().Where(p => p.IsConcurrencyToken)).Distinct()
            .Select(p => Condition(batch, p, entry.Property(p).OriginalValue));
        batch.Sql(" WHERE ").Sql(string.Join(" AND ", conditions));
        batch.End(mustChangeOneRow: () => $"{type.GetTableName()} row {string.Join("/", type.FindPrimaryKey()!.Properties.Select(p => entry.Property(p).OriginalValue))}");
    }

    private static string Condition(WriteBatch batch, IProperty property, object? original) => original is null
        ? property.GetColumnName() + " IS NULL"
        : property.GetColumnName() + " = " + batch.Value(original, property.GetRelationalTypeMapping(), property.IsNullable);

    /// <summary>
    /// Adds one INSERT with a VALUES row per entity, for rows the command appends without tracking them: every mapped
    /// column but a key the database assigns, from the model as <see cref="InsertAsync"/> writes a tracked row.
    /// </summary>
    public static void AddRows<T>(WriteBatch batch, IEntityType type, IReadOnlyCollection<T> rows)
        where T : class
    {
        if (rows.Count == 0)
            return;
        var columns = ColumnsOf(type);
        batch.Sql("INSERT INTO ").Sql(type.GetTableName()!).Sql(" (").Sql(string.Join(", ", columns.Where(c => !c.AssignedByDatabase).Select(c => c.Name))).Sql(") VALUES ");
        var separator = "(";
        foreach (var row in rows)
        {
            foreach (var column in columns)
            {
                if (column.AssignedByDatabase)
                    continue;
                batch.Sql(separator).Sql(batch.Value(column.Property.GetGetter().GetClrValue(row), column.Mapping, column.Nullable));
                separator = ", ";
            }
            batch.Sql(")");
            separator = ", (";
        }
        batch.End();
    }

    /// <summary>
    /// A mapped column of an entity type, as the statements write it. <paramref name="AssignedByDatabase"/>: a key the
    /// model lets the database generate (on PostgreSQL a tracked row may still bring its own, from an id block).
    /// </summary>
    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping, bool Nullable, bool AssignedByDatabase);

    /// <summary>The columns of a type, read from the model once per type (SQLite and PostgreSQL models have their own).</summary>
    private static Column[] ColumnsOf(IEntityType type) => Columns.GetOrAdd(type, t => [.. t.GetProperties().Select(p =>
        new Column(p, p.GetColumnName(), p.GetRelationalTypeMapping(), p.IsNullable, p.IsPrimaryKey() && p.ValueGenerated.HasFlag(ValueGenerated.OnAdd)))]);

    private static readonly ConcurrentDictionary<IEntityType, Column[]> Columns = new();

    /// <summary>Depth of an entity type among foreign keys: principals come before their dependents.</summary>
    private static int Rank(IEntityType type) => Ranks.GetOrAdd(type, t => RankOf(t, []));

    private static readonly ConcurrentDictionary<IEntityType, int> Ranks = new();

    private static int RankOf(IEntityType type, HashSet<IEntityType> visiting)
    {
        if (!visiting.Add(type))
            return 0;
        var rank = type.GetForeignKeys().Select(fk => fk.PrincipalEntityType).Where(p => p != type)
            .Select(p => RankOf(p, visiting) + 1).DefaultIfEmpty(0).Max();
        visiting.Remove(type);
        return rank;
    }
}

using Microsoft.Data.Sqlite;

namespace G2G.Runtime.Tests.Schema;

/// <summary>Reads a SQLite schema from sqlite_master and the table/index/foreign-key pragmas.</summary>
public static class SqliteCatalog
{
    /// <summary>Describes every user table of the open database (SQLite's and EF's own tables excluded).</summary>
    public static async Task<IReadOnlySet<string>> DescribeAsync(SqliteConnection connection)
    {
        var facts = new HashSet<string>(StringComparer.Ordinal);
        var tables = await QueryAsync(connection,
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'",
            r => (Name: r.GetString(0), Sql: r.GetString(1)));
        foreach (var (table, sql) in tables.Where(t => !SchemaDescription.IsMigratorTable(t.Name)))
        {
            facts.Add(SchemaDescription.Table(table));
            // A single INTEGER PRIMARY KEY column is the rowid; AUTOINCREMENT in the table's SQL is the only
            // trace of the "never reuse ids" generation EF asked for.
            var autoincrement = sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase);
            var columns = await QueryAsync(connection,
                "SELECT name, type, \"notnull\", pk FROM pragma_table_info($name)",
                r => (Name: r.GetString(0), Type: r.GetString(1), NotNull: r.GetBoolean(2), Pk: r.GetInt32(3)), table);
            var keyColumns = columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).ToList();
            foreach (var c in columns)
            {
                var generated = autoincrement && keyColumns.Count == 1 && c.Pk == 1;
                facts.Add(SchemaDescription.Column(table, c.Name, c.Type, !c.NotNull, generated));
            }

            if (keyColumns.Count > 0)
            {
                facts.Add(SchemaDescription.PrimaryKey(table, null, keyColumns.Select(c => c.Name)));
            }

            await AddIndexesAsync(connection, table, facts);
            await AddForeignKeysAsync(connection, table, facts);
        }

        return facts;
    }

    private static async Task AddIndexesAsync(SqliteConnection connection, string table, HashSet<string> facts)
    {
        // origin 'pk' is the implicit index of a non-rowid primary key, already described by the key.
        var indexes = await QueryAsync(connection,
            "SELECT name, \"unique\" FROM pragma_index_list($name) WHERE origin <> 'pk'",
            r => (Name: r.GetString(0), Unique: r.GetBoolean(1)), table);
        foreach (var index in indexes)
        {
            var columns = await QueryAsync(connection,
                "SELECT name FROM pragma_index_info($name) ORDER BY seqno", r => r.GetString(0), index.Name);
            facts.Add(SchemaDescription.Index(table, index.Name, index.Unique, columns));
        }
    }

    private static async Task AddForeignKeysAsync(SqliteConnection connection, string table, HashSet<string> facts)
    {
        var rows = await QueryAsync(connection,
            "SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list($name) ORDER BY id, seq",
            r => (Id: r.GetInt32(0), Principal: r.GetString(1), From: r.GetString(2), To: r.GetString(3), OnDelete: r.GetString(4)),
            table);
        foreach (var fk in rows.GroupBy(r => r.Id))
        {
            facts.Add(SchemaDescription.ForeignKey(
                table, null, fk.Select(r => r.From), fk.First().Principal, fk.Select(r => r.To), fk.First().OnDelete.ToLowerInvariant()));
        }
    }

    private static async Task<List<T>> QueryAsync<T>(
        SqliteConnection connection, string sql, Func<SqliteDataReader, T> read, string? name = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (name is not null)
        {
            command.Parameters.AddWithValue("$name", name);
        }

        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}

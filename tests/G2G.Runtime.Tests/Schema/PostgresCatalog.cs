using Npgsql;

namespace G2G.Runtime.Tests.Schema;

/// <summary>Reads a PostgreSQL schema (the connection's current schema) from pg_catalog.</summary>
public static class PostgresCatalog
{
    /// <summary>Describes every table of the current schema except EF's migration history.</summary>
    public static async Task<IReadOnlySet<string>> DescribeAsync(NpgsqlConnection connection)
    {
        var facts = new HashSet<string>(StringComparer.Ordinal);
        var tables = await QueryAsync(connection,
            "SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
            "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')",
            r => (Oid: r.GetFieldValue<uint>(0), Name: r.GetString(1)));
        foreach (var (oid, table) in tables.Where(t => !SchemaDescription.IsMigratorTable(t.Name)))
        {
            facts.Add(SchemaDescription.Table(table));
            var columns = await QueryAsync(connection,
                "SELECT attname, format_type(atttypid, atttypmod), attnotnull, attidentity <> '' FROM pg_attribute " +
                "WHERE attrelid = @oid AND attnum > 0 AND NOT attisdropped",
                r => SchemaDescription.Column(table, r.GetString(0), r.GetString(1), !r.GetBoolean(2), r.GetBoolean(3)), oid);
            facts.UnionWith(columns);

            facts.UnionWith(await QueryAsync(connection,
                $"SELECT conname, {KeyColumns("conkey", "conrelid")} FROM pg_constraint " +
                "WHERE conrelid = @oid AND contype = 'p'",
                r => SchemaDescription.PrimaryKey(table, r.GetString(0), r.GetFieldValue<string[]>(1)), oid));

            facts.UnionWith(await QueryAsync(connection,
                $"SELECT i.relname, x.indisunique, {KeyColumns("x.indkey::int2[]", "x.indrelid")} " +
                "FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = @oid AND NOT x.indisprimary",
                r => SchemaDescription.Index(table, r.GetString(0), r.GetBoolean(1), r.GetFieldValue<string[]>(2)), oid));

            facts.UnionWith(await QueryAsync(connection,
                $"SELECT conname, confrelid::regclass::text, {KeyColumns("conkey", "conrelid")}, " +
                $"{KeyColumns("confkey", "confrelid")}, confdeltype::text FROM pg_constraint " +
                "WHERE conrelid = @oid AND contype = 'f'",
                r => SchemaDescription.ForeignKey(
                    table, r.GetString(0), r.GetFieldValue<string[]>(2), r.GetString(1), r.GetFieldValue<string[]>(3), OnDelete(r.GetString(4))),
                oid));
        }

        return facts;
    }

    // Column lists of keys and indexes come back as text[] in key order.
    private static string KeyColumns(string attributeNumbers, string relation) =>
        $"array(SELECT a.attname FROM unnest({attributeNumbers}) WITH ORDINALITY k(attnum, ord) " +
        $"JOIN pg_attribute a ON a.attrelid = {relation} AND a.attnum = k.attnum ORDER BY k.ord)::text[]";

    private static string OnDelete(string code) => code switch
    {
        "c" => "cascade",
        "r" => "restrict",
        "n" => "set null",
        "d" => "set default",
        _ => "no action",
    };

    private static async Task<List<T>> QueryAsync<T>(
        NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read, uint? oid = null)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        if (oid is not null)
        {
            command.Parameters.AddWithValue("oid", NpgsqlTypes.NpgsqlDbType.Oid, oid.Value);
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

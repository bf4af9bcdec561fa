using Npgsql;

namespace G2G.Runtime.Tests.Reliability;

/// <summary>
/// Records, in the test database only, every deleted job row with the lease owner it had when it was deleted. A job
/// is consumed by deleting it in the same transaction as the command it runs (only while its lease is held), so a
/// row here with an owner is exactly one committed run by that node; a rolled-back attempt leaves no row. This is
/// how the tests learn which process fired which timer without changing the runtime.
/// </summary>
public sealed class JobDeletions(string connectionString)
{
    public async Task InstallAsync()
    {
        await ExecuteAsync("""
            CREATE TABLE reliability_job_deletions (
                job_id bigint NOT NULL, kind text NOT NULL, instance_id bigint, lease_owner text,
                deleted_at timestamptz NOT NULL DEFAULT clock_timestamp());
            CREATE FUNCTION reliability_record_job_deletion() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO reliability_job_deletions (job_id, kind, instance_id, lease_owner) VALUES (OLD.id, OLD.kind, OLD.instance_id, OLD.lease_owner);
                RETURN OLD;
            END $$;
            CREATE TRIGGER reliability_job_deletions AFTER DELETE ON jobs FOR EACH ROW EXECUTE FUNCTION reliability_record_job_deletion();
            """);
    }

    /// <summary>Committed runs of jobs of a kind, per lease owner.</summary>
    public async Task<Dictionary<string, int>> RunsByOwnerAsync(string kind)
    {
        var runs = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT lease_owner, count(*)::int FROM reliability_job_deletions WHERE kind = @kind AND lease_owner IS NOT NULL GROUP BY lease_owner", connection);
        command.Parameters.AddWithValue("kind", kind);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            runs[reader.GetString(0)] = reader.GetInt32(1);
        return runs;
    }

    /// <summary>Committed runs of jobs of a kind, per instance.</summary>
    public async Task<Dictionary<long, int>> RunsByInstanceAsync(string kind)
    {
        var runs = new Dictionary<long, int>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT instance_id, count(*)::int FROM reliability_job_deletions WHERE kind = @kind AND lease_owner IS NOT NULL GROUP BY instance_id", connection);
        command.Parameters.AddWithValue("kind", kind);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            runs[reader.GetInt64(0)] = reader.GetInt32(1);
        return runs;
    }

    /// <summary>Who ran each of the given jobs, and when (jobs never deleted are absent).</summary>
    public async Task<Dictionary<long, (string? Owner, DateTimeOffset At)>> RunsAsync(IReadOnlyCollection<long> jobIds)
    {
        var runs = new Dictionary<long, (string?, DateTimeOffset)>();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT job_id, lease_owner, deleted_at FROM reliability_job_deletions WHERE job_id = ANY(@ids)", connection);
        command.Parameters.AddWithValue("ids", jobIds.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            runs[reader.GetInt64(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2));
        return runs;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return connection;
    }
}

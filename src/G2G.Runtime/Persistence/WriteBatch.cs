using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace G2G.Runtime.Persistence;

/// <summary>
/// Statements written inside the context's current transaction, sent together: one <see cref="DbBatch"/> (one
/// round trip) on PostgreSQL, one statement after the other on SQLite, whose statements run in-process and whose
/// provider has no batches. A statement can require that it changed exactly one row (an update or delete of a
/// tracked row, with its version check); if it did not, the write fails with <see cref="DbUpdateConcurrencyException"/>.
/// Any database error fails it with <see cref="DbUpdateException"/>, as EF Core's SaveChanges does, so callers treat
/// both alike. Each round trip is traced as an activity of <see cref="RuntimeActivities.SourceName"/> with its SQL.
/// </summary>
internal sealed class WriteBatch : IDisposable
{
    private static readonly ActivitySource Source = new(RuntimeActivities.SourceName);

    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;

    /// <summary>Creates the parameters (EF's type mappings make them for a command); never executed.</summary>
    private readonly DbCommand _parameters;
    private readonly List<Statement> _pending = [];
    private readonly StringBuilder _sql = new();
    private List<DbParameter> _values = [];

    /// <summary>How the model stores an instant on this provider (G2GDbContext.ConfigureConventions), for values given without a type mapping.</summary>
    private readonly ValueConverter _instants;

    /// <summary>A statement; <paramref name="MustChangeOneRow"/> names the row it must change, built only if it did not.</summary>
    private sealed record Statement(string Sql, List<DbParameter> Values, Func<string>? MustChangeOneRow);

    private WriteBatch(DbConnection connection, DbTransaction transaction, bool postgres)
    {
        _connection = connection;
        _transaction = transaction;
        _parameters = connection.CreateCommand();
        IsPostgres = postgres;
        _instants = StoredInstants.For(postgres);
    }

    public bool IsPostgres { get; }

    /// <summary>A batch in the context's current transaction (a write outside one is a bug: it would not be atomic).</summary>
    public static WriteBatch For(DbContext db)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A command's rows are written inside its transaction.");
        return new WriteBatch(db.Database.GetDbConnection(), transaction, db.Database.IsNpgsql());
    }

    /// <summary>Appends text to the statement being built.</summary>
    public WriteBatch Sql(string text)
    {
        _sql.Append(text);
        return this;
    }

    /// <summary>
    /// Adds a value to the statement being built and returns its placeholder: with a type mapping as EF Core would send
    /// it; without, as given, except an instant, which is converted as the model stores instants.
    /// </summary>
    public string Value(object? value, RelationalTypeMapping? mapping = null, bool nullable = true)
    {
        // PostgreSQL: positional parameters ($1, $2 …) need no name rewriting in Npgsql; SQLite binds by name.
        var name = IsPostgres ? "" : "@p" + _values.Count.ToString(CultureInfo.InvariantCulture);
        DbParameter parameter;
        if (mapping is not null)
        {
            parameter = mapping.CreateParameter(_parameters, name, value, nullable);
        }
        else
        {
            parameter = _parameters.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = (value is DateTimeOffset at ? _instants.ConvertToProvider(at) : value) ?? DBNull.Value;
        }
        _values.Add(parameter);
        return IsPostgres ? "$" + _values.Count.ToString(CultureInfo.InvariantCulture) : name;
    }

    /// <summary>Ends the statement being built; with <paramref name="mustChangeOneRow"/>, it must change exactly the row that names.</summary>
    public void End(Func<string>? mustChangeOneRow = null)
    {
        _pending.Add(new Statement(_sql.ToString(), _values, mustChangeOneRow));
        _sql.Clear();
        _values = [];
    }

    public void Dispose() => _parameters.Dispose();

    /// <summary>Sends the pending statements, then the statement being built on its own, and returns its single value (an INSERT … RETURNING).</summary>
    public async Task<object?> ScalarAsync(CancellationToken cancellationToken)
    {
        var statement = new Statement(_sql.ToString(), _values, null);
        _sql.Clear();
        _values = [];
        await ExecuteAsync(cancellationToken).ConfigureAwait(false);
        return await RunAsync([statement], async command => await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false),
            async batch => await batch.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>Sends the pending statements and checks the rows they had to change.</summary>
    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        if (_sql.Length > 0)
            throw new InvalidOperationException("A statement was begun and not ended.");
        if (_pending.Count == 0)
            return;
        var statements = _pending.ToArray();
        _pending.Clear();
        if (IsPostgres)
        {
            await RunAsync(statements, null, async batch =>
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < statements.Length; i++)
                    Check(statements[i], batch.BatchCommands[i].RecordsAffected);
                return null;
            }).ConfigureAwait(false);
            return;
        }
        foreach (var statement in statements)
        {
            await RunAsync([statement], async command =>
            {
                Check(statement, await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false));
                return null;
            }, null).ConfigureAwait(false);
        }
    }

    private static void Check(Statement statement, int changed)
    {
        if (statement.MustChangeOneRow is { } row && changed != 1)
            throw new DbUpdateConcurrencyException($"{row()} was changed or deleted by another command since it was read ({changed} rows matched).");
    }

    /// <summary>Runs statements as one round trip: a command for one SQLite statement, a batch on PostgreSQL.</summary>
    private async Task<object?> RunAsync(Statement[] statements, Func<DbCommand, Task<object?>>? command, Func<DbBatch, Task<object?>>? batch)
    {
        using var activity = Source.StartActivity("write", ActivityKind.Client);
        activity?.SetTag("db.system", IsPostgres ? "postgresql" : "sqlite");
        activity?.SetTag("db.statements", statements.Select(s => s.Sql).ToArray());
        try
        {
            if (IsPostgres)
            {
                await using var dbBatch = _connection.CreateBatch();
                dbBatch.Transaction = _transaction;
                foreach (var statement in statements)
                {
                    var batchCommand = dbBatch.CreateBatchCommand();
                    batchCommand.CommandText = statement.Sql;
                    batchCommand.Parameters.AddRange(statement.Values.ToArray());
                    dbBatch.BatchCommands.Add(batchCommand);
                }
                return await batch!(dbBatch).ConfigureAwait(false);
            }
            await using var dbCommand = _connection.CreateCommand();
            dbCommand.Transaction = _transaction;
            dbCommand.CommandText = statements.Single().Sql;
            dbCommand.Parameters.AddRange(statements[0].Values.ToArray());
            return await command!(dbCommand).ConfigureAwait(false);
        }
        catch (DbException exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            throw new DbUpdateException($"Writing the command's rows failed: {exception.Message}", exception);
        }
    }
}

/// <summary>
/// The runtime's <see cref="ActivitySource"/>: an activity <c>write</c> (kind client) per round trip of a command's
/// write batch, tagged <c>db.system</c> and <c>db.statements</c> (the SQL of each statement, values as parameters).
/// Free when nobody listens; an OpenTelemetry tracer or an <see cref="ActivityListener"/> subscribes by name.
/// </summary>
public static class RuntimeActivities
{
    public const string SourceName = "G2G.Runtime";
}

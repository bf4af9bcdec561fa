using System.Data.Common;
using System.Diagnostics;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace G2G.Runtime.Benchmarks;

/// <summary>What the context sent to the database: each executed DbCommand (one round trip, however many statements it holds), transactions, connection opens.</summary>
internal sealed class DbCallLog
{
    private readonly object _gate = new();
    private readonly List<string> _commands = [];
    private readonly List<string?> _sequence = [];

    public int Begins { get; private set; }
    public int Commits { get; private set; }
    public int Rollbacks { get; private set; }
    public int Opens { get; private set; }

    /// <summary>Time spent inside executed commands, as EF measured it (until the reader is returned).</summary>
    public TimeSpan CommandTime { get; private set; }

    /// <summary>Time spent in commits (PostgreSQL: the WAL flush; SQLite: the WAL write and fsync).</summary>
    public TimeSpan CommitTime { get; private set; }

    public void Executed(TimeSpan duration) { lock (_gate) CommandTime += duration; }

    public int Commands { get { lock (_gate) return _commands.Count; } }

    /// <summary>SQL statements over all commands (an EF batch is one command with several statements).</summary>
    public int Statements { get { lock (_gate) return _commands.Sum(CountStatements); } }

    public IReadOnlyList<string> CommandTexts { get { lock (_gate) return [.. _commands]; } }

    /// <summary>Commands and transaction markers in order: SQL text, or "BEGIN", "COMMIT", "ROLLBACK" prefixed with '#'.</summary>
    public IReadOnlyList<string?> Sequence { get { lock (_gate) return [.. _sequence]; } }

    public void Command(DbCommand command) => Command(command.CommandText);

    public void Command(string text)
    {
        lock (_gate)
        {
            _commands.Add(text);
            _sequence.Add(text);
        }
    }

    public void Begin() { lock (_gate) { Begins++; _sequence.Add("#BEGIN"); } }
    public void Commit(TimeSpan duration) { lock (_gate) { Commits++; CommitTime += duration; _sequence.Add("#COMMIT"); } }
    public void Rollback() { lock (_gate) { Rollbacks++; _sequence.Add("#ROLLBACK"); } }
    public void Open() { lock (_gate) Opens++; }

    public void Clear()
    {
        lock (_gate)
        {
            _commands.Clear();
            _sequence.Clear();
            Begins = Commits = Rollbacks = Opens = 0;
            CommandTime = CommitTime = TimeSpan.Zero;
        }
    }

    public static int CountStatements(string sql) =>
        sql.Split(';').Count(part => !string.IsNullOrWhiteSpace(part));

    /// <summary>The first words of each statement: "SELECT … FROM process_instances", "INSERT INTO instance_events" and so on.</summary>
    public static IEnumerable<string> Describe(string sql) =>
        sql.Split(';').Where(part => !string.IsNullOrWhiteSpace(part)).Select(DescribeStatement);

    private static string DescribeStatement(string statement)
    {
        var words = statement.Split([' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var verb = words[0].ToUpperInvariant();
        // The table named after the keyword outside parentheses (a scalar subquery in the select list names another);
        // failing that, as for "FROM (SELECT …", the first table named after it anywhere.
        string Target(string after)
        {
            string? anywhere = null;
            var depth = 0;
            for (var i = 0; i + 1 < words.Length; i++)
            {
                if (words[i].Equals(after, StringComparison.OrdinalIgnoreCase) && words[i + 1].Trim('"', '(') is { Length: > 0 } table
                    && !table.Equals("SELECT", StringComparison.OrdinalIgnoreCase))
                {
                    if (depth == 0)
                        return table;
                    anywhere ??= table;
                }
                depth += words[i].Count(c => c == '(') - words[i].Count(c => c == ')');
            }
            return anywhere ?? "?";
        }
        return verb switch
        {
            "SELECT" => $"SELECT {Target("FROM")}",
            "INSERT" => $"INSERT {Target("INTO")}",
            "UPDATE" => $"UPDATE {words[1].Trim('"')}",
            "DELETE" => $"DELETE {Target("FROM")}",
            _ => verb,
        };
    }
}

/// <summary>Logs every command the context executes (reader, non-query, scalar; sync and async).</summary>
internal sealed class CommandCounter(DbCallLog log) : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        log.Command(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        log.Command(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        log.Command(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        log.Command(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        log.Command(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        log.Command(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>Adds the duration of each executed command.</summary>
internal sealed class CommandTimer(DbCallLog log) : DbCommandInterceptor
{
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        log.Executed(eventData.Duration);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        log.Executed(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        log.Executed(eventData.Duration);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        log.Executed(eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        log.Executed(eventData.Duration);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        log.Executed(eventData.Duration);
        return ValueTask.FromResult(result);
    }
}

/// <summary>
/// Logs the runtime's write batches, which it sends past EF Core's command interceptors (one DbBatch on PostgreSQL):
/// each traced round trip (<see cref="RuntimeActivities"/>) is one command holding its statements.
/// </summary>
internal sealed class WriteBatchCounter : IDisposable
{
    private readonly ActivityListener _listener;

    public WriteBatchCounter(DbCallLog log)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RuntimeActivities.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem("db.statements") is string[] statements)
                {
                    log.Command(string.Join(";\n", statements));
                    log.Executed(activity.Duration);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();
}

/// <summary>Logs transaction begins, commits and rollbacks.</summary>
internal sealed class TransactionCounter(DbCallLog log) : DbTransactionInterceptor
{
    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        log.Begin();
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        log.Begin();
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => log.Commit(eventData.Duration);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        log.Commit(eventData.Duration);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => log.Rollback();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        log.Rollback();
        return Task.CompletedTask;
    }
}

/// <summary>Logs physical connection opens (taken from the pool).</summary>
internal sealed class ConnectionCounter(DbCallLog log) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => log.Open();

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        log.Open();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Records database calls of the runtime's context that took longer than a threshold (begin, command,
/// commit), so a latency tail can be attributed: lock waits show as slow BEGINs on SQLite.
/// </summary>
internal sealed class SlowCalls(TimeSpan threshold) : DbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, int> Counts => _counts;

    public void Clear() => _counts.Clear();

    private void Note(string what, TimeSpan duration)
    {
        if (duration >= threshold)
            _counts.AddOrUpdate(what, 1, (_, n) => n + 1);
    }

    private static string What(DbCommand command) => string.Join(", ", DbCallLog.Describe(command.CommandText).Distinct());

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        Note(What(command), eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Note(What(command), eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        Note("BEGIN", eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Note("COMMIT", eventData.Duration);
        return Task.CompletedTask;
    }
}

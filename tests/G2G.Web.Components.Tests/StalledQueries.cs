using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace G2G.Web.Components.Tests;

/// <summary>
/// A database that answers no query until it is cancelled, as a slow PostgreSQL under load; or, once told to fail,
/// one whose every query throws (an unexpected failure, as a database that went away).
/// </summary>
public sealed class StalledQueries : DbCommandInterceptor
{
    private int _queries;

    /// <summary>Set with the first query's cancellation token when it starts.</summary>
    public TaskCompletionSource<CancellationToken> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int Queries => _queries;

    /// <summary>What every query throws instead of stalling, if set.</summary>
    public Exception? Failure { get; set; }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _queries);
        if (Failure is not null)
            throw Failure;
        Started.TrySetResult(cancellationToken);
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return result;
    }
}

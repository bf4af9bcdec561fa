namespace G2G.Runtime.Jobs;

/// <summary>
/// A job this node holds the lease of. The command that consumes it removes the job, or, when <see cref="MovesTo"/> is
/// set, moves it there (a timer cycle's next occurrence), in the command's own transaction.
/// </summary>
public sealed record JobClaim(long JobId, string Owner)
{
    public JobMove? MovesTo { get; init; }
}

/// <summary>Where a consumed job moves instead of being removed: its next due time and payload, released and with no failures counted.</summary>
public sealed record JobMove(DateTimeOffset DueAt, string Payload);

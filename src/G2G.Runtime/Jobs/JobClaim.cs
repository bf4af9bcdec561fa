namespace G2G.Runtime.Jobs;

/// <summary>A job this node holds the lease of.</summary>
public sealed record JobClaim(long JobId, string Owner);

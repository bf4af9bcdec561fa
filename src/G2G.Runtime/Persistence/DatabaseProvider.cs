namespace G2G.Runtime.Persistence;

/// <summary>The database engines the runtime can store its state in.</summary>
public enum DatabaseProvider
{
    /// <summary>Embedded single-file database; the default, for one node.</summary>
    Sqlite,

    /// <summary>PostgreSQL server; for production and for several nodes.</summary>
    Postgres,
}

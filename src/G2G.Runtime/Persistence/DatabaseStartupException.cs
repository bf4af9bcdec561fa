namespace G2G.Runtime.Persistence;

/// <summary>
/// The database could not be opened or brought to the current schema at start-up. The message names the
/// settings involved and the reason, without connection-string secrets.
/// </summary>
public sealed class DatabaseStartupException : Exception
{
    /// <summary>Creates the exception with an operator-facing message and the failure behind it.</summary>
    public DatabaseStartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with an operator-facing message.</summary>
    public DatabaseStartupException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a generic message; prefer the overloads that say what is wrong.</summary>
    public DatabaseStartupException()
    {
    }
}

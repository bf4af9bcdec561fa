namespace G2G.Runtime.Persistence;

/// <summary>
/// The database settings cannot be used as given. The message names the setting and what is allowed, so it can
/// be shown to an operator as it is.
/// </summary>
public sealed class DatabaseConfigurationException : Exception
{
    /// <summary>Creates the exception with an operator-facing message.</summary>
    public DatabaseConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an operator-facing message and the failure behind it.</summary>
    public DatabaseConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message; prefer the overloads that say what is wrong.</summary>
    public DatabaseConfigurationException()
    {
    }
}

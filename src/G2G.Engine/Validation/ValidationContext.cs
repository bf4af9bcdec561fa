namespace G2G.Engine.Validation;

/// <summary>
/// What the validator may check against beyond the file itself: deployed process keys (call
/// activities) and registered service actions. Permissive accepts every name.
/// </summary>
public sealed class ValidationContext
{
    public static ValidationContext Permissive { get; } = new();

    /// <summary>Whether a process key is deployed (processes in the same file always count); null skips the check.</summary>
    public Func<string, bool>? ProcessExists { get; init; }

    /// <summary>Whether a service action is registered; null skips the check.</summary>
    public Func<string, bool>? ActionExists { get; init; }
}

namespace G2G.Runtime;

/// <summary>Stable error codes of the runtime; the web layer maps them to problem+json responses.</summary>
public enum RuntimeErrorCode
{
    NotFound,
    Conflict,
    Invalid,
    NotAllowed,
    DefinitionInvalid,

    /// <summary>A classified item would go to someone whose clearance (密级) is below its classification.</summary>
    NotCleared,
}

/// <summary>A runtime operation refused with a precise reason. Nothing was written.</summary>
public sealed class RuntimeException(RuntimeErrorCode code, string message, IReadOnlyList<string>? details = null, Exception? inner = null)
    : Exception(message, inner)
{
    public RuntimeErrorCode Code { get; } = code;

    /// <summary>Every individual problem (for example each diagnostic of a refused definition).</summary>
    public IReadOnlyList<string> Details { get; } = details ?? [];

    /// <summary>For a refused form submission: every problem by field path.</summary>
    public IReadOnlyDictionary<string, string[]>? FieldErrors { get; init; }

    /// <summary>Set when the access rules refused the caller; the host audits it.</summary>
    public Security.AccessRefusal? Refusal { get; init; }
}

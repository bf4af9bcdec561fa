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

    /// <summary>The instance is no longer at the version the caller expected (HTTP If-Match): it changed since they read it.</summary>
    PreconditionFailed,

    /// <summary>The caller did the same thing too recently (催办 the same task within the interval); <see cref="RuntimeException.RetryAt"/> says from when they may again.</summary>
    TooSoon,
}

/// <summary>
/// A runtime operation refused with a precise reason. Nothing was written. The reason is a <see cref="RuntimeText"/>
/// (<see cref="RuntimeMessages"/>, the office's catalogue) so the host can show it in the reader's language;
/// <see cref="Exception.Message"/> is its English, for logs.
/// </summary>
public sealed class RuntimeException(RuntimeErrorCode code, RuntimeText text, IReadOnlyList<RuntimeText>? details = null, Exception? inner = null)
    : Exception(text.English, inner)
{
    public RuntimeErrorCode Code { get; } = code;

    /// <summary>Why the operation was refused.</summary>
    public RuntimeText Text { get; } = text;

    /// <summary>Every individual problem (for example each diagnostic of a refused definition), each in the reader's language.</summary>
    public IReadOnlyList<RuntimeText> Details { get; } = details ?? [];

    /// <summary>For a refused form submission: every problem by field path.</summary>
    public IReadOnlyDictionary<string, RuntimeText[]>? FieldErrors { get; init; }

    /// <summary>For <see cref="RuntimeErrorCode.TooSoon"/>: the instant from which the caller may do it again.</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>Set when the access rules refused the caller; the host audits it.</summary>
    public Security.AccessRefusal? Refusal { get; init; }

    /// <summary>A refusal of one field's value: <paramref name="text"/> is both the reason and the field's error.</summary>
    public static RuntimeException ForField(string field, RuntimeText text) =>
        new(RuntimeErrorCode.Invalid, text) { FieldErrors = new Dictionary<string, RuntimeText[]> { [field] = [text] } };
}

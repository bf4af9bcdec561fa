namespace G2G.Engine.Model.Extensions;

/// <summary>
/// Whether the person who started an instance may revoke it (撤销, withdraw their own application), as
/// <c>g2g:initiatorMayRevoke</c> on a <c>&lt;process&gt;</c> says. The runtime checks it, with who the caller is and what
/// others did (docs/bpmn-extensions.md, "Revoking one's own request").
/// </summary>
public enum InitiatorRevoke
{
    /// <summary><c>untilActed</c> (the default): while nobody but the initiator has acted on it, or while every open step is theirs again.</summary>
    UntilActed,

    /// <summary><c>always</c>: at any time while it runs.</summary>
    Always,

    /// <summary><c>never</c>: only an administrator ends it (终止).</summary>
    Never,
}

/// <summary>The written values of <c>g2g:initiatorMayRevoke</c>.</summary>
public static class InitiatorRevokeValues
{
    public const string UntilActed = "untilActed", Always = "always", Never = "never";

    /// <summary>The values in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Never, UntilActed, Always];

    /// <summary>The setting a value names (letter case aside), or null for anything else.</summary>
    public static InitiatorRevoke? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Trim().ToUpperInvariant() switch
        {
            "UNTILACTED" => InitiatorRevoke.UntilActed,
            "ALWAYS" => InitiatorRevoke.Always,
            "NEVER" => InitiatorRevoke.Never,
            _ => null,
        };
    }
}

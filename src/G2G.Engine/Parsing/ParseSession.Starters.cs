using System.Xml.Linq;
using G2G.Engine.Model.Extensions;
using G2G.Engine.Validation;

namespace G2G.Engine.Parsing;

internal sealed partial class ParseSession
{
    /// <summary>
    /// <c>g2g:starters</c> on a process: absent, anyone may start it; <c>none</c>, nobody; else a comma-separated list of
    /// <see cref="StarterRule"/>s. A rule that does not parse is an error naming it.
    /// </summary>
    private List<StarterRule>? ReadStarters(XElement process)
    {
        if (G2GAttribute(process, "starters") is not { } text)
            return null;
        _ = StarterRule.TryParseList(text, out var rules, out var errors); // the rules that parse are kept; each error is reported
        foreach (var error in errors)
            Error("extension.invalid", process, DiagnosticTexts.InvalidStarters(error));
        return [.. rules];
    }

    /// <summary><c>g2g:initiatorMayRevoke</c> on a process: <c>never</c>, <c>untilActed</c> (also when absent) or <c>always</c>.</summary>
    private InitiatorRevoke ReadInitiatorMayRevoke(XElement process)
    {
        if (G2GAttribute(process, "initiatorMayRevoke") is not { } text)
            return InitiatorRevoke.UntilActed;
        if (InitiatorRevokeValues.Parse(text) is { } setting)
            return setting;
        Error("extension.invalid", process, DiagnosticTexts.InvalidInitiatorMayRevoke(text, string.Join(", ", InitiatorRevokeValues.All)));
        return InitiatorRevoke.UntilActed;
    }
}

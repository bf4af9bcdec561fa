using System.Collections.Immutable;

namespace G2G.Engine.Model.Extensions;

/// <summary>
/// One entry of <c>g2g:starters</c> on a <c>&lt;process&gt;</c>: people who may start the process themselves, written
/// <c>kind('argument', …)</c> with literal arguments (nothing is known yet when someone starts): <c>user('id')</c>,
/// <c>group('id')</c>, <c>position('name')</c> (its holders anywhere) or <c>position('name', 'unit')</c> (its holders in
/// a department or agency). The runtime checks them against the organisation (docs/bpmn-extensions.md, "Who may start").
/// </summary>
public sealed record StarterRule(string Kind, ImmutableArray<string> Arguments, string Source)
{
    /// <summary>The value of <c>g2g:starters</c> that lets no person start the process (messages, signals, timers and calls still do).</summary>
    public const string Nobody = "none";

    /// <summary>Rule kinds and how many arguments each takes (min, max).</summary>
    public static IReadOnlyDictionary<string, (int Min, int Max)> Kinds { get; } = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["user"] = (1, 1),      // a user id
        ["group"] = (1, 1),     // a group id: its members
        ["position"] = (1, 2),  // a position name, and optionally the department or agency it is held in
    };

    public override string ToString() => Source;
}

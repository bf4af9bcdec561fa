using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using G2G.Engine.Parsing;

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

    /// <summary>
    /// Reads a value of <c>g2g:starters</c>: <see cref="Nobody"/> (no rules) or a comma-separated list of rules. False with
    /// a message for each rule that does not parse (the others are still given), or for a list that names nobody.
    /// </summary>
    public static bool TryParseList(string text, out IReadOnlyList<StarterRule> rules, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parsed = new List<StarterRule>();
        var problems = new List<string>();
        (rules, errors) = (parsed, problems);
        if (text.Trim() == Nobody)
            return true;
        var entries = AssignmentRuleParser.SplitArguments(text).Where(e => e.Length > 0).ToList();
        if (entries.Count == 0)
            problems.Add($"g2g:starters=\"{text}\" names nobody; write '{Nobody}' if no person may start the process.");
        foreach (var entry in entries)
        {
            if (TryParse(entry, out var rule, out var error))
                parsed.Add(rule);
            else
                problems.Add($"g2g:starters=\"{text}\": '{entry}' is not a starter rule: {error}");
        }
        return problems.Count == 0;
    }

    private static bool TryParse(string source, out StarterRule rule, [NotNullWhen(false)] out string? error)
    {
        rule = null!;
        if (!AssignmentRuleParser.TrySplitCall(source, Kinds, "write it as user('id'), group('id') or position('name'[, 'unit']).",
                "a starter rule", out var kind, out var texts, out error))
            return false;
        foreach (var argument in texts)
        {
            if (argument.Length < 2 || argument[0] is not ('\'' or '"') || argument[^1] != argument[0] || argument[1..^1].Contains(argument[0], StringComparison.Ordinal))
            {
                error = $"argument {argument} is not quoted text; starter rules take literal ids and names (nothing is known before the start).";
                return false;
            }
        }
        rule = new StarterRule(kind, [.. texts.Select(a => a[1..^1])], source);
        return true;
    }

    public override string ToString() => Source;
}

using System.Diagnostics.CodeAnalysis;
using System.Xml.Linq;
using G2G.Engine.Model.Extensions;

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
        if (text.Trim() == StarterRule.Nobody)
            return [];
        var entries = AssignmentRuleParser.SplitArguments(text).Where(e => e.Length > 0).ToList();
        if (entries.Count == 0)
        {
            Error("extension.invalid", process, $"g2g:starters=\"{text}\" names nobody; write '{StarterRule.Nobody}' if no person may start the process.");
            return [];
        }
        var rules = new List<StarterRule>();
        foreach (var entry in entries)
        {
            if (TryParseStarter(entry, out var rule, out var error))
                rules.Add(rule);
            else
                Error("extension.invalid", process, $"g2g:starters=\"{text}\": '{entry}' is not a starter rule: {error}");
        }
        return rules;
    }

    private static bool TryParseStarter(string source, out StarterRule rule, [NotNullWhen(false)] out string? error)
    {
        rule = null!;
        if (!AssignmentRuleParser.TrySplitCall(source, StarterRule.Kinds, "write it as user('id'), group('id') or position('name'[, 'unit']).",
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
}

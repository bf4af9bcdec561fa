using System.Diagnostics.CodeAnalysis;
using System.Text;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Extensions;

namespace G2G.Engine.Parsing;

/// <summary>Parses assignment rules written <c>kind(argument, …)</c>, each argument an expression.</summary>
public static class AssignmentRuleParser
{
    public static bool TryParse(string text, [NotNullWhen(true)] out AssignmentRule? rule, [NotNullWhen(false)] out string? error)
    {
        rule = null;
        var source = text.Trim();
        if (!TrySplitCall(source, AssignmentRule.Kinds, "write it as rule(arguments), e.g. position('处长', initiator.department) or user('zhang.san').",
                "a rule", out var kind, out var texts, out error))
            return false;
        var arguments = new List<Expression>();
        foreach (var argument in texts)
        {
            if (!Expression.TryParse(argument, out var expression, out var syntax))
            {
                error = $"argument '{argument}' does not parse: {syntax!.Message} (column {syntax.Column}).";
                return false;
            }
            arguments.Add(expression!);
        }
        rule = new AssignmentRule(kind, [.. arguments], source);
        return true;
    }

    /// <summary>
    /// Splits <c>kind(argument, …)</c> into the kind, one of <paramref name="kinds"/>, and its arguments' texts, their
    /// number within the kind's arity; else <paramref name="error"/> says what is wrong (<paramref name="shape"/> when it
    /// is not a call at all; <paramref name="what"/> names the sort of rule expected).
    /// </summary>
    internal static bool TrySplitCall(string source, IReadOnlyDictionary<string, (int Min, int Max)> kinds, string shape, string what,
        out string kind, out List<string> arguments, [NotNullWhen(false)] out string? error)
    {
        (kind, arguments, error) = ("", [], null);
        var open = source.IndexOf('(', StringComparison.Ordinal);
        if (open <= 0 || source[^1] != ')')
        {
            error = shape;
            return false;
        }
        kind = source[..open].Trim();
        if (!kinds.TryGetValue(kind, out var arity))
        {
            error = $"'{kind}' is not {what}; use one of {string.Join(", ", kinds.Keys)}.";
            return false;
        }
        arguments = SplitArguments(source[(open + 1)..^1]);
        if (arguments.Count < arity.Min || arguments.Count > arity.Max)
        {
            error = arity.Min == arity.Max
                ? $"{kind} takes {arity.Min} argument(s), not {arguments.Count}."
                : $"{kind} takes {arity.Min} to {arity.Max} arguments, not {arguments.Count}.";
            return false;
        }
        return true;
    }

    /// <summary>Splits at commas that are outside quotes, brackets and parentheses.</summary>
    internal static List<string> SplitArguments(string text)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        var depth = 0;
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is not null)
            {
                if (c == quote)
                    quote = null;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                parts.Add(current.ToString().Trim());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (current.ToString().Trim() is { Length: > 0 } last)
            parts.Add(last);
        return parts;
    }
}

using System.Collections.Frozen;

namespace G2G.Engine.Expressions;

/// <summary>Evaluates a call; the body reads its arguments through the <see cref="CallNode"/> accessors.</summary>
internal delegate Value FunctionBody(Evaluator ev, CallNode call);

/// <summary>
/// A built-in function: its name, how many arguments it takes, and which argument (if any) is a
/// lambda or must be a variable path. The parser checks all of this, so evaluation need not.
/// </summary>
/// <param name="Name">The name as written in expressions (case-sensitive).</param>
/// <param name="Usage">How a call looks, for arity messages: <c>round(number, digits?)</c>.</param>
/// <param name="MinArgs">Fewest arguments.</param>
/// <param name="MaxArgs">Most arguments.</param>
/// <param name="Body">The implementation.</param>
internal sealed record FunctionDef(string Name, string Usage, int MinArgs, int MaxArgs, FunctionBody Body)
{
    /// <summary>Index of the argument that is a lambda (optional when beyond <see cref="MinArgs"/>), or -1.</summary>
    public int LambdaArg { get; init; } = -1;

    /// <summary>True when the first argument must be a variable path (<c>exists</c>).</summary>
    public bool PathArg { get; init; }
}

/// <summary>The fixed table of built-in functions; no user-defined functions exist.</summary>
internal static partial class Functions
{
    private static readonly FrozenDictionary<string, FunctionDef> Table = Build();

    /// <summary>All function names, for documentation checks and suggestions.</summary>
    public static IEnumerable<string> Names => Table.Keys;

    public static bool TryGet(string name, out FunctionDef function) => Table.TryGetValue(name, out function!);

    private static FrozenDictionary<string, FunctionDef> Build()
    {
        var all = new List<FunctionDef>();
        AddTextFunctions(all);
        AddListFunctions(all);
        AddAggregateFunctions(all);
        AddNumberFunctions(all);
        AddNullFunctions(all);
        AddDateFunctions(all);
        AddCalendarFunctions(all);
        AddConversionFunctions(all);
        return all.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>The closest known name (same letters ignoring case, or at most two edits away), if any.</summary>
    public static string? Suggest(string name)
    {
        string? best = null;
        var bestDistance = 3;
        foreach (var candidate in Table.Keys)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase)) return candidate;
            var distance = EditDistance(name, candidate, bestDistance);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best;
    }

    // Levenshtein distance, giving up early past `limit` (names are short, so two rows suffice).
    private static int EditDistance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) >= limit) return limit;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace G2G.Engine.Expressions;

/// <summary>
/// A script task body: assignments in the expression language, separated by new lines or <c>;</c>,
/// e.g. <c>total = sum(map(lines, l -> l.amount))</c> and <c>form.approved = true</c>.
/// Immutable and thread-safe; parse once, run many times.
/// </summary>
public sealed class Script
{
    private readonly ScriptStatement[] _statements;
    private readonly int _localSlots;

    private Script(string source, List<ScriptStatement> statements, int localSlots)
    {
        Source = source;
        _statements = [.. statements];
        _localSlots = localSlots;
        var reads = new List<string>();
        var assigned = new List<string>();
        foreach (var statement in statements)
        {
            // A variable assigned by an earlier statement is the script's own, not an input.
            foreach (var read in statement.Reads)
            {
                if (!assigned.Contains(read) && !reads.Contains(read)) reads.Add(read);
            }
            if (!assigned.Contains(statement.Root)) assigned.Add(statement.Root);
        }
        RootVariables = [.. reads];
        AssignedVariables = [.. assigned];
    }

    /// <summary>The script text.</summary>
    public string Source { get; }

    /// <summary>
    /// Root variables the script reads from the scope, in order of first use: those read before the
    /// script itself assigns them, plus the roots of nested assignments (<c>form.x = 1</c> reads <c>form</c>).
    /// </summary>
    public IReadOnlyCollection<string> RootVariables { get; }

    /// <summary>Root variables the script writes, in order of first assignment.</summary>
    public IReadOnlyCollection<string> AssignedVariables { get; }

    /// <summary>Parses with the default limits.</summary>
    /// <exception cref="ExpressionSyntaxException">The text is not a valid script; the error says where.</exception>
    public static Script Parse(string source) => Parse(source, ExpressionLimits.Default);

    /// <summary>Parses with <paramref name="limits"/> (source length applies to the whole script).</summary>
    /// <exception cref="ExpressionSyntaxException">The text is not a valid script; the error says where.</exception>
    public static Script Parse(string source, ExpressionLimits limits) =>
        TryParse(source, limits, out var script, out var error) ? script : throw new ExpressionSyntaxException(error);

    /// <summary>Parses with the default limits; on failure returns false and the positioned error.</summary>
    public static bool TryParse(string source, [NotNullWhen(true)] out Script? script, [NotNullWhen(false)] out ExpressionSyntaxError? error) =>
        TryParse(source, ExpressionLimits.Default, out script, out error);

    /// <summary>Parses with <paramref name="limits"/>; on failure returns false and the positioned error.</summary>
    public static bool TryParse(string source, ExpressionLimits limits,
        [NotNullWhen(true)] out Script? script, [NotNullWhen(false)] out ExpressionSyntaxError? error)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            var (statements, slots) = Parser.ParseScript(source, limits);
            script = new Script(source, statements, slots);
            error = null;
            return true;
        }
        catch (SyntaxErrorException ex)
        {
            script = null;
            error = ExpressionSyntaxError.At(source, ex.Offset, ex.Message);
            return false;
        }
    }

    /// <summary>
    /// Runs the statements in order. Each statement sees the results of the earlier ones; the scope
    /// itself is never changed. Returns one update per statement, in order: the root name and its new
    /// value (for <c>form.approved = true</c>, the whole updated <c>form</c> record). The step limit
    /// applies to the whole run.
    /// </summary>
    /// <exception cref="ExpressionEvaluationException">A statement failed; earlier updates are not returned.</exception>
    public IReadOnlyList<KeyValuePair<string, Value>> Run(IVariableScope scope, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(context);
        var overlay = new OverlayScope(scope);
        var ev = new Evaluator(overlay, context, Source, _localSlots);
        var updates = new List<KeyValuePair<string, Value>>(_statements.Length);
        foreach (var statement in _statements)
        {
            var value = statement.Value.Evaluate(ev);
            if (statement.Path.Length > 0)
            {
                overlay.TryGetVariable(statement.Root, out var current);
                value = ScriptAssignment.Set(ev, statement, current, 0, value);
            }
            overlay.Set(statement.Root, value);
            updates.Add(new(statement.Root, value));
        }
        return updates;
    }

    /// <summary>The source text.</summary>
    public override string ToString() => Source;

    /// <summary>The caller's scope with the script's own assignments layered on top.</summary>
    private sealed class OverlayScope(IVariableScope inner) : IVariableScope
    {
        private readonly Dictionary<string, Value> _assigned = new(StringComparer.Ordinal);

        public void Set(string name, Value value) => _assigned[name] = value;

        public bool TryGetVariable(string name, [NotNullWhen(true)] out Value? value) =>
            _assigned.TryGetValue(name, out value) || inner.TryGetVariable(name, out value);
    }
}

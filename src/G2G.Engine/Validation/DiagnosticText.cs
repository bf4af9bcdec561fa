using System.Globalization;

namespace G2G.Engine.Validation;

/// <summary>
/// The message of a <see cref="Diagnostic"/> kept as its stable <see cref="Reason"/> (a <see cref="DiagnosticTexts"/>
/// method's name) and <see cref="Arguments"/>, so that a host can say the same in its reader's language; the
/// <see cref="Template"/> is the English one. An argument may itself be a <see cref="DiagnosticText"/> (an element
/// described, the kind of expression), rendered in the same language. Two texts are equal when they have the same reason
/// and arguments.
/// </summary>
public sealed class DiagnosticText : IEquatable<DiagnosticText>
{
    internal DiagnosticText(string reason, string template, params object?[] arguments)
    {
        Reason = reason;
        Template = template;
        Arguments = arguments;
    }

    /// <summary>The stable name of the message (the <see cref="DiagnosticTexts"/> method that made it).</summary>
    public string Reason { get; }

    /// <summary>The English composite format; <see cref="Arguments"/> fill its <c>{0}</c>, <c>{1}</c> ….</summary>
    public string Template { get; }

    public IReadOnlyList<object?> Arguments { get; }

    /// <summary>The message in English (the engine's own language, for logs and <see cref="Diagnostic.Message"/>).</summary>
    public string English => string.Format(CultureInfo.InvariantCulture, Template,
        [.. Arguments.Select(a => a is DiagnosticText nested ? nested.English : a)]);

    public bool Equals(DiagnosticText? other) =>
        other is not null && Reason == other.Reason && Arguments.SequenceEqual(other.Arguments);

    public override bool Equals(object? obj) => Equals(obj as DiagnosticText);

    public override int GetHashCode() => HashCode.Combine(Reason, Arguments.Count);

    public override string ToString() => English;
}

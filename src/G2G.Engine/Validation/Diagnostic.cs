namespace G2G.Engine.Validation;

public enum DiagnosticSeverity { Error, Warning }

/// <summary>
/// One problem in a definition: a stable code, the element (id and kind), where it is in the file and
/// a plain-language message. The designer marks the element on the canvas with it. The message is kept as its reason
/// and arguments (<see cref="Text"/>) so that a host can show it in its reader's language; <see cref="Message"/> is English.
/// </summary>
public sealed record Diagnostic(
    DiagnosticSeverity Severity,
    string Code,
    string? ElementId,
    string? ElementKind,
    int Line,
    int Column,
    DiagnosticText Text)
{
    /// <summary>The message in English.</summary>
    public string Message => Text.English;

    public override string ToString()
    {
        var where = Line > 0 ? $"line {Line}, column {Column}" : "unknown position";
        var element = ElementId is null ? "" : $" {ElementKind} '{ElementId}'";
        return $"{Severity.ToString().ToLowerInvariant()} {Code} at {where}{element}: {Message}";
    }
}

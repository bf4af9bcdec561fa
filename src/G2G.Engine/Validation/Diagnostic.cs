namespace G2G.Engine.Validation;

public enum DiagnosticSeverity { Error, Warning }

/// <summary>
/// One problem in a definition: a stable code, the element (id and kind), where it is in the file and
/// a plain-language message. The designer marks the element on the canvas with it.
/// </summary>
public sealed record Diagnostic(
    DiagnosticSeverity Severity,
    string Code,
    string? ElementId,
    string? ElementKind,
    int Line,
    int Column,
    string Message)
{
    public override string ToString()
    {
        var where = Line > 0 ? $"line {Line}, column {Column}" : "unknown position";
        var element = ElementId is null ? "" : $" {ElementKind} '{ElementId}'";
        return $"{Severity.ToString().ToLowerInvariant()} {Code} at {where}{element}: {Message}";
    }
}

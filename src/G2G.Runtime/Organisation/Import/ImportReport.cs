namespace G2G.Runtime.Organisation.Import;

/// <summary>The file formats of an organisation import (docs/organisation.md, "Import").</summary>
public enum ImportFormat
{
    Json,
    Csv,
}

/// <summary>
/// What an import did or, for a dry run, would do. <see cref="Applied"/> is true only for a real import without
/// problems; otherwise nothing was changed and <see cref="Problems"/> lists every problem with its line (CSV) or
/// JSON path. <see cref="Items"/> lists each item of a file without problems and whether it was (or would be) created.
/// </summary>
public sealed record ImportReport(bool DryRun, bool Applied, IReadOnlyList<ImportProblem> Problems, int Created, int Unchanged, IReadOnlyList<ImportedItem> Items)
{
    public bool Succeeded => Problems.Count == 0;
}

/// <summary>One item of an imported file: its kind (agency, department, user, head, position …), what identifies it, where it was written, and what happened.</summary>
public sealed record ImportedItem(string Kind, string Key, string Location, ChangeOutcome Outcome);

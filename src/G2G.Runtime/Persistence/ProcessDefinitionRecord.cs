namespace G2G.Runtime.Persistence;

/// <summary>
/// One deployed version of a BPMN process definition, stored as the XML that was deployed.
/// Rows are immutable once written: a changed diagram is a new version.
/// </summary>
public sealed class ProcessDefinitionRecord
{
    /// <summary>Database-generated surrogate key.</summary>
    public long Id { get; set; }

    /// <summary>The BPMN process id that names the procedure across versions.</summary>
    public required string ProcessKey { get; set; }

    /// <summary>1 for the first deployment of a key, then incremented; unique per key.</summary>
    public int Version { get; set; }

    /// <summary>Human-readable name taken from the diagram, if it has one.</summary>
    public string? Name { get; set; }

    /// <summary>Hex SHA-256 of the XML, so redeploying identical content can be detected.</summary>
    public required string ContentHash { get; set; }

    /// <summary>The BPMN 2.0 XML exactly as deployed.</summary>
    public required string Xml { get; set; }

    /// <summary>When the version was deployed; read back in UTC on every provider.</summary>
    public DateTimeOffset DeployedAt { get; set; }

    /// <summary>Whether new process instances may start from this version.</summary>
    public bool IsPublished { get; set; }

    /// <summary>Who deployed it: a user id, a system token's name, or <c>system</c> for the workflows folder at start.</summary>
    public string? DeployedBy { get; set; }

    /// <summary>
    /// Where it came from: the file's path under the workflows folder, the name given to the API, or <c>designer</c>.
    /// The workflows folder compares a file with the last version deployed from that same path.
    /// </summary>
    public string? Source { get; set; }
}

/// <summary>
/// A procedure's draft in the process designer: one per process key, shared by the designers (the last save wins),
/// kept until it is published or discarded. Not a version: nothing runs from it.
/// </summary>
public sealed class ProcessDraftRecord
{
    public long Id { get; set; }

    /// <summary>The id of the diagram's executable process.</summary>
    public required string ProcessKey { get; set; }

    public string? Name { get; set; }

    /// <summary>The version the draft was opened from; null for a new or imported procedure.</summary>
    public int? BasedOnVersion { get; set; }

    /// <summary>The BPMN 2.0 XML as the modeler saved it (diagram included).</summary>
    public required string Xml { get; set; }

    /// <summary>
    /// The form schemas edited in the designer's form editor, as a JSON object from form key to schema; null when none
    /// was edited (the tasks keep the forms deployed before). Published with the draft (migration DraftForms).
    /// </summary>
    public string? Forms { get; set; }

    public required string SavedBy { get; set; }

    public DateTimeOffset SavedAt { get; set; }
}

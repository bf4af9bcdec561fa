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
}

namespace G2G.Engine.Model;

/// <summary>Where an element was written in the source XML (1-based; 0 when unknown).</summary>
public readonly record struct SourcePosition(int Line, int Column)
{
    public override string ToString() => Line == 0 ? "?" : $"{Line}:{Column}";
}

/// <summary>Any identified BPMN element of an executable definition.</summary>
public abstract class BpmnElement
{
    protected BpmnElement(string id, string? name, string kind, SourcePosition position)
    {
        Id = id;
        Name = name;
        Kind = kind;
        Position = position;
    }

    /// <summary>The element's <c>id</c> attribute, unique within the definitions.</summary>
    public string Id { get; }

    /// <summary>The human name (<c>name</c> attribute), if any.</summary>
    public string? Name { get; }

    /// <summary>The BPMN element name, e.g. <c>userTask</c> or <c>exclusiveGateway</c>.</summary>
    public string Kind { get; }

    public SourcePosition Position { get; }

    public override string ToString() => Name is null ? $"{Kind} '{Id}'" : $"{Kind} '{Id}' ({Name})";
}

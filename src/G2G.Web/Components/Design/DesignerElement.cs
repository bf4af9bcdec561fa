using System.Xml.Linq;

namespace G2G.Web.Components.Design;

/// <summary>The element selected on the designer's canvas, as Designer.razor.js describes it to the properties panel.</summary>
/// <param name="Id">The BPMN id.</param>
/// <param name="Type">The BPMN type without its prefix: UserTask, ServiceTask, ExclusiveGateway …</param>
/// <param name="Attributes">The element's g2g: attributes that are set, by name without the prefix.</param>
/// <param name="MultiInstance">The element's multi-instance settings, or null.</param>
/// <param name="UserTasks">For a user task, the user tasks of the diagram (send-back targets to pick from).</param>
/// <param name="TargetNamespace">For the process, the file's targetNamespace (its category in the start catalog).</param>
public sealed record DesignerElement(string Id, string Type, string? Name, IReadOnlyDictionary<string, string> Attributes, MultiInstanceSettings? MultiInstance,
    IReadOnlyList<TaskChoice>? UserTasks = null, string? TargetNamespace = null)
{
    public string? Attribute(string name) => Attributes.GetValueOrDefault(name);
}

/// <summary>A user task of the diagram, as a send-back target: its id and name.</summary>
public sealed record TaskChoice(string Id, string? Name);

/// <summary>A multi-instance loop: one after another (依次) or in parallel, over a collection, until the completion condition holds.</summary>
public sealed record MultiInstanceSettings(bool Sequential, string? Collection, string? ElementVariable, string? CompletionCondition);

/// <summary>g2g: attributes to set on an element (null removes one), and the element's new name when it changes.</summary>
public sealed record AttributeChange(IReadOnlyDictionary<string, string?> Values, string? Name = null);

/// <summary>The kinds of multi-instance step the panel offers (docs/bpmn-extensions.md, "Multi-instance").</summary>
public enum MultiInstanceKind
{
    /// <summary>One task.</summary>
    None,

    /// <summary>会签: everyone must act; no completion condition.</summary>
    All,

    /// <summary>或签: the first to act decides.</summary>
    Any,

    /// <summary>票签: a share of approvals decides.</summary>
    Vote,

    /// <summary>依次审批: one after another.</summary>
    Sequential,
}

/// <summary>Reads a multi-instance kind from its settings and writes the settings of a kind.</summary>
public static class MultiInstanceKinds
{
    public const string AnyCondition = "nrOfCompletedInstances >= 1";
    public const string VoteCondition = "nrOfApproved / nrOfInstances > 0.5";

    public static MultiInstanceKind Of(MultiInstanceSettings? settings) => settings switch
    {
        null => MultiInstanceKind.None,
        { Sequential: true } => MultiInstanceKind.Sequential,
        { CompletionCondition: null or "" } => MultiInstanceKind.All,
        { CompletionCondition: var c } when Normal(c) == Normal(AnyCondition) => MultiInstanceKind.Any,
        _ => MultiInstanceKind.Vote,
    };

    /// <summary>The settings of <paramref name="kind"/>, keeping the collection and element variable of <paramref name="current"/>.</summary>
    public static MultiInstanceSettings? Settings(MultiInstanceKind kind, MultiInstanceSettings? current) => kind switch
    {
        MultiInstanceKind.None => null,
        MultiInstanceKind.Sequential => new(true, current?.Collection, current?.ElementVariable, null),
        MultiInstanceKind.All => new(false, current?.Collection, current?.ElementVariable, null),
        MultiInstanceKind.Any => new(false, current?.Collection, current?.ElementVariable, AnyCondition),
        _ => new(false, current?.Collection, current?.ElementVariable,
            Of(current) == MultiInstanceKind.Vote ? current!.CompletionCondition : VoteCondition),
    };

    private static string Normal(string? text) => string.Concat((text ?? "").Where(c => !char.IsWhiteSpace(c)));
}

/// <summary>The diagram of a new procedure: one start event, with the process's id and name (escaped as XML).</summary>
public static class NewDiagram
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    private static readonly XNamespace Di = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    private static readonly XNamespace G2G = "urn:g2g:bpmn:1.0";

    public static string Xml(string processKey, string name) => new XDocument(
        new XElement(Bpmn + "definitions",
            new XAttribute(XNamespace.Xmlns + "bpmn", Bpmn), new XAttribute(XNamespace.Xmlns + "bpmndi", Di),
            new XAttribute(XNamespace.Xmlns + "dc", Dc), new XAttribute(XNamespace.Xmlns + "g2g", G2G),
            new XAttribute("id", $"definitions_{processKey}"), new XAttribute("targetNamespace", "urn:g2g:procedures"),
            new XElement(Bpmn + "process", new XAttribute("id", processKey), new XAttribute("name", name), new XAttribute("isExecutable", "true"),
                new XElement(Bpmn + "startEvent", new XAttribute("id", "start"))),
            new XElement(Di + "BPMNDiagram", new XAttribute("id", $"diagram_{processKey}"),
                new XElement(Di + "BPMNPlane", new XAttribute("id", $"plane_{processKey}"), new XAttribute("bpmnElement", processKey),
                    new XElement(Di + "BPMNShape", new XAttribute("id", "start_di"), new XAttribute("bpmnElement", "start"),
                        new XElement(Dc + "Bounds", new XAttribute("x", 180), new XAttribute("y", 160), new XAttribute("width", 36), new XAttribute("height", 36)))))))
        .ToString();
}

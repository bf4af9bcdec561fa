using System.Xml.Linq;

namespace G2G.Engine.Parsing;

/// <summary>The XML namespaces the parser reads. Prefixes vary between tools; only the URIs matter.</summary>
public static class BpmnNamespaces
{
    /// <summary>BPMN 2.0 semantic model (written as <c>bpmn:</c>, <c>bpmn2:</c>, <c>semantic:</c> or as the default namespace).</summary>
    public static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>G2G's own extension attributes and elements (docs/bpmn-extensions.md).</summary>
    public static readonly XNamespace G2G = "urn:g2g:bpmn:1.0";

    /// <summary>Camunda's extensions; a few (collection, elementVariable) are read for interchange.</summary>
    public static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
}

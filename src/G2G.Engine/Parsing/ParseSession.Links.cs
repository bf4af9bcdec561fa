using System.Xml.Linq;
using G2G.Engine.Model;
using G2G.Engine.Model.Events;
using G2G.Engine.Validation;

namespace G2G.Engine.Parsing;

internal sealed partial class ParseSession
{
    /// <summary>
    /// Pairs link throws with the catch of the same name on the same process level (BPMN 2.0 §10.5.4):
    /// several throws may share one catch; a name must not have two catches.
    /// </summary>
    private void ResolveLinks(IEnumerable<(FlowNode Node, XElement Xml)> nodes)
    {
        var catches = new Dictionary<string, IntermediateCatchEvent>(StringComparer.Ordinal);
        var throws = new List<(IntermediateThrowEvent Node, string Name, XElement Xml)>();
        foreach (var (node, xml) in nodes)
        {
            switch (node)
            {
                case IntermediateCatchEvent { Definition: LinkDefinition link } target
                    when !catches.TryAdd(link.LinkName, target):
                    Error("bpmn.link-ambiguous", xml, DiagnosticTexts.LinkAmbiguous(link.LinkName, catches[link.LinkName].Id, node.Id));
                    break;
                case IntermediateThrowEvent { Definition: LinkDefinition link } source:
                    throws.Add((source, link.LinkName, xml));
                    break;
            }
        }
        foreach (var (source, name, xml) in throws)
        {
            if (catches.TryGetValue(name, out var target))
                source.LinkTarget = target;
            else
                Error("bpmn.link-unmatched", xml, DiagnosticTexts.LinkUnmatched(source.Id, name));
        }
    }
}

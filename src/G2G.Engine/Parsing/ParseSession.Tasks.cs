using System.Xml.Linq;
using G2G.Engine.Expressions;
using G2G.Engine.Model;
using G2G.Engine.Model.Activities;
using G2G.Engine.Validation;

namespace G2G.Engine.Parsing;

internal sealed partial class ParseSession
{
    private FlowNode? ReadTask(XElement xml, string kind, string id, string? name, SourcePosition position)
    {
        switch (kind)
        {
            case "task":
            case "manualTask":
                return new PlainTask(id, name, kind, position);
            case "userTask":
                return new UserTask(id, name, position, ReadHumanTaskSettings(xml));
            case "serviceTask":
                return new ServiceTask(id, name, position, G2GAttribute(xml, "action"));
            case "scriptTask":
                return ReadScriptTask(xml, id, name, position);
            case "sendTask":
                return new SendTask(id, name, position, ReadMessageRef(xml, xml, "messageRef"));
            case "receiveTask":
                return ReadMessageRef(xml, xml, "messageRef") is { } message
                    ? new ReceiveTask(id, name, position, message)
                    : new UnsupportedNode(id, name, kind, position);
            case "callActivity":
                return ReadCallActivity(xml, id, name, position);
            default:
                return null;
        }
    }

    private ScriptTask ReadScriptTask(XElement xml, string id, string? name, SourcePosition position)
    {
        var format = (string?)xml.Attribute("scriptFormat");
        var text = xml.Element(BpmnNamespaces.Model + "script")?.Value;
        if (format is not null && !format.Equals("g2g", StringComparison.OrdinalIgnoreCase))
        {
            Error("bpmn.unsupported-script", xml, DiagnosticTexts.UnsupportedScriptFormat(format));
            return new ScriptTask(id, name, position, null, format);
        }
        if (string.IsNullOrWhiteSpace(text))
            return new ScriptTask(id, name, position, null, format);
        if (Script.TryParse(text, out var script, out var error))
            return new ScriptTask(id, name, position, script, format);
        Error("expression.syntax", xml, DiagnosticTexts.ScriptSyntax(error!.Message, error.Line, error.Column));
        return new ScriptTask(id, name, position, null, format);
    }

    private CallActivity ReadCallActivity(XElement xml, string id, string? name, SourcePosition position)
    {
        var called = (string?)xml.Attribute("calledElement");
        int? version = null;
        if (G2GAttribute(xml, "version") is { } v && !v.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            if (int.TryParse(v, out var pinned) && pinned > 0)
                version = pinned;
            else
                Error("extension.invalid", xml, DiagnosticTexts.InvalidCallVersion(v));
        }
        var extensions = xml.Element(BpmnNamespaces.Model + "extensionElements");
        return new CallActivity(id, name, position, called, version, ReadMappings(extensions, "in", xml), ReadMappings(extensions, "out", xml));
    }

    private List<VariableMapping> ReadMappings(XElement? extensions, string direction, XElement owner)
    {
        var mappings = new List<VariableMapping>();
        if (extensions is null)
            return mappings;
        foreach (var mapping in extensions.Elements(BpmnNamespaces.G2G + direction))
        {
            var source = (string?)mapping.Attribute("source");
            var target = (string?)mapping.Attribute("target");
            if (string.IsNullOrWhiteSpace(source) || string.IsNullOrWhiteSpace(target))
            {
                Error("extension.invalid", owner, DiagnosticTexts.MappingIncomplete(direction));
                continue;
            }
            if (ParseExpressionText(source, owner, $"g2g:{direction} source") is { } expression)
                mappings.Add(new VariableMapping(expression, target));
        }
        return mappings;
    }

    private MultiInstance? ReadMultiInstance(XElement xml, Activity activity)
    {
        var loop = xml.Element(BpmnNamespaces.Model + "multiInstanceLoopCharacteristics");
        if (loop is null)
            return null;
        var collectionText = (string?)loop.Attribute(BpmnNamespaces.G2G + "collection") ?? (string?)loop.Attribute(BpmnNamespaces.Camunda + "collection");
        var collection = collectionText is null ? null : ParseExpressionText(collectionText, xml, DiagnosticTexts.MultiInstanceCollection());
        var cardinality = loop.Element(BpmnNamespaces.Model + "loopCardinality") is { } c ? ReadExpression(c, xml, DiagnosticTexts.LoopCardinality()) : null;
        if (collection is null && cardinality is null)
        {
            Error("bpmn.multi-instance-empty", xml, DiagnosticTexts.MultiInstanceEmpty(activity.Id));
            return null;
        }
        return new MultiInstance(
            Flag(loop, "isSequential", false, xml),
            collection,
            cardinality,
            (string?)loop.Attribute(BpmnNamespaces.G2G + "elementVariable") ?? (string?)loop.Attribute(BpmnNamespaces.Camunda + "elementVariable"),
            loop.Element(BpmnNamespaces.Model + "completionCondition") is { } cc ? ReadExpression(cc, xml, DiagnosticTexts.CompletionCondition()) : null);
    }

    private static string? G2GAttribute(XElement xml, string name) => (string?)xml.Attribute(BpmnNamespaces.G2G + name);

    /// <summary>An expression written as element text (a condition, cardinality or completion condition).</summary>
    private Expression? ReadExpression(XElement element, XElement owner, DiagnosticText what)
    {
        var language = (string?)element.Attribute("language");
        var declared = language is null ? (string?)_languageDeclaration?.Attribute("expressionLanguage") : null;
        if ((language ?? declared) is { } foreign && !IsOurLanguage(foreign))
        {
            Error("bpmn.unsupported-expression-language", owner, declared is null
                ? DiagnosticTexts.UnsupportedExpressionLanguage(what, foreign)
                : DiagnosticTexts.UnsupportedDeclaredLanguage(what, foreign, PositionOf(_languageDeclaration!).Line));
            return null;
        }
        return string.IsNullOrWhiteSpace(element.Value) ? null : ParseExpressionText(element.Value, owner, what);
    }

    private static bool IsOurLanguage(string language) =>
        language.Equals("g2g", StringComparison.OrdinalIgnoreCase) || language == BpmnNamespaces.G2G.NamespaceName;

    /// <summary>
    /// Parses expression text; a JUEL-style ${…} wrapper from other modelers is accepted and removed. <paramref name="what"/>
    /// names the expression in a message: a <see cref="DiagnosticText"/> of <see cref="DiagnosticTexts"/>, or the attribute.
    /// </summary>
    private Expression? ParseExpressionText(string text, XElement owner, object what)
    {
        var source = text.Trim();
        if (source.Length > 3 && source[0] is '$' or '#' && source[1] == '{' && source[^1] == '}')
            source = source[2..^1].Trim();
        if (Expression.TryParse(source, out var expression, out var error))
            return expression;
        Error("expression.syntax", owner, DiagnosticTexts.ExpressionSyntax(what, source, error!.Message, error.Line, error.Column));
        return null;
    }
}

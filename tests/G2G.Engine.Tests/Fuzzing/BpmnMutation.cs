using System.Text;
using System.Xml;
using System.Xml.Linq;
using CsCheck;
using G2G.Engine.Parsing;

namespace G2G.Engine.Tests.Fuzzing;

/// <summary>What one mutation does; element and attribute choices are taken modulo what the document has.</summary>
internal enum MutationKind
{
    RemoveElement, DuplicateElement, MoveElement, WrapInSubProcess, RenameElement, InsertSnippet,
    SetAttribute, RemoveAttribute, RepointReference, SetText,
    DeleteSlice, InsertText, DuplicateSlice, Truncate,
}

/// <summary>One mutation of a corpus file. <see cref="A"/>, <see cref="B"/> pick elements, attributes or offsets.</summary>
internal sealed record BpmnMutation(MutationKind Kind, int A, int B, string Text)
{
    /// <summary>Values that have broken parsers before: empty, huge, negative, malformed durations and expressions, other syntaxes.</summary>
    private static readonly string[] Hostile =
    [
        "", " ", "0", "-1", "2147483648", "99999999999999999999999999999", "1e308", "NaN", "true", "null",
        "P9999999999Y", "PT-1H", "P-1D", "PT0S", "P0D", "R-1/PT1M", "R/PT0S", "R0/PT1H", "R99999999999/PT1S", "R3/2026-13-45T99:00/P1D",
        "2026-02-30T00:00:00", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z", "1wd", "-3wd", "99999999wd", "0.5wh", "2wh,", "1wd;1wh",
        "${x}", "#{x}", "'", "\"", "((((((((((((", "))", "form.amount >", "a ->", "[1,2,", "{a:", "sum(map(x, l -> l.a))",
        "addWorkingDays(now(), 99999999)", "date('9999-99-99')", "duration('P1Y') * 1e20", "len(x) / 0", "x = 1; y =", "a.b.c.d.e.f.g",
        "initiator()", "leader(initiator.agency)", "departmentHead(", "user(''), group(null)", "role:,", "position:审批人", ",,,",
        "申请人", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "\u202Eevil", "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "file:///etc/passwd",
        "sendBack,addSigner,transfer,delegate,copy,urge,withdraw,unknown", "required", "optional", "forbidden", "leave/apply",
        new string('x', 5000), string.Concat(Enumerable.Repeat("a.", 400)) + "a", string.Concat(Enumerable.Repeat("(", 70)) + "1",
    ];

    /// <summary>Elements an element may be renamed to, covering supported, unsupported and unknown kinds.</summary>
    private static readonly string[] Kinds =
    [
        "task", "userTask", "serviceTask", "scriptTask", "sendTask", "receiveTask", "manualTask", "businessRuleTask", "callActivity",
        "subProcess", "transaction", "adHocSubProcess", "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent",
        "boundaryEvent", "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway", "sequenceFlow",
        "process", "collaboration", "participant", "message", "signal", "error", "escalation", "timerEventDefinition",
        "messageEventDefinition", "signalEventDefinition", "errorEventDefinition", "escalationEventDefinition", "linkEventDefinition",
        "terminateEventDefinition", "conditionalEventDefinition", "compensateEventDefinition", "cancelEventDefinition",
        "multiInstanceLoopCharacteristics", "standardLoopCharacteristics", "conditionExpression", "timeDuration", "timeCycle",
        "timeDate", "loopCardinality", "completionCondition", "script", "notABpmnElement",
    ];

    /// <summary>Fragments inserted as children (namespace prefixes bpmn: and g2g: are declared by the wrapper).</summary>
    private static readonly string[] Snippets =
    [
        "<bpmn:timerEventDefinition><bpmn:timeDuration>{0}</bpmn:timeDuration></bpmn:timerEventDefinition>",
        "<bpmn:timerEventDefinition><bpmn:timeCycle>{0}</bpmn:timeCycle></bpmn:timerEventDefinition>",
        "<bpmn:timerEventDefinition><bpmn:timeDate>{0}</bpmn:timeDate></bpmn:timerEventDefinition>",
        "<bpmn:timerEventDefinition />",
        "<bpmn:conditionalEventDefinition><bpmn:condition>{0}</bpmn:condition></bpmn:conditionalEventDefinition>",
        "<bpmn:messageEventDefinition messageRef=\"{0}\" />", "<bpmn:signalEventDefinition signalRef=\"{0}\" />",
        "<bpmn:errorEventDefinition errorRef=\"{0}\" />", "<bpmn:escalationEventDefinition escalationRef=\"{0}\" />",
        "<bpmn:linkEventDefinition name=\"{0}\" />", "<bpmn:terminateEventDefinition />", "<bpmn:compensateEventDefinition />",
        "<bpmn:multiInstanceLoopCharacteristics isSequential=\"{0}\"><bpmn:loopCardinality>{0}</bpmn:loopCardinality><bpmn:completionCondition>{0}</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics>",
        "<bpmn:multiInstanceLoopCharacteristics g2g:collection=\"{0}\" g2g:elementVariable=\"{0}\" />",
        "<bpmn:standardLoopCharacteristics testBefore=\"{0}\" loopMaximum=\"{0}\"><bpmn:loopCondition>{0}</bpmn:loopCondition></bpmn:standardLoopCharacteristics>",
        "<bpmn:conditionExpression>{0}</bpmn:conditionExpression>", "<bpmn:script>{0}</bpmn:script>",
        "<bpmn:startEvent id=\"{0}\" />", "<bpmn:endEvent id=\"fz-end\" />", "<bpmn:userTask id=\"fz-task\" g2g:assignee=\"{0}\" g2g:due=\"{0}\" />",
        "<bpmn:sequenceFlow id=\"fz-flow\" sourceRef=\"{0}\" targetRef=\"{0}\" />", "<bpmn:subProcess id=\"fz-sub\" triggeredByEvent=\"{0}\" />",
        "<bpmn:boundaryEvent id=\"fz-boundary\" attachedToRef=\"{0}\" cancelActivity=\"{0}\"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>",
        "<bpmn:callActivity id=\"fz-call\" calledElement=\"{0}\" />", "<bpmn:serviceTask id=\"fz-service\" g2g:action=\"{0}\" />",
        "<bpmn:process id=\"{0}\" isExecutable=\"true\" />", "<bpmn:extensionElements><g2g:anything a=\"{0}\" /></bpmn:extensionElements>",
    ];

    /// <summary>Attributes a set-attribute mutation writes: references, flags and G2G extensions.</summary>
    private static readonly XName[] Attributes =
    [
        "id", "name", "sourceRef", "targetRef", "attachedToRef", "default", "calledElement", "processRef", "messageRef", "signalRef",
        "errorRef", "escalationRef", "isExecutable", "isInterrupting", "cancelActivity", "triggeredByEvent", "isSequential",
        "testBefore", "loopMaximum", "scriptFormat", "language", "expressionLanguage",
        BpmnNamespaces.G2G + "assignee", BpmnNamespaces.G2G + "formKey", BpmnNamespaces.G2G + "due", BpmnNamespaces.G2G + "remindBefore",
        BpmnNamespaces.G2G + "remindEvery", BpmnNamespaces.G2G + "escalateAfter", BpmnNamespaces.G2G + "escalateTo",
        BpmnNamespaces.G2G + "operations", BpmnNamespaces.G2G + "sendBackTo", BpmnNamespaces.G2G + "opinion", BpmnNamespaces.G2G + "action",
        BpmnNamespaces.G2G + "collection", BpmnNamespaces.G2G + "elementVariable", BpmnNamespaces.G2G + "version",
    ];

    private static readonly string[] References = ["sourceRef", "targetRef", "attachedToRef", "default", "calledElement", "processRef"];

    private static readonly Gen<string> Text_ = Gen.Frequency(
        (6, Gen.OneOf(Hostile)),
        (2, Gen.String[Gen.Char["ab(),.'=<>-+*/[]{}:;@PTDHMWYR0123456789 审批"], 0, 30]),
        (1, Gen.String[0, 20]));

    public static Gen<BpmnMutation> Gen_ { get; } = Gen.Select(
        Gen.Frequency(
            (3, Gen.OneOf(MutationKind.RemoveElement, MutationKind.DuplicateElement, MutationKind.MoveElement,
                MutationKind.WrapInSubProcess, MutationKind.RenameElement, MutationKind.InsertSnippet)),
            (4, Gen.OneOf(MutationKind.SetAttribute, MutationKind.RemoveAttribute, MutationKind.RepointReference, MutationKind.SetText)),
            (1, Gen.OneOf(MutationKind.DeleteSlice, MutationKind.InsertText, MutationKind.DuplicateSlice, MutationKind.Truncate))),
        Gen.Int[0, int.MaxValue], Gen.Int[0, int.MaxValue], Text_,
        (kind, a, b, text) => new BpmnMutation(kind, a, b, text));

    /// <summary>A corpus file and one to four mutations, applied in order.</summary>
    public static Gen<(int Seed, BpmnMutation[] Mutations)> Case(int seeds) =>
        Gen.Select(Gen.Int[0, seeds - 1], Gen_.Array[1, 4]);

    /// <summary>Applies the mutations to a copy of <paramref name="seed"/>: tree mutations first, then text mutations of the written file.</summary>
    public static string Apply(XDocument seed, IEnumerable<BpmnMutation> mutations)
    {
        var document = new XDocument(seed);
        var textual = new List<BpmnMutation>();
        foreach (var mutation in mutations)
        {
            if (mutation.Kind >= MutationKind.DeleteSlice)
                textual.Add(mutation);
            else
                mutation.ApplyTo(document);
        }
        var xml = document.Declaration + Environment.NewLine + document.ToString(SaveOptions.DisableFormatting);
        foreach (var mutation in textual)
            xml = mutation.ApplyTo(xml);
        return xml;
    }

    private void ApplyTo(XDocument document)
    {
        var elements = document.Root!.DescendantsAndSelf().ToList();
        var target = elements[A % elements.Count];
        var other = elements[B % elements.Count];
        var value = XmlSafe(Text);
        switch (Kind)
        {
            case MutationKind.RemoveElement when target.Parent is not null:
                target.Remove();
                break;
            case MutationKind.DuplicateElement when target.Parent is not null:
                target.AddAfterSelf(new XElement(target));
                break;
            case MutationKind.MoveElement when target.Parent is not null && !other.AncestorsAndSelf().Contains(target):
                target.Remove();
                other.Add(target);
                break;
            case MutationKind.WrapInSubProcess when target.Parent is not null:
                target.ReplaceWith(new XElement(BpmnNamespaces.Model + "subProcess", new XAttribute("id", "fz-wrap-" + A % 1000), new XElement(target)));
                break;
            case MutationKind.RenameElement:
                target.Name = BpmnNamespaces.Model + Kinds[B % Kinds.Length];
                break;
            case MutationKind.InsertSnippet:
                target.Add(Snippet(Snippets[B % Snippets.Length], value));
                break;
            case MutationKind.SetAttribute:
                target.SetAttributeValue(Attributes[B % Attributes.Length], value);
                break;
            case MutationKind.RemoveAttribute when target.Attributes().Any():
                var attributes = target.Attributes().ToList();
                attributes[B % attributes.Count].Remove();
                break;
            case MutationKind.RepointReference:
                var ids = elements.Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
                if (ids.Count > 0)
                    target.SetAttributeValue(References[B % References.Length], ids[B / References.Length % ids.Count]);
                break;
            case MutationKind.SetText when !target.HasElements:
                target.Value = value;
                break;
        }
    }

    private string ApplyTo(string xml)
    {
        if (xml.Length == 0)
            return Text;
        var start = A % xml.Length;
        var length = Math.Min(B % 200 + 1, xml.Length - start);
        return Kind switch
        {
            MutationKind.DeleteSlice => xml.Remove(start, length),
            MutationKind.InsertText => xml.Insert(start, Text),
            MutationKind.DuplicateSlice => xml.Insert(start, xml.Substring(start, length)),
            MutationKind.Truncate => xml[..start],
            _ => xml,
        };
    }

    private static XElement Snippet(string template, string value)
    {
        var escaped = new XText(value).ToString().Replace("\"", "&quot;", StringComparison.Ordinal);
        var xml = $"<w xmlns:bpmn=\"{BpmnNamespaces.Model.NamespaceName}\" xmlns:g2g=\"{BpmnNamespaces.G2G.NamespaceName}\">{string.Format(System.Globalization.CultureInfo.InvariantCulture, template, escaped)}</w>";
        return XElement.Parse(xml).Elements().Single();
    }

    /// <summary>Tree mutations write through XmlWriter, which refuses characters XML cannot hold; text mutations keep them.</summary>
    private static string XmlSafe(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogatePair(text, i))
            {
                builder.Append(text, i++, 2);
            }
            else if (XmlConvert.IsXmlChar(text[i]))
            {
                builder.Append(text[i]);
            }
        }
        return builder.ToString();
    }

    public override string ToString() => $"{Kind}({A}, {B}, \"{(Text.Length > 60 ? Text[..60] + "…" : Text)}\")";
}

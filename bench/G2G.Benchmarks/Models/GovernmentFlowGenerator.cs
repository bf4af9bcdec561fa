using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using G2G.Engine.Parsing;

namespace G2G.Benchmarks.Models;

/// <summary>
/// Writes a realistic, deterministic government document flow (收文办理) of an exact number of
/// BPMN flow elements — flow nodes plus sequence flows, nested ones and boundary events included —
/// the way a modeler saves it: g2g extensions on every user task, exclusive gateways with
/// conditions and defaults, parallel 会签 splits and joins, non-interrupting reminder timers on the
/// handling steps, an archiving subprocess with an interrupting overdue timer, and diagram
/// information (BPMNDI) for every shape and edge.
/// </summary>
/// <remarks>
/// One stage is: a handling step (承办) with a reminder timer whose path urges the assignee, an
/// amount check that sends large cases to the leader (and every third stage, normative documents to
/// the legal office), then a three-department countersign. <see cref="Generate"/> puts in as many
/// stages as fit, fills what remains with linear intake steps before them (收文登记, 拟办, …), and
/// checks the count it promised.
/// </remarks>
public static class GovernmentFlowGenerator
{
    private static readonly XNamespace Bpmn = BpmnNamespaces.Model;
    private static readonly XNamespace G2G = BpmnNamespaces.G2G;
    private static readonly XNamespace Xsi = BpmnNamespaces.Xsi;
    private static readonly XNamespace BpmnDi = "http://www.omg.org/spec/BPMN/20100524/DI";
    private static readonly XNamespace Dc = "http://www.omg.org/spec/DD/20100524/DC";
    private static readonly XNamespace Di = "http://www.omg.org/spec/DD/20100524/DI";

    private static readonly string[] StageNames =
        ["科室承办", "处室审核", "业务会商", "综合协调", "分管领导审阅", "主要领导审定", "督查督办", "综合复核", "审计复核", "信息公开审查"];

    private static readonly string[] Departments = ["财务处", "法规处", "综合处", "人事处", "审计处", "信息中心"];

    private static readonly string[] IntakeNames = ["收文登记", "拟办意见", "领导批办", "分办", "秘书核对", "科长复核", "处长复核", "办公室审核", "机要登记", "文印校对"];

    /// <summary>Elements (flow nodes and sequence flows) of the standard stage.</summary>
    private const int StageSize = 26;

    /// <summary>Extra elements of a stage with the legal review branch.</summary>
    private const int LegalBranchSize = 3;

    /// <summary>Start event and its flow are counted in the stages; this is the start event itself.</summary>
    private const int HeadSize = 1;

    /// <summary>Archiving subprocess (with its contents, overdue path and end event).</summary>
    private const int TailSize = 18;

    /// <summary>The generated XML, indented, with a BPMNDI diagram.</summary>
    public static string Generate(int elements = 200)
    {
        if (elements < HeadSize + TailSize + 2)
            throw new ArgumentOutOfRangeException(nameof(elements), $"A flow needs at least {HeadSize + TailSize + 2} elements.");
        // Plan first: as many stages as fit, then linear intake steps (收文登记, 拟办, …) for the rest.
        var remaining = elements - HeadSize - TailSize;
        var stages = 0;
        while (StageSize + (HasLegalBranch(stages) ? LegalBranchSize : 0) <= remaining)
            remaining -= StageSize + (HasLegalBranch(stages++) ? LegalBranchSize : 0);
        var intake = remaining / 2;
        var oddFlow = remaining % 2 == 1;

        var builder = new Builder();
        builder.Node(Bpmn + "startEvent", "start", "收文", 150, 300);
        var last = "start";
        var x = 300;
        for (var step = 0; step < intake; step++)
        {
            var id = $"intake{step}";
            builder.Node(Bpmn + "userTask", id, IntakeNames[step % IntakeNames.Length], x, 300,
                new XAttribute(G2G + "assignee", step == 0 ? "initiator()" : step % 2 == 0 ? "position('科长')" : "position('秘书')"),
                new XAttribute(G2G + "formKey", $"receipt/intake{step}"),
                new XAttribute(G2G + "due", "1wd"),
                new XAttribute(G2G + "operations", step == 0 ? "withdraw" : "sendBack,withdraw"));
            builder.Flow(last, id);
            last = id;
            x += 150;
        }
        for (var stage = 0; stage < stages; stage++)
        {
            last = AddStage(builder, stage, last, x);
            x += 1000;
        }
        if (oddFlow && stages > 0)
        {
            // One element left: 特急件 (urgent documents) skip the leader of the first stage.
            builder.Flow("s0_route", "s0_merge", "urgent = true", "特急");
        }
        AddTail(builder, last, x);
        var document = builder.ToDocument();
        var count = builder.FlowElementCount;
        if (count != elements)
            throw new InvalidOperationException($"The generator produced {count} flow elements instead of {elements}.");
        return ToText(document);
    }

    private static bool HasLegalBranch(int stage) => stage % 3 == 1;

    /// <summary>One stage; returns the id of its last node (the countersign join).</summary>
    private static string AddStage(Builder b, int stage, string previous, int x)
    {
        var p = $"s{stage}_";
        var name = StageNames[stage % StageNames.Length];

        b.Node(Bpmn + "userTask", p + "handle", name, x, 300,
            new XAttribute(G2G + "assignee", stage % 2 == 0 ? "position('科员', initiator.department)" : "position('处长')"),
            new XAttribute(G2G + "formKey", $"receipt/stage{stage}"),
            new XAttribute(G2G + "due", stage % 2 == 0 ? "3wd" : "2wd"),
            new XAttribute(G2G + "remindBefore", "4wh"),
            new XAttribute(G2G + "escalateAfter", "1wd"),
            new XAttribute(G2G + "escalateTo", "leader()"),
            new XAttribute(G2G + "operations", "sendBack,withdraw,addSigner,transfer,delegate,urge"),
            new XAttribute(G2G + "sendBackTo", "previous,initiator"),
            new XAttribute(G2G + "opinion", "required"));
        b.Flow(previous, p + "handle");
        b.Flow(p + "handle", p + "route");

        // Reminder: a non-interrupting timer on the handling step urges the assignee.
        b.Boundary(p + "remind", "催办提醒", p + "handle", cancelActivity: false, duration: "P2D", x, 340);
        b.Node(Bpmn + "serviceTask", p + "urge", "发送催办", x, 470, new XAttribute(G2G + "action", "notify.urge"));
        b.Node(Bpmn + "endEvent", p + "urgeEnd", "已催办", x + 150, 470);
        b.Flow(p + "remind", p + "urge");
        b.Flow(p + "urge", p + "urgeEnd");

        // Route: large amounts to the leader, normative documents to the legal office, the rest straight on.
        b.Node(Bpmn + "exclusiveGateway", p + "route", "金额与类别", x + 150, 300, new XAttribute("default", p + "normal"));
        b.Flow(p + "route", p + "normal", p + "merge", null, "常规");
        b.Node(Bpmn + "userTask", p + "leader", "分管领导审批", x + 300, 170,
            new XAttribute(G2G + "assignee", "leader()"),
            new XAttribute(G2G + "formKey", "receipt/leader"),
            new XAttribute(G2G + "due", "2wd"),
            new XAttribute(G2G + "operations", "sendBack,addSigner"),
            new XAttribute(G2G + "opinion", "required"));
        b.Flow(p + "route", p + "leader", "amount > 500000", "金额超过五十万");
        b.Flow(p + "leader", p + "merge");
        if (HasLegalBranch(stage))
        {
            b.Node(Bpmn + "userTask", p + "legal", "合法性审查", x + 300, 430,
                new XAttribute(G2G + "assignee", "position('法制审核员', '法规处')"),
                new XAttribute(G2G + "formKey", "receipt/legal"),
                new XAttribute(G2G + "due", "5wd"),
                new XAttribute(G2G + "operations", "sendBack"));
            b.Flow(p + "route", p + "legal", "category = '规范性文件' and amount <= 500000", "规范性文件");
            b.Flow(p + "legal", p + "merge");
        }
        b.Node(Bpmn + "exclusiveGateway", p + "merge", null, x + 450, 300);

        // Countersign (会签) by three departments in parallel.
        b.Node(Bpmn + "parallelGateway", p + "fork", "会签", x + 550, 300);
        b.Flow(p + "merge", p + "fork");
        b.Node(Bpmn + "parallelGateway", p + "join", null, x + 850, 300);
        for (var k = 0; k < 3; k++)
        {
            var department = Departments[(stage + k) % Departments.Length];
            var id = $"{p}cs{k}";
            b.Node(Bpmn + "userTask", id, $"{department}会签", x + 700, 160 + k * 140,
                new XAttribute(G2G + "assignee", $"departmentHead('{department}')"),
                new XAttribute(G2G + "formKey", "receipt/countersign"),
                new XAttribute(G2G + "due", "3wd"),
                new XAttribute(G2G + "operations", "sendBack,copy"));
            b.Flow(p + "fork", id);
            b.Flow(id, p + "join");
        }
        return p + "join";
    }

    /// <summary>Archiving (办结归档) subprocess with an interrupting overdue timer, then the end event.</summary>
    private static void AddTail(Builder b, string previous, int x)
    {
        var sub = b.SubProcess("archive", "办结归档", x, 180, 620, 240);
        b.Node(Bpmn + "startEvent", "archive_start", null, x + 40, 300, parent: sub);
        b.Node(Bpmn + "userTask", "archive_register", "归档登记", x + 150, 300, parent: sub,
            attributes: [new XAttribute(G2G + "assignee", "position('档案员')"), new XAttribute(G2G + "formKey", "archive/register"), new XAttribute(G2G + "due", "2wd")]);
        b.Node(Bpmn + "serviceTask", "archive_number", "生成档号", x + 300, 300, parent: sub,
            attributes: [new XAttribute(G2G + "action", "document.assignNumber")]);
        b.Node(Bpmn + "userTask", "archive_check", "归档复核", x + 450, 300, parent: sub,
            attributes: [new XAttribute(G2G + "assignee", "departmentHead('办公室')"), new XAttribute(G2G + "formKey", "archive/check"), new XAttribute(G2G + "operations", "sendBack")]);
        b.Node(Bpmn + "endEvent", "archive_end", null, x + 570, 300, parent: sub);
        b.Flow("archive_start", "archive_register", parent: sub);
        b.Flow("archive_register", "archive_number", parent: sub);
        b.Flow("archive_number", "archive_check", parent: sub);
        b.Flow("archive_check", "archive_end", parent: sub);
        b.Flow(previous, "archive");

        b.Boundary("archive_overdue", "归档超期", "archive", cancelActivity: true, duration: "P10D", x + 300, 420);
        b.Node(Bpmn + "userTask", "overdue_handle", "超期处理", x + 300, 520,
            new XAttribute(G2G + "assignee", "departmentHead('办公室')"), new XAttribute(G2G + "formKey", "archive/overdue"));
        b.Node(Bpmn + "endEvent", "overdue_end", "超期办结", x + 450, 520);
        b.Flow("archive_overdue", "overdue_handle");
        b.Flow("overdue_handle", "overdue_end");

        b.Node(Bpmn + "endEvent", "end", "办结", x + 700, 300);
        b.Flow("archive", "end");
    }

    private static string ToText(XDocument document)
    {
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, settings))
            document.Save(writer);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Collects process elements and their diagram shapes and edges.</summary>
    private sealed class Builder
    {
        private readonly XElement _process;
        private readonly XElement _plane;
        private readonly Dictionary<string, (int X, int Y, int W, int H)> _bounds = new(StringComparer.Ordinal);
        private readonly List<(string Id, string Source, string Target)> _edges = [];
        private int _flowIds;

        public Builder()
        {
            _process = new XElement(Bpmn + "process", new XAttribute("id", "receipt200"), new XAttribute("name", "收文办理（基准）"), new XAttribute("isExecutable", "true"));
            _plane = new XElement(BpmnDi + "BPMNPlane", new XAttribute("id", "receipt200_plane"), new XAttribute("bpmnElement", "receipt200"));
        }

        public int FlowElementCount { get; private set; }

        public XElement Node(XName kind, string id, string? name, int centerX, int centerY, params XAttribute[] attributes) =>
            Node(kind, id, name, centerX, centerY, null, attributes);

        public XElement Node(XName kind, string id, string? name, int centerX, int centerY, XElement? parent, params XAttribute[] attributes)
        {
            var element = new XElement(kind, new XAttribute("id", id));
            if (name is not null)
                element.Add(new XAttribute("name", name));
            element.Add(attributes);
            (parent ?? _process).Add(element);
            var (w, h) = kind.LocalName switch
            {
                "startEvent" or "endEvent" or "boundaryEvent" => (36, 36),
                "exclusiveGateway" or "parallelGateway" => (50, 50),
                _ => (100, 80),
            };
            Shape(id, centerX - w / 2, centerY - h / 2, w, h, kind.LocalName == "exclusiveGateway");
            FlowElementCount++;
            return element;
        }

        public XElement SubProcess(string id, string name, int x, int y, int w, int h)
        {
            var element = new XElement(Bpmn + "subProcess", new XAttribute("id", id), new XAttribute("name", name));
            _process.Add(element);
            Shape(id, x, y, w, h, expanded: true);
            FlowElementCount++;
            return element;
        }

        public void Boundary(string id, string name, string attachedTo, bool cancelActivity, string duration, int centerX, int centerY)
        {
            var element = Node(Bpmn + "boundaryEvent", id, name, centerX, centerY,
                new XAttribute("attachedToRef", attachedTo), new XAttribute("cancelActivity", cancelActivity ? "true" : "false"));
            element.Add(new XElement(Bpmn + "timerEventDefinition", new XAttribute("id", id + "_timer"),
                new XElement(Bpmn + "timeDuration", new XAttribute(Xsi + "type", "bpmn:tFormalExpression"), duration)));
        }

        public void Flow(string source, string target, XElement? parent = null) =>
            Flow(source, $"flow{++_flowIds}", target, null, null, parent);

        public void Flow(string source, string target, string? condition, string? name) =>
            Flow(source, $"flow{++_flowIds}", target, condition, name, null);

        public void Flow(string source, string id, string target, string? condition, string? name, XElement? parent = null)
        {
            var flow = new XElement(Bpmn + "sequenceFlow", new XAttribute("id", id));
            if (name is not null)
                flow.Add(new XAttribute("name", name));
            flow.Add(new XAttribute("sourceRef", source), new XAttribute("targetRef", target));
            if (condition is not null)
                flow.Add(new XElement(Bpmn + "conditionExpression", new XAttribute(Xsi + "type", "bpmn:tFormalExpression"), condition));
            (parent ?? _process).Add(flow);
            _edges.Add((id, source, target)); // drawn at the end: the target may not be placed yet
            FlowElementCount++;
        }

        private void Shape(string id, int x, int y, int w, int h, bool marker = false, bool expanded = false)
        {
            _bounds[id] = (x, y, w, h);
            var shape = new XElement(BpmnDi + "BPMNShape", new XAttribute("id", id + "_di"), new XAttribute("bpmnElement", id));
            if (marker)
                shape.Add(new XAttribute("isMarkerVisible", "true"));
            if (expanded)
                shape.Add(new XAttribute("isExpanded", "true"));
            shape.Add(new XElement(Dc + "Bounds", new XAttribute("x", I(x)), new XAttribute("y", I(y)), new XAttribute("width", I(w)), new XAttribute("height", I(h))));
            _plane.Add(shape);
        }

        private static XElement Waypoint(int x, int y) => new(Di + "waypoint", new XAttribute("x", I(x)), new XAttribute("y", I(y)));

        private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

        public XDocument ToDocument()
        {
            foreach (var (id, source, target) in _edges)
            {
                var (sx, sy, sw, sh) = _bounds[source];
                var (tx, ty, _, th) = _bounds[target];
                _plane.Add(new XElement(BpmnDi + "BPMNEdge", new XAttribute("id", id + "_di"), new XAttribute("bpmnElement", id),
                    Waypoint(sx + sw, sy + sh / 2), Waypoint(tx, ty + th / 2)));
            }
            var definitions = new XElement(Bpmn + "definitions",
                new XAttribute(XNamespace.Xmlns + "bpmn", Bpmn.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "bpmndi", BpmnDi.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "dc", Dc.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "di", Di.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "xsi", Xsi.NamespaceName),
                new XAttribute(XNamespace.Xmlns + "g2g", G2G.NamespaceName),
                new XAttribute("id", "receipt200Definitions"),
                new XAttribute("targetNamespace", "urn:g2g:bench"),
                new XAttribute("exporter", "G2G.Benchmarks generator"),
                new XComment(" Generated by bench/G2G.Benchmarks (GovernmentFlowGenerator); regenerate with the write-models switch (docs/benchmarks.md). "),
                _process,
                new XElement(BpmnDi + "BPMNDiagram", new XAttribute("id", "receipt200_diagram"), _plane));
            return new XDocument(new XDeclaration("1.0", "UTF-8", null), definitions);
        }
    }
}

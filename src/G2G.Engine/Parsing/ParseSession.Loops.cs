using System.Globalization;
using System.Xml.Linq;
using G2G.Engine.Model.Activities;
using G2G.Engine.Validation;

namespace G2G.Engine.Parsing;

internal sealed partial class ParseSession
{
    private StandardLoop? ReadStandardLoop(XElement xml, Activity activity)
    {
        if (xml.Element(BpmnNamespaces.Model + "standardLoopCharacteristics") is not { } loop)
            return null;
        if (activity.MultiInstance is not null)
        {
            Error("bpmn.loop-conflict", xml, DiagnosticTexts.LoopConflict(activity.Id));
            return null;
        }
        var written = loop.Element(BpmnNamespaces.Model + "loopCondition");
        var condition = written is null ? null : ReadExpression(written, xml, DiagnosticTexts.LoopCondition());
        int? maximum = null;
        if ((string?)loop.Attribute("loopMaximum") is { } text)
        {
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var max))
                maximum = max;
            else
                Error("bpmn.loop-invalid", xml, DiagnosticTexts.LoopMaximumInvalid(activity.Id, text));
        }
        if (condition is null && maximum is null)
        {
            if (string.IsNullOrWhiteSpace(written?.Value)) // an unreadable condition is reported already
                Error("bpmn.loop-unbounded", xml, DiagnosticTexts.LoopUnbounded(activity.Id));
            return null;
        }
        return new StandardLoop(condition, Flag(loop, "testBefore", false, xml), maximum);
    }
}

using System.Xml.Linq;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Extensions;
using G2G.Engine.Time;
using G2G.Engine.Validation;

namespace G2G.Engine.Parsing;

internal sealed partial class ParseSession
{
    private static readonly Dictionary<string, TaskOperations> OperationNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sendBack"] = TaskOperations.SendBack,
        ["withdraw"] = TaskOperations.Withdraw,
        ["addSigner"] = TaskOperations.AddSigner,
        ["transfer"] = TaskOperations.Transfer,
        ["delegate"] = TaskOperations.Delegate,
        ["copy"] = TaskOperations.Copy,
        ["urge"] = TaskOperations.Urge,
    };

    /// <summary>Reads the g2g:* attributes of a user task (docs/bpmn-extensions.md).</summary>
    private HumanTaskSettings ReadHumanTaskSettings(XElement xml) => new()
    {
        Assignment = ReadRule(xml, "assignee"),
        FormKey = G2GAttribute(xml, "formKey"),
        Due = ReadDeadline(xml, "due"),
        DueExpression = ReadDeadlineExpression(xml, "due"),
        RemindBefore = ReadDeadline(xml, "remindBefore"),
        RemindBeforeExpression = ReadDeadlineExpression(xml, "remindBefore"),
        RemindEvery = ReadDeadline(xml, "remindEvery"),
        EscalateAfter = ReadDeadline(xml, "escalateAfter"),
        EscalateTo = ReadRule(xml, "escalateTo"),
        Operations = ReadOperations(xml),
        SendBackTargets = ReadList(G2GAttribute(xml, "sendBackTo")),
        Opinion = ReadOpinion(xml),
    };

    private AssignmentRule? ReadRule(XElement xml, string attribute)
    {
        if (G2GAttribute(xml, attribute) is not { } text)
            return null;
        if (AssignmentRuleParser.TryParse(text, out var rule, out var error))
            return rule;
        Error("extension.invalid", xml, DiagnosticTexts.InvalidRule(attribute, text, error));
        return null;
    }

    private DeadlineSpec? ReadDeadline(XElement xml, string attribute)
    {
        if (G2GAttribute(xml, attribute) is not { } text || IsWrappedExpression(text))
            return null;
        try
        {
            return DeadlineSpec.Parse(text);
        }
        catch (FormatException e)
        {
            Error("extension.invalid", xml, DiagnosticTexts.InvalidDuration(attribute, text, e.Message));
            return null;
        }
    }

    /// <summary><c>g2g:due</c> and <c>g2g:remindBefore</c> may be an expression in <c>${…}</c>, evaluated when the task is created.</summary>
    private Expression? ReadDeadlineExpression(XElement xml, string attribute) =>
        G2GAttribute(xml, attribute) is { } text && IsWrappedExpression(text) ? ParseExpressionText(text, xml, $"g2g:{attribute}") : null;

    private static bool IsWrappedExpression(string text) => text.TrimStart().StartsWith("${", StringComparison.Ordinal);

    private TaskOperations ReadOperations(XElement xml)
    {
        var operations = TaskOperations.None;
        foreach (var name in ReadList(G2GAttribute(xml, "operations")))
        {
            if (OperationNames.TryGetValue(name, out var operation))
                operations |= operation;
            else
                Error("extension.invalid", xml, DiagnosticTexts.UnknownOperation(name, string.Join(", ", OperationNames.Keys)));
        }
        return operations;
    }

    private OpinionPolicy ReadOpinion(XElement xml)
    {
        var text = G2GAttribute(xml, "opinion");
        if (text is null)
            return OpinionPolicy.Optional;
        if (Enum.TryParse<OpinionPolicy>(text, ignoreCase: true, out var policy) && Enum.IsDefined(policy))
            return policy;
        Error("extension.invalid", xml, DiagnosticTexts.InvalidOpinion(text));
        return OpinionPolicy.Optional;
    }

    private static List<string> ReadList(string? text) =>
        text is null ? [] : [.. text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}

using G2G.Engine.Model.Extensions;
using G2G.Engine.Parsing;

namespace G2G.Engine.Tests.Parsing;

/// <summary><c>g2g:initiatorMayRevoke</c> on a process: whether its initiator may revoke (撤销) their own request.</summary>
public class InitiatorRevokeParsingTests
{
    private static string WithSetting(string attribute) =>
        Bpmn.Around("<bpmn:task id=\"x\" />").Replace("<bpmn:process id=\"p\" isExecutable=\"true\">",
            $"<bpmn:process id=\"p\" isExecutable=\"true\" {attribute}>", StringComparison.Ordinal);

    [Theory]
    [InlineData("", InitiatorRevoke.UntilActed)]
    [InlineData("g2g:initiatorMayRevoke=\"untilActed\"", InitiatorRevoke.UntilActed)]
    [InlineData("g2g:initiatorMayRevoke=\" always \"", InitiatorRevoke.Always)]
    [InlineData("g2g:initiatorMayRevoke=\"never\"", InitiatorRevoke.Never)]
    [InlineData("g2g:initiatorMayRevoke=\"Never\"", InitiatorRevoke.Never)]
    public void TheSetting_IsRead_UntilActedWhenAbsent(string attribute, InitiatorRevoke expected)
    {
        var document = BpmnParser.Parse(WithSetting(attribute));

        Assert.Empty(document.Diagnostics);
        Assert.Equal(expected, Assert.Single(document.Processes).InitiatorMayRevoke);
    }

    [Theory]
    [InlineData("sometimes")]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("true")]
    public void AnotherValue_IsAnErrorNamingTheValuesAllowed(string value)
    {
        var document = BpmnParser.Parse(WithSetting($"g2g:initiatorMayRevoke=\"{value}\""));

        var error = Assert.Single(document.Diagnostics, d => d.Code == "extension.invalid");
        Assert.Equal("p", error.ElementId);
        Assert.Equal($"g2g:initiatorMayRevoke must be one of never, untilActed, always, not '{value}'.", error.Message);
    }
}
